"""The GitHub Action: schemas, and its steps run for real on a shallow clone of a local origin."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import copy_source_tree

# The Action's steps run for real (pip installs, a local origin); on one xdist worker
# (helpers.ONE_WORKER), so that the install step (``runner_temp``, session-scoped: a
# module-scoped fixture is built again each time the worker comes back to this module after
# another's tests) runs once.
pytestmark = pytest.mark.slow

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
    assert set(workflows) == {"pull_request", "pull_request_target", "issues", "stale"}
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


@pytest.fixture(scope="session")
def runner_temp(tmp_path_factory):
    """RUNNER_TEMP with the action's install step already run once (it is slow: pip)."""
    temp = tmp_path_factory.mktemp("runner-temp")
    hostile = tmp_path_factory.mktemp("checkout")  # the step runs in the contribution's checkout
    for module in ("venv", "pip", "ensurepip"):
        (hostile / module).mkdir()
        (hostile / module / "__main__.py").write_text(
            f"open({str(hostile / 'pwned')!r}, 'a').write({module!r})\n"
        )
    (hostile / "sitecustomize.py").write_text(f"open({str(hostile / 'pwned')!r}, 'a').write('s')\n")
    step = ACTION["runs"]["steps"][0]
    env = {
        **os.environ,
        "RUNNER_TEMP": str(temp),
        # a copy: pip builds a local project in place, beside tests that read this tree
        "GITHUB_ACTION_PATH": str(copy_source_tree(tmp_path_factory.mktemp("action-path"))),
        "MERGEREADY_PYTHON": sys.executable,
    }
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        env=env,
        cwd=hostile,
        check=True,
        capture_output=True,
    )
    assert not (hostile / "pwned").exists(), "the install step ran code from the checkout"
    return temp


