"""Would a project's reviewer give mergeready's verdicts? The last N merged contributions, judged.

Usage (from the repository root, after the README's set-up):

    .venv/bin/python benchmarks/reviewer.py --repo keras-team/keras --profile keras --last 100 \\
        [--expect FILE] [--mirrors DIR] [--clones DIR] [--json FILE]

It takes the last N first-parent commits of the repository's default branch (its history is
found as ``benchmarks/accuracy.py`` finds it: a fetched mirror under ``--mirrors``), checks each
against its first parent exactly as ``mergeready check --base <sha>^1 --head <sha> --profile P``
would (configuration from the parent), and prints one line per contribution: ready or not, the
failed checks and their error findings with hints.

``--expect FILE`` names the reviewer's verdicts, written before looking at mergeready's: one line
per commit, ``<sha prefix> R`` (a reviewer would merge it as it is), ``<sha prefix> N`` (would
send it back) or ``<sha prefix> R/T`` (merged, though a reviewer could fairly ask for a test),
then the reasoning; ``#`` starts a comment. The script counts the verdicts a reviewer would not
give (strictly, and counting a test asked of an ``R/T`` as one a reviewer could give), and lists
each. Whatever the expectations, every finding's path, and every path its hint names, must exist
at the contribution's head or base: a finding that names a file that does not exist is counted
and listed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from accuracy import CLONES, clone, find_history  # noqa: E402

_PATH = re.compile(r"(?<![\w./-])((?:[\w.-]{1,100}/){1,12}[\w.-]{1,100}\.[A-Za-z]{1,8})\b")


def _git(root: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    return out.stdout.strip()


def expectations(path: Path | None) -> dict[str, tuple[str, str]]:
    """Read the reviewer's verdicts: sha prefix → (R, N or R/T; the reasoning).

    Args:
        path: The file, or None.

    Returns:
        The verdicts.
    """
    found: dict[str, tuple[str, str]] = {}
    if path is None:
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(None, 2)
        if len(parts) >= 2 and not line.startswith("#") and parts[1] in ("R", "N", "R/T"):
            found[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else "")
    return found


def judge(root: Path, sha: str, profile: str | None) -> dict[str, Any]:
    """Check one merged commit against its first parent, as ``mergeready check`` would.

    Args:
        root: The clone.
        sha: The full sha of the merged commit.
        profile: The shipped profile to use, or None for the configured one.

    Returns:
        Its types with their evidence, whether it is ready, and each failed check's errors.
    """
    from mergeready.checks.changes import Commit
    from mergeready.checks.contribution import Contribution
    from mergeready.checks.runner import evaluate
    from mergeready.rules.loader import load_policy

    parent = _git(root, "rev-parse", f"{sha}^1")
    message = _git(root, "log", "-1", "--format=%B", sha)
    c = Contribution.from_commit(root, Commit(sha, message), parent)
    try:
        policy = load_policy(c.config_text, profile=profile, where=c.config_source)
        result = evaluate(c, policy)
        paths = c.head_paths() | c.base_paths()
        errors, missing = [], []
        for check in result.checks:
            for f in check.findings:
                named = [f.path] if f.path else []
                named += _PATH.findall(f.hint or "")
                missing += [p for p in named if p not in paths and "<" not in p]
                if f.severity == "error" and check.id in result.failed_checks:
                    errors.append(f"{check.id}: {f.code} {f.path or ''} {f.message[:160]}")
                    if f.hint:
                        errors[-1] += f" — hint: {f.hint[:160]}"
        return {
            "sha": sha,
            "types": [f"{t.type} ({'; '.join(map(str, t.evidence))[:160]})" for t in result.types],
            "ready": result.passed,
            "failed": list(result.failed_checks),
            "errors": errors,
            "missing": sorted(set(missing)),
        }
    finally:
        c.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark.

    Args:
        argv: The arguments.

    Returns:
        0, or 2 when the repository is not on this machine.
    """
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--repo", required=True, help="owner/name")
    p.add_argument("--profile", help="the shipped profile to use (default: the configured one)")
    p.add_argument("--last", type=int, default=100, help="how many merged contributions")
    p.add_argument("--expect", help="the reviewer's verdicts, written before looking")
    p.add_argument("--mirrors", default=os.environ.get("MERGEREADY_MIRRORS", "/work/.mirror"))
    p.add_argument("--clones", default=str(CLONES))
    p.add_argument("--json", help="write every verdict to this file")
    args = p.parse_args(argv)
    history = find_history(Path(args.mirrors), args.repo)
    if history is None:
        print(f"reviewer: {args.repo} is not fetched under {args.mirrors}", file=sys.stderr)
        return 2
    root = clone(history, args.repo, Path(args.clones))
    tip = _git(root, "rev-parse", "origin/HEAD") or _git(root, "rev-parse", "HEAD")
    shas = _git(root, "rev-list", "--first-parent", f"-n{args.last}", tip).split()
    expected = expectations(Path(args.expect) if args.expect else None)
    verdicts, strict, lenient, missing = [], [], [], []
    for sha in shas:
        v = judge(root, sha, args.profile)
        v["subject"] = _git(root, "log", "-1", "--format=%s", sha)
        verdicts.append(v)
        mark = "ready    " if v["ready"] else "NOT READY"
        print(f"{sha[:10]} {mark} {v['subject'][:70]}")
        for line in v["errors"][:6]:
            print(f"    {line}")
        if v["missing"]:
            missing.append(v)
            print(f"    names files that do not exist: {', '.join(v['missing'][:5])}")
        want = next((e for k, e in expected.items() if sha.startswith(k)), None)
        if want is None:
            continue
        if (want[0] == "N") == v["ready"]:
            strict.append((v, want))
            only_tests = set(v["failed"]) <= {"tests-present", "tests-meaningful"}
            if not (want[0] == "R/T" and only_tests):
                lenient.append((v, want))
    print(f"\n{len(shas)} contributions of {args.repo} (profile {args.profile or 'configured'})")
    if expected:
        print(
            f"verdicts a reviewer would not give: {len(strict)} strictly, {len(lenient)} counting "
            "a test asked of a merged fix without one (R/T) as one a reviewer could give"
        )
        for v, want in strict:
            print(
                f"- {v['sha'][:10]} reviewer {want[0]} ({want[1]}); mergeready failed {v['failed']}"
            )
    print(f"findings that name a file that does not exist: {len(missing)} contributions")
    if args.json:
        Path(args.json).write_text(json.dumps(verdicts, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
