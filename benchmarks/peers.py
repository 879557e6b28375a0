"""Benchmark each check against its peer, on real merged contributions, as separate processes.

Usage (from the repository root, after the README's set-up, with the peers installed into the
same environment for the benchmark only):

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/peers.py [--check ID] [--reports DIR]

The contributions are merged first-parent commits of public repositories, bare clones kept
read-only as ``/work/.mirror/<owner>+<name>/repo`` (``MIRRORS`` overrides the folder) and cloned
with ``git clone --shared`` into ``benchmarks/.corpus/peers/`` (git-ignored; nothing of theirs
is committed). For each contribution the clone checks out the commit, and the benchmark times,
over ``BENCH_RUNS`` runs (default 3, after one warm-up run), ``mergeready check --no-cache
--only <check> --base <first parent>`` against the check's peer as a maintainer would run it
(pre-commit style: on the files the contribution added or changed, whole files, since no peer
knows what changed):

- docs-valid: ``sphinx-lint`` on the changed reST pages;
- examples-valid: a Python process that reads and validates the changed notebooks with nbformat;
- translation-consistent: ``dennis-cmd lint`` and translate-toolkit's ``pofilter`` on the changed
  catalogues;
- tests-meaningful: ``ruff check --select B015,PT`` on the changed Python files;
- docstrings-complete: ``pydoclint`` on the changed Python files.

Beside each contribution it times the same command on an empty contribution (``--base`` and
``--head`` the commit): the start-up, policy and git work every check pays before it runs. It
prints a Markdown table (per contribution, then per check: the summed CPU seconds of each side,
their ratio taken in the same run, and the ratio without the empty contribution's share) and
writes it into benchmarks/README.md between the PEERS markers (only when every check was
measured). With ``--reports DIR`` it keeps mergeready's JSON report of every contribution in
DIR, and when DIR already holds one, says whether the new report is the same (the "same
verdicts" comparison before and after a change). No test asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from common import BIN, CORPUS, git, measure, write_section

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
MIRRORS = Path(os.environ.get("MIRRORS", "/work/.mirror"))
CLONES = CORPUS / "peers"
NBFORMAT = (
    "import sys, nbformat\n"
    "for path in sys.argv[1:]:\n"
    "    nbformat.validate(nbformat.read(path, as_version=nbformat.NO_CONVERT))\n"
)
# (mirror folder, commit): merged first-parent commits, the newest that touch the check's files
# when this list was drawn (2026-12-07), a few of several sizes per check.
CONTRIBUTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "docs-valid": (
        ("python+devguide", "708aa7c0"),
        ("python+devguide", "54bb595e"),
        ("python+devguide", "137ada6a"),
        ("pypa+packaging.python.org", "a9b1f5e0"),
        ("pypa+packaging.python.org", "161b58a8"),
    ),
    "examples-valid": (
        ("tensorflow+docs", "60c51e7a4"),
        ("tensorflow+docs", "460419a63"),
        ("tensorflow+docs", "fcba6dc4d"),
        ("tensorflow+docs", "4a634a291"),
        ("tensorflow+docs", "5b47d57ac"),
    ),
    "translation-consistent": (
        ("python+python-docs-es", "1bab3950"),
        ("python+python-docs-es", "63847d4e"),
        ("python+python-docs-es", "774f3ffc"),
        ("python+python-docs-es", "2de62094"),
        ("python+python-docs-es", "2a61ba87"),
    ),
    "tests-meaningful": (
        ("keras-team+keras", "f4d0e5d83b"),
        ("keras-team+keras", "4444f2ec9d"),
        ("scrapy+scrapy", "b159ea8cf"),
        ("python-pillow+Pillow", "7d6012b4a"),
        ("pallets+werkzeug", "801ea65e"),
    ),
    "docstrings-complete": (  # three of them add or re-sign public definitions
        ("keras-team+keras", "f585ff31af"),
        ("keras-team+keras", "f4d0e5d83b"),
        ("scrapy+scrapy", "488a762d7"),
        ("python-pillow+Pillow", "7d6012b4a"),
        ("pallets+werkzeug", "1b00618e"),
    ),
}
SUFFIXES = {
    "docs-valid": (".rst",),
    "examples-valid": (".ipynb",),
    "translation-consistent": (".po", ".pot"),
    "tests-meaningful": (".py",),
    "docstrings-complete": (".py",),
}
# tensorflow/docs keeps its notebooks under site/, not examples/: the label declares the type
# (as a maintainer's `paths:` would), so the check runs at all.
DECLARED = {"examples-valid": ("--label", "example")}
TEXT = ("*.py", "*.rst", "*.md", "*.txt", "*.po", "*.pot", "*.ipynb", "*.toml", "*.cfg", "*.ini")
TEXT += ("*.yaml", "*.yml", ".*")
Peer = tuple[str, Callable[[Sequence[str]], list[str]]]
PEERS: dict[str, tuple[Peer, ...]] = {
    "docs-valid": (("sphinx-lint", lambda files: [str(BIN / "sphinx-lint"), *files]),),
    "examples-valid": (
        ("nbformat read + validate", lambda files: [sys.executable, "-c", NBFORMAT, *files]),
    ),
    "translation-consistent": (
        ("dennis-cmd lint", lambda files: [str(BIN / "dennis-cmd"), "lint", *files]),
        # pofilter takes one input; a maintainer's loop over the catalogues, in one shell.
        (
            "pofilter",
            lambda files: [
                "sh",
                "-c",
                'for f; do "$0" --progress=none "$f" /dev/null; done',
                str(BIN / "pofilter"),
                *files,
            ],
        ),
    ),
    "tests-meaningful": (
        (
            "ruff B015,PT",
            lambda files: [
                str(BIN / "ruff"),
                "check",
                "--isolated",
                "--no-cache",
                "--select",
                "B015,PT",
                "--exit-zero",
                "--quiet",
                *files,
            ],
        ),
    ),
    "docstrings-complete": (
        ("pydoclint", lambda files: [str(BIN / "pydoclint"), "--quiet", *files]),
    ),
}


def clone(mirror: str) -> Path:
    """A shared clone of a fetched mirror in the git-ignored corpus folder, made once."""
    target = CLONES / mirror
    if not (target / ".git").exists():
        source = MIRRORS / mirror / "repo"
        if not source.exists():
            name = mirror.replace("+", "/")
            raise SystemExit(f"{source} is missing: put a bare clone of {name} there first")
        CLONES.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "clone", "-q", "--shared", "--no-checkout", str(source), str(target)],
            check=True,
        )
        # The mirrors leave out their largest blobs (fonts, images): check out text files only.
        git(target, "sparse-checkout", "set", "--no-cone", *TEXT)
    return target


def changed(repo: Path, commit: str, suffixes: Sequence[str]) -> list[str]:
    """The files of the check's kind that the commit added or changed against its first parent."""
    names = git(repo, "diff", "--name-only", "--diff-filter=AM", f"{commit}^1", commit)
    return [n for n in names.splitlines() if n.endswith(tuple(suffixes))]


