"""``history -j 2`` says exactly what ``-j 1`` says, record for record, whatever the history holds.

The workers take blocks of consecutive commits and recall the file versions two commits share
(``checks/python/parse_memo.py``); none of that may change a verdict, the order, an error, or what a
rerun after a killed run keeps.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from mergeready.checks.python import parse_memo
from mergeready.hooks.formats import shard_jsonl

MOD = (
    '"""Mod."""\n\n\ndef legacy(x):\n    """Return x.\n\n    Args:\n        x: A value.\n    """\n'
    "    return x\n"
)


def _python(repo) -> None:
    """Fixes and features on one module, its test growing, so versions recur across commits."""
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/mod.py", MOD)
    repo.write("tests/test_mod.py", "from pkg.mod import legacy\n\n\ndef test_a():\n    assert 1\n")
    repo.write("CHANGELOG.md", "# Changelog\n\n## Unreleased\n")
    repo.commit("Initial")
    body = MOD
    for n in range(9):
        body += f"\n\ndef helper_{n}(v):\n    return v + {n}\n"
        repo.write("pkg/mod.py", body)
        if n % 3 == 0:
            repo.write(f"tests/test_h{n}.py", f"def test_h():\n    assert {n} == {n}\n")
        if n % 2:
            repo.write("pkg/mod.py", body.replace("return x", f"return x * {n}"))
        repo.commit(("Fix legacy" if n % 2 else "Add helper") + f" {n}")


def _bad_input(repo) -> None:
    """Syntax errors, binary and undecodable files, odd names, deletions and a symbolic link."""
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/ok.py", MOD)
    repo.commit("Initial")
    steps: list[tuple[str, dict[str, str | bytes]]] = [
        ("Add broken module", {"pkg/broken.py": "def (:\n"}),
        ("Add blob", {"data/blob.bin": b"\0\1\2\xff" * 50}),
        ("docs: latin-1", {"docs/latin.md": "caf\xe9 teh\n".encode("latin-1")}),
        ("Add odd name", {"pkg/we ird 'q'.py": "def f(a):\n    return a\n"}),
        ("Fix broken module", {"pkg/broken.py": "def g():\n    return 1\n"}),
    ]
    for title, files in steps:
        for path, text in files.items():
            repo.write(path, text)
        repo.commit(title)
    repo.git("rm", "-q", "pkg/ok.py")
    os.symlink("broken.py", repo.path / "pkg" / "link.py")
    repo.commit("Remove ok, link broken")


def _configuration_error(repo) -> None:
    """Two contributions' parents carry a rules file that does not load: those two record an
    error, the others are checked."""
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/mod.py", MOD)
    repo.commit("Initial")
    repo.write(".mergeready.yaml", "profile: nonesuch\n")
    repo.commit("chore: a rules file naming no profile")
    repo.write("pkg/mod.py", MOD + "\n\ndef more(y):\n    return y\n")
    repo.commit("Add more")
    repo.write(".mergeready.yaml", "profile: default\n")
    repo.commit("chore: fix the rules file")
    repo.write("pkg/mod.py", MOD + "\n\ndef more(y):\n    return y + 1\n")
    repo.commit("Fix more")


HISTORIES = {
    "python": _python,
    "bad-input": _bad_input,
    "configuration-error": _configuration_error,
}


def _records(run_cli, out: Path, *argv: str) -> list[dict]:
    code, _, err = run_cli(
        "history", "--format", "jsonl", "--output", str(out), "--no-cache", "--quiet", *argv
    )
    assert code == 0, err
    records, manifest = shard_jsonl.read(out)
    assert manifest is not None
    return records


@pytest.mark.parametrize("name", list(HISTORIES))
def test_two_jobs_record_what_one_job_records(git_repo, run_cli, tmp_path, name):
    HISTORIES[name](git_repo)
    one = _records(run_cli, tmp_path / "one.jsonl", "--jobs", "1")
    two = _records(run_cli, tmp_path / "two.jsonl", "--jobs", "2")
    assert [r["commit"] for r in one] == [r["commit"] for r in two]
    assert one == two
    assert len(one) == len(git_repo.git("rev-list", "HEAD").split()) - 1
    if name == "configuration-error":
        errors = [r["subject"] for r in one if r.get("error")]
        assert errors == ["chore: fix the rules file", "Add more"], one
    # the same reports in the summary formats, too
    texts = [
        run_cli("history", "--format", "json", "--no-cache", "--quiet", "--jobs", jobs)
        for jobs in ("1", "2")
    ]
    assert texts[0] == texts[1] and texts[0][0] == 0


def test_the_memo_recalls_a_version_two_commits_share_and_changes_no_record(
    git_repo, run_cli, tmp_path
):
    _python(git_repo)
    before = dict(parse_memo.COUNTS)
    kept = _records(run_cli, tmp_path / "kept.jsonl", "--jobs", "1")
    recalled = parse_memo.COUNTS["recalled"] - before["recalled"]
    assert recalled > 0
    # with the memo off every version is parsed again, and every record is the same
    parse_memo.keep(0)
    fresh = tmp_path / "fresh.jsonl"
    from mergeready.hooks import history

    limit = history.MEMO_BYTES
    history.MEMO_BYTES = 0
    try:
        again = parse_memo.COUNTS["parsed"]
        plain = _records(run_cli, fresh, "--jobs", "1")
        assert parse_memo.COUNTS["parsed"] - again > 0
    finally:
        history.MEMO_BYTES = limit
    assert kept == plain


def test_the_memo_keeps_no_more_than_its_bound():
    parse_memo.keep(10)
    try:
        assert parse_memo.recall(b"12345", len) == 5
        assert parse_memo.recall(b"abcde", len) == 5
        recalled = parse_memo.COUNTS["recalled"]
        parse_memo.recall(b"abcde", len)
        assert parse_memo.COUNTS["recalled"] == recalled + 1
        parse_memo.recall(b"xyz", len)  # 13 bytes now: the oldest goes
        parsed = parse_memo.COUNTS["parsed"]
        parse_memo.recall(b"12345", len)
        assert parse_memo.COUNTS["parsed"] == parsed + 1
        parse_memo.recall(b"x" * 11, len)  # larger than the bound: never kept
        parse_memo.recall(b"x" * 11, len)
        assert parse_memo.COUNTS["parsed"] == parsed + 3
    finally:
        parse_memo.keep(0)


# SIGKILL to the whole run (its workers too) as the fifth contribution starts, in whichever
# process takes it: a fixed point, never a race with the run.
_KILLED_AT_THE_FIFTH = """
import os, signal, sys
from mergeready.hooks import cli, history

