"""The ``mergeready history`` command: its options, the walk, the report or the shard file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from mergeready.checks.errors import MergereadyError
from mergeready.checks.git import toplevel
from mergeready.checks.span import default_branch_name
from mergeready.hooks import arguments
from mergeready.hooks.check_command import cache_dir
from mergeready.hooks.formats import history_html, history_text
from mergeready.hooks.formats.escape import json_text
from mergeready.hooks.output import EXIT_PASS, emit, write


def add_parser(sub: Any) -> None:
    """Add ``history`` and its options.

    Args:
        sub: The subparsers of the ``mergeready`` parser.
    """
    h = sub.add_parser("history", help="how past contributions measure up, per type, over time")
    arguments.add_range(h, "the default branch")
    h.add_argument(
        "--first-parent",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="follow first parents only, one contribution per merge (default)",
    )
    h.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes to use (default: the number of cores)",
    )
    h.add_argument(
        "--format",
        default="text",
        choices=arguments.HISTORY_FORMATS,
        help="jsonl: a shard file (one record per contribution, then a manifest line) written "
        "to --output; a rerun keeps what is done",
    )
    h.add_argument("--output", help="write the report to this file")
    h.add_argument(
        "--cache",
        "--cache-dir",
        dest="cache_dir",
        help="keep per-commit results here (default "
        "$MERGEREADY_CACHE_DIR, else ~/.cache/mergeready); a rerun resumes",
    )
    h.add_argument("--no-cache", action="store_true", help="keep no results")
    h.add_argument("--quiet", action="store_true", help="no progress bar on a terminal")
    h.add_argument("--config", help="rules file in the repository (read from each parent)")
    h.add_argument("--profile", help="shipped profile to use instead of the configured one")
    h.add_argument("--repo", default=".", help="the repository (default: current directory)")


def run(args: argparse.Namespace) -> int:
    """Walk the merged history and report how past contributions measure up, per type.

    Args:
        args: The parsed ``history`` options.

    Returns:
        0; errors raise.

    Raises:
        MergereadyError: ``--jobs`` or ``--last`` below 1, or ``--format jsonl`` without
            ``--output`` or with ``--no-first-parent``.
    """
    # start-up: the engine, the rules and YAML load when the command runs, not for --version
    from mergeready.hooks import history, progress
    from mergeready.hooks.history_summary import summarize

    last = _last(args)
    root = toplevel(Path(args.repo))
    directory = None if args.no_cache else str(cache_dir(args))
    if args.format == "jsonl":
        return _shard(args, root, last, directory)
    said: list[str] = []
    todo = history.commits(root, args.range, args.since, last, args.first_parent, said)
    settings = history.Settings(str(root), args.config, args.profile, directory)
    bar = progress.start(os.environ, args.quiet)
    try:
        entries = history.run(settings, todo, args.jobs, bar)
    finally:
        if bar is not None:
            bar.close()

    described = _walked(args, root, last)
    # start-up: the engine, the rules and YAML load when the command runs, not for --version
    from mergeready.hooks.history_context import context

    where = context(root, todo[0].sha, args.config, args.profile) if todo else {}
    walked = f"{described}, {'first-parent' * args.first_parent or 'all'}"
    summary = summarize(entries, "; ".join([walked, *said]), where)
    _report(summary, args, root)
    return EXIT_PASS


def _last(args: argparse.Namespace) -> int | None:
    """How many commits history reads: ``--last``, else all in a range or since a date, else 100."""
    if args.jobs < 1 or (args.last is not None and args.last < 1):
        raise MergereadyError("--jobs and --last take a whole number of at least 1")
    last: int | None = args.last if args.last or args.range or args.since else 100
    return last


def _walked(args: argparse.Namespace, root: Path, last: int | None) -> str:
    """Say which commits history walked: the range, or the default branch since or last N."""
    walked = default_branch_name(root) or "HEAD"
    return args.range or (
        f"{walked}, since {args.since}" if args.since else f"{walked}, last {last}"
    )


def _report(summary: Any, args: argparse.Namespace, root: Path) -> None:
    """Print history's report, or write it to ``--output`` and print the text summary."""
    text = history_text.render(summary)
    report = {
        "text": text,
        "json": json_text(summary),  # subjects are contributed: no raw control or log command
        "html": history_html.render(summary) if args.format == "html" else "",
    }
    if args.output:
        write(args.output, report[args.format], root)
        emit(text + f"report written to {args.output}\n")
    else:
        emit(report[args.format])


def _shard(args: argparse.Namespace, root: Path, last: int | None, cache: str | None) -> int:
    # start-up: the engine, the rules and YAML load when the command runs, not for --version
    from mergeready.hooks import org, progress

    if not args.output:
        raise MergereadyError("--format jsonl writes a shard file: name it with --output FILE")
    if not args.first_parent:
        raise MergereadyError("--format jsonl walks first parents only; drop --no-first-parent")
    walk = org.Walk(args.range, args.since, last, args.profile, args.config, cache, args.jobs)
    bar = progress.start(os.environ, args.quiet)
    try:
        done = org.run_shard(root, org.repository_name(root), Path(args.output), walk, bar)
    finally:
        if bar is not None:
            bar.close()
    emit(
        f"{args.output}: {done['contributions']} contributions ({done['evaluated']} checked, "
        f"{done['reused']} kept from the last run)\n"
    )
    return EXIT_PASS
