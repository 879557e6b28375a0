"""``mergeready baseline``: record a whole-tree audit's findings in ``.mergeready-baseline.json``.

Commit the file on the default branch: from then on ``check`` reports only findings the baseline
does not hold (it is read from the base, so a contribution cannot add to it), and ``check --all``
says how many baselined findings have been fixed; run ``baseline`` again to ratchet.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from mergeready.checks import git
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
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
    b.add_argument(
        "--force",
        action="store_true",
        help="record even when HEAD is not the default branch's tip (its findings, "
        "under the default branch's configuration)",
    )


def run(args: argparse.Namespace) -> int:
    """Run ``mergeready baseline``.

    Args:
        args: The parsed arguments.

    Returns:
        0 once the baseline is written.

    Raises:
        MergereadyError: If the repository cannot be used, HEAD is not the default branch's
            tip (without ``--force``), or the file cannot be written.
    """
    # start-up: the parser imports this module on every run; the engine loads only here
    from mergeready.checks.post.baseline import PATH, build
    from mergeready.hooks import notes
    from mergeready.hooks.evaluation import evaluate_cached

    contribution = Contribution.from_git(Path(args.repo), all_files=True)
    try:
        notes.refuse_a_trusting_audit(contribution, os.environ)  # attack 5's F21
        if not (contribution.is_audit or args.force):
            raise MergereadyError(_off_the_default_branch(contribution))
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


def _off_the_default_branch(contribution: Contribution) -> str:
    """Why a baseline is refused when HEAD is not the default branch's tip, and what to do."""
    tip, head = contribution.config_rev or "", contribution.head or ""
    counted = git.run(contribution.root, "rev-list", "--left-right", "--count", f"{tip}...{head}")
    behind, ahead = (int(n) for n in counted.split())
    where = (  # behind alone is the project's own older tree: an audit, never refused
        f"{ahead} commit{'s' if ahead != 1 else ''} ahead of"
        if not behind
        else f"diverged from ({ahead} ahead, {behind} behind)"
    )
    return (
        f"HEAD ({head[:12]}) is {where} the default branch's tip ({tip[:12]}): a baseline "
        "records the project's findings, so record it at that tip (land these commits there "
        "first, a new .mergeready.yaml too, then update your checkout), or pass --force to "
        "record this tree's findings under the tip's configuration"
    )


def _report(contribution: Contribution, result: Result, n: int, path: str) -> list[str]:
    """Say where the configuration came from, what was recorded per check, and what to do."""
    c = contribution
    lines = []
    if not c.is_audit:  # --force: HEAD has left the default branch, its findings recorded
        lines.append(
            f"warning: HEAD ({(c.head or '')[:12]}) is not the default branch's tip (--force); "
            f"this records its findings, configured by the default branch's tip "
            f"({c.config_source})"
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
