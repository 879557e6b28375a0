"""The one argument parser of ``check``, ``fix`` and ``baseline``: shared options, one reading.

The options the three commands share are declared here once, with one help text each; the
Contribution they describe is built here once (``contribution``), so ``check`` and ``fix``
read ``--base``, ``--head``, ``--title``, ``--label`` and ``--max-file-size`` the same way.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, Literal, get_args

from mergeready.checks.contribution import DEFAULT_MAX_FILE_SIZE, Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.hooks import github

# The words of the command's enumerated options, declared once; ``choices=`` and the code that
# branches on them read these (mypy's strict equality rejects a word that is not one of them).
ColorChoice = Literal["auto", "always", "never"]
HistoryFormat = Literal["text", "json", "html", "jsonl"]
IssueFormat = Literal["text", "json", "markdown", "github"]
OrgReportFormat = Literal["text", "json", "html"]
OrgField = Literal["name", "path", "url", "filename"]
COLOR_CHOICES: Final[tuple[ColorChoice, ...]] = get_args(ColorChoice)
HISTORY_FORMATS: Final[tuple[HistoryFormat, ...]] = get_args(HistoryFormat)
ISSUE_FORMATS: Final[tuple[IssueFormat, ...]] = get_args(IssueFormat)
ORG_REPORT_FORMATS: Final[tuple[OrgReportFormat, ...]] = get_args(OrgReportFormat)
ORG_FIELDS: Final[tuple[OrgField, ...]] = get_args(OrgField)


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit status 2 (``MergereadyError``)."""

    width = 100  # argparse would import shutil on every run to ask the terminal

    def _get_formatter(self) -> argparse.HelpFormatter:
        return self.formatter_class(prog=self.prog, width=self.width)  # type: ignore[call-arg]

    def format_help(self) -> str:
        """Format the help at the terminal's width.

        Returns:
            The help text.
        """
        import shutil  # only for --help: argparse would import it on every run

        self.width = shutil.get_terminal_size().columns - 2
        return super().format_help()

    def error(self, message: str) -> Any:  # argparse's own exit would be status 2 with usage
        """Raise the parser's complaint as a ``MergereadyError``.

        Args:
            message: What argparse found wrong.

        Raises:
            MergereadyError: Always, naming the command's ``--help``.
        """
        command = " ".join(self.prog.split()[1:])  # "org run" for ``mergeready org run``
        raise MergereadyError(f"{message}; see 'mergeready {command + ' ' * bool(command)}--help'")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: None = None
    ) -> argparse.Namespace:
        """Parse the command line; a mistyped long option is answered with the closest one.

        Args:
            args: The arguments (default: ``sys.argv[1:]``).
            namespace: Unused (argparse's signature).

        Returns:
            The parsed options.
        """
        parsed, rest = self.parse_known_args(args, namespace)
        if rest:
            chosen = _chosen(self, parsed)
            chosen.error(f"unrecognized arguments: {' '.join(rest)}{_did_you_mean(chosen, rest)}")
        return parsed


def _chosen(parser: argparse.ArgumentParser, parsed: argparse.Namespace) -> Any:
    """The (sub)command's parser the arguments chose: its options are the ones to suggest."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub = action.choices.get(getattr(parsed, action.dest, None) or "")
            if sub is not None:
                return _chosen(sub, parsed)
    return parser


def _did_you_mean(parser: argparse.ArgumentParser, rest: Sequence[str]) -> str:
    """`` (did you mean --base?)`` for the first unknown long option that is close to one."""
    import difflib  # only on a usage error

    known = [o[2:] for o in parser._option_string_actions if o.startswith("--")]
    for word in rest:
        if word.startswith("--"):  # compared without the dashes every option shares
            close = difflib.get_close_matches(word[2:].partition("=")[0], known, n=1, cutoff=0.7)
            if close:
                return f" (did you mean --{close[0]}?)"
    return ""


def add_revisions(p: argparse.ArgumentParser, base: str, head: str, staged: str) -> None:
    """Add ``--base``, ``--head`` and ``--staged``.

    Args:
        p: The subcommand's parser.
        base: The help of ``--base``.
        head: The help of ``--head``.
        staged: The help of ``--staged``.
    """
    p.add_argument("--base", help=base)
    p.add_argument("--head", help=head)
    p.add_argument("--staged", action="store_true", help=staged)


def add_pull_request(p: argparse.ArgumentParser, title: str = "the pull request title") -> None:
    """Add what a pull request says of itself: ``--title``, ``--body``, ``--branch``, ``--label``.

    Args:
        p: The subcommand's parser.
        title: The help of ``--title``.
    """
    p.add_argument("--title", help=title)
    p.add_argument("--body", help="the pull request body")
    p.add_argument("--branch", help="the contribution's branch name (default: from git)")
    p.add_argument("--label", action="append", default=[], help="a pull request label (repeatable)")


def add_policy(p: argparse.ArgumentParser, only: str, config: str) -> None:
    """Add which checks and which rules: ``--only``, ``--config``, ``--profile``.

    Args:
        p: The subcommand's parser.
        only: The help of ``--only``.
        config: The help of ``--config``.
    """
    p.add_argument("--only", help=only)
    p.add_argument("--config", help=config)
    p.add_argument("--profile", help="shipped profile to use instead of the configured one")


def add_range(p: argparse.ArgumentParser, whole: str) -> None:
    """Add which commits a history walks: ``--range``, ``--since`` or ``--last``.

    Args:
        p: The subcommand's parser.
        whole: What ``--range`` defaults to, for its help.
    """
    which = p.add_mutually_exclusive_group()
    which.add_argument("--range", help=f"the commits A..B (default: {whole})")
    which.add_argument("--since", help="only commits after this date (e.g. 2024-01-01)")
    which.add_argument("--last", type=int, help="only the last N contributions (default 100)")


def add_repo(p: argparse.ArgumentParser) -> None:
    """Add ``--repo``.

    Args:
        p: The subcommand's parser.
    """
    p.add_argument("--repo", default=".", help="the repository (default: current directory)")


def add_max_file_size(p: argparse.ArgumentParser) -> None:
    """Add ``--max-file-size``.

    Args:
        p: The subcommand's parser.
    """
    p.add_argument(
        "--max-file-size",
        type=int,
        default=DEFAULT_MAX_FILE_SIZE,
        metavar="BYTES",
        help=f"larger files are skipped with a warning, not read (default {DEFAULT_MAX_FILE_SIZE})",
    )


def contribution(args: argparse.Namespace) -> Contribution:
    """Read the contribution the arguments describe (in Actions, completed from the event).

    Args:
        args: The parsed arguments of ``check`` or ``fix``.

    Returns:
        The contribution.

    Raises:
        MergereadyError: If ``--max-file-size`` is not positive, or git cannot read the range.
    """
    if args.max_file_size <= 0:
        raise MergereadyError("--max-file-size must be a positive number of bytes")
    asked = github.Event(
        args.base, args.head, args.title, args.body, tuple(args.label), branch=args.branch
    )
    if github.in_actions(os.environ) and not (args.staged or args.all_files):
        asked = github.complete(asked, os.environ, Path(args.repo))
    elif github.in_actions(os.environ) and args.all_files and not args.base:
        asked = github.audit_base(asked, os.environ, Path(args.repo))
    return Contribution.from_git(
        Path(args.repo),
        base=asked.base,
        head=asked.head,
        staged=args.staged,
        all_files=args.all_files,
        title=asked.title,
        body=asked.body,
        labels=asked.labels,
        max_file_size=args.max_file_size,
        branch=asked.branch,
    )
