"""Publication paths: sdist and wheel build and pass ``twine check``; README snippets resolve."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from helpers import copy_source_tree
from mergeready.hooks import __version__

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text()


@pytest.mark.slow
def test_sdist_and_wheel_build_and_pass_twine_check(tmp_path):
    source = copy_source_tree(tmp_path / "source")  # setuptools writes build/ beside the source
    dist = tmp_path / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    built = sorted(p.name for p in dist.iterdir())
    assert built == [
        f"mergeready-{__version__}-py3-none-any.whl",
        f"mergeready-{__version__}.tar.gz",
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    names = zipfile.ZipFile(dist / built[0]).namelist()
    assert "mergeready/rules/default.yaml" in names
    assert "mergeready/hooks/launchers/github-workflow.yml" in names
    assert "mergeready/hooks/launchers/kubernetes-job.yaml" in names
    assert not [n for n in names if n.split("/")[0] in ("checks", "hooks", "rules", "tests")]


def test_the_version_is_one_and_the_release_workflow_checks_the_tag():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'version = "{__version__}"' in pyproject
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "twine check --strict" in runs and "python -m build" in runs
    assert any(s.get("uses", "").startswith("pypa/gh-action-pypi-publish") for s in steps)
    assert workflow["jobs"]["publish"]["permissions"] == {"id-token": "write"}
    assert 'git tag --force "$major"' in runs


def test_readme_snippets_name_nothing_that_does_not_exist_yet():
    """No release exists yet: no version tag, no PyPI package, in a snippet a user copies."""
    blocks = re.findall(r"```(?:yaml|sh)\n(.*?)```", README, re.S)
    text = "\n".join(blocks)
    assert not re.search(r"rev: v\d", text)
    assert not re.search(r"uses: mergeready/mergeready@v\d", text)
    assert not re.search(r"pip install mergeready\b", text)
    assert "git+https://github.com/mergeready/mergeready" in text
