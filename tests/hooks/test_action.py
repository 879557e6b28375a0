"""The GitHub Action: schemas, and its steps run for real on a shallow clone of a local origin."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow  # the Action's steps run for real: pip installs, a local origin

ROOT = Path(__file__).parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def test_action_matches_the_github_actions_schema():
    proc = subprocess.run(
        [*CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-actions", str(ROOT / "action.yml")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _readme_workflows() -> dict[str, str]:
    text = (ROOT / "README.md").read_text()
    return dict(re.findall(r"<!-- workflow: (\S+) -->\n```yaml\n(.*?)```", text, re.S))


def test_readme_workflows_match_the_github_workflows_schema(tmp_path):
    workflows = _readme_workflows()
    assert set(workflows) == {"pull_request", "pull_request_target"}
    for name, text in workflows.items():
        path = tmp_path / f"{name}.yml"
        path.write_text(text)
        proc = subprocess.run(
            [*CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", str(path)],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, name + proc.stdout + proc.stderr


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@a",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@a",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory):
    """RUNNER_TEMP with the action's install step already run once (it is slow: pip)."""
    temp = tmp_path_factory.mktemp("runner-temp")
    step = ACTION["runs"]["steps"][0]
    env = {
        **os.environ,
        "RUNNER_TEMP": str(temp),
        "GITHUB_ACTION_PATH": str(ROOT),
        "MERGEREADY_PYTHON": sys.executable,
    }
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        env=env,
        check=True,
        capture_output=True,
    )
    return temp


@pytest.fixture
def pull_request(tmp_path):
    """A bare origin with main and a pull request branch, and a depth-1 clone of the branch."""
    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q", "-b", "main")
    (work / "pkg").mkdir()
    (work / "pkg" / "mod.py").write_text('"""Mod."""\n')
    (work / "CHANGELOG.md").write_text("# Changes\n\n## Unreleased\n")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "initial")
    for i in range(3):
        (work / f"f{i}.txt").write_text(f"{i}\n")
        _git(work, "add", "-A")
        _git(work, "commit", "-q", "-m", f"main {i}")
    base = _git(work, "rev-parse", "HEAD")
    _git(work, "checkout", "-q", "-b", "pr")
    (work / "pkg" / "mod.py").write_text('"""Mod."""\n\n\ndef clip(x):\n    return x\n')
    (work / "docs.md").write_text("Teh docs.\n")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "wip")
    head = _git(work, "rev-parse", "HEAD")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(origin)], check=True)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", "--branch", "pr", f"file://{origin}", str(clone)],
        check=True,
    )
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 7,
                    "title": "Add clip <script>|x|",
                    "body": "",
                    "labels": [],
                    "base": {"sha": base},
                    "head": {"sha": head},
                }
            }
        )
    )
    return clone, event, tmp_path


def _run_step(index, runner_temp, clone, event, tmp, extra=None, **inputs):
    """Run one of the action's steps as the runner would: its env expressions evaluated."""
    step = ACTION["runs"]["steps"][index]
    context = {"github.token": "token", "github.event.pull_request.number": "7"}
    defaults = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    context.update({f"inputs.{k}": v for k, v in {**defaults, **inputs}.items()})

    def evaluate(text):
        return re.sub(r"\$\{\{ ([\w.-]+) \}\}", lambda m: context[m.group(1)], text)

    context.update({k: evaluate(v) for k, v in context.items()})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({key: evaluate(value) for key, value in step.get("env", {}).items()})
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_PATH=str(event),
        GITHUB_REPOSITORY="owner/project",
        RUNNER_TEMP=str(runner_temp),
        GITHUB_ACTION_PATH=str(ROOT),
        GITHUB_STEP_SUMMARY=str(tmp / "summary.md"),
        GITHUB_OUTPUT=str(tmp / "output.txt"),
        MERGEREADY_CACHE_DIR=str(tmp / "cache"),
        **(extra or {}),
    )
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
    )


def _run_check_step(runner_temp, clone, event, tmp, **inputs):
    proc = _run_step(1, runner_temp, clone, event, tmp, **inputs)
    read = lambda p: p.read_text() if p.exists() else ""  # noqa: E731
    return proc, read(tmp / "summary.md"), read(tmp / "output.txt")


def test_action_fetches_the_base_and_reports(runner_temp, pull_request):
    clone, event, tmp = pull_request
    proc, summary, output = _run_check_step(runner_temp, clone, event, tmp)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "::error file=pkg/mod.py,line=4,col=1,title=MR201 docstrings-complete::" in proc.stdout
    assert "::error file=docs.md,line=1,col=1,title=MR401 spelling-clean::'Teh'" in proc.stdout
    assert summary.startswith("<!-- mergeready-report -->\n## mergeready: ❌ Not ready")
    assert "| `changelog-updated` | ❌ fail |" in summary
    assert "&lt;script&gt;" in summary and "<script>" not in summary
    assert "passed=false\n" in output
    assert "types=feature,docs\n" in output
    assert (
        "failed-checks=tests-present,docstrings-complete,changelog-updated,spelling-clean\n"
        in output
    )


def test_fail_false_keeps_the_step_green(runner_temp, pull_request):
    clone, event, tmp = pull_request
    proc, _, output = _run_check_step(runner_temp, clone, event, tmp, fail="false")
    assert proc.returncode == 0
    assert "passed=false" in output


def test_unreachable_base_names_fetch_depth(runner_temp, pull_request):
    clone, event, tmp = pull_request
    _git(clone, "remote", "set-url", "origin", str(tmp / "gone.git"))
    proc, _, _ = _run_check_step(runner_temp, clone, event, tmp)
    assert proc.returncode == 2
    assert "fetch-depth: 0" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_own_workflows_match_the_github_workflows_schema():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    proc = subprocess.run(
        [*CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


FAKE_GH = """#!/usr/bin/env bash
# Stands in for GitHub's CLI (GitHub is not reachable here): logs each call, answers the listing.
printf '%s\\n' "$*" >> "$GH_LOG"
for arg in "$@"; do
  case "$arg" in body=@*) cp "${arg#body=@}" "$GH_LOG.body" ;; esac
done
if [ "$1 $2" = "api --paginate" ]; then printf '%s' "$EXISTING_COMMENT"; fi
"""


@pytest.mark.parametrize("existing, method", [("", "POST"), ("4242\n", "PATCH")])
def test_comment_step_posts_once_then_updates(
    runner_temp, pull_request, tmp_path, existing, method
):
    clone, event, tmp = pull_request
    _run_check_step(runner_temp, clone, event, tmp)  # the check step fills the cache
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "gh").write_text(FAKE_GH)
    (fake / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    extra = {
        "PATH": f"{fake}:{os.environ['PATH']}",
        "GH_LOG": str(log),
        "EXISTING_COMMENT": existing,
    }
    proc = _run_step(2, runner_temp, clone, event, tmp, extra, comment="true")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("api --paginate repos/owner/project/issues/7/comments")
    target = (
        "repos/owner/project/issues/comments/4242"
        if method == "PATCH"
        else "repos/owner/project/issues/7/comments"
    )
    assert calls[1].startswith(f"api --method {method} {target} -F body=@")
    body = (tmp_path / "gh.log.body").read_text()
    assert body.startswith("<!-- mergeready-report -->\n## mergeready: ❌ Not ready")
