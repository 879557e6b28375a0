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


# --- a changelog the mechanism finds outside the policy's changelog globs is changelog
# evidence, not a docs page: keras-tuner keeps its release notes in RELEASE.md
NOTES = (
    "# Release v1.4.3\n\n## Bug fixes\n* Old fix.\n\n# Release v1.4.2\n\n## Bug fixes\n* Older.\n"
)


@pytest.mark.parametrize(
    "name, expected",
    [("RELEASE.md", ["bugfix"]), ("GUIDE.md", ["code", "docs"])],
    ids=["the project's release notes", "near miss: a page of the same shape"],
)
def test_release_notes_the_mechanism_finds_are_no_docs_change(git_repo, name, expected):
    _story(
        git_repo,
        {"pkg/core.py": "x = 1\n", name: NOTES},
        {"pkg/core.py": "x = 2\n", name: "# Release v1.4.4\n\n## Bug fixes\n* A fix.\n\n" + NOTES},
    )
    assert sorted(_types(git_repo, title="Update core")) == expected


def test_fragments_in_the_bases_towncrier_directory_are_changelog_evidence(git_repo):
    # a fragment directory outside the policy's changelog globs, named by [tool.towncrier]
    _story(
        git_repo,
        {
            "pkg/core.py": "x = 1\n",
            "pyproject.toml": '[tool.towncrier]\ndirectory = "release-notes"\n',
            "release-notes/.gitkeep": "",
        },
        {"pkg/core.py": "x = 2\n", "release-notes/12.bugfix.md": "Fixed x.\n"},
    )
    assert sorted(_types(git_repo, title="Update core")) == ["bugfix"]


@pytest.mark.parametrize(
    "tests, expected",
    [("spec", ["code"]), ("other", ["maintenance"])],
    ids=["changed with the project's own tests", "near miss: with files no test path names"],
)
def test_non_python_code_is_learned_from_changes_with_the_projects_own_tests(
    git_repo, tests, expected
):
    # virtualenv's fish activator, tested under a folder only the project's tests paths name
    git_repo.write(".mergeready.yaml", "types:\n  tests:\n    paths: ['spec/**']\n")
    git_repo.write("src/pkg/__init__.py", "X = 1\n")
    git_repo.write("src/pkg/activate.fish", "set -gx A 0\n")
    git_repo.write(f"{tests}/act_spec.py", "def check():\n    assert run() == 0\n")
    git_repo.commit("initial")
    for n in range(1, 6):
        git_repo.write("src/pkg/activate.fish", f"set -gx A {n}\n")
        git_repo.write(f"{tests}/act_spec.py", f"def check():\n    assert run() == {n}\n")
        git_repo.commit(f"change {n} (#{n})")  # a merged pull request each
    git_repo.branch("topic")
    git_repo.write("src/pkg/activate.fish", "set -gx A 9\n")
    git_repo.commit("Tidy the activator")
    found = _types(git_repo)
    assert sorted(found) == expected
    said = [e for e in found.get("code", []) if "is code here: learned from" in e]
    assert len(said) == (tests == "spec")


TITLES = [
    # (title, types): pkg/core.py's value changes
    ("\u2728 Rework the parser", ["feature"]),  # gitmoji sparkles: a feature
    ("Rework the parser", ["code"]),  # near miss: the words alone say nothing
    ("\u2192 Rework the parser", ["code"]),  # a symbol no gitmoji names
    (":sparkles: Rework the parser", ["feature"]),  # gitmoji's shortcode
    (":thinking: Rework the parser", ["code"]),  # near miss: a shortcode gitmoji does not name
]


@pytest.mark.parametrize("title, expected", TITLES, ids=[t[0] for t in TITLES])
def test_title_readings(git_repo, title, expected):
    _story(git_repo, {"pkg/core.py": "x = 1\n"}, {"pkg/core.py": "x = 2\n"})
    assert sorted(_types(git_repo, title=title)) == expected


MESSAGE = 'def f():\n    raise ValueError("bad input")\n'
REWORDED = {"pkg/core.py": MESSAGE.replace("bad input", "the input is empty")}
TEXT_ROWS = [
    # (id, files changed at head, title, types): a message's text is code a user sees
    ("a reworded message is code", REWORDED, None, ["code"]),
    (
        "a reworded message with its test beside it is a bug fix",
        {**REWORDED, "tests/test_core.py": "def test_f():\n    assert 2\n"},
        None,
        ["bugfix", "tests"],
    ),
]


@pytest.mark.parametrize(
    "files, title, expected", [r[1:] for r in TEXT_ROWS], ids=[r[0] for r in TEXT_ROWS]
)
def test_a_change_to_a_messages_text_is_code(git_repo, files, title, expected):
    base = {"pkg/core.py": MESSAGE, "tests/test_core.py": "def test_f():\n    assert 1\n"}
    _story(git_repo, base, files)
    assert sorted(_types(git_repo, title=title)) == expected


def test_a_projects_word_for_plain_code_is_outweighed_by_a_prefix(git_repo):
    # the project's own word for ``code`` is a guess: an explicit ``feat:`` outweighs it
    config = "types:\n  code:\n    words: [rework]\n"
    _story(
        git_repo,
        {".mergeready.yaml": config, "pkg/core.py": "x = 1\n"},
        {"pkg/core.py": "x = 2\n"},
        message="Rework the core",
    )
    found = _types(git_repo, title="feat: a faster core")
    assert list(found) == ["feature"]
    assert any(e.startswith("outweighed: code (") for e in found["feature"])


@pytest.mark.parametrize(
    "title, expected",
    [(None, ["code"]), ("Fix the missing export", ["bugfix"])],
    ids=["undeclared", "a guessed word"],
)
def test_an_export_added_is_source_changed(git_repo, title, expected):
    # a name re-exported (``__all__``) changes what users import: code, which a word may type
    init = "from .core import f\n\n__all__ = ['f']\n"
    _story(
        git_repo,
        {
            "pkg/core.py": "def f(v):\n    return v\n\n\ndef clip(v):\n    return v\n",
            "pkg/__init__.py": init,
        },
        {"pkg/__init__.py": init.replace("f\n", "f, clip\n").replace("'f'", "'f', 'clip'")},
    )
    assert sorted(_types(git_repo, title=title)) == expected
