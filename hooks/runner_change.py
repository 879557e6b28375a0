"""A contribution that changes how mergeready runs is told so, as its configuration would be.

pre-commit.ci runs the pull request's own ``.pre-commit-config.yaml`` and a ``pull_request``
workflow runs the pull request's own workflow file, so a contribution that drops a mergeready
hook, narrows what it sees (``exclude``, ``files``, ``stages``, ``args``), removes the Action's
step or weakens its inputs (``fail: "false"``, ``only:``) runs itself without the checks it
switches off (attack 5's F20). Each such change is an ``MR010`` **error** of the engine-level
``configuration`` check, naming the file and line: an error, not a warning, because a warning
leaves the run Ready, and the run that sees it (the base's ``pull_request_target`` workflow, a
maintainer's local run) is the only one left to stop it; a maintainer who meant it merges it
knowingly. A new mergeready version (``rev``, the ``uses:`` ref) is not a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Finding
from mergeready.rules.files import parse_yaml

PRE_COMMIT: Final = ".pre-commit-config.yaml"
WORKFLOWS: Final = ".github/workflows/"
# pre-commit's, for every hook; ``ci`` is pre-commit.ci's (``ci: {skip: [mergeready-tests]}``)
_TOP: Final = ("exclude", "files", "default_stages", "fail_fast", "ci")
_STEP: Final = ("with", "run", "if", "env", "continue-on-error", "working-directory", "shell")
_JOB: Final = ("if", "continue-on-error")
_HINT: Final = (
    "this contribution changes how mergeready runs (pre-commit.ci and pull_request workflows "
    "run the contribution's own copy); a maintainer must approve it"
)


def findings(contribution: Contribution) -> list[Finding]:
    """One error per change that removes or weakens a mergeready hook or Action step.

    Args:
        contribution: The contribution (the before side is read at the trusted revision).

    Returns:
        The findings, on the files that run mergeready, in path order.
    """
    if contribution.mode == "all" or contribution.config_rev is None:
        return []
    out = []
    for f in contribution.files:
        path = f.old_path or f.path
        if not _runs_mergeready(path):
            continue
        before = _load(contribution.trusted_text(path), path)
        if not before:
            continue
        head = contribution.config_text_at_head(f)[0] if f.exists else None
        after = _load(head, f.path)
        judge = _pre_commit if path == PRE_COMMIT else _workflow
        for what, anchor in judge(before, after):
            out.append(Finding("MR010", "error", what, f.path, _line(head, anchor), hint=_HINT))
    return out


def _runs_mergeready(path: str) -> bool:
    """Whether a path is one of the files that may run mergeready (pre-commit, a workflow)."""
    return path == PRE_COMMIT or (path.startswith(WORKFLOWS) and path.endswith((".yml", ".yaml")))


def _load(text: str | None, path: str) -> dict[str, Any]:
    if text is None or "\0" in text:
        return {}
    try:
        return parse_yaml(text, path)
    except (MergereadyError, RecursionError):
        return {}


def _pre_commit(before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    old, new = _hooks(before), _hooks(after)
    if not old:
        return
    for key in _TOP:
        if before.get(key) != after.get(key):
            yield (
                f"changes pre-commit's top-level `{key}`, which every mergeready hook obeys",
                f"{key}:",
            )
    for hook, settings in old.items():
        if hook not in new:
            yield f"removes the mergeready hook `{hook}`", ""
        elif new[hook] != settings:
            yield f"changes the mergeready hook `{hook}` (its settings decide what it checks)", hook


def _hooks(config: Mapping[str, Any]) -> dict[str, Any]:
    """Every mergeready hook by id, with its settings (a new ``rev`` is not among them)."""
    found: dict[str, Any] = {}
    repos = config.get("repos")
    for repo in repos if isinstance(repos, list) else ():
        if not isinstance(repo, dict) or not isinstance(repo.get("hooks"), list):
            continue
        ours = "mergeready" in str(repo.get("repo", "")).lower()
        for hook in repo["hooks"]:
            if isinstance(hook, dict) and (ours or _MENTION.search(str(hook.get("entry", "")))):
                found[str(hook.get("id", ""))] = hook
    return found


def _workflow(before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    old, new = _steps(before), _steps(after)
    for (job, name), (step, job_settings) in old.items():
        if (job, name) not in new:
            yield f"removes the step that runs mergeready (`{name}` in job `{job}`)", ""
            continue
        step_after, job_after = new[(job, name)]
        for key in _STEP:
            if step.get(key) != step_after.get(key):
                yield (
                    f"changes `{key}` of the step that runs mergeready (`{name}`, job `{job}`)",
                    name,
                )
        for key in _JOB:
            if job_settings.get(key) != job_after.get(key):
                yield f"changes `{key}` of job `{job}`, which runs mergeready", f"{job}:"


def _steps(workflow: Mapping[str, Any]) -> dict[tuple[str, str], tuple[dict[str, Any], Any]]:
    """Every step that runs mergeready (the Action, or ``mergeready`` in ``run``), by job and
    the step's ``name``/``id`` or what it uses (its ref left out: a new version is no finding)."""
    found: dict[tuple[str, str], tuple[dict[str, Any], Any]] = {}
    jobs = workflow.get("jobs")
    for job, settings in jobs.items() if isinstance(jobs, dict) else ():
        for n, step in _job_steps(settings):
            uses = str(step.get("uses", ""))
            runs = f"{uses}\n{step.get('run', '')}"
            if _MENTION.search(runs) or _PRE_COMMIT.search(runs):  # pre-commit runs our hooks
                name = str(step.get("id") or step.get("name") or uses.split("@")[0] or n)
                found[(str(job), name)] = (step, settings)
    return found


def _job_steps(settings: object) -> Iterator[tuple[int, dict[str, Any]]]:
    steps = settings.get("steps") if isinstance(settings, dict) else None
    for n, step in enumerate(steps if isinstance(steps, list) else ()):
        if isinstance(step, dict):
            yield n, step


_MENTION: Final = re.compile(r"\bmergeready\b", re.IGNORECASE)
_PRE_COMMIT: Final = re.compile(r"\bpre-commit\b", re.IGNORECASE)  # its ``SKIP`` env skips hooks


def _line(text: str | None, anchor: str) -> int | None:
    """The first line at head that holds the hook id, the step's name or the key (None when
    it is gone: the message names it)."""
    if text is None or not anchor:
        return None
    for number, line in enumerate(text.split("\n")[:100_000], 1):
        if anchor in line:
            return number
    return None
