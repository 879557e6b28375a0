"""claims: the ticked boxes of a pull request description, checked against the diff."""

from __future__ import annotations

import json

import pytest
from helpers import codes, run_check, statuses, story

BASE = {
    "pkg/__init__.py": "",
    "pkg/mod.py": "def f():\n    return 1\n",
    "tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 1\n",
    "CHANGELOG.md": "# Changelog\n\n## Unreleased\n\n## 1.0 (2020-01-01)\n\n- First.\n",
    "docs/index.md": "# Docs\n",
}
CODE = {"pkg/mod.py": "def f():\n    return 2\n"}
TEST = {"tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 2\n"}
EMPTY_TEST = {"tests/test_new.py": "def test_new():\n    pass\n"}
CHANGELOG = {
    "CHANGELOG.md": BASE["CHANGELOG.md"].replace("## Unreleased\n", "## Unreleased\n\n- f.\n")
}
DOCS = {"docs/index.md": "# Docs\n\nf returns 2.\n"}
DOCSTRING = {"pkg/mod.py": 'def f():\n    """Return two."""\n    return 2\n'}

# Checklists phrased the way three real projects' templates phrase them (written here, not copied).
KERAS_LIKE = """\
Fixes the clipping of the input.

- [x] I have added unit tests that prove my fix works
- [x] I have updated the documentation (docstrings) accordingly
- [x] I have run the tests locally and they pass
"""
PANDAS_LIKE = """\
- [x] closes #123
- [x] [Tests added and passed](https://example.org/contributing) if fixing a bug or adding a
  new feature
- [x] All [code checks passed](https://example.org/checks).
- [X] Added an entry in the latest `doc/source/whatsnew/v2.1.rst` file if fixing a bug or
  adding a new feature.
"""
PYTEST_LIKE = """\
Thanks for submitting a PR, your contribution is really appreciated!

- [ ] Include documentation when adding new features.
- [x] Include new tests or update existing tests when applicable.
- [X] Allow maintainers to push and squash when merging my commits.
- [x] Create a new changelog file in the `changelog` folder, with a name like
  `<ISSUE NUMBER>.<TYPE>.rst`.
"""

CASES = [
    # (id, body, types, head, status, messages that must appear)
    ("no body", None, ("bugfix",), CODE, "skip", []),
    ("nothing ticked", "- [ ] I added tests\n- [ ] Changelog", ("bugfix",), CODE, "skip", []),
    ("no checklist", "This fixes f.", ("bugfix",), CODE, "skip", []),
    ("keras-like, all done", KERAS_LIKE, ("bugfix",), {**TEST, **DOCSTRING}, "pass", []),
    (
        "keras-like, no test and no docs",
        KERAS_LIKE,
        ("bugfix",),
        CODE,
        "fail",
        ["no test function was added or changed", "no documentation file or docstring"],
    ),
    (
        "keras-like, the only new test asserts nothing",
        KERAS_LIKE,
        ("bugfix",),
        {**CODE, **EMPTY_TEST, **DOCS},
        "fail",
        ["none of the added or changed tests can fail"],
    ),
    ("pandas-like, all done", PANDAS_LIKE, ("bugfix",), {**TEST, **CHANGELOG}, "pass", []),
    (
        "pandas-like, no whatsnew entry",
        PANDAS_LIKE,
        ("bugfix",),
        TEST,
        "fail",
        ["no changelog file or fragment"],
    ),
    (
        "pandas-like conditions do not bind a maintenance change",
        PANDAS_LIKE,
        ("maintenance",),
        {"setup.cfg": "[metadata]\n"},
        "skip",
        [],
    ),
    (
        "pytest-like, all done",
        PYTEST_LIKE,
        ("feature",),
        {**TEST, "changelog/12.feature.rst": "f returns 2.\n"},
        "pass",
        [],
    ),
    (
        "pytest-like, the wrapped changelog item is checked",
        PYTEST_LIKE,
        ("feature",),
        TEST,
        "fail",
        ["Create a new changelog file"],
    ),
    (
        "an item that says it is not needed claims nothing",
        "- [x] No changelog needed\n- [x] Tests added: n/a\n- [x] Docs updated? Not this time\n",
        ("bugfix",),
        CODE,
        "skip",
        [],
    ),
    (
        "a numbered list and upper-case X",
        "1. [X] Added tests\n2) [x] Updated the docs\n",
        ("feature",),
        {**TEST, **DOCS},
        "pass",
        [],
    ),
    (
        "docs ticked, only a configuration file changed",
        "- [x] Updated the docs\n",
        ("feature",),
        {"setup.cfg": "[metadata]\n"},
        "fail",
        ["no documentation file or docstring"],
    ),
    (
        "docs ticked, only the changelog changed",
        "- [x] Updated the docs\n",
        ("feature",),
        CHANGELOG,
        "fail",
        ["no documentation file or docstring"],
    ),
    (
        "a phrase inside another word does not match",
        "- [x] I protested against changelogging\n",
        ("feature",),
        TEST,
        "skip",
        [],
    ),
]


@pytest.mark.parametrize(
    "name, body, kinds, head, status, messages", CASES, ids=[c[0] for c in CASES]
)
def test_check_function(git_repo, name, body, kinds, head, status, messages):
    story(git_repo, BASE, head)
    result = run_check(git_repo, "claims", contribution_types=kinds, body=body)
    assert result.status == status
    assert [f.code for f in result.findings] == ["MR901"] * len(messages)
    for finding, message in zip(result.findings, messages):
        assert message in finding.message


