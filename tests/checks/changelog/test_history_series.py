"""Issue 22: one contribution cannot teach the history a habit that switches a check off.

changelog-updated learns from the base's last merged contributions whether the project writes
its changelog itself (then it asks no entry). A single contribution rebase-merged as a series
of many commits once counted as that many contributions; it counts once now, so one hostile
series cannot switch the changelog requirement off for every later contribution.
"""

from __future__ import annotations

import pytest
from helpers import run_check

MD = "# Changelog\n\n## Unreleased\n\n## 1.0\n\n- first\n"


def _history(repo, monkeypatch, contributions):
    """Commit ``contributions`` on main: each a list of commits made together (one series)."""
    repo.write("CHANGELOG.md", MD)
    repo.write("pkg/mod.py", "X = 0\n")
    repo.commit("initial")
    clock = 1_700_000_000
    n = 0
    for with_entry, commits in contributions:
        clock += 3_600  # an hour between merged contributions
        for i in range(commits):
            n += 1
            repo.write("pkg/mod.py", f"X = {n}\n")
            if with_entry and i == 0:
                log = (repo.path / "CHANGELOG.md").read_text()
                repo.write(
                    "CHANGELOG.md", log.replace("## Unreleased\n", f"## Unreleased\n\n- {n}\n")
                )
            monkeypatch.setenv("GIT_COMMITTER_DATE", f"{clock} +0000")  # a rebase-merge: one time
            repo.commit(f"step {n}")
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    repo.branch("topic")
    repo.write("pkg/mod.py", "X = 999\n")
    repo.commit("change")


@pytest.mark.parametrize(
    "name, contributions, status",
    [
        # Five contributions with entries, then one series of 25 commits without: the series
        # once outvoted them (25 of 30 "changes" without an entry) and switched the check off.
        ("one rebase-merged series", [(True, 1)] * 5 + [(False, 25)], "fail"),
        ("two series", [(True, 1)] * 5 + [(False, 25), (False, 25)], "fail"),
        # 25 separate contributions without entries are the project's habit: it still counts.
        ("many contributions", [(True, 1)] * 5 + [(False, 1)] * 25, "skip"),
    ],
)
def test_a_series_counts_once(git_repo, monkeypatch, name, contributions, status):
    _history(git_repo, monkeypatch, contributions)
    assert run_check(git_repo, "changelog-updated").status == status


def test_series_are_grouped_by_committer_and_minute():
    from mergeready.checks.contribution.base import series_of

    log = (
        "\0a@x\x1f1000\n\npkg/a.py\n"
        "\0a@x\x1f1030\n\npkg/b.py\n"  # same committer, 30 s: same series
        "\0b@x\x1f1040\n\npkg/c.py\n"  # another committer
        "\0b@x\x1f2000\n\npkg/d.py\n"  # the same committer, later: another contribution
        "\0b@x\x1f2000\n"  # an empty commit of that series
    )
    assert series_of(log) == (
        frozenset({"pkg/a.py", "pkg/b.py"}),
        frozenset({"pkg/c.py"}),
        frozenset({"pkg/d.py"}),
    )
