"""Issue 22: one contribution cannot teach the history a habit that switches a check off.

changelog-updated learns from the base's last merged contributions whether the project writes
its changelog itself (then it asks no entry) and where entries go. It counts contributions,
never commits, with boundaries a contributor cannot move (``checks/contribution/merged.py``):
a merge commit, a subject numbering a pull request, a series of one author or one rebase-merge,
and in a history whose contributions carry numbers, a run of commits without one. A relaxation
needs several people (three distinct authors). Attack 4's script 02: a contributor's series of
45 commits, merged fast-forward with forged committer dates or e-mails, switched the changelog
requirement off for everyone after it.

Every row runs ``mergeready check`` on a real repository; histories are written with
``git fast-import`` (one process for hundreds of commits), the contribution with ``git commit``.
"""

from __future__ import annotations

import json
import subprocess

import pytest

MD = "# Changelog\n\n## Unreleased\n\n## 1.0\n\n- first\n"
CLOCK = 1_700_000_000


def _data(text: str) -> str:
    return f"data {len(text.encode())}\n{text}\n"


def _import(repo, commits):
    """Append ``commits`` to main: each ``(author, committer, time, subject, files)``."""
    parent = repo.git("rev-parse", "main")
    stream = []
    for n, (author, committer, when, subject, files) in enumerate(commits):
        stream.append("commit refs/heads/main\n")
        stream.append(f"author A <{author}> {when} +0000\n")
        stream.append(f"committer C <{committer}> {when} +0000\n")
        stream.append(_data(subject))
        if n == 0:
            stream.append(f"from {parent}\n")
        for path, text in files.items():
            stream.append(f"M 100644 inline {path}\n{_data(text)}")
    subprocess.run(
        ["git", "fast-import", "--quiet", "--force"],
        cwd=repo.path,
        input="".join(stream).encode(),
        check=True,
    )
    repo.git("reset", "-q", "--hard", "main")


def _entry(n: int) -> dict[str, str]:
    return {"CHANGELOG.md": MD.replace("## Unreleased\n", f"## Unreleased\n\n- change {n}\n")}


def _base(repo, contributions):
    """The project: ``contributions`` merged, each ``(author, with entry, pull number or "")``."""
    repo.write("CHANGELOG.md", MD)
    repo.write("pkg/mod.py", "X = 0\n")
    repo.commit("initial")
    commits = []
    for n, (author, with_entry, number) in enumerate(contributions, 1):
        files = {f"pkg/m{n % 7}.py": f"X = {n}\n", **(_entry(n) if with_entry else {})}
        subject = f"Change {n} (#{number})" if number else f"Change {n}"
        commits.append((author, author, CLOCK + 86_400 * n, subject, files))
    _import(repo, commits)


def _series(repo, count, author, committer, gap, files=None):
    """One contributor's series of ``count`` commits, merged fast-forward."""
    start = CLOCK + 86_400 * 1_000
    _import(
        repo,
        [
            (
                author(i),
                committer(i),
                start + gap * i,
                f"Tidy comment {i}",
                files(i) if files else {f"pkg/m{i % 7}.py": f"# note {i}\n"},
            )
            for i in range(count)
        ],
    )


def _changelog(repo, run_cli, extra=None):
    """Fix pkg/mod.py on a topic branch without an entry: changelog-updated's status."""
    repo.branch("topic")
    repo.write("pkg/mod.py", "X = 99\n")
    for path, text in (extra or {}).items():
        repo.write(path, text)
    repo.commit("Fix the module")
    _, out, _ = run_cli(
        "check", "--base", "main", "--format", "json", "--only", "changelog-updated"
    )
    (check,) = json.loads(out)["checks"]
    return check["status"], check["summary"]


def _people(n: int) -> str:
    return f"dev{n % 5}@example.org"


NUMBERED = [(_people(n), True, str(n)) for n in range(10)]  # ten merged pull requests
ONE = "c@example.org"