def time_one(check: str, mirror: str, commit: str, reports: Path | None) -> dict[str, Any]:
    """Time mergeready's check and its peers on one contribution; keep or compare the report."""
    repo = clone(mirror)
    git(repo, "checkout", "-q", "--force", "--detach", commit)
    files = changed(repo, commit, SUFFIXES[check])
    command = [
        str(BIN / "mergeready"),
        "check",
        "--no-cache",
        "--exit-zero",
        "--only",
        check,
        "--format",
        "json",
        *DECLARED.get(check, ()),
    ]
    ours = measure([*command, "--base", f"{commit}^1"], repo, RUNS)
    # The floor: the same command on an empty contribution (start-up, policy, git; no check).
    floor = measure([*command, "--base", commit, "--head", commit], repo, RUNS)
    row: dict[str, Any] = {"check": check, "where": f"{mirror.split('+')[1]} {commit[:8]}"}
    row.update(files=len(files), ours=ours, floor=floor, peers={})
    for name, argv in PEERS[check]:
        row["peers"][name] = measure(argv(files), repo, RUNS)
    row["verdict"] = verdict(ours["out"], check)
    if reports is not None:
        row["same"] = keep(reports / f"{check}-{mirror}-{commit}.json", ours["out"])
    return row


def verdict(out: str, check: str) -> str:
    """The check's status and finding count in a JSON report."""
    try:
        result = next(c for c in json.loads(out)["checks"] if c["id"] == check)
    except (ValueError, StopIteration, KeyError):
        return "no report"
    return f"{result['status']}, {len(result['findings'])} findings"


