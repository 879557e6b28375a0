"""Processes that share a folder mergeready writes into: none of them may fail because another
made the folder first (``org run``'s pool, a job array's workers sharing one ``--out``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Repo
from mergeready.checks.errors import MergereadyError
from mergeready.hooks.formats import shard_jsonl

RECORD = {"kind": shard_jsonl.RECORD, "commit": "a" * 40}


def _another_process_makes(monkeypatch, folder: Path, make) -> None:
    """Make ``folder`` (as another process would) in the instant between mergeready seeing it
    missing and creating it: the race, every time, not once in four loaded runs."""
    real = os.mkdir

    def racing(path, *args, **kwargs):
        if Path(path) == folder and not os.path.lexists(folder):
            make(folder)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", racing)


def test_a_shard_folder_another_process_made_meanwhile_is_used(git_repo: Repo, monkeypatch):
    out = git_repo.path / "out" / "shards"
    _another_process_makes(monkeypatch, out.parent, os.mkdir)
    shard_jsonl.write(out / "a.jsonl", [RECORD], git_repo.path)
    shard_jsonl.append(out / "a.jsonl", RECORD, git_repo.path)
    assert shard_jsonl.read(out / "a.jsonl") == ([RECORD, RECORD], None)


def test_a_link_planted_meanwhile_in_place_of_the_folder_is_still_refused(
    git_repo: Repo, tmp_path, monkeypatch
):
    (tmp_path / "elsewhere").mkdir()
    out = git_repo.path / "out"
    _another_process_makes(monkeypatch, out, lambda p: p.symlink_to(tmp_path / "elsewhere"))
    with pytest.raises(MergereadyError, match="out is a symbolic link"):
        shard_jsonl.write(out / "a.jsonl", [RECORD], git_repo.path)
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.slow
def test_processes_writing_shards_into_one_new_folder_at_once_all_succeed(git_repo: Repo):
    """Twelve real processes, released together, each write their shard into the same folders
    that do not exist yet: every one succeeds."""
    program = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from mergeready.hooks.formats import shard_jsonl\n"
        "print('ready', flush=True)\n"
        "os.read(int(sys.argv[1]), 1)\n"  # wait for the start: one byte each, written at once
        "out = Path(sys.argv[2])\n"
        "shard_jsonl.write(out / f'{sys.argv[3]}.jsonl', [], Path(sys.argv[4]))\n"
    )
    for attempt in range(2):
        out = git_repo.path / f"run{attempt}" / "a" / "b" / "c"
        start, go = os.pipe()
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", program, str(start), str(out), str(n), str(git_repo.path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                pass_fds=(start,),
            )
            for n in range(12)
        ]
        os.close(start)
        assert [w.stdout.readline() for w in workers] == ["ready\n"] * len(workers)
        os.write(go, b"x" * len(workers))  # every worker's byte in one write: all start together
        os.close(go)
        errors = [w.communicate()[1] for w in workers]
        assert errors == [""] * len(workers)
        assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.jsonl" for n in range(12))
