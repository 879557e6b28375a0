"""Processes that share a folder mergeready writes into: none of them may fail because another
made the folder first (``org run``'s pool, a job array's workers sharing one ``--out``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import Repo, released_together
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


def test_processes_writing_shards_into_one_new_folder_at_once_all_succeed(git_repo: Repo):
    """Twelve real processes, released together, each write their shard into the same folders
    that do not exist yet: every one succeeds."""
    for attempt in range(3):
        out = git_repo.path / f"run{attempt}" / "a" / "b" / "c"

        def write(number: int, out=out) -> bytes:
            name = f"{number}.jsonl"
            shard_jsonl.write(out / name, [], git_repo.path)
            return name.encode()

        names = released_together(12, write)
        assert sorted(names) == sorted(f"{n}.jsonl".encode() for n in range(12))
        assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.jsonl" for n in range(12))
