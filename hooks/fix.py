"""``mergeready fix``: write what ``check`` found missing, for the same range, locally only.

It runs the checks exactly as ``check`` would (same range, configuration and options), asks
``checks.post.fixes`` for the edits, and writes them into the work tree, printing a unified diff of
each; ``--diff`` only prints it. A file whose work-tree text is not the text the checks read
(uncommitted changes to it outside ``--staged``) is left alone with a warning, and a file
already holding the fix is not touched, so running it twice changes nothing. It refuses to
write in CI (any of ``ci_vendors.CI_VARIABLES``: ``CI``, Jenkins, Azure Pipelines, TeamCity,
CodeBuild, Buildkite, …) unless ``--force``: a CI job that rewrites the tree it is judging
would judge its own edits. What it cannot fix (a missing test, a missing docstring, a
misspelling with several corrections) is said, one line each, with why. Exit status: 0 nothing
to change and nothing left that fails ``check``; 1 files changed (or, with ``--diff``, would
change) — as pre-commit's fixers do — or errors left that ``check`` still fails on; 2 an error
or a file refused.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path
from typing import Any

from mergeready.checks.contribution import DEFAULT_MAX_FILE_SIZE
from mergeready.checks.errors import MergereadyError
from mergeready.checks.registry import select
from mergeready.hooks import arguments, github
from mergeready.hooks.formats.escape import visible


def add_parser(sub: Any) -> None:
    """Add the ``fix`` subcommand and its options.

    Args:
        sub: The subparsers of the ``mergeready`` parser.
    """
    f = sub.add_parser(
        "fix",
        help="write the missing changelog entry, docstring entries and "
        "unambiguous spelling fixes that check finds (locally, never in CI)",
    )
    arguments.add_revisions(
        f,
        base="base revision (default: as check)",
        head="head revision (default: HEAD)",
        staged="fix what check --staged finds",
    )
    arguments.add_pull_request(f, title="the pull request title (the changelog entry's text)")
    f.add_argument("--pr", help="the pull request number (names a towncrier fragment)")
    arguments.add_policy(
        f,
        only="fix only what these checks found (comma-separated ids)",
        config="rules file in the repository (read from the base)",
    )
    arguments.add_repo(f)
    f.add_argument("--diff", action="store_true", help="only print the diff; write nothing")
    f.add_argument("--force", action="store_true", help="write even in CI")
    f.set_defaults(all_files=False, max_file_size=DEFAULT_MAX_FILE_SIZE)


def run(args: argparse.Namespace) -> int:
    """Run ``mergeready fix``.

    Args:
        args: The parsed arguments.

    Returns:
        0 when nothing needed changing and nothing is left that fails ``check``, 1 when files
        were changed (or would be, with ``--diff``) or errors are left that fix cannot answer,
        2 when a file was refused (a link on its path, ``.git``).

    Raises:
        MergereadyError: In CI without ``--force``, or when the repository cannot be used.
    """
    # start-up: the parser imports this module on every run; the engine loads only here
    from mergeready.checks.post.fixes import edits
    from mergeready.hooks.evaluation import evaluate_cached
    from mergeready.hooks.notes import in_ci
    from mergeready.rules.loader import load_policy

    ci = in_ci(os.environ)
    if ci and not (args.force or args.diff):
        raise MergereadyError(
            f"fix writes into the work tree and does not run in CI ({ci}); "
            "run it locally, use --diff to only show the changes, or pass --force"
        )
    contribution = arguments.contribution(args)
    try:
        only = select(args.only)
        result = evaluate_cached(
            contribution, None, config=args.config, profile=args.profile, only=only
        )
        policy = load_policy(
            contribution.config_text,
            config=args.config,
            profile=args.profile,
            where=contribution.config_source,
        )
        typed = contribution.with_types(t.type for t in result.types)
        fixes = edits(typed, result, dict(policy.options), _number(args, contribution))
    finally:
        contribution.close()
    applied = [_apply(contribution.root, e.path, e.before, e.after, args.diff) for e in fixes.edits]
    changed = applied.count(1)
    _say(fixes, changed, args.diff)
    if -1 in applied:
        return 2  # a file was refused: said above, one line each
    return 1 if changed or fixes.unfixed else 0


def _say(fixes: Any, changed: int, diff: bool) -> None:
    """Say on stderr what could not be fixed and why, then what changed."""
    for problem in fixes.problems:
        print(f"mergeready: {visible(problem)}", file=sys.stderr)
    for left in fixes.unfixed:
        f = left.finding
        hint = f"; {visible(f.hint)}" if f.hint else ""
        print(
            f"mergeready fix: cannot fix {visible(f.location() or left.check)}: {f.code} "
            f"{visible(f.message)} — {left.why}{hint}",
            file=sys.stderr,
        )
    verb = "would change" if diff else "changed"
    said = f"mergeready fix: {verb} {changed} file{'s' * (changed != 1)}"
    if fixes.unfixed:
        n = len(fixes.unfixed)
        said += f"; check still fails on {n} finding{'s' * (n != 1)} fix cannot answer"
    print(said, file=sys.stderr)


def _number(args: argparse.Namespace, contribution: Any) -> str | None:
    # start-up: the parser imports this module on every run; the engine loads only here
    from mergeready.checks.changelog.fixes import number_from_branch

    if args.pr:
        if not str(args.pr).lstrip("#").isdigit():
            raise MergereadyError(f"--pr {args.pr!r}: give the pull request's number")
        return str(args.pr).lstrip("#")
    if github.in_actions(os.environ):
        event = github.read_event(os.environ)
        if event.number:
            return str(event.number)
    return number_from_branch(contribution.branch)


def _current(target: Path) -> str | None:
    """The work tree's text of a file: None when absent, ``""`` when it cannot be read or is a
    symbolic link (never followed: ``O_NOFOLLOW``)."""
    try:
        return _read_no_link(target).decode("utf-8") if os.path.lexists(target) else None
    except (OSError, UnicodeDecodeError):
        return ""


def _apply(root: Path, path: str, before: str | None, after: str, dry: bool) -> int:
    """Write one edit (or print it), when the work tree still holds what the checks read.

    Returns 1 for a file changed, 0 for none, -1 for a file refused (a link, ``.git``).
    """
    # start-up: the parser imports this module on every run; the writer loads only here
    from mergeready.hooks.writes import write_file

    target = root / path
    current = _current(target)
    if current == after:
        return 0  # already fixed
    if current != before:
        print(
            f"mergeready: warning: {visible(path)} in the work tree is not the version checked "
            "(uncommitted changes?); commit or stash them and run fix again",
            file=sys.stderr,
        )
        return 0
    diff = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        after.splitlines(keepends=True),
        "/dev/null" if before is None else f"a/{path}",
        f"b/{path}",
    )
    if not dry:
        try:
            write_file(
                target, after, root=root, what="fix: not writing", make_parents=True, within=True
            )
        except MergereadyError as exc:
            print(f"mergeready: {exc}", file=sys.stderr)
            return -1
    # a patch stays a patch: its ``---``/``+++`` lines are not escaped as Buildkite groups
    sys.stdout.write("".join(visible(line.rstrip("\n"), log_groups=False) + "\n" for line in diff))
    return 1


def _read_no_link(target: Path) -> bytes:
    """Read a file's bytes, refusing a symbolic link in its place (``ELOOP``)."""
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()
