"""Benchmark ``mergeready history`` over 1,000 contributions.

Usage: .venv/bin/python benchmarks/history.py

It imports the pinned keras 3.6.0 source distribution (see run.py) into a scripted history of
1,000 commits, each a typical small contribution (1 to 10 changed files: new or changed public
functions, sometimes a test, a changelog line or a docs page, titled as people title pull
requests), then times `mergeready history --last 1000 --no-cache` at --jobs 1 and --jobs 2 and
writes the figures into benchmarks/README.md between the HISTORY markers.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import BIN, CORPUS, ENV, git, write_section  # noqa: E402
from run import PACKAGE, VERSION, build_corpus  # noqa: E402

COMMITS = int(os.environ.get("BENCH_HISTORY_COMMITS", "1000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
TITLES = (
    "Fix {name} for empty inputs",
    "Add {name} helper",
    "docs: explain {name}",
    "Speed up {name}",
    "Refactor {name}",
    "Support masks in {name}",
)


def build_history() -> Path:
    repo = CORPUS / "history"
    if (repo / ".git").exists() and git(repo, "rev-list", "--count", "HEAD").strip() == str(
        COMMITS + 1
    ):
        return repo
    source = build_corpus()
    subprocess.run(["rm", "-rf", str(repo)], check=True)
    subprocess.run(
        ["git", "clone", "-q", "--branch", "main", str(source), str(repo)], check=True, env=ENV
    )
    git(repo, "remote", "remove", "origin")  # the history is this repository's own main
    rng = random.Random(1000)
    files = sorted(
        p
        for p in git(repo, "ls-files", "keras/src/*.py").split()
        if not p.endswith(("__init__.py", "_test.py"))
    )
    for n in range(COMMITS):
        changed = rng.sample(files, rng.randint(1, 10))
        name = f"helper_{n}"
        for path in changed:
            with open(repo / path, "a", encoding="utf-8") as handle:
                handle.write(
                    f'\n\ndef {name}(values, scale=1.0):\n    """Scale values.\n\n'
                    f'    Args:\n        values: The values.\n    """\n'
                    f"    return [v * scale for v in values]\n"
                )
        if rng.random() < 0.5:
            (repo / "keras" / "src" / f"h{n % 50}_test.py").write_text(
                f"def test_{name}():\n    assert True\n"
            )
        if rng.random() < 0.4:
            log = repo / "CHANGELOG.md"
            log.write_text(
                log.read_text().replace("## Unreleased\n", f"## Unreleased\n\n- {name}.\n", 1)
            )
        if rng.random() < 0.2:
            (repo / "docs").mkdir(exist_ok=True)
            (repo / "docs" / f"{name}.md").write_text(f"How {name} works, with an exemple.\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", rng.choice(TITLES).format(name=name))
    return repo


def main() -> int:
    repo = build_history()
    rows = [
        "| jobs | median wall | contributions per second | per core |",
        "| --- | --- | --- | --- |",
    ]
    for jobs in (1, 2):
        walls = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(
                [
                    str(BIN / "mergeready"),
                    "history",
                    "--last",
                    str(COMMITS),
                    "--jobs",
                    str(jobs),
                    "--no-cache",
                    "--format",
                    "json",
                ],
                cwd=repo,
                env={**ENV, "CI": "1"},
                check=True,
                stdout=subprocess.DEVNULL,
            )
            walls.append(time.perf_counter() - start)
        wall = statistics.median(walls)
        rows.append(
            f"| {jobs} | {wall:.1f} s | {COMMITS / wall:.1f} | {COMMITS / wall / jobs:.1f} |"
        )
        print(rows[-1], flush=True)
    report = "\n".join(
        [
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}: "
            f"{COMMITS} scripted contributions on {PACKAGE} {VERSION}, "
            f"median of {RUNS} runs, no cache.",
            "",
            *rows,
        ]
    )
    write_section("HISTORY", report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
