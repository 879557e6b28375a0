"""A maintenance declaration keeps ``code`` beside it unless a code type already speaks for the
changed code: each code type that does, and the one that does not, is a row (issue #21)."""

from __future__ import annotations

import pytest
from mergeready.checks.classify import classify
from mergeready.checks.contribution import Contribution
from mergeready.rules.loader import load_policy

BEYOND = "source code changed beyond annotations, formatting and comments"


@pytest.mark.parametrize(
    "title, expected",
    [
        # a fix declares the changed code: the CI file beside it adds maintenance, not code
        ("fix: crash on empty input", {"bugfix", "maintenance"}),
        # nothing declared: the change is code once, said once (no second "beyond" line)
        (None, {"code", "maintenance"}),
        # near miss: a maintenance title is all that speaks for the changed value, so code stays
        ("chore: tidy", {"code", "maintenance"}),
    ],
)
def test_a_ci_file_beside_changed_code_adds_maintenance_and_takes_nothing(
    git_repo, title, expected
):
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.write(".github/workflows/ci.yml", "on: push\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "x = 2\n")
    git_repo.write(".github/workflows/ci.yml", "on: [push]\n")
    git_repo.commit("change")
    c = Contribution.from_git(git_repo.path, title=title)
    policy = load_policy(c.config_text, where=c.config_source)
    found = {
        t.type: [str(e) for e in t.evidence]
        for t in classify(
            c,
            policy.types,
            policy.source,
            policy.changelog,
            policy.changelog_places,
            policy.attributes,
        )
    }
    assert set(found) == expected
    if title is None:
        assert found["code"] == ["source code changed"]
    if title == "chore: tidy":
        assert BEYOND in found["code"]
