"""Rows for the classifier's decisions issue #21's split named, which test_classify left open.

A maintenance declaration keeps ``code`` beside it unless a code type already speaks for the
changed code; a version tuple is a literal only when every element is one.
"""

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
    found = _types(
        git_repo,
        {"pkg/core.py": ("x = 1\n", "x = 2\n"), ".github/workflows/ci.yml": ("on: a\n", "on: b\n")},
        title,
    )
    assert set(found) == expected
    if title is None:
        assert found["code"] == ["source code changed"]
    if title == "chore: tidy":
        assert BEYOND in found["code"]


@pytest.mark.parametrize(
    "before, after, expected",
    [
        ("VERSION = (1, 4, 0)\n", "VERSION = (1, 5, 0)\n", {"maintenance"}),
        # near miss: one element is a name, so the tuple is computed and the change is code
        ("VERSION = (1, 4, PATCH)\n", "VERSION = (1, 5, PATCH)\n", {"code"}),
    ],
    ids=["all-literal", "one-name"],
)
def test_a_version_tuple_is_a_release_only_when_every_element_is_a_literal(
    git_repo, before, after, expected
):
    found = _types(git_repo, {"pkg/__version__.py": (before, after)}, "update")
    assert set(found) == expected


def _types(git_repo, files, title):
    """Classify a branch that changes each file from its first text to its second."""
    for path, (before, _) in files.items():
        git_repo.write(path, before)
    git_repo.commit("initial")
    git_repo.branch("topic")
    for path, (_, after) in files.items():
        git_repo.write(path, after)
    git_repo.commit("change")
    c = Contribution.from_git(git_repo.path, title=title)
    policy = load_policy(c.config_text, where=c.config_source)
    matches = classify(
        c, policy.types, policy.source, policy.changelog, policy.changelog_places, policy.attributes
    )
    return {t.type: [str(e) for e in t.evidence] for t in matches}
