"""``mergeready issue``: is this issue report ready for a maintainer, or does it wait on its author?

The report comes from ``--title``, ``--body`` (or ``--body-file``, or standard input) and
``--label``; in GitHub Actions, from the ``issues`` event (``opened``, ``edited``,
``reopened``). The policy, the templates and the project's versions are read from the default
branch. Outside a git repository the shipped profile judges the report alone, and says so.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from mergeready.checks.errors import MergereadyError
from mergeready.checks.git import toplevel
from mergeready.checks.issues.registry import ISSUE_CHECKS
from mergeready.checks.issues.report import IssueReport, Project
from mergeready.checks.issues.repository import Repository
from mergeready.checks.issues.text import MAX_BODY
from mergeready.checks.model import Result
from mergeready.checks.registry import select
from mergeready.hooks import arguments, github
from mergeready.hooks.formats import renderer
from mergeready.hooks.formats.escape import visible
from mergeready.hooks.output import EXIT_FAIL, EXIT_PASS, emit, write

ACTIONS = ("opened", "edited", "reopened")
"""The ``issues`` event actions a report is judged on; any other action is a no-op."""


def add_parser(sub: Any) -> None:
    """Add the ``issue`` subcommand.

    Args:
        sub: The subparsers of the ``mergeready`` parser.
    """
    i = sub.add_parser("issue", help="is an issue report ready for a maintainer (bug, feature …)?")
    i.add_argument("--title", help="the report's title")
    body = i.add_mutually_exclusive_group()
    body.add_argument("--body", help="the report's body (Markdown)")
    body.add_argument("--body-file", help="read the body from this file ('-': standard input)")
    i.add_argument("--label", action="append", default=[], help="a label (repeatable)")
    i.add_argument("--only", help="run only these issue checks (comma-separated ids)")
    i.add_argument("--config", help="rules file in the repository (read from the default branch)")
    i.add_argument("--profile", help="shipped profile to use instead of the configured one")
    i.add_argument("--project", action="append", default=[], help="the project's name (repeatable)")
    i.add_argument(
        "--format",
        default="text",
        choices=arguments.ISSUE_FORMATS,
        help="report format",
    )
    i.add_argument("--output", help="write the report to this file")
    i.add_argument("--repo", default=".", help="the project's repository (default: here)")
    i.add_argument("--exit-zero", action="store_true", help="exit 0 even when the report waits")


def evaluate(args: argparse.Namespace) -> Result | None:
    """Judge the issue report the arguments (or the ``issues`` event) give.

    Args:
        args: The parsed ``issue`` arguments.

    Returns:
        The result, or None when the ``issues`` event's action is not one that is judged.

    Raises:
        MergereadyError: On bad input (no report, an unreadable file, invalid rules).
    """
    # start-up: the parser imports this module on every run; the engine and rules load only here
    from mergeready.checks.issues.runner import evaluate as judge
    from mergeready.rules.files import shipped

    only = select(args.only, "--only", ISSUE_CHECKS)
    event = github.read_issue_event(os.environ) if github.in_actions(os.environ) else None
    if event is not None and event.action not in ACTIONS:
        _note(f"the issues event is {event.action!r}: only {', '.join(ACTIONS)} are judged")
        return None
    event = event or github.IssueEvent("", None, None, (), None)
    title = args.title if args.title is not None else event.title
    labels = tuple(args.label) or event.labels
    if args.profile is not None:
        shipped(args.profile)  # a mistyped profile fails before the body is read
    body = _body(args, event.body)
    if len(body) > MAX_BODY:
        _note(f"the body is {len(body)} characters; only the first {MAX_BODY} are judged")
    policy, templates, project = _project(args)
    report = IssueReport.of(title, body, labels, templates, project)
    return judge(report, policy, only)


def _note(line: str) -> None:
    print(f"mergeready: {visible(line)}", file=sys.stderr)


def _body(args: argparse.Namespace, from_event: str | None) -> str:
    if args.body is not None:
        return str(args.body)
    if args.body_file is not None:
        if args.body_file == "-":
            return sys.stdin.read(MAX_BODY * 4 + 1)
        try:
            with open(args.body_file, encoding="utf-8", errors="replace") as handle:
                return handle.read(MAX_BODY * 4 + 1)
        except OSError as exc:
            raise MergereadyError(
                f"--body-file {args.body_file}: {exc.strerror}; name a readable file"
            ) from exc
    if from_event is not None:
        return from_event
    if sys.stdin is None or sys.stdin.isatty():
        if args.title is None:
            raise MergereadyError(
                "no report to judge: give --title and --body, --body-file FILE, or the body on "
                "standard input"
            )
        return ""
    return sys.stdin.read(MAX_BODY * 4 + 1)


def _project(args: argparse.Namespace) -> tuple[Any, list[Any], Project]:
    """The policy, the templates and the project, from the default branch (or the profile)."""
    # start-up: the parser imports this module on every run; the rules load only here
    from mergeready.rules.loader import load, load_policy

    try:
        repository = Repository.at_default_branch(Path(args.repo))
    except MergereadyError:
        if args.config:
            raise
        _note(
            f"{args.repo} is not a git repository with a commit: no templates, tags or "
            ".mergeready.yaml; the report is judged by the shipped profile alone"
        )
        policy = load(profile=args.profile)
        names = tuple(args.project) or policy.options["versions"].names
        return policy, [], Project(names=tuple(n.lower() for n in names))
    policy = load_policy(
        repository.read, config=args.config, profile=args.profile, where=repository.where
    )
    templates, problems = repository.templates()
    for problem in problems:
        _note(f"warning: {problem}; the template is left out")
    names = tuple(args.project) or policy.options["versions"].names
    return policy, templates, repository.project(names)


def _repository_root(path: Path) -> Path | None:
    """The work tree an issue is judged in, whose links and ``.git`` a write must avoid."""
    try:
        return toplevel(path)
    except MergereadyError:
        return None  # a reporter's draft outside any repository


def run(args: argparse.Namespace) -> int:
    """Judge an issue report and report.

    Args:
        args: The parsed ``issue`` options.

    Returns:
        0 when the report is ready (or ``--exit-zero``, or an event that is not judged), 1
        when it waits on its author.
    """
    result = evaluate(args)
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
