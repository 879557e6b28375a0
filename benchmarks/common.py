"""What the benchmark scripts share: where the corpus lives, the environment, git, pinned sdists.

Not a benchmark itself; imported by ``run.py``, ``docs.py``, ``tests_meaningful.py`` and
``translations.py`` when they are run from the repository root as their usage lines say.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

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
