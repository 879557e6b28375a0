"""Time mergeready on one new 50,000-line Python file (25,000 functions, none documented).

Usage (from the repository root, after the README's set-up):
    .venv/bin/python benchmarks/large_file.py

Every definition asks "did the contribution touch lines first..last?"; with the added lines kept
as intervals that is a lookup, not a scan of all 50,000 added lines per definition (which took
16 s). Prints the median wall time of several runs per check and writes nothing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
MERGEREADY = os.environ.get("MERGEREADY", str(Path(sys.executable).parent / "mergeready"))
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)


def build(repo: Path) -> None:
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("# R\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    git(repo, "checkout", "-q", "-b", "topic")
    body = "".join(f"def f{i}(x):\n    return x\n" for i in range(25_000))
    (repo / "huge.py").write_text('"""Huge."""\n' + body)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "feat: huge")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        build(repo)
        lines = sum(1 for _ in (repo / "huge.py").open())
        print(f"huge.py: {lines} lines; median of {RUNS} runs")
        for only in ("docstrings-complete", "tests-present", "docstrings-complete,tests-present"):
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                subprocess.run(
                    [MERGEREADY, "check", "--no-cache", "--only", only, "--format", "json"],
                    cwd=repo,
                    env=ENV,
                    capture_output=True,
                )
                times.append(time.perf_counter() - start)
            print(f"| {only} | {statistics.median(times):.2f} s |")


if __name__ == "__main__":
    main()
