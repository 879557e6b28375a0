"""Benchmark mergeready against the peer tools a maintainer would otherwise run.

Usage (from the repository root, after the README's set-up):  .venv/bin/python benchmarks/run.py

It builds a corpus from a pinned source distribution on PyPI (keras 3.6.0) in
benchmarks/.corpus/, scripts three contributions on top of it (typical, large, docs-only), and
times, over several runs each, `mergeready check` against pylint (docparams messages only),
pydocstyle and codespell run as separate processes on the same files, plus the whole-tree audit,
the floors (`git diff`, an `ast` parse of every file), start-up and the result cache. It prints a
Markdown report and writes it into benchmarks/README.md between the RESULTS markers.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import sys
import time
from pathlib import Path

from common import BIN, CORPUS, RUNS, git, measure, sdist, write_section

PACKAGE, VERSION = "keras", "3.6.0"
HEAVY_RUNS = int(os.environ.get("BENCH_HEAVY_RUNS", "3"))
DOCPARAMS = (
    "missing-param-doc,missing-type-doc,missing-return-doc,missing-raises-doc,"
    "missing-yield-doc,missing-any-param-doc,differing-param-doc,"
    "missing-function-docstring,missing-class-docstring,missing-module-docstring"
)


def build_corpus() -> Path:
    repo = CORPUS / f"{PACKAGE}-{VERSION}"
    if (repo / ".git").exists():
        return repo
    sdist(PACKAGE, VERSION)
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n## Unreleased\n\n## 3.5.0\n\n- x\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "keras 3.6.0")
    sources = sorted(
        p
        for p in git(repo, "ls-files", "*.py").split()
        if "/src/" in p and not p.endswith(("__init__.py", "_test.py"))
    )
    _contribution(repo, "typical", sources[:: len(sources) // 10][:10], docs=True)
    _contribution(repo, "large", sources[:: len(sources) // 100][:100], docs=True)
    git(repo, "checkout", "-q", "-b", "docs-only", "main")
    (repo / "docs").mkdir(exist_ok=True)
    (repo / "docs" / "guide.md").write_text(GUIDE)
    (repo / "README.md").write_text((repo / "README.md").read_text() + "\n" + GUIDE)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "docs: add a guide")
    git(repo, "checkout", "-q", "main")
    return repo


GUIDE = "# A guide\n\n" + "".join(
    f"Paragraph {i}: how to use the layers, with an exemple of teh API.\n" for i in range(60)
)
NEW_FUNCTION = '''

def clip_values_{n}(values, low, high=1.0, *, strict=False):
    """Clip values to a range.

    Args:
        values: The values.
        low: The lower bound.

    Returns:
        The clipped values.
    """
    if strict and low > high:
        raise ValueError("low must not exceed high")
    return [min(max(v, low), high) for v in values]
'''


def _contribution(repo: Path, name: str, files: list[str], docs: bool) -> None:
    git(repo, "checkout", "-q", "-b", name, "main")
    for n, path in enumerate(files):
        target = repo / path
        text = target.read_text()
        text = re.sub(r"^def (\w+)\(", r"def \1(\n    ", text, count=1, flags=re.M)
        target.write_text(text + NEW_FUNCTION.format(n=n))
    test = repo / "keras" / "src" / "ops" / f"clip_{name}_test.py"
    test.write_text("def test_clip():\n    assert True\n")
    changelog = repo / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text().replace("## Unreleased\n", "## Unreleased\n\n- Add clip_values.\n")
    )
    if docs:
        (repo / "docs").mkdir(exist_ok=True)
        (repo / "docs" / f"{name}.md").write_text(GUIDE)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"Add clip_values ({name})")
    git(repo, "checkout", "-q", "main")


def peers(files: list[str]) -> dict[str, list[str]]:
    py = [f for f in files if f.endswith(".py")]
    out = {}
    if py:
        out["pylint (docparams)"] = [
            str(BIN / "pylint"),
            "--load-plugins=pylint.extensions.docparams",
            "--disable=all",
            f"--enable={DOCPARAMS}",
            "-j",
            "2",
            "--accept-no-param-doc=no",
            "--accept-no-raise-doc=no",
            "--accept-no-return-doc=no",
            "--accept-no-yields-doc=no",
            *py,
        ]
        out["pydocstyle"] = [str(BIN / "pydocstyle"), *py]
    out["codespell"] = [str(BIN / "codespell"), *files]
    return out


def scenario(repo: Path, name: str, base: str, head: str | None, rows: list[str]) -> None:
    mergeready = [str(BIN / "mergeready"), "check", "--no-cache"]
    if head is None:
        mergeready.append("--all")
        files = git(repo, "ls-files").split()
    else:
        mergeready += ["--base", base, "--head", head]
        files = git(repo, "diff", "--name-only", base, head).split()
        git(repo, "checkout", "-q", head)
    runs = HEAVY_RUNS if head is None or name == "large" else RUNS
    ours = measure(mergeready, repo, runs)
    theirs = {tool: measure(cmd, repo, runs) for tool, cmd in peers(files).items()}
    total = sum(t["wall"] for t in theirs.values())
    rows.append(
        f"| {name} ({len(files)} files) | {ours['wall']:.2f} s | {ours['cpu']:.2f} s | "
        f"{ours['mem']:.0f} MB | "
        + " | ".join(
            f"{t['wall']:.2f} s"
            for t in (
                theirs.get("pylint (docparams)"),
                theirs.get("pydocstyle"),
                theirs["codespell"],
            )
            if t
        )
        + (" | – | –" if len(theirs) == 1 else "")
        + f" | {total:.2f} s | **{ours['wall'] / total:.2f}** |"
    )
    git(repo, "checkout", "-q", "main")


def main() -> int:
    repo = build_corpus()
    base = git(repo, "rev-parse", "main").strip()
    rows = [
        "| contribution | mergeready wall | CPU | peak memory | pylint docparams | "
        "pydocstyle | codespell | peers' sum | ratio |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in ("typical", "large", "docs-only"):
        scenario(repo, name, base, git(repo, "rev-parse", name).strip(), rows)
        print(rows[-1], flush=True)
    scenario(repo, "whole tree --all", base, None, rows)
    print(rows[-1], flush=True)
    files = git(repo, "ls-files", "*.py").split()
    floors = {
        "git diff (typical)": measure(["git", "diff", base, "typical"], repo, RUNS),
        "ast parse of every file": measure(
            [
                sys.executable,
                "-c",
                "import ast,sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f,'rb').read())",
                *files,
            ],
            repo,
            RUNS,
        ),
        "python -c pass (the interpreter alone)": measure(
            [sys.executable, "-c", "pass"], repo, RUNS
        ),
        "mergeready --version": measure([str(BIN / "mergeready"), "--version"], repo, RUNS),
        "mergeready check, empty contribution": measure(
            [str(BIN / "mergeready"), "check", "--no-cache", "--base", "main", "--head", "main"],
            repo,
            RUNS,
        ),
    }
    cache_dir = CORPUS / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cached = [
        str(BIN / "mergeready"),
        "check",
        "--cache-dir",
        str(cache_dir),
        "--base",
        base,
        "--head",
        "typical",
    ]
    floors["typical, first run with the cache"] = measure(
        cached, repo, RUNS, before=lambda: shutil.rmtree(cache_dir, ignore_errors=True)
    )
    floors["typical, second run with the cache"] = measure(cached, repo, RUNS)
    extra = ["| measure | median wall | CPU | peak memory |", "| --- | --- | --- | --- |"]
    extra += [
        f"| {k} | {v['wall'] * 1000:.0f} ms | {v['cpu'] * 1000:.0f} ms | {v['mem']:.0f} MB |"
        for k, v in floors.items()
    ]
    report = "\n".join(
        [
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, "
            f"{os.cpu_count()} cores, "
            f"Python {platform.python_version()}, corpus {PACKAGE} {VERSION} "
            f"({len(files)} Python files); medians of {RUNS} runs ({HEAVY_RUNS} for large, "
            "whole-tree); ratio = mergeready wall / the peers' summed wall, in the same run.",
            "",
            *rows,
            "",
            *extra,
        ]
    )
    print("\n".join(extra))
    write_section("RESULTS", report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
