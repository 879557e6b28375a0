"""A base changelog over ``--max-file-size`` is read whole, never taken for a pointer.

Before, the unread file was taken for a one-line pointer: changelog-updated skipped with "has no
unreleased section at the base (its sections are dated releases)", which the file never said,
and a missing entry passed unseen (#21). The base's files the rules and the changelog are judged
against are now read whole up to 8 MB whatever ``--max-file-size`` says (attack 5's F6), so the
changelog is judged as if it were small.
"""

from __future__ import annotations

import pytest
from helpers import codes, run_check, statuses, story

MD = "# Changelog\n\n## Unreleased\n\n- older entry\n\n## 1.0.0 (2024-01-01)\n\n- first\n"
RELEASED = "# Changelog\n\n## 1.0.0 (2024-01-01)\n\n- first\n\n## 0.9.0 (2023-01-01)\n\n- zero\n"
ENTRY = MD.replace("- older", "- the new entry\n- older")
NO_ENTRY = "no entry under the unreleased section of CHANGELOG.md"


@pytest.mark.parametrize(
    "head, limit, status, summary",
    [
        ({}, len(MD) - 1, "fail", NO_ENTRY),
        ({}, len(MD), "fail", NO_ENTRY),
        ({"CHANGELOG.md": ENTRY}, len(ENTRY), "pass", "entry added to CHANGELOG.md"),
    ],
    ids=["base over the limit, no entry", "fits, no entry", "fits, an entry"],
)
def test_a_base_changelog_over_the_limit_is_judged(git_repo, head, limit, status, summary):
    story(
        git_repo, {"pkg/mod.py": "X = 1\n", "CHANGELOG.md": MD}, {"pkg/mod.py": "X = 2\n", **head}
    )
    result = run_check(git_repo, "changelog-updated", max_file_size=limit)
    assert (result.status, result.summary[: len(summary)]) == (status, summary)
    assert "no unreleased section" not in result.summary


def test_a_released_only_changelog_over_the_limit_is_read_as_released(git_repo):
    story(git_repo, {"pkg/mod.py": "X = 1\n", "CHANGELOG.md": RELEASED}, {"pkg/mod.py": "X = 2\n"})
    for limit in (len(RELEASED) - 1, len(RELEASED)):
        read = run_check(git_repo, "changelog-updated", max_file_size=limit)
        assert (read.status, read.summary[:41]) == (
            "skip",
            "CHANGELOG.md has no unreleased section at",
        )


def test_the_command_judges_a_changelog_over_the_limit(git_repo, run_json):
    story(git_repo, {"pkg/mod.py": "X = 1\n", "CHANGELOG.md": MD}, {"pkg/mod.py": "X = 2\n"})
    limit = str(len(MD) - 1)
    code, report = run_json("--only", "changelog-updated", "--max-file-size", limit)
    assert (code, statuses(report), codes(report)) == (1, {"changelog-updated": "fail"}, ["MR301"])
    assert report["checks"][0]["summary"].startswith(NO_ENTRY)