def test_install_uses_only_the_pinned_versions(runner_temp):
    pins = dict(
        line.split("==")
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    )
    frozen = subprocess.run(
        [str(runner_temp / "mergeready-venv" / "bin" / "python"), "-m", "pip", "freeze"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    installed = dict(line.split("==") for line in frozen if "==" in line)
    installed = {k.lower().replace("_", "-"): v for k, v in installed.items()}
    installed.pop("mergeready", None)
    assert installed, frozen
    for name, version in installed.items():
        assert pins.get(name) == version, f"{name} {version} is not pinned in constraints.txt"


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


def _run_step(index, runner_temp, clone, event, tmp, extra=None, context=None, **inputs):
    """Run one of the action's steps as the runner would: its env expressions evaluated."""
    step = ACTION["runs"]["steps"][index]
    context = {
        "github.token": "token",
        "github.event.pull_request.number": "7",
        "github.event.issue.number": "",
        **(context or {}),
    }
    defaults = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    context.update({f"inputs.{k}": v for k, v in {**defaults, **inputs}.items()})

    def evaluate(text):  # ${{ a }} and ${{ a || b }}: the first that is not empty
        def value(m):
            return next((context[k] for k in m.group(1).split(" || ") if context[k]), "")

        return re.sub(r"\$\{\{ ([\w.|\- ]+?) \}\}", value, text)

    context.update({k: evaluate(v) for k, v in context.items()})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({key: evaluate(value) for key, value in step.get("env", {}).items()})
    env.update(
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_PATH=str(event),
        GITHUB_REPOSITORY="owner/project",
        GITHUB_SERVER_URL="https://github.com",
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
    assert proc.stdout.startswith("::error title=mergeready::not ready")  # the verdict first
    assert "::error file=pkg/mod.py,line=4,col=1,title=MR201 docstrings-complete::" in proc.stdout
    assert "::error file=docs.md,line=1,col=1,title=MR401 spelling-clean::'Teh'" in proc.stdout
    assert summary.startswith("<!-- mergeready-report -->\n## mergeready: ❌ Not ready")
    assert "| `changelog-updated` | ❌ failed, 1 error |" in summary
    assert "&lt;script&gt;" in summary and "<script>" not in summary
    head = json.loads(event.read_text())["pull_request"]["head"]["sha"]
    # each finding links to its line at the head commit; code spans render as code
    assert f"[docs.md:1:1](https://github.com/owner/project/blob/{head}/docs.md#L1)" in summary
    assert "`clip`" in summary and "&#96;" not in summary
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


def test_fail_false_never_hides_an_error(runner_temp, pull_request):
    clone, event, tmp = pull_request
    proc, _, output = _run_check_step(runner_temp, clone, event, tmp, fail="false", config="x.yml")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "--config x.yml" in proc.stderr and output == ""


def test_base_input_keeps_the_pull_request_head(runner_temp, pull_request):
    """pull_request_target: the base is checked out, the head fetched as data, `base: main`."""
    clone, event, tmp = pull_request
    origin = tmp / "origin.git"
    base_checkout = tmp / "base-checkout"
    subprocess.run(["git", "clone", "-q", "--branch", "main", str(origin), str(base_checkout)])
    _git(base_checkout, "fetch", "-q", "origin", "pr:refs/remotes/pr/head")
    proc, summary, output = _run_check_step(runner_temp, base_checkout, event, tmp, base="main")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "passed=false" in output and "docs.md" in summary


def test_head_missing_from_the_clone_is_an_error_not_ready(runner_temp, pull_request):
    clone, event, tmp = pull_request
    data = json.loads(event.read_text())
    data["pull_request"]["head"]["sha"] = "1" * 40  # a force-push race, or no fetch step
    event.write_text(json.dumps(data))
    proc, _, output = _run_check_step(runner_temp, clone, event, tmp)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "fetch the pull request head" in proc.stderr
    assert "git fetch origin +refs/pull/7/head" in proc.stderr
    assert output == ""


def test_sarif_file_input_writes_sarif_and_keeps_annotations(runner_temp, pull_request):
    clone, event, tmp = pull_request
    proc, _, _ = _run_check_step(runner_temp, clone, event, tmp, **{"sarif-file": "mr.sarif"})
    assert proc.returncode == 1
    assert "::error file=docs.md,line=1,col=1" in proc.stdout
    log = json.loads((clone / "mr.sarif").read_text())
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"MR201", "MR401"}


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
# Stands in for GitHub's CLI (GitHub is not reachable here): logs each call, answers the
# listing with $COMMENTS_JSON through the real jq filter, refuses writes with GH_REFUSE.
printf '%s\\n' "$*" >> "$GH_LOG"
for arg in "$@"; do
  case "$arg" in body=@*) cp "${arg#body=@}" "$GH_LOG.body" ;; esac
done
if [ "$1 $2" = "api --paginate" ]; then
  prev=""; for arg in "$@"; do [ "$prev" = "--jq" ] && filter="$arg"; prev="$arg"; done
  printf '%s' "$COMMENTS_JSON" | jq -r "$filter"
elif [ -n "$GH_REFUSE" ]; then
  echo "gh: Resource not accessible by integration (HTTP 403)" >&2
  exit 1
fi
"""
MARK = "<!-- mergeready-report -->"
BOT = {"login": "github-actions[bot]"}


def _comment_step(
    runner_temp, pull_request, tmp_path, comments, refuse="", extra=None, context=None, **inputs
):
    clone, event, tmp = pull_request
    check = _run_step(
        1, runner_temp, clone, event, tmp, extra, context=context, comment="true", **inputs
    )
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    (fake / "gh").write_text(FAKE_GH)
    (fake / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    log.unlink(missing_ok=True)
    env = {
        "PATH": f"{fake}:{os.environ['PATH']}",
        "GH_LOG": str(log),
        "COMMENTS_JSON": json.dumps(comments),
        "GH_REFUSE": refuse,
        **(extra or {}),
    }
    proc = _run_step(
        2, runner_temp, clone, event, tmp, env, context=context, comment="true", **inputs
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return check, proc, calls


needs_jq = pytest.mark.skipif(shutil.which("jq") is None, reason="the stand-in gh uses jq")


@needs_jq
@pytest.mark.parametrize(
    "comments, method",
    [
        ([], "POST"),
        ([{"id": 4242, "user": BOT, "body": f"{MARK}\nold"}], "PATCH 4242"),
        (  # a contributor's comment with the marker comes first: never the target
            [
                {"id": 1, "user": {"login": "mallory"}, "body": f"{MARK}\nforged"},
                {"id": 4242, "user": BOT, "body": f"{MARK}\nold"},
            ],
            "PATCH 4242",
        ),
        ([{"id": 1, "user": {"login": "mallory"}, "body": f"{MARK}\nforged"}], "POST"),
    ],
)
def test_comment_step_edits_only_its_own_comment(
    runner_temp, pull_request, tmp_path, comments, method
):
    check, proc, calls = _comment_step(runner_temp, pull_request, tmp_path, comments)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert calls, check.stdout + check.stderr
    assert calls[0].startswith("api --paginate repos/owner/project/issues/7/comments")
    target = (
        "repos/owner/project/issues/comments/4242"
        if method == "PATCH 4242"
        else "repos/owner/project/issues/7/comments"
    )
    verb = method.split()[0]
    assert calls[1].startswith(f"api --method {verb} {target} -F body=@")
    body = (tmp_path / "gh.log.body").read_text()
    assert body.startswith("<!-- mergeready-report -->\n## mergeready: ❌ Not ready")


@needs_jq
def test_comment_uses_the_checks_own_result_and_base(runner_temp, pull_request, tmp_path):
    clone, event, tmp = pull_request
    base = json.loads(event.read_text())["pull_request"]["base"]["sha"]
    _git(clone, "fetch", "-q", "--depth=50", "origin", "main")
    check, proc, _ = _comment_step(runner_temp, pull_request, tmp_path, [], base=base[:12])
    assert check.returncode == 1 and proc.returncode == 0, proc.stderr
    body = (tmp_path / "gh.log.body").read_text()
    summary = (tmp / "summary.md").read_text()
    assert body.splitlines()[3] == summary.splitlines()[3]  # the same range, the same run
    step = ACTION["runs"]["steps"][2]
    assert "mergeready-venv" not in step["run"]  # the comment step never runs mergeready
    assert "token" not in json.dumps(ACTION["runs"]["steps"][1].get("env", {}))


@needs_jq
def test_read_only_token_is_a_warning_not_a_failed_job(runner_temp, pull_request, tmp_path):
    _, proc, calls = _comment_step(runner_temp, pull_request, tmp_path, [], refuse="1")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "::warning title=mergeready::cannot comment here (HTTP 403" in (proc.stdout)
    assert calls[1].startswith("api --method POST")


# --- issues events: the same check step runs `mergeready issue`, one comment, one label ---

BUG_FORM = """name: Bug report
description: Something does not work
title: "[Bug]: "
labels: [bug]
body:
  - type: textarea
    id: what
    attributes:
      label: What happened?
      value: A bug happened!
    validations:
      required: true
  - type: textarea
    id: code
    attributes:
      label: Standalone code to reproduce the issue
      placeholder: "# Your code here"
    validations:
      required: true
  - type: input
    id: version
    attributes:
      label: Project version
    validations:
      required: true
"""
UNFILLED = (
    "### What happened?\n\nA bug happened!\n\n### Standalone code to reproduce the issue\n\n"
    "_No response_\n\n### Project version\n\nlatest\n"
)
FILLED = (
    "### What happened?\n\n`clip(-1)` returns -1, expected 0.\n\n"
    "### Standalone code to reproduce the issue\n\n```python\nfrom proj import clip\n"
    "print(clip(-1))\n```\n\n### Project version\n\nproj 1.2.0\n"
)
LABEL = "stat:awaiting response from contributor"


@pytest.fixture
def issue_event(tmp_path):
    """A clone of a project's default branch (an issue form, tags) and an issues event file."""
    work = tmp_path / "work"
    (work / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    (work / ".github" / "ISSUE_TEMPLATE" / "bug.yml").write_text(BUG_FORM)
    (work / "pyproject.toml").write_text('[project]\nname = "proj"\nversion = "1.3.0.dev0"\n')
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "initial")
    _git(work, "tag", "v1.2.0")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(work), str(clone)], check=True)
    event = tmp_path / "event.json"

    def write(action="opened", title="[Bug]: ", body=UNFILLED, labels=()):
        issue = {
            "number": 12,
            "title": title,
            "body": body,
            "labels": [{"name": n} for n in labels],
        }
        event.write_text(json.dumps({"action": action, "issue": issue}))

    write()
    return clone, event, tmp_path, write


