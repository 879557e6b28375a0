"""The ``mergeready check`` command: its options, the run through the cache, the report."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Result, plural
from mergeready.checks.registry import select
from mergeready.hooks import arguments, audit, github
from mergeready.hooks.formats import NAMES, renderer
from mergeready.hooks.formats.escape import visible
from mergeready.hooks.formats.wording import describe
from mergeready.hooks.output import EXIT_FAIL, EXIT_PASS, emit, write


def add_parser(sub: Any) -> None:
    """Add ``check`` and its options.

    Args:
        sub: The subparsers of the ``mergeready`` parser.
    """
    c = sub.add_parser(
        "check",
        help="check a contribution (the default branch's merge-base to HEAD unless told otherwise)",
    )
    arguments.add_revisions(
        c,
        base="base revision (default: merge-base with origin/HEAD, main or master)",
        head="head revision (default: HEAD); need not be checked out",
        staged="check the index against HEAD",
    )
    c.add_argument(
        "--all",
        action="store_true",
        dest="all_files",
        help="treat every tracked file as added (whole-tree audit)",
    )
    arguments.add_pull_request(c)
    arguments.add_policy(
        c,
        only="run only these checks (comma-separated ids)",
        config="rules file in the repository (read from the base)",
    )
    c.add_argument("--format", default="text", choices=NAMES, help="report format")
    c.add_argument(
        "--output", help="write the report to this file; a summary still goes to the terminal"
    )
    arguments.add_repo(c)
    c.add_argument(
        "--exit-zero", action="store_true", help="report, but exit 0 even when a check fails"
    )
    c.add_argument(
        "--color",
        "--colour",
        choices=arguments.COLOR_CHOICES,
        default="auto",
        help="colour the text report (auto: on a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR or CLICOLOR_FORCE force it)",
    )
    arguments.add_max_file_size(c)
    c.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    c.add_argument(
        "--quiet", action="store_true", help="no progress bar on a terminal (long runs draw one)"
    )
    c.add_argument(
        "--cache-dir",
        "--cache",
        dest="cache_dir",
        help="where the result cache lives (default "
        "$MERGEREADY_CACHE_DIR, else ~/.cache/mergeready)",
    )
    c.add_argument("paths", nargs="*", metavar="PATH", help="check only these files")

    audit.add_options(c)


def run(args: argparse.Namespace) -> int:
    """Check a contribution and report.

    Args:
        args: The parsed ``check`` options.

    Returns:
        0 when every required check passed (or ``--exit-zero``), 1 when one failed.
    """
    # start-up: the engine, the rules and YAML load when the command runs, not for --version
    from mergeready.hooks import notes, progress
    from mergeready.hooks.cache import Cache
    from mergeready.hooks.evaluation import evaluate_cached

    contribution = arguments.contribution(args)
    try:
        notes.refuse_silent_ready(contribution, args, os.environ)
        only = select(args.only)
        if args.paths:
            contribution = _restrict(contribution, args.paths, args.repo)
        cache = None if args.no_cache else Cache.open(cache_dir(args), os.environ)
        bar = progress.start(os.environ, args.quiet)
        try:
            result = evaluate_cached(
                contribution,
                cache,
                config=args.config,
                profile=args.profile,
                only=only,
                extra=f"{args.max_file_size}",
                progress=bar,
            )
        finally:
            if bar is not None:
                bar.close()
        measured = audit.measure(contribution, args)

        for line in [
            *notes.notes(contribution, args.head, args.base),
            *notes.unread_configuration(contribution, args.config),
        ]:
            print(f"mergeready: {visible(line)}", file=sys.stderr)  # file names are contributed
    finally:
        contribution.close()
    covered = _report(result, args, measured, contribution.root)
    return EXIT_PASS if (result.passed and covered) or args.exit_zero else EXIT_FAIL


def _report(result: Result, args: argparse.Namespace, measured: Any, root: Path) -> bool:
    """Write the report (and the step summary in Actions); say whether coverage is enough."""
    color = colour(args.color, os.environ, sys.stdout.isatty())
    uncapped = {"collapse_over": None} if args.no_cap else {}
    text = renderer("text")
    if args.format == "text":
        report = text(result, color=color and args.output is None, **uncapped)
    else:
        report = renderer(args.format)(result, color=color and args.output is None)
    if args.output:
        write(args.output, report, root)
        report = text(result, color=color, **uncapped)
    emit(audit.report(result, args, color) or report)
    covered = True
    if measured is not None:
        line, covered = audit.coverage_line(measured, args.fail_under)
        print(line)
    if github.in_actions(os.environ):
        github.publish(result, os.environ, root)
    return covered


def colour(choice: arguments.ColorChoice, environ: Mapping[str, str], terminal: bool) -> bool:
    """Decide whether to colour the text report.

    Args:
        choice: ``--color``: ``always``, ``never`` or ``auto``.
        environ: The environment (``NO_COLOR``, ``FORCE_COLOR``, ``CLICOLOR_FORCE``).
        terminal: Whether standard output is a terminal.

    Returns:
        ``always`` and ``never`` as said; under ``auto``, a non-empty ``NO_COLOR`` turns colour
        off, then ``FORCE_COLOR`` or ``CLICOLOR_FORCE`` (not empty or ``0``) turn it on, else
        colour only on a terminal.
    """
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if any(environ.get(k, "0") not in ("", "0") for k in ("FORCE_COLOR", "CLICOLOR_FORCE")):
        return True
    return terminal


def cache_dir(args: argparse.Namespace) -> Path:
    """Say where the result cache lives.

    Args:
        args: The parsed options (``--cache-dir``).

    Returns:
        ``--cache-dir``, else ``$MERGEREADY_CACHE_DIR``, else ``~/.cache/mergeready``.
    """
    # start-up: the cache's store (hmac) loads when a command reads it, not with the parser
    from mergeready.hooks.cache import default_dir

    return Path(args.cache_dir) if args.cache_dir else default_dir(os.environ)


def _restrict(contribution: Contribution, paths: Sequence[str], repo: str) -> Contribution:
    from dataclasses import replace

    root = contribution.root.resolve()
    wanted = {_in_repository(root, Path(repo) / p): p for p in paths}
    files = tuple(f for f in contribution.files if _covers(wanted, f.path))
    if not files and contribution.files:  # a mistyped path must not check nothing and pass
        listed = ", ".join(visible(p) for p in list(paths)[:3]) + (" …" if len(paths) > 3 else "")
        raise MergereadyError(
            f"none of the paths given ({listed}) is part of the contribution "
            f"({contribution_range(contribution)}); drop them to check the whole contribution "
            f"({plural(len(contribution.files), 'changed file')})"
        )
    for path in _unmatched(wanted, files):
        print(
            f"mergeready: warning: {visible(wanted[path])} is not part of the contribution "
            f"({contribution_range(contribution)}); it is not checked",
            file=sys.stderr,
        )
    return replace(contribution, selected=files)


def _covers(given: Collection[str], path: str) -> bool:
    """True when a file is one of the paths given, or lies in a folder given (``.`` is all)."""
    return path in given or any(
        folder in (".", "") or path.startswith(folder.rstrip("/") + "/") for folder in given
    )


def _unmatched(given: Collection[str], files: Sequence[ChangedFile]) -> list[str]:
    """The paths given that name no changed file, in order."""
    return sorted(p for p in given if not any(_covers((p,), f.path) for f in files))


def _in_repository(root: Path, path: Path) -> str:
    """A path given on the command line, as the repository's relative path."""
    full = path.absolute()
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(full, root)).as_posix()


def contribution_range(contribution: Contribution) -> str:
    """Say what a contribution compares, for messages.

    Args:
        contribution: The contribution.

    Returns:
        For example ``3f2a1b0c..9e8d7c6b (2 commits)``.
    """
    return describe(contribution.span)
