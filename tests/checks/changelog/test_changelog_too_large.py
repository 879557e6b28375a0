"""A base changelog over ``--max-file-size`` is said to be too large to read, never judged.

Before, the unread file was taken for a one-line pointer: changelog-updated skipped with "has no
unreleased section at the base (its sections are dated releases)", which the file never said,
and a missing entry passed unseen (#21).
"""

from __future__ import annotations

import pytest
from helpers import codes, run_check, statuses, story

MD = "# Changelog\n\n## Unreleased\n\n- older entry\n\n## 1.0.0 (2024-01-01)\n\n- first\n"
RELEASED = "# Changelog\n\n## 1.0.0 (2024-01-01)\n\n- first\n\n## 0.9.0 (2023-01-01)\n\n- zero\n"
ENTRY = MD.replace("- older", "- the new entry\n- older")
TOO_LARGE = f"CHANGELOG.md is too large to read at the base ({len(MD)} bytes"


@pytest.mark.parametrize(
    "head, limit, status, summary",
    [
        ({}, len(MD) - 1, "skip", TOO_LARGE),
        ({"CHANGELOG.md": ENTRY}, len(MD) - 1, "skip", TOO_LARGE),
        # near misses: a limit the base's file fits in reads it, and judges it as always
        ({}, len(MD), "fail", "no entry under the unreleased section of CHANGELOG.md"),
        ({"CHANGELOG.md": ENTRY}, len(ENTRY), "pass", "entry added to CHANGELOG.md"),
    ],
    ids=["too large, no entry", "too large, an entry", "fits, no entry", "fits, an entry"],
)
def test_a_base_changelog_over_the_limit_is_not_judged(git_repo, head, limit, status, summary):
    story(
        git_repo, {"pkg/mod.py": "X = 1\n", "CHANGELOG.md": MD}, {"pkg/mod.py": "X = 2\n", **head}
    )
    result = run_check(git_repo, "changelog-updated", max_file_size=limit)
    assert (result.status, result.summary[: len(summary)]) == (status, summary)
    assert "no unreleased section" not in result.summary


def test_a_released_only_changelog_over_the_limit_is_not_called_released(git_repo):
    story(git_repo, {"pkg/mod.py": "X = 1\n", "CHANGELOG.md": RELEASED}, {"pkg/mod.py": "X = 2\n"})
    unread = run_check(git_repo, "changelog-updated", max_file_size=len(RELEASED) - 1)
    assert unread.status == "skip"
    assert unread.summary.startswith("CHANGELOG.md is too large to read at the base")
    read = run_check(git_repo, "changelog-updated", max_file_size=len(RELEASED))
    assert (read.status, read.summary[:41]) == ("skip", "CHANGELOG.md has no unreleased section at")


def test_the_command_says_the_changelog_was_too_large_to_read(git_repo, run_json):
    story(git_repo, {"pkg/mod.py": "X = 1\n", "CHANGELOG.md": MD}, {"pkg/mod.py": "X = 2\n"})
    limit = str(len(MD) - 1)
    code, report = run_json("--only", "changelog-updated", "--max-file-size", limit)
    assert (code, statuses(report), codes(report)) == (0, {"changelog-updated": "skip"}, [])
    summary = report["checks"][0]["summary"]
    assert summary == (
        f"{TOO_LARGE}, over --max-file-size): whether this contribution needs an entry there "
        "is not judged"
    )
