"""Benchmark docs-valid against sphinx-lint, and examples-valid against nbformat's validation.

Usage (from the repository root, after the README's set-up):  .venv/bin/python benchmarks/docs.py

It builds a corpus from a pinned source distribution on PyPI (Sphinx 7.4.7, whose doc/ folder
holds about a hundred reST pages) in benchmarks/.corpus/, adds 40 generated notebooks under
examples/, and scripts two contributions on top of it:

- docs-heavy: 40 reST pages each get a paragraph with roles, a :doc: link, an image and a
  Python code block;
- notebooks: the 40 notebooks each get a changed code cell.

It times `mergeready check --no-cache --only docs-valid` against `sphinx-lint` on the same
changed pages, and `mergeready check --no-cache --only examples-valid` against a Python process
that reads and validates the same notebooks with nbformat (`nbformat.read` + `nbformat.validate`,
what a CI step that checks notebooks runs), each as separate processes, medians of several runs
(`BENCH_RUNS`, default 5), ratio = mergeready wall / the peer's wall in the same run. It prints a
Markdown table and writes it into benchmarks/README.md between the DOCS-RESULTS markers.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

from common import BIN, CORPUS, RUNS, git, measure, sdist, write_section

NAME, VERSION = "sphinx", "7.4.7"
PARAGRAPH = """

Added by the benchmark: see :doc:`/usage/quickstart`, :ref:`the glossary <glossary>` and
:func:`sphinx.util.logging.getLogger`, with ``literal`` text.

.. code-block:: python

   def greet(name: str) -> str:
       return f"hello {{name}}"

.. image:: /_static/sphinx.png
"""
NOTEBOOKS = 40


def notebook(n: int, extra: str = "") -> str:
    """A notebook of 40 cells as Jupyter writes it."""
    cells = []
    for i in range(40):
        if i % 4 == 0:
            cells.append({"cell_type": "markdown", "metadata": {}, "source": [f"## Step {i}\n"]})
        else:
            source = [f"x_{i} = {i} * {n}\n", f"print(x_{i})\n"] + ([extra] if i == 1 else [])
            cells.append(
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "metadata": {},
                    "outputs": [],
                    "source": source,
                }
            )
    nb = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 4,
    }
    return json.dumps(nb, indent=1, sort_keys=True) + "\n"


def build() -> Path:
    """Build the corpus repository and its two contribution branches (once)."""
    repo = CORPUS / f"{NAME}-{VERSION}"
    if (repo / ".git").exists():
        return repo
    sdist(NAME, VERSION)
    for n in range(NOTEBOOKS):
        target = repo / "examples" / f"nb_{n:02d}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(notebook(n))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"{NAME} {VERSION}")
    pages = sorted(p for p in git(repo, "ls-files", "doc/*.rst").split())[:40]
    git(repo, "checkout", "-q", "-b", "docs-heavy", "main")
    for page in pages:
        path = repo / page
        path.write_text(path.read_text() + PARAGRAPH)
    git(repo, "commit", "-q", "-am", "docs: extend the pages")
    git(repo, "checkout", "-q", "-b", "notebooks", "main")
    for n in range(NOTEBOOKS):
        (repo / "examples" / f"nb_{n:02d}.ipynb").write_text(notebook(n, "y = x_1 + 1\n"))
    git(repo, "commit", "-q", "-am", "Update the examples")
    git(repo, "checkout", "-q", "main")
    return repo


NBFORMAT = (
    "import sys, nbformat\n"
    "for path in sys.argv[1:]:\n"
    "    nbformat.validate(nbformat.read(path, as_version=nbformat.NO_CONVERT))\n"
)


def row(repo: Path, name: str, check: str, peer_name: str, peer: list[str]) -> str:
    """Time mergeready's check and the peer on the same files; return a table row."""
    git(repo, "checkout", "-q", name)
    files = git(repo, "diff", "--name-only", "main", name).split()
    ours = measure(
        [str(BIN / "mergeready"), "check", "--no-cache", "--only", check, "--base", "main"],
        repo,
        RUNS,
    )
    theirs = measure([*peer, *files], repo, RUNS)
    git(repo, "checkout", "-q", "main")
    return (
        f"| {check} on {name} ({len(files)} files) | {ours['wall']:.2f} s | {ours['cpu']:.2f} s |"
        f" {ours['mem']:.0f} MB | {peer_name} | {theirs['wall']:.2f} s | {theirs['cpu']:.2f} s |"
        f" **{ours['wall'] / theirs['wall']:.2f}** |"
    )


def main() -> int:
    """Build, measure, print and record the table."""
    repo = build()
    rows = [
        row(repo, "docs-heavy", "docs-valid", "sphinx-lint", [str(BIN / "sphinx-lint")]),
        row(
            repo,
            "notebooks",
            "examples-valid",
            "nbformat read + validate",
            [sys.executable, "-c", NBFORMAT],
        ),
    ]
    head = (
        f"Measured {__import__('datetime').date.today()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, corpus {NAME} {VERSION} "
        f"(doc/ pages) and {NOTEBOOKS} generated notebooks; medians of {RUNS} runs; ratio = "
        "mergeready wall / the peer's wall, in the same run.\n\n"
        "| contribution | mergeready wall | CPU | peak memory | peer | peer wall | peer CPU"
        " | ratio |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    )
    table = head + "\n".join(rows) + "\n"
    print(table)
    write_section("DOCS-RESULTS", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
