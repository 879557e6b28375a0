"""What the benchmark scripts share: where the corpus lives, the environment, git, pinned sdists.

Not a benchmark itself; imported by ``run.py``, ``docs.py``, ``tests_meaningful.py`` and
``translations.py`` when they are run from the repository root as their usage lines say.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / ".corpus"
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "NO_COLOR": "1",
}
# Every tool is timed as installed: with its bytecode cached. An environment that forbids
# writing bytecode would make the editable mergeready recompile itself on every run while the
# peers, installed by pip, keep their .pyc files.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def git(repo: Path, *args: str) -> str:
    """Run git in a corpus repository with the benchmark's identity and return its output.

    Args:
        repo: The repository.
        *args: git's arguments.

    Returns:
        What git printed.
    """
    return subprocess.run(
        ["git", *args], cwd=repo, env=ENV, check=True, capture_output=True, text=True
    ).stdout


def sdist(name: str, version: str) -> Path:
    """Download and unpack a pinned source distribution from PyPI into the corpus, once.

    Args:
        name: The distribution's name on PyPI.
        version: The pinned version.

    Returns:
        The unpacked folder ``benchmarks/.corpus/<name>-<version>`` (not yet a git repository).
    """
    folder = CORPUS / f"{name}-{version}"
    if folder.exists():
        return folder
    CORPUS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            f"{name}=={version}",
            "-d",
            str(CORPUS),
        ],
        check=True,
    )
    with tarfile.open(CORPUS / f"{name}-{version}.tar.gz") as tar:
        tar.extractall(CORPUS, filter="data")
    return folder


def write_section(marker: str, text: str) -> None:
    """Replace what README.md holds between ``<!-- marker -->`` and ``<!-- /marker -->``.

    Args:
        marker: The section's marker name (``RESULTS``, ``DOCS-RESULTS``, ...).
        text: The new content; appended with its markers when the README has none yet.
    """
    readme = HERE / "README.md"
    current = readme.read_text(encoding="utf-8")
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    body = text if text.endswith("\n") else text + "\n"
    if start not in current:
        readme.write_text(f"{current.rstrip()}\n\n{start}\n{body}{end}\n", encoding="utf-8")
        return
    head, rest = current.split(start, 1)
    tail = rest.split(end, 1)[1]
    readme.write_text(f"{head}{start}\n{body}{end}{tail}", encoding="utf-8")


def measure(
    command: list[str],
    cwd: Path,
    runs: int = RUNS,
    before: Callable[[], object] = lambda: None,
) -> dict[str, Any]:
    """Time a command as a separate process: one warm-up run, then ``runs`` measured ones.

    Args:
        command: The command.
        cwd: Where it runs.
        runs: How many measured runs.
        before: Called before each measured run (e.g. to empty a cache).

    Returns:
        ``wall`` and ``cpu`` (median seconds), ``mem`` (peak MB over the runs), ``out`` and
        ``err`` (what the last run printed on each stream).
    """
    subprocess.run(command, cwd=cwd, env=ENV, capture_output=True)  # bytecode, OS cache
    walls, cpus, peaks, out, err = [], [], [], b"", b""
    for _ in range(runs):
        before()
        with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
            start = time.perf_counter()
            proc = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=stdout, stderr=stderr)
            _, _, usage = os.wait4(proc.pid, 0)
            walls.append(time.perf_counter() - start)
            stdout.seek(0)
            stderr.seek(0)
            out, err = stdout.read(), stderr.read()
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
    return {
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "mem": max(peaks),
        "out": out.decode("utf-8", "replace"),
        "err": err.decode("utf-8", "replace"),
    }
