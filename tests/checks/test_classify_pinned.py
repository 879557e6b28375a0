"""Rows that pin the classifier's and the title reader's edges, found by benchmarks/mutation.py.

Each row kills a one-line change of ``checks/classify/``, ``checks/titles.py`` or the changelog
entry reader that the other classifier tests let through (benchmarks/README.md, "Mutation"),
with its near miss beside it where one exists.
"""

from __future__ import annotations

import pytest
from mergeready.checks.classify import classify
from mergeready.checks.contribution import Contribution
from mergeready.rules.loader import load_policy


def _types(repo, title=None, labels=(), branch=None):
    """Classify main..topic as the engine does, with the policy the base configures."""
    c = Contribution.from_git(repo.path, base="main", title=title, labels=labels, branch=branch)
    try:
        policy = load_policy(c.config_text, where=c.config_source)
        found = classify(
            c,
            policy.types,
            policy.source,
            policy.changelog,
            policy.changelog_places,
            policy.attributes,
        )
    finally:
        c.close()
    return {t.type: [str(e) for e in t.evidence] for t in found}


def _story(repo, base, head, message="change"):
    for path, text in base.items():
        repo.write(path, text)
    repo.commit("initial")
    repo.branch("topic")
    for path, text in head.items():
        repo.write(path, text)
    repo.commit(message)


# --- the changelog state the classifier reads: a renamed open heading is a release (whose
# notes of several kinds declare no type) only when it names a version or a date and no
# "unreleased" word; otherwise it is still the open section, whose entries say the type.
OPEN_LOG = "# Changelog\n\n## Unreleased\n\n## 1.0.0 (2024-01-01)\n\n- first\n"
TWO_KINDS = "\n\n### Fixed\n\n- a crash\n\n### Added\n\n- an option\n"


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Soon", ["bugfix", "feature"]),  # undated, no version: still open
        ("1.2.0 (unreleased)", ["bugfix", "feature"]),  # a version, but said unreleased
        ("1.2.0", ["code"]),  # near miss: a version alone is a release
        ("1.2.0 (2024-02-01)", ["code"]),  # a dated version: a release
    ],
)
def test_a_renamed_open_heading_is_a_release_only_when_it_names_a_released_version(
    git_repo, heading, expected
):
    _story(
        git_repo,
        {"pkg/core.py": "x = 1\n", "CHANGELOG.md": OPEN_LOG},
        {
            "pkg/core.py": "x = 2\n",
            "CHANGELOG.md": OPEN_LOG.replace("## Unreleased\n", f"## {heading}{TWO_KINDS}"),
        },
    )
    assert sorted(_types(git_repo, title="Update core")) == expected
