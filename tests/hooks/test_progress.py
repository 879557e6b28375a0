"""The progress bar, through a real pseudo-terminal: on stderr when it is a terminal, else never.

``MERGEREADY_PROGRESS_DELAY=0`` shows the bar at once, so no test depends on how long a run
takes; no test asserts on time.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from io import StringIO

import pytest
from helpers import Repo
from mergeready.hooks.progress import Progress, wants_progress

UNDOCUMENTED = '"""M."""\n\n\ndef f(x):\n    return x\n'


def _run(repo: Repo, *args: str, terminal: bool = True, **env: str) -> tuple[int, str, str]:
    """Run the real command with stderr on a pseudo-terminal (or a pipe), stdout on a pipe."""
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    environ.update({"MERGEREADY_PROGRESS_DELAY": "0", **env})
    command = [sys.executable, "-m", "mergeready.hooks", *args]
    if not terminal:
        done = subprocess.run(command, cwd=repo.path, env=environ, capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the terminal closed: the command ended
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    proc = subprocess.Popen(
        command,
        cwd=repo.path,
        env=environ,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
    )
    os.close(slave)
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    code = proc.wait()
    reader.join()
    os.close(master)
    return code, out, b"".join(chunks).decode()


@pytest.fixture
def audited(git_repo: Repo) -> Repo:
    git_repo.write("pkg/mod.py", UNDOCUMENTED)
    git_repo.write("README.md", "# R\n\nThe lenght.\n")
    git_repo.commit("initial")
    return git_repo


AUDIT = ("check", "--all", "--only", "docstrings-complete,spelling-clean", "--no-cache")


def test_a_long_check_draws_progress_on_the_terminal_and_never_on_stdout(audited: Repo):
    code, out, err = _run(audited, *AUDIT)
    assert code == 1
    assert "\r  [" in err and "] 0/1  reading what the contribution changes" in err
    assert "] 0/2  docstrings-complete" in err and "] 1/2  spelling-clean" in err
    assert err.rstrip(" ").endswith("\r")  # the line is cleared: nothing left on the terminal
    assert "[#" not in out and "\r" not in out and "docstrings-complete" in out
    _, quiet, _ = _run(audited, *AUDIT, terminal=False)
    assert out == quiet  # the report on stdout is the same whether a bar was drawn or not


@pytest.mark.parametrize(
    "extra, env",
    [(("--quiet",), {}), ((), {"CI": "true"}), ((), {"GITHUB_ACTIONS": "true"})],
    ids=["--quiet", "CI", "GitHub Actions"],
)
def test_no_progress_with_quiet_or_in_ci(audited: Repo, extra, env):
    code, out, err = _run(audited, *AUDIT, *extra, **env)
    assert code == 1 and "MR201" in out
    assert "\r" not in err.replace("\r\n", "\n") and "] 0/2" not in err


def test_no_progress_when_stderr_is_not_a_terminal(audited: Repo):
    code, out, err = _run(audited, *AUDIT, terminal=False)
    assert code == 1 and "MR201" in out and "] 0/2" not in err and "\r" not in err


def test_history_draws_progress_per_contribution(git_repo: Repo):
    for n in range(3):
        git_repo.write("pkg/mod.py", f"X = {n}\n")
        git_repo.commit(f"Change {n}")
    code, out, err = _run(git_repo, "history", "--jobs", "1", "--no-cache")
    assert code == 0 and "mergeready history" in out
    assert "] 1/2" in err and "] 2/2" in err and "[#" not in out


def test_the_bar_waits_for_the_delay_and_clears_its_line():
    stream = StringIO()
    bar = Progress({"MERGEREADY_PROGRESS_DELAY": "3600"}, stream)
    bar(1, 4, "tests-present")  # an hour has not passed: nothing drawn
    bar.close()
    assert stream.getvalue() == ""
    bar = Progress({"MERGEREADY_PROGRESS_DELAY": "0"}, stream)
    bar(1, 4, "tests-present")
    assert stream.getvalue() == "\r  [#######.......................] 1/4  tests-present"
    bar.close()
    drawn = len("  [#######.......................] 1/4  tests-present")
    assert stream.getvalue().endswith("\r" + " " * drawn + "\r")
    assert not wants_progress({}, stream=StringIO())  # not a terminal


def test_org_draws_progress_per_shard_and_per_contribution_when_alone(git_repo: Repo, tmp_path):
    for n in range(3):
        git_repo.write("pkg/mod.py", f"X = {n}\n")
        git_repo.commit(f"Change {n}")
    two = tmp_path / "two.txt"
    two.write_text(f"{git_repo.path} name=acme/one\n{git_repo.path} name=acme/two\n")
    org = ["org", "run", "--last", "2", "--jobs", "1", "--out"]
    code, out, err = _run(git_repo, *org, str(tmp_path / "a"), "--repos", str(two))
    assert code == 0 and "acme__one.jsonl" in out and "[#" not in out
    assert "] 1/2  acme/one" in err and "] 2/2  acme/two" in err
    one = tmp_path / "one.txt"
    one.write_text(f"{git_repo.path} name=acme/one\n")  # a job array's worker: its commits
    code, out, err = _run(git_repo, *org, str(tmp_path / "b"), "--repos", str(one))
    assert code == 0 and "] 1/2" in err and "] 2/2" in err and "acme/one" not in err
    code, out, err = _run(git_repo, *org, str(tmp_path / "c"), "--repos", str(two), "--quiet")
    assert code == 0 and "] " not in err


def test_the_bar_moves_within_one_check_as_it_reads_the_files(git_repo: Repo):
    """A long check is not a still bar: each file it reads moves the bar within its step."""
    for n in range(6):
        git_repo.write(f"pkg/mod{n}.py", UNDOCUMENTED)
    git_repo.commit("initial")
    code, out, err = _run(git_repo, *AUDIT)
    assert code == 1 and "\r" not in out
    draws = err.split("\r")
    within = [d.rstrip() for d in draws if "] 0/2  docstrings-complete  " in d and "files" in d]
    assert within, draws  # drawn while the first check reads, not only between checks
    assert within[0].startswith("  [##.") and within[0].endswith("  1/6 files"), within
    assert within[-1].startswith(f"  [{'#' * 12}.") and within[-1].endswith("  6/6 files")
    assert any("] 1/2  spelling-clean  " in d and d.startswith(f"  [{'#' * 16}") for d in draws), (
        draws
    )  # the second check starts half-way and moves on from there
