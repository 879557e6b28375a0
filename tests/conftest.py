"""Shared fixtures: real temporary git repositories, and the command run for real."""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from helpers import Repo, isolate_git, xdist_rank, xdist_scope
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from mergeready.hooks.cli import main

# No test asserts on time: hypothesis's deadline and its too-slow health check are timings, and
# a busy machine (or a parallel run) would fail them on a correct change.
settings.register_profile("untimed", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("untimed")
# hypothesis keeps its example database and caches in .hypothesis/ of the current folder, written
# as soon as the test modules are imported: this process's own folder instead (not the work
# tree, not another run's), removed when its session ends.
_HYPOTHESIS_HOME = Path(tempfile.gettempdir(), f"mergeready-hypothesis-{uuid.uuid4().hex}")
set_hypothesis_home_dir(_HYPOTHESIS_HOME)


@pytest.hookimpl(optionalhook=True)  # xdist's hook: unknown to a run with -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    """With ``-n``, ``--dist loadgroup`` (pyproject's addopts) runs each file of
    ``helpers.ONE_WORKER`` on one worker, those files first, then the tests of
    ``helpers.LONG_FIRST`` (so that no long test is left for the end while the other worker
    idles), then the rest, test by test, in collection order.

    xdist's own loadgroup reads an ``xdist_group`` mark by renaming the test's node id, which
    pytest 9.2 no longer lets it do: the groups were split silently over both workers (the
    Action's install ran twice). This scheduler decides by the node id as it is.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OneWorkerPerFile(LoadScopeScheduling):  # type: ignore[misc]  # xdist is untyped
        ordered = False
        workqueue: dict[str, Any]  # xdist's ordered {scope: {node id: done}}

        def _split_scope(self, nodeid: str) -> str:
            return xdist_scope(nodeid)

        def _assign_work_unit(self, node) -> None:
            if not self.ordered:  # the work queue is whole: sort it once (a stable sort)
                queue = self.workqueue
                self.workqueue = type(queue)((s, queue[s]) for s in sorted(queue, key=xdist_rank))
                self.ordered = True
            super()._assign_work_unit(node)

    return OneWorkerPerFile(config, log)


@pytest.fixture(scope="session", autouse=True)
def _no_cache_in_the_home_directory(tmp_path_factory):
    """No test reads or writes the user's result cache or its key, or hypothesis's folder in
    the work tree: each xdist worker (and a test that forgets to set them) gets its own, under
    the session's temporary folder."""
    private = tmp_path_factory.mktemp("home-state")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MERGEREADY_CACHE_DIR", str(private / "mergeready-cache"))
        patch.setenv("XDG_STATE_HOME", str(private / "state"))
        yield
    shutil.rmtree(_HYPOTHESIS_HOME, ignore_errors=True)


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The environment ``git_repo`` gives, without a repository: for a test that only reads a
    repository its module built once (``shared_repo``)."""
    isolate_git(monkeypatch, tmp_path)
    return tmp_path


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A fresh repository on branch main, with git's identity and no outer git state."""
    isolate_git(monkeypatch, tmp_path)
    repo_path = tmp_path / "repo"
    repo_path.mkdir()
    monkeypatch.chdir(repo_path)
    return Repo(repo_path)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Run ``mergeready`` in-process; return (exit status, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def run_json(run_cli):
    """Run ``mergeready check --format json``; return (exit status, report)."""

    def run(*argv: str) -> tuple[int, dict[str, Any]]:
        code, out, err = run_cli("check", "--format", "json", *argv)
        assert code in (0, 1), err
        return code, json.loads(out)

    return run