@pytest.mark.parametrize(
    "series",
    [
        # Attack 4 (02) A: one committer, commits two minutes apart (SERIES_GAP is a minute).
        pytest.param(dict(author=lambda i: ONE, committer=lambda i: ONE, gap=120), id="A-gap"),
        # 02 B: every commit another committer e-mail and another author, in one second.
        pytest.param(
            dict(author=lambda i: f"a{i}@x", committer=lambda i: f"c{i}@x", gap=0),
            id="B-forged-identities",
        ),
        # 02 C: one committer, one second (GitHub's rebase-merge): already counted once.
        pytest.param(dict(author=lambda i: ONE, committer=lambda i: ONE, gap=0), id="C-rebase"),
    ],
)
def test_a_fast_forwarded_series_counts_once(git_repo, run_cli, series):
    _base(git_repo, NUMBERED)
    _series(git_repo, 45, **series)
    status, summary = _changelog(git_repo, run_cli)
    assert status == "fail", summary


WITH = [(_people(n), True, f"{100 + n}") for n in range(5)]  # five numbered, with entries


@pytest.mark.parametrize(
    "contributions, status",
    [
        # 25 merged pull requests of five people without an entry: the project's habit.
        (WITH + [(_people(n), False, str(n)) for n in range(25)], "skip"),
        # No numbers anywhere, each commit by its own author: contributions, the habit.
        ([(f"p{n}@example.org", n < 5, "") for n in range(30)], "skip"),
        # 25 unnumbered commits of one author, a day apart, pushed or fast-forwarded after
        # numbered pull requests: one contribution (they counted as 25 before).
        (WITH + [(ONE, False, "") for n in range(25)], "fail"),
        # 25 numbered pull requests, all of one author (or of two): not several people's habit.
        (WITH + [(ONE, False, str(n)) for n in range(25)], "fail"),
        (WITH + [(f"d{n % 2}@example.org", False, str(n)) for n in range(25)], "fail"),
    ],
    ids=["five-people", "unnumbered-people", "one-author-unnumbered", "one-author", "two-authors"],
)
def test_a_habit_that_asks_for_no_entry_is_several_peoples(
    git_repo, run_cli, contributions, status
):
    _base(git_repo, contributions)
    assert _changelog(git_repo, run_cli)[0] == status


def test_a_200_commit_series_does_not_fill_the_history_window(git_repo, run_cli):
    # The changelog's place is learned from the last 200 merged contributions. A series of 200
    # commits once filled that window: no recent change wrote CHANGELOG.md, so the place became
    # the folder the series created files in, and a note there passed for an entry.
    _base(git_repo, NUMBERED)
    _series(
        git_repo,
        200,
        author=lambda i: ONE,
        committer=lambda i: ONE,
        gap=120,
        files=lambda i: {f"pkg/m{i % 7}.py": f"# {i}\n", f"notes/n{i}.md": f"note {i}\n"},
    )
    status, summary = _changelog(git_repo, run_cli, {"notes/fix.md": "Fixed the module.\n"})
    assert status == "fail" and "CHANGELOG.md" in summary, summary


def test_merge_commits_and_numbered_subjects_are_the_boundaries(git_repo, run_cli):
    # Twelve merged pull requests without an entry, each a merge commit of a three-commit
    # branch by its own author: twelve contributions, not 36; the project's habit (skip).
    _base(git_repo, [(_people(n), True, f"{100 + n}") for n in range(3)])
    for n in range(22):
        git_repo.branch(f"pr{n}")
        for i in range(3):
            git_repo.write(f"pkg/m{n % 7}.py", f"X = {n}{i}\n")
            git_repo.git("add", "-A")
            git_repo.git("commit", "-qm", f"step {i}", f"--author=P <p{n}@example.org>")
        git_repo.checkout("main")
        title = f"Merge pull request #{n} from p{n}/branch"
        git_repo.git("merge", "-q", "--no-ff", "-m", title, f"pr{n}")
    status, summary = _changelog(git_repo, run_cli)
    assert status == "skip" and "of its last 26 merged source changes" in summary, summary