def keep(path: Path, out: str) -> str:
    """Write the report if none is kept yet; else say whether this one is the same."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
        return "kept"
    return "same" if json.loads(path.read_text(encoding="utf-8")) == json.loads(out) else "DIFFERS"


def render(rows: Sequence[dict[str, Any]]) -> str:
    """The per-contribution table, then the per-check totals."""
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores "
        f"(shared; load average {os.getloadavg()[0]:.0f}), Python {platform.python_version()}; "
        f"medians of {RUNS} runs after a warm-up; ratio = mergeready / the peer, CPU time, in the "
        "same run (wall in brackets).",
        "",
        "| check | contribution | files | mergeready wall (CPU) | empty contribution CPU | verdict"
        " | peer | peer wall (CPU) | ratio CPU (wall) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        ours = r["ours"]
        for name, peer in r["peers"].items():
            lines.append(
                f"| {r['check']} | {r['where']} | {r['files']} | {ours['wall']:.2f} s "
                f"({ours['cpu']:.2f} s) | {r['floor']['cpu']:.2f} s | {r['verdict']} | {name} | "
                f"{peer['wall']:.2f} s ({peer['cpu']:.2f} s) | "
                f"**{ours['cpu'] / peer['cpu']:.2f}** ({ours['wall'] / peer['wall']:.2f}) |"
            )
    lines += [
        "",
        "| check | peer | contributions | mergeready CPU, sum | of which the empty contribution's |"
        " peer CPU, sum | ratio of sums | median ratio | the rest / peer |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for check in dict.fromkeys(r["check"] for r in rows):
        mine = [r for r in rows if r["check"] == check]
        for name in mine[0]["peers"]:
            ours = sum(r["ours"]["cpu"] for r in mine)
            floor = sum(r["floor"]["cpu"] for r in mine)
            theirs = sum(r["peers"][name]["cpu"] for r in mine)
            median = statistics.median(r["ours"]["cpu"] / r["peers"][name]["cpu"] for r in mine)
            lines.append(
                f"| {check} | {name} | {len(mine)} | {ours:.2f} s | {floor:.2f} s | "
                f"{theirs:.2f} s | **{ours / theirs:.2f}** | {median:.2f} | "
                f"{(ours - floor) / theirs:.2f} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print, and record the table (when every check was measured)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="append", choices=sorted(CONTRIBUTIONS))
    parser.add_argument("--reports", type=Path, help="keep or compare mergeready's reports here")
    args = parser.parse_args(argv)
    missing = [p for p in ("dennis-cmd", "pofilter", "ruff", "pydoclint") if not (BIN / p).exists()]
    if missing:
        print(f"install the peers first: .venv/bin/pip install -e '.[bench]' ({missing})")
        return 2
    checks = args.check or list(CONTRIBUTIONS)
    rows = []
    for check in checks:
        for mirror, commit in CONTRIBUTIONS[check]:
            rows.append(time_one(check, mirror, commit, args.reports))
            if "same" in rows[-1]:
                print(f"{check} {mirror} {commit}: report {rows[-1]['same']}", file=sys.stderr)
    text = render(rows)
    print(text)
    if set(checks) == set(CONTRIBUTIONS):
        write_section("PEERS", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
