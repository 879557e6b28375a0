"""benchmarks/accuracy.py: judges a labelled contribution of a real (temporary) repository."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]

LABEL = """repo: ada/demo
rules: "a CHANGELOG.md with an Unreleased section; tests in tests/"
contributions:
  - commit: {sha}
    title: "Fix the sign of f"
    expect:
      types: [bugfix, tests]
      tests_needed: true
      tests_present: true
      changelog_needed: true
      changelog_present: {present}
      changelog_where: null
      docstrings_complete: true
      misspellings: []
      ready: {present}
    why: "a fix with its test and entry"
"""


@pytest.mark.slow
def test_accuracy_compares_labels_with_mergeready(git_repo, tmp_path):
    git_repo.write("CHANGELOG.md", "# Changes\n\n## Unreleased\n\n## 1.0 (2024-01-01)\n\n- a\n")
    git_repo.write("pkg/mod.py", "def f():\n    return 1\n")
    git_repo.write(
        "tests/test_mod.py", "from pkg.mod import f\n\n\ndef test_f():\n    assert f()\n"
    )
    git_repo.commit("initial")
    git_repo.write("pkg/mod.py", "def f():\n    return -1\n")
    git_repo.write(
        "tests/test_mod.py", "from pkg.mod import f\n\n\ndef test_f():\n    assert f() < 0\n"
    )
    git_repo.write(
        "CHANGELOG.md", "# Changes\n\n## Unreleased\n\n- f's sign\n\n## 1.0 (2024-01-01)\n\n- a\n"
    )
    sha = git_repo.commit("Fix the sign of f")
    mirrors, corpus = tmp_path / "mirrors", tmp_path / "corpus"
    corpus.mkdir()
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(git_repo.path), str(mirrors / "ada+demo" / "repo")],
        check=True,
    )

    def run(present: str) -> str:
        (corpus / "ada__demo.yaml").write_text(LABEL.format(sha=sha, present=present))
        proc = subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "accuracy.py"),
                "--corpus",
                str(corpus),
                "--mirrors",
                str(mirrors),
                "--clones",
                str(tmp_path / "clones"),
                "--quiet",
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    out = run("true")
    assert "**Overall agreement: 100.0 % (8/8)**" in out and "Silent passes" in out
    assert "## Development part" in out and "no held-out data" in out
    heldout = corpus / "heldout"
    heldout.mkdir()
    (heldout / "ada__demo.yaml").write_text(LABEL.format(sha=sha, present="false"))
    out = run("true")  # the development part agrees, the held-out part's labels do not
    dev, held = out.split("## Held-out part", 1)
    assert "**Overall agreement: 100.0 % (8/8)**" in dev and "no held-out data" not in out
    assert "ready: maintainer `False`, mergeready `True`" in held
    assert "| ada/demo | 1 |" in held
    (heldout / "ada__demo.yaml").unlink()
    # A former held-out part, published and tuned on, is development data: its own part, and
    # in the figure over every development part.
    former = corpus / "round1-heldout"
    former.mkdir()
    (former / "ada__demo.yaml").write_text(LABEL.format(sha=sha, present="false"))
    out = run("true")
    together, rest = out.split("## Development part (", 1)
    assert together.startswith("## Development, all parts together")
    assert "**Overall agreement: 87.5 % (14/16)**" in together and "Disagreements" not in together
    assert "## Development part (round1-heldout/)" in out and "no held-out data" in out
    (former / "ada__demo.yaml").unlink()
    out = run("false")
    assert "changelog present: maintainer `False`, mergeready `True`" in out
    assert "ready: maintainer `False`, mergeready `True`" in out
    assert "the maintainer's reading: a fix with its test and entry" in out  # the label's why
    (corpus / "other__missing.yaml").write_text("repo: other/missing\ncontributions: []\n")
    assert "skip other/missing: not fetched" in run("true")
    # --repo naming a repository only the held-out part has: the development part says so
    (corpus / "ada__demo.yaml").rename(corpus / "ada__demo.yaml.off")
    (heldout / "ada__demo.yaml").write_text(LABEL.format(sha=sha, present="true"))
    (corpus / "zed__other.yaml").write_text("repo: zed/other\ncontributions: []\n")
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "accuracy.py"),
            *("--corpus", str(corpus), "--mirrors", str(mirrors)),
            *("--clones", str(tmp_path / "clones"), "--quiet", "--repo", "ada/demo"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert "no contribution of ada/demo" in proc.stdout
    assert "**Overall agreement: 100.0 % (8/8)**" in proc.stdout.split("## Held-out part", 1)[1]
