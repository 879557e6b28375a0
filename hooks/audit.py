"""Options of ``check`` for whole-tree audits: ``--statistics``, caps, ``--fail-under``."""

from __future__ import annotations

import argparse
from typing import Any

from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Result
from mergeready.hooks.formats.escape import visible_result


def add_options(c: Any) -> None:
    """Add the audit options to the ``check`` parser.

    Args:
        c: The ``check`` subparser.
    """
    c.add_argument(
        "--statistics", action="store_true", help="print the count of findings per code and path"
    )
    c.add_argument(
        "--max-per-code",
        type=int,
        default=10,
        metavar="N",
        help="text report of --all: show at most N findings of each code (default 10)",
    )
    c.add_argument(
        "--no-cap",
        action="store_true",
        help="text report: list every finding (else many warnings of one code are one line)",
    )
    c.add_argument(
        "--fail-under",
        type=float,
        metavar="PERCENT",
        help="with --all: fail when less of the public API has a docstring (as interrogate)",
    )


def measure(contribution: Any, args: argparse.Namespace) -> Any:
    """Measure docstring coverage when ``--fail-under`` asks for it.

    Args:
        contribution: The contribution (a whole-tree audit).
        args: The parsed arguments.

    Returns:
        The coverage, or None when not asked.

    Raises:
        MergereadyError: If ``--fail-under`` is given without ``--all`` or out of range.
    """
    if args.fail_under is None:
        return None
    if not args.all_files:
        raise MergereadyError("--fail-under measures a whole tree: add --all")
    if not 0 <= args.fail_under <= 100:
        raise MergereadyError("--fail-under takes a percentage from 0 to 100")
    # start-up: the parser imports this module on every run; the engine loads only here
    from mergeready.checks.docstrings.coverage import coverage
    from mergeready.rules.loader import load_policy

    policy = load_policy(
        contribution.config_text,
        config=args.config,
        profile=args.profile,
        where=contribution.config_source,
    )
    return coverage(contribution, policy.options["docstrings-complete"])


def coverage_line(measured: Any, minimum: float) -> tuple[str, bool]:
    """Say the coverage as interrogate does, and whether it reaches the minimum.

    Args:
        measured: The coverage.
        minimum: ``--fail-under``.

    Returns:
        The line and True when the coverage is at least the minimum.
    """
    ok = measured.percent >= minimum
    return (
        f"docstring coverage: {'PASSED' if ok else 'FAILED'} (minimum: {minimum:.1f}%, actual: "
        f"{measured.percent:.1f}%; {measured.documented} of {measured.total} public "
        "definitions documented)",
        ok,
    )


def report(result: Result, args: argparse.Namespace, color: bool) -> str | None:
    """Render the audit text report, when the options ask for it.

    Args:
        result: The result.
        args: The parsed arguments.
        color: Whether to use ANSI colours.

    Returns:
        The text (also the terminal's summary when ``--output`` writes another format), or
        None for the usual report.

    Raises:
        MergereadyError: If ``--max-per-code`` is negative.
    """
    shown_as_text = args.format == "text" or args.output  # --output: the terminal gets text
    if not shown_as_text or not (args.statistics or args.all_files):
        return None
    if args.max_per_code < 0:
        raise MergereadyError("--max-per-code takes a number of at least 0")
    # start-up: the parser imports this module on every run; the engine loads only here
    from mergeready.checks.post.statistics import start_here, statistics
    from mergeready.hooks.formats import audit_text

    shown = visible_result(result)
    return audit_text.render(
        shown,
        statistics(shown),
        color=color,
        max_per_code=None if args.no_cap else args.max_per_code,
        only_statistics=args.statistics,
        leads=start_here(shown) if args.all_files else (),
    )