def test_the_claims_phrases_are_configurable(git_repo):
    from mergeready.checks.claims.claims import Options

    story(git_repo, BASE, CODE)
    body = "- [x] Regression test included\n"
    assert run_check(git_repo, "claims", body=body).status == "skip"
    result = run_check(git_repo, "claims", Options(tests=("regression test",)), body=body)
    assert result.status == "fail"
    assert result.findings[0].message == (
        "the description ticks “Regression test included”, but no test function was added or "
        "changed"
    )


def test_the_readme_example_through_the_command(git_repo, run_json):
    story(git_repo, BASE, CODE)
    body = (
        "- [x] I have added tests that prove my fix is effective\n"
        "- [x] I have updated the documentation accordingly\n"
        "- [ ] I have added a changelog entry"
    )
    code, report = run_json("--title", "Fix the parser", "--body", body)
    assert code == 1
    assert statuses(report)["claims"] == "fail"
    claims = next(c for c in report["checks"] if c["id"] == "claims")
    assert [f["message"] for f in claims["findings"]] == [
        "the description ticks “I have added tests that prove my fix is effective”, but no test "
        "function was added or changed",
        "the description ticks “I have updated the documentation accordingly”, but no "
        "documentation file or docstring was changed",
    ]
    assert codes(report).count("MR901") == 2


def test_the_body_comes_from_the_pull_request_event(git_repo, run_json, tmp_path, monkeypatch):
    story(git_repo, BASE, CODE, message="Fix f")
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "title": "Fix f",
                    "body": "- [x] Added tests\n",
                    "labels": [],
                    "base": {"sha": git_repo.git("rev-parse", "main")},
                    "head": {"sha": git_repo.git("rev-parse", "HEAD")},
                }
            }
        )
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    code, report = run_json("--only", "claims")
    assert (code, statuses(report)) == (1, {"claims": "fail"})


def test_a_huge_adversarial_body_is_read_in_bounded_time(git_repo):
    from mergeready.checks.claims.claims import ticked

    body = ("- [x] " + "added " * 50_000 + "\n") * 20 + " - [x]" * 200_000
    items = list(ticked(body))
    assert items and all(len(i) <= 2_000 for i in items)


PR_TEMPLATE = """<!-- Thank you for contributing! -->
## What does this change?

Describe the change and why it is needed.

## Checklist

- [ ] I have read the contributing guide
- [ ] I have added tests
"""
FILLED = """## What does this change?

`f` returns 2, as the docs say.

## Checklist

- [x] I have read the contributing guide
- [ ] I have added tests
"""


@pytest.mark.parametrize(
    "name, body, status, expected",
    [
        ("filled", FILLED, "skip", []),
        ("untouched", PR_TEMPLATE, "fail", ["MR902"]),
        ("untouched without its comment", PR_TEMPLATE.split("-->\n", 1)[1], "fail", ["MR902"]),
        # attack 6's F19 (125): a box ticked says nothing of the change (passed before)
        (
            "untouched, a box ticked",
            PR_TEMPLATE.replace("- [ ] I have added", "- [x] I have added"),
            "fail",
            ["MR902", "MR901"],
        ),
        (
            "untouched, every box ticked",
            PR_TEMPLATE.replace("[ ]", "[X]"),
            "fail",
            ["MR902", "MR901"],
        ),
        (
            "section at its text",
            FILLED.replace(
                "`f` returns 2, as the docs say.", "Describe the change and why it is needed."
            )
            + "\nCloses #12.\n",  # else only a box ticked: the template untouched (MR902)
            "skip",
            ["MR903"],
        ),
        (
            "pledge unticked",
            FILLED.replace("- [x] I have read", "- [ ] I have read"),
            "skip",
            ["MR904"],
        ),
        ("prose only", "f returns 2 now.", "skip", []),
    ],
)
def test_the_description_against_the_pull_request_template(git_repo, name, body, status, expected):
    story(git_repo, {**BASE, ".github/pull_request_template.md": PR_TEMPLATE}, CODE)
    result = run_check(git_repo, "claims", body=body)
    assert result.status == status
    assert [f.code for f in result.findings] == expected


def test_the_template_is_read_from_the_base(git_repo, run_json):
    story(git_repo, BASE, {**CODE, ".github/pull_request_template.md": PR_TEMPLATE})
    result = run_check(git_repo, "claims", body=PR_TEMPLATE)
    assert result.findings == ()  # a template the contribution adds judges nothing yet
    story_repo_code, report = run_json(
        "--title", "Fix f", "--body", PR_TEMPLATE, "--only", "claims"
    )
    assert codes(report) == []


def test_a_finding_without_a_file_names_its_check_where_no_path_is_read(git_repo, run_cli):
    """Issue #25's trial (L3): `claims: MR901 …` read as if `claims` were a file."""
    story(git_repo, BASE, CODE)
    body = "- [x] I have added tests that prove my fix is effective\n"
    code, out, _ = run_cli("check", "--title", "Fix the parser", "--body", body)
    line = next(x for x in out.splitlines() if "MR901" in x)
    assert line.startswith("MR901 the description ticks") and line.endswith(" [claims]"), line
