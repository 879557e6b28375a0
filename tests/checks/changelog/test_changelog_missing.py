"""changelog-updated's MR301 says the changelog is deleted only when the contribution deletes it.

Found by ``benchmarks/mutation.py changelog-check``: each row kills a one-line change of
``_missing`` (which changelog files count as deleted) the other changelog tests let through.
"""

from __future__ import annotations

import pytest
from helpers import run_check, story

MD = "# Changelog\n\n## Unreleased\n\n- older entry\n\n## 1.0.0 (2024-01-01)\n\n- first\n"
BASE = {"pkg/mod.py": "X = 1\n", "CHANGELOG.md": MD}
DELETED = "no changelog entry for this contribution in CHANGELOG.md (CHANGELOG.md is deleted"
PLAIN = "no changelog entry for this contribution in CHANGELOG.md"


@pytest.mark.parametrize(
    "head, message",
    [
        ({"CHANGELOG.md": None}, DELETED),
        # near misses: the changelog is left alone, or edited with no entry in the open section
        ({}, PLAIN),
        ({"CHANGELOG.md": MD.replace("- first", "- sneaked in\n- first")}, PLAIN),
    ],
    ids=["deleted", "untouched", "edited under a release"],
)
def test_mr301_names_a_deleted_changelog_and_only_a_deleted_one(git_repo, head, message):
    story(git_repo, BASE, {"pkg/mod.py": "X = 2\n", **head})
    result = run_check(git_repo, "changelog-updated")
    first = result.findings[0]
    assert (result.status, first.code) == ("fail", "MR301")
    assert first.message.startswith(message) and (
        message == DELETED or "deleted" not in first.message
    )


def test_a_changelog_grown_over_the_size_limit_is_read_as_no_entry(git_repo):
    # --max-file-size: the base's changelog is read, the head's is too large to read, so the
    # entry it gains is not seen (and nothing is said to be deleted)
    head = MD.replace("- older", "- a new entry, long enough to cross the limit\n- older")
    story(git_repo, BASE, {"pkg/mod.py": "X = 2\n", "CHANGELOG.md": head})
    big = run_check(git_repo, "changelog-updated", max_file_size=len(MD) + 1)
    assert (big.status, big.findings[0].message) == ("fail", PLAIN)
