"""Benchmark tests-meaningful against ruff's overlapping rules on two real test suites.

Usage (from the repository root, after the README's set-up):
    .venv/bin/python benchmarks/tests_meaningful.py

It downloads the pinned source distributions of pytest 8.3.3 and requests 2.32.3 from PyPI (both
ship their whole test suites), imports each into a git repository under benchmarks/.corpus/, and
runs, over several runs each, `mergeready check --all --only tests-meaningful` (every test of
the suite judged) against `ruff check` with the rules that overlap (B015 useless comparison, F631
assert on a tuple, PLR0124 comparison with itself, F811 redefinition) on the same test files.
Then it compares what each found inside test functions. It prints a Markdown report and writes
it into benchmarks/README.md between the TESTS-MEANINGFUL markers. No test asserts a time.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from pathlib import Path

from common import BIN, CORPUS, RUNS, git, measure, sdist, write_section

SUITES = (("pytest", "8.3.3"), ("requests", "2.32.3"))
RULES = "B015,F631,PLR0124,F811"
OURS = {  # what tests-meaningful reports for the same defect, by message
    "B015": "is computed and thrown away",
    "F631": "asserts a non-empty tuple",
    "PLR0124": "compares a value with itself",
    "F811": "is defined again on line",
}


def suite(name: str, version: str) -> Path:
    repo = CORPUS / f"{name}-{version}"
    if (repo / ".git").exists():
        return repo
    sdist(name, version)
    for args in (("init", "-q", "-b", "main"), ("add", "-A"), ("commit", "-q", "-m", "sdist")):
        git(repo, *args)
    return repo


def test_functions(repo: Path) -> tuple[list[str], dict[str, list[tuple[int, int]]]]:
    """The suite's test files (as tests-meaningful judged them) and their test functions' spans."""
    import ast

    from mergeready.checks.testing.collection import test_functions as defs
    from mergeready.checks.testing.pytest_config import Collection
    from mergeready.rules.pytest_settings import pytest_settings

    def read(path: str) -> str | None:
        p = repo / path
        return p.read_text() if p.is_file() else None

    rules = Collection.from_settings(pytest_settings(read)[0])
    files = [
        p
        for p in subprocess.run(
            ["git", "ls-files", "*.py"], cwd=repo, capture_output=True, text=True
        ).stdout.split()
        if rules.collects_file(p) and not rules.outside(p)
    ]
    spans = {}
    for path in files:
        try:
            tree = ast.parse((repo / path).read_bytes())
        except SyntaxError:
            continue
        spans[path] = [
            (d.node.lineno, d.node.end_lineno or d.node.lineno)
            for d in defs(tree, path, rules)
            if d.collected
        ]
    return files, spans


def inside(spans: dict[str, list[tuple[int, int]]], path: str, line: int) -> bool:
    return any(a <= line <= b for a, b in spans.get(path, ()))


def suite_row(name: str, version: str) -> dict[str, object]:
    repo = suite(name, version)
    files, spans = test_functions(repo)
    ours_cmd = [
        str(BIN / "mergeready"),
        "check",
        "--all",
        "--only",
        "tests-meaningful",
        "--no-cache",
        "--format",
        "json",
        "--title",
        "test: audit",
    ]
    ruff_cmd = [
        str(BIN / "ruff"),
        "check",
        "--isolated",
        "--no-cache",
        "--select",
        RULES,
        "--output-format",
        "json",
        "--exit-zero",
        *files,
    ]
    ours, ruff = measure(ours_cmd, repo), measure(ruff_cmd, repo)
    ours_wall, ours_cpu, ours_out = ours["wall"], ours["cpu"], ours["out"]
    ruff_wall, ruff_cpu, ruff_out = ruff["wall"], ruff["cpu"], ruff["out"]
    report = json.loads(ours_out)
    check = next(c for c in report["checks"] if c["id"] == "tests-meaningful")
    judged = re.search(r"of (\d+) tests", check["summary"])
    tests = int(judged.group(1) if judged else check["summary"].split()[0])
    row: dict[str, object] = {
        "suite": f"{name} {version}",
        "files": len(files),
        "tests": tests,
        "ours": ours_wall,
        "ruff": ruff_wall,
        "ours_cpu": ours_cpu,
        "ruff_cpu": ruff_cpu,
    }
    for code, message in OURS.items():
        theirs = {
            (r["filename"].removeprefix(str(repo) + "/"), r["location"]["row"])
            for r in json.loads(ruff_out)
            if r["code"] == code
        }
        theirs_in_tests = {k for k in theirs if inside(spans, *k)}
        mine = {(f["path"], f["line"]) for f in check["findings"] if message in f["message"]}
        row[code] = (len(theirs), len(theirs_in_tests), len(mine), len(mine & theirs_in_tests))
    return row


def render(rows: list[dict[str, object]]) -> str:
    import platform

    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; median of {RUNS} runs; every test of each suite "
        "judged (`--all`), ruff on the same test files with `--select "
        f"{RULES}`.",
        "",
        "| suite | test files | tests judged | tests-meaningful wall (CPU) | ruff wall (CPU) "
        "| wall ratio |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['suite']} | {r['files']} | {r['tests']} | {r['ours']:.2f} s "
            f"({r['ours_cpu']:.2f} s) | {r['ruff']:.3f} s ({r['ruff_cpu']:.3f} s) | "
            f"**{r['ours'] / r['ruff']:.0f} ×** |"
        )
    lines += [
        "",
        "| suite | rule | ruff (all / in test functions) | tests-meaningful | both |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        for code in OURS:
            total, in_tests, mine, both = r[code]  # type: ignore[misc]
            lines.append(f"| {r['suite']} | {code} | {total} / {in_tests} | {mine} | {both} |")
    return "\n".join(lines)


def main() -> None:
    text = render([suite_row(n, v) for n, v in SUITES])
    print(text)
    write_section("TESTS-MEANINGFUL", text)


if __name__ == "__main__":
    main()
