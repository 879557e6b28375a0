"""``mergeready baseline``: record a whole-tree audit's findings in ``.mergeready-baseline.json``.

Commit the file on the default branch: from then on ``check`` reports only findings the baseline
does not hold (it is read from the base, so a contribution cannot add to it), and ``check --all``
says how many baselined findings have been fixed; run ``baseline`` again to ratchet.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mergeready.checks.contribution import Contribution
from mergeready.checks.model import Result, plural
from mergeready.checks.registry import select
from mergeready.hooks import arguments
from mergeready.hooks.writes import write_file


def add_parser(sub: Any) -> None:
    """Add the ``baseline`` subcommand and its options.

    Args:
        sub: The subparsers of the ``mergeready`` parser.
    """
    b = sub.add_parser("baseline", help="record the findings of check --all as accepted")
    arguments.add_policy(
        b,
        only="record only these checks' findings (comma-separated ids)",
        config="rules file in the repository",
    )
    arguments.add_repo(b)


def run(args: argparse.Namespace) -> int:
    """Run ``mergeready baseline``.

    Args:
        args: The parsed arguments.

    Returns:
        0 once the baseline is written.

    Raises:
        MergereadyError: If the repository cannot be used or the file cannot be written.
    """
    # start-up: the parser imports this module on every run; the engine loads only here
    from mergeready.checks.post.baseline import PATH, build
    from mergeready.hooks.evaluation import evaluate_cached

    contribution = Contribution.from_git(Path(args.repo), all_files=True)
    try:
        only = select(args.only)
        result = evaluate_cached(
            contribution, None, config=args.config, profile=args.profile, only=only, baseline=False
        )
        data = build(contribution, result)
    finally:
        contribution.close()
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    write_file(contribution.root / PATH, text, root=contribution.root, what="baseline", within=True)
    for line in _report(contribution, result, len(data["findings"]), PATH):
        print(f"mergeready: {line}", file=sys.stderr)
    return 0


def _report(contribution: Contribution, result: Result, n: int, path: str) -> list[str]:
    """Say where the configuration came from, what was recorded per check, and what to do."""
    c = contribution
    lines = []
    if not c.is_audit:  # HEAD has left the default branch: its own findings get recorded
        lines.append(
            f"warning: HEAD ({(c.head or '')[:12]}) is not on the default branch; this records "
            f"the branch's findings, configured by the default branch's tip ({c.config_source}). "
            "Record the baseline on the default branch itself (git switch <default branch>)"
        )
    else:
        lines.append(f"configuration read from {c.config_source} (the audited tree)")
    per_check = [f"{r.id} {len(r.findings)}" for r in result.checks if r.findings]
    lines.append(
        f"recorded {plural(n, 'finding')} in {path}"
        + (f" ({', '.join(per_check)})" if per_check else "")
        + "; commit it"
    )
    return lines
