"""``mergeready fix``: write what ``check`` found missing, for the same range, locally only.

It runs the checks exactly as ``check`` would (same range, configuration and options), asks
``checks.post.fixes`` for the edits, and writes them into the work tree, printing a unified diff of
each; ``--diff`` only prints it. A file whose work-tree text is not the text the checks read
(uncommitted changes to it outside ``--staged``) is left alone with a warning, and a file
already holding the fix is not touched, so running it twice changes nothing. It refuses to
write in CI (``CI`` set to a true value, or GitHub Actions) unless ``--force``: a CI job that
rewrites the tree it is judging would judge its own edits. What it cannot fix (a missing test,
a missing docstring, a misspelling with several corrections) is said, one line each, with why.
Exit status: 0 nothing to change and nothing left that fails ``check``; 1 files changed (or,
with ``--diff``, would change) — as pre-commit's fixers do — or errors left that ``check``
still fails on; 2 an error.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Mapping
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


def in_ci(environ: Mapping[str, str]) -> str | None:
    """Tell whether this is a CI run, and which variable says so.

    Args:
        environ: The environment.

    Returns:
        ``CI=true`` or ``GITHUB_ACTIONS=true`` as found, else None.
    """
    for name in ("CI", "GITHUB_ACTIONS"):
        value = environ.get(name, "").strip().lower()
        if value and value not in ("0", "false", "no", "off"):
            return f"{name}={environ[name]}"
    return None


def run(args: argparse.Namespace) -> int:
    """Run ``mergeready fix``.

    Args:
        args: The parsed arguments.

    Returns:
        0 when nothing needed changing and nothing is left that fails ``check``, 1 when files
        were changed (or would be, with ``--diff``) or errors are left that fix cannot answer.

    Raises:
        MergereadyError: In CI without ``--force``, or when the repository cannot be used.
    """
    # start-up: the parser imports this module on every run; the engine loads only here
    from mergeready.checks.post.fixes import edits
    from mergeready.hooks.cache import evaluate_cached
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
    changed = 0
    for edit in fixes.edits:
        changed += _apply(contribution.root, edit.path, edit.before, edit.after, args.diff)
    _say(fixes, changed, args.diff)
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
    """The work tree's text of a file: None when absent, ``""`` when it cannot be read."""
    try:
        return target.read_bytes().decode("utf-8") if target.exists() else None
    except (OSError, UnicodeDecodeError):
        return ""


def _apply(root: Path, path: str, before: str | None, after: str, dry: bool) -> int:
    """Write one edit (or print it), when the work tree still holds what the checks read."""
    target = root / path
    if not target.resolve().is_relative_to(root.resolve()):
        return 0  # never write outside the repository (a symlinked folder)
    current = _current(target)
    if current == after:
        return 0  # already fixed
    if current != before or target.is_symlink():
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
    sys.stdout.write("".join(visible(line.rstrip("\n")) + "\n" for line in diff))
    if not dry:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as out:
            out.write(after)
    return 1
