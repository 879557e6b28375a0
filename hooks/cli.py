"""The ``mergeready`` command: ``check``, ``issue``, ``rules`` and ``--version``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.git import toplevel
from mergeready.checks.model import Result, plural
from mergeready.checks.registry import select
from mergeready.checks.span import default_branch_name
from mergeready.hooks import (
    __version__,
    arguments,
    audit,
    baseline,
    dictionaries,
    fix,
    github,
    issue,
    org_command,
)
from mergeready.hooks.formats import NAMES, history_html, history_text, renderer
from mergeready.hooks.formats.escape import json_text, visible
from mergeready.hooks.formats.wording import describe
from mergeready.hooks.output import EXIT_ERROR, EXIT_FAIL, EXIT_PASS, emit, silence_stdout, write
from mergeready.hooks.rules_command import rules


def _parser() -> argparse.ArgumentParser:

    p = arguments.Parser(prog="mergeready", description="Is this contribution ready to merge?")
    p.add_argument("--version", action="version", version=f"mergeready {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=arguments.Parser)
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
    _history_parser(sub)
    issue.add_parser(sub)

    fix.add_parser(sub)
    baseline.add_parser(sub)
    org_command.add_parser(sub)
    r = sub.add_parser("rules", help="print the effective policy and where each value came from")
    r.add_argument("--config", help="rules file in the repository")
    r.add_argument("--profile", help="shipped profile to use instead of the configured one")
    r.add_argument("--base", help="read the configuration from this revision")
    r.add_argument("--repo", default=".", help="the repository (default: current directory)")
    return p


def _history_parser(sub: Any) -> None:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        0 when every required check passed, 1 when one failed, 2 on a usage, configuration
        or repository error.
    """
    command = None
    try:
        args = _parser().parse_args(argv)
        command = args.command
        dictionaries.install(os.environ)
        commands: dict[str, Callable[[argparse.Namespace], int]] = {
            "check": _check,
            "rules": rules,
            "history": _history,
            "issue": _issue,
            "fix": fix.run,
            "baseline": baseline.run,
            "org": org_command.run,
        }
        if args.command in commands:
            return commands[args.command](args)
        _parser().print_help()
        return EXIT_ERROR
    except MergereadyError as exc:
        print(f"mergeready: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # a write that ``emit`` did not make; the result is unknown
        silence_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        resume = "; run it again to resume from the cache" if command == "history" else ""
        print(f"mergeready: interrupted{resume}", file=sys.stderr)
        return 130
    except Exception as exc:  # a crash is exit 2, never a pass nor a check failure
        if os.environ.get("MERGEREADY_DEBUG"):
            raise

        print(
            f"mergeready: internal error: {type(exc).__name__}: {visible(str(exc))[:500]}; "
            "please report it (MERGEREADY_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _one_line(message: str) -> str:
    """Keep an error on one line: control characters (a newline in a ref or path) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def _check(args: argparse.Namespace) -> int:
    # start-up: the engine, the rules and YAML load when the command runs, not for --version
    from mergeready.hooks import notes, progress
    from mergeready.hooks.cache import Cache, evaluate_cached

    contribution = arguments.contribution(args)
    try:
        notes.refuse_silent_ready(contribution, args, os.environ)
        only = select(args.only)
        if args.paths:
            contribution = _restrict(contribution, args.paths, args.repo)
        cache = None if args.no_cache else Cache.open(_cache_dir(args), os.environ)
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


def _repository_root(path: Path) -> Path | None:
    """The work tree an issue is judged in, whose links and ``.git`` a write must avoid."""
    try:
        return toplevel(path)
    except MergereadyError:
        return None  # a reporter's draft outside any repository


def _issue(args: argparse.Namespace) -> int:
    result = issue.evaluate(args)
    if result is None:  # an issues event whose action is not judged (labeled, closed …)
        return EXIT_PASS
    report = renderer(args.format)(result)
    root = _repository_root(Path(args.repo))
    if args.output:
        write(args.output, report, root)
        report = renderer("text")(result)
    emit(report)
    if github.in_actions(os.environ):
        github.publish(result, os.environ, root)
    return EXIT_PASS if result.passed or args.exit_zero else EXIT_FAIL


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


def _cache_dir(args: argparse.Namespace) -> Path:
    # start-up: the engine, the rules and YAML load when the command runs, not for --version
    from mergeready.hooks.cache import default_dir

    return Path(args.cache_dir) if args.cache_dir else default_dir(os.environ)


def _restrict(contribution: Contribution, paths: Sequence[str], repo: str) -> Contribution:
    from dataclasses import replace

    root = contribution.root.resolve()
    wanted = {_in_repository(root, Path(repo) / p): p for p in paths}
    files = tuple(f for f in contribution.files if f.path in wanted)
    if not files and contribution.files:  # a mistyped path must not check nothing and pass
        listed = ", ".join(visible(p) for p in list(paths)[:3]) + (" …" if len(paths) > 3 else "")
        raise MergereadyError(
            f"none of the paths given ({listed}) is part of the contribution "
            f"({contribution_range(contribution)}); drop them to check the whole contribution "
            f"({plural(len(contribution.files), 'changed file')})"
        )
    for path in sorted(set(wanted) - {f.path for f in files}):
        print(
            f"mergeready: warning: {visible(wanted[path])} is not part of the contribution "
            f"({contribution_range(contribution)}); it is not checked",
            file=sys.stderr,
        )
    return replace(contribution, selected=files)


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


def _history(args: argparse.Namespace) -> int:
    # start-up: the engine, the rules and YAML load when the command runs, not for --version
    from mergeready.hooks import history, progress
    from mergeready.hooks.history_summary import summarize

    last = _last(args)
    root = toplevel(Path(args.repo))
    directory = None if args.no_cache else str(_cache_dir(args))
    if args.format == "jsonl":
        return _shard(args, root, last, directory)
    todo = history.commits(root, args.range, args.since, last, args.first_parent)
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
    summary = summarize(
        entries, f"{described}, {'first-parent' * args.first_parent or 'all'}", where
    )
    _history_report(summary, args, root)
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


def _history_report(summary: Any, args: argparse.Namespace, root: Path) -> None:
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
