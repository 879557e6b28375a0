"""Start-up: CPU time of ``--version`` and of an empty ``check`` above ``python -c pass``.

Usage: ``.venv/bin/python benchmarks/start_up.py [runs]`` from the repository root. Builds a
one-commit repository in a temporary folder, then times each command as its own process,
alternating them so that a change in the machine's load weighs on all three alike, and prints
the median and minimum CPU time (user + sys) of each and the difference to the interpreter
alone (issue 26's targets: ``--version`` ≤ 35 ms and an empty check ≤ 70 ms above it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import BIN, ENV, git


def _cpu(command: list[str], cwd: Path) -> float:
    proc = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    """Time the three commands and print a table.

    Returns:
        0.
    """
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        git(repo, "init", "-q", "-b", "main")
        (repo / "lib.py").write_text("def grow(x):\n    return x + 1\n")
        git(repo, "add", "lib.py")
        git(repo, "commit", "-q", "-m", "base")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "mergeready --version": [str(BIN / "mergeready"), "--version"],
            "mergeready check (empty)": [
                str(BIN / "mergeready"),
                *("check", "--no-cache", "--quiet", "--base", "main", "--head", "main"),
            ],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # bytecode, OS cache
            _cpu(command, repo)
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(_cpu(command, repo))
    floor = statistics.median(times["python -c pass"])
    print(f"load average {os.getloadavg()[0]:.1f}, {runs} alternating runs each")
    print("| command | CPU median | CPU min | median above python -c pass |")
    print("| --- | --- | --- | --- |")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"| {name} | {median * 1000:.0f} ms | {min(values) * 1000:.0f} ms | "
            f"{(median - floor) * 1000:.0f} ms |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
