"""Measure ``mergeready org`` over clones of real repositories: a job array against one run.

Usage: .venv/bin/python benchmarks/org.py FOLDER [LAST]

FOLDER holds clones (one subfolder each; ``git clone --shared --no-checkout`` of a mirror is
enough). LAST (default 12) bounds each shard. It runs, with no result cache:

1. one local ``org run --jobs 2`` over every clone, then ``org merge``;
2. the same plan as a simulated Indexed Job: one process per shard with
   ``JOB_COMPLETION_INDEX`` set (two at a time), each timed with ``/usr/bin/time`` (wall time,
   maximum resident memory), then ``org merge``; the two merged files must hold equal records;
3. a worker killed after its first records, then rerun: the merge must still equal run 1;
4. an unchanged rerun of every index (nothing may be checked again);
5. every index under another mergeready version (every contribution must be checked again);
6. ``org report`` over the shards, timed.

It prints one JSON object with the figures; benchmarks/README.md quotes them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
VERSIONED = (
    "import sys, mergeready.hooks as h; h.__version__ = '0.0.0+other'; "
    "from mergeready.hooks.cli import main; sys.argv[0] = 'mergeready'; raise SystemExit(main())"
)


def mergeready(*args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(BIN / "mergeready"), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines()]


def array(listing: Path, out: Path, count: int, last: str, python: str | None = None) -> list:
    """Run every index as its own process, two at a time; return (index, seconds, KiB, line)."""
    figures, running = [], []
    for index in range(count):
        env = {**os.environ, "JOB_COMPLETION_INDEX": str(index)}
        command = [str(BIN / "mergeready")]
        if python:
            command = [sys.executable, "-c", python]
        argv = [*command, "org", "run", "--repos", str(listing), "--out", str(out)]
        proc = subprocess.Popen(
            ["/usr/bin/time", "-f", "%e %M", *argv, "--last", last, "--jobs", "1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        running.append((index, proc))
        if len(running) == 2 or index == count - 1:
            for i, p in running:
                stdout, stderr = p.communicate()
                seconds, kib = stderr.strip().splitlines()[-1].split()
                figures.append((i, float(seconds), int(kib), stdout.strip()))
            running = []
    return figures


def main() -> None:
    folder, last = Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "12"
    work = Path(tempfile.mkdtemp(prefix="org-bench-"))
    listing = work / "repos.txt"
    clones = sorted(p for p in folder.iterdir() if (p / ".git").exists())
    listing.write_text("".join(f"{p}\n" for p in clones))
    count = len(clones)
    start = time.monotonic()
    mergeready(
        "org",
        "run",
        "--repos",
        str(listing),
        "--out",
        str(work / "one"),
        "--last",
        last,
        "--jobs",
        "2",
    )
    one_seconds = time.monotonic() - start
    mergeready("org", "merge", str(work / "one"), "--output", str(work / "one.jsonl"))

    figures = array(listing, work / "array", count, last)
    mergeready("org", "merge", str(work / "array"), "--output", str(work / "array.jsonl"))
    same = records(work / "one.jsonl") == records(work / "array.jsonl")

    # kill index 0 after it wrote two records, rerun it, merge again
    killed = work / "killed"
    env = {**os.environ, "JOB_COMPLETION_INDEX": "0"}
    argv = ["org", "run", "--repos", str(listing), "--out", str(killed), "--last", last]
    proc = subprocess.Popen(
        [str(BIN / "mergeready"), *argv, "--jobs", "1"], env=env, start_new_session=True
    )
    shard = killed / f"{clones[0].name}.jsonl"
    while proc.poll() is None and (not shard.exists() or shard.read_text().count("\n") < 2):
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    left = shard.read_text().count("\n")
    for index in range(count):
        mergeready(*argv, "--jobs", "1", env={**os.environ, "JOB_COMPLETION_INDEX": str(index)})
    mergeready("org", "merge", str(killed), "--output", str(work / "killed.jsonl"))
    after_kill = records(work / "one.jsonl") == records(work / "killed.jsonl")

    rerun = array(listing, work / "array", count, last)
    other = array(listing, work / "array", count, last, python=VERSIONED)
    start = time.monotonic()
    mergeready(
        "org",
        "report",
        str(work / "one"),
        "--format",
        "html",
        "--output",
        str(work / "report.html"),
    )
    report_seconds = time.monotonic() - start
    contributions = len(records(work / "one.jsonl"))
    print(
        json.dumps(
            {
                "repositories": count,
                "contributions": contributions,
                "one_run_seconds": round(one_seconds, 1),
                "array": [
                    {"index": i, "seconds": s, "max_rss_kib": k, "said": o}
                    for i, s, k, o in figures
                ],
                "array_equals_one_run": same,
                "killed_after_lines": left,
                "after_kill_equals_one_run": after_kill,
                "unchanged_rerun": [o for *_, o in rerun],
                "other_version": [o for *_, o in other],
                "report_seconds": round(report_seconds, 1),
                "work": str(work),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