evaluate = history.evaluate


def dying(settings, commit):
    if commit.subject == "docs: page 5":
        os.killpg(os.getpgrp(), signal.SIGKILL)
    return evaluate(settings, commit)


history.evaluate = dying
raise SystemExit(cli.main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_killed_run_resumes_to_what_an_uninterrupted_one_job_run_says(
    git_repo, run_cli, tmp_path, jobs
):
    git_repo.write("README.md", "# R\n")
    git_repo.commit("initial")
    for n in range(12):
        page = f"Page {n}, with a tpyo.\n"  # codespell:ignore
        git_repo.write(f"docs/page{n}.md", page if n % 4 else f"Page {n}.\n")
        git_repo.commit(f"docs: page {n}")
    shard = tmp_path / "shard.jsonl"
    args = ["history", "--format", "jsonl", "--output", str(shard), "--quiet", "--jobs", jobs]
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_AT_THE_FIFTH, *args],
        cwd=git_repo.path,
        capture_output=True,
        text=True,
        start_new_session=True,  # its own process group: the signal reaches no test process
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    records, manifest = shard_jsonl.read(shard)
    assert manifest is None and len(records) < 12
    rerun = subprocess.run(
        [sys.executable, "-m", "mergeready.hooks", *args],
        cwd=git_repo.path,
        capture_output=True,
        text=True,
    )
    assert rerun.returncode == 0, rerun.stderr
    resumed, manifest = shard_jsonl.read(shard)
    assert manifest is not None
    alone = _records(run_cli, tmp_path / "alone.jsonl", "--jobs", "1")
    assert sorted(resumed, key=lambda r: r["commit"]) == sorted(alone, key=lambda r: r["commit"])