ISSUES = {"GITHUB_EVENT_NAME": "issues"}
ISSUE_CONTEXT = {"github.event.pull_request.number": "", "github.event.issue.number": "12"}


def test_issue_event_runs_mergeready_issue(runner_temp, issue_event):
    clone, event, tmp, _ = issue_event
    proc = _run_step(1, runner_temp, clone, event, tmp, ISSUES, context=ISSUE_CONTEXT)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.startswith("::error title=mergeready::the issue report waits on its author")
    summary = (tmp / "summary.md").read_text()
    assert summary.startswith("<!-- mergeready-report -->\n## mergeready: ❌ waits on its author")
    assert "IR102" in summary and "IR101" in summary and "IR103" in summary
    output = (tmp / "output.txt").read_text()
    assert "passed=false\n" in output and "types=bug\n" in output


def test_issue_event_edited_to_complete_passes(runner_temp, issue_event):
    clone, event, tmp, write = issue_event
    write(action="edited", title="[Bug]: clip returns negatives", body=FILLED, labels=[LABEL])
    proc = _run_step(1, runner_temp, clone, event, tmp, ISSUES, context=ISSUE_CONTEXT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "passed=true\n" in (tmp / "output.txt").read_text()


def test_issue_event_other_actions_are_not_judged(runner_temp, issue_event):
    clone, event, tmp, write = issue_event
    write(action="labeled")
    proc = _run_step(1, runner_temp, clone, event, tmp, ISSUES, context=ISSUE_CONTEXT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "'labeled'" in proc.stderr and not (tmp / "output.txt").exists()


@needs_jq
@pytest.mark.parametrize(
    "comments, method",
    [
        ([], "POST"),
        (
            [
                {"id": 1, "user": {"login": "mallory"}, "body": f"{MARK}\nforged"},
                {"id": 4242, "user": BOT, "body": f"{MARK}\nold"},
            ],
            "PATCH 4242",
        ),
    ],
)
def test_issue_comment_is_one_comment_edited_in_place(
    runner_temp, issue_event, tmp_path, comments, method
):
    clone, event, tmp, _ = issue_event
    check, proc, calls = _comment_step(
        runner_temp, (clone, event, tmp), tmp_path, comments, extra=ISSUES, context=ISSUE_CONTEXT
    )
    assert check.returncode == 1 and proc.returncode == 0, proc.stdout + proc.stderr
    assert calls[0].startswith("api --paginate repos/owner/project/issues/12/comments")
    target = (
        "repos/owner/project/issues/comments/4242"
        if method == "PATCH 4242"
        else "repos/owner/project/issues/12/comments"
    )
    assert calls[1].startswith(f"api --method {method.split()[0]} {target} -F body=@")
    body = (tmp_path / "gh.log.body").read_text()
    assert body.startswith("<!-- mergeready-report -->\n## mergeready: ❌ waits on its author")


def _label_step(runner_temp, issue_event, tmp_path, passed):
    clone, event, tmp, _ = issue_event
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    (fake / "gh").write_text(FAKE_GH)
    (fake / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    log.unlink(missing_ok=True)
    env = {**ISSUES, "PATH": f"{fake}:{os.environ['PATH']}", "GH_LOG": str(log)}
    context = {**ISSUE_CONTEXT, "steps.check.outputs.passed": passed}
    step = next(i for i, s in enumerate(ACTION["runs"]["steps"]) if "Label" in s["name"])
    proc = _run_step(step, runner_temp, clone, event, tmp, env, context, **{"issue-label": LABEL})
    return proc, (log.read_text().splitlines() if log.exists() else [])


@needs_jq
@pytest.mark.parametrize(
    "passed, labels, expected",
    [
        (
            "false",
            (),
            ["api --method POST repos/owner/project/issues/12/labels -f labels[]=" + LABEL],
        ),
        ("false", (LABEL,), []),  # already waiting: nothing to do
        (
            "true",
            (LABEL,),
            [
                "api --method DELETE repos/owner/project/issues/12/labels/"
                "stat%3Aawaiting%20response%20from%20contributor"
            ],
        ),
        ("true", (), []),
    ],
)
def test_label_added_while_waiting_and_removed_when_complete(
    runner_temp, issue_event, tmp_path, passed, labels, expected
):
    _, _, _, write = issue_event
    write(labels=labels)
    proc, calls = _label_step(runner_temp, issue_event, tmp_path, passed)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert calls == expected


def test_the_action_never_closes_or_locks_an_issue():
    text = (ROOT / "action.yml").read_text()
    assert "/lock" not in text and "state=closed" not in text and "closed" not in text
    steps = ACTION["runs"]["steps"]
    label = next(s for s in steps if "Label" in s["name"])
    assert "issue-label" in label["if"]  # off unless the workflow names a label
