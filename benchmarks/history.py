"""Benchmark ``mergeready history`` over 1,000 scripted contributions, or over a real history.

Usage: .venv/bin/python benchmarks/history.py
       .venv/bin/python benchmarks/history.py --real CLONE [--last 200]

``--real`` walks the last N first-parent commits of a clone (Keras: ``git clone --shared
/work/.mirror/keras-team+keras/repo /tmp/keras``) with ``history --last N --no-cache`` at --jobs 1
and 2, and in the same run measures the one-core *floor*: ``git cat-file --batch`` of every
changed Python file at each commit and ``ast.parse`` of it, nothing else. It prints CPU time
(the children's user + system; the machine is shared, so wall time is given but not trusted),
contributions per CPU-second and per 2-core second, and the ratio to the floor, and writes them
between the REAL-HISTORY markers.

It imports the pinned keras 3.6.0 source distribution (see run.py) into a scripted history of
1,000 commits, each a typical small contribution (1 to 10 changed files: new or changed public
functions, sometimes a test, a changelog line or a docs page, titled as people title pull
requests), then times `mergeready history --last 1000 --no-cache` at --jobs 1 and --jobs 2 and
writes the figures into benchmarks/README.md between the HISTORY markers.
"""

from __future__ import annotations

import ast
import os
import platform
import random
import resource
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


def _changed_python(repo: Path, commits: list[str]) -> list[tuple[str, str]]:
    """Each commit's changed Python files that exist at the commit, as ``(commit, path)``."""
    out = []
    for sha in commits:
        names = git(
            repo, "diff-tree", "--no-commit-id", "-r", "--name-only", "--diff-filter=AMR", "-z",
            f"{sha}^", sha,
        )  # fmt: skip
        out += [(sha, p) for p in names.split("\0") if p.endswith(".py")]
    return out


def floor(repo: Path, commits: list[str]) -> float:
    """CPU seconds for reading and parsing each changed Python file at its commit, one core."""
    start = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    files = _changed_python(repo, commits)
    batch = subprocess.run(
        ["git", "cat-file", "--batch"],
        cwd=repo,
        input="".join(f"{sha}:{path}\n" for sha, path in files).encode(),
        capture_output=True,
        check=True,
    ).stdout
    at = 0
    for _ in files:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        data = batch[header_end + 1 : header_end + 1 + size]
        at = header_end + 2 + size
        try:
            ast.parse(data)
        except (SyntaxError, ValueError):
            pass
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return time.process_time() - start + spent


def real(repo: Path, last: int) -> int:
    """Measure ``history --last N`` on a real clone against the parse floor, in one run."""
    commits = git(repo, "log", "--first-parent", "--format=%H %P", f"-n{last}").split("\n")
    shas = [line.split()[0] for line in commits if len(line.split()) > 1]
    floor_cpu = floor(repo, shas)
    rows = [
        f"floor (one core, git cat-file + ast.parse of {len(_changed_python(repo, shas))} "
        f"changed Python files): {floor_cpu:.1f} CPU s, {len(shas) / floor_cpu:.1f} "
        "contributions per CPU-second",
        "",
        "| jobs | wall | CPU (user + sys) | per CPU-second | on 2 cores (CPU / 2) | × floor |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for jobs in (1, 2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [str(BIN / "mergeready"), "history", "--last", str(last), "--jobs", str(jobs),
             "--no-cache", "--quiet", "--format", "json"],
            cwd=repo, env={**ENV, "CI": "1"}, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        rate = len(shas) / cpu
        rows.append(
            f"| {jobs} | {wall:.0f} s | {cpu:.1f} s | {rate:.2f} | {2 * rate:.2f} | "
            f"{rate / (len(shas) / floor_cpu):.3f} |"
        )
        print(rows[-1], flush=True)
    head = git(repo, "rev-parse", "--short", "HEAD").strip()
    report = "\n".join(
        [
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} "
            f"cores (shared, load average {os.getloadavg()[0]:.1f}), Python "
            f"{platform.python_version()}: the last {len(shas)} first-parent commits of "
            f"{repo.name} at {head}, no cache.",
            "",
            *rows,
        ]
    )
    print(report)
    write_section("REAL-HISTORY", report)
    return 0


def main() -> int:
    if "--real" in sys.argv:
        args = sys.argv[sys.argv.index("--real") + 1 :]
        last = int(args[args.index("--last") + 1]) if "--last" in args else 200
        return real(Path(args[0]).resolve(), last)
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
