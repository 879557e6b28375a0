"""changelog-updated: the changelog file's unreleased section, or a fragment, was updated."""

from __future__ import annotations

from helpers import Row, run_check, story, two_uses

MD = "# Changelog\n\n## Unreleased\n\n- older entry\n\n## 1.0.0 (2024-01-01)\n\n- first\n"
MD_NO_UNRELEASED = "# Changelog\n\n## 1.0.0 (2024-01-01)\n\n- first\n"
RST = (
    "Changes\n=======\n\nUnreleased\n----------\n\n* older\n\n1.0 (2024-01-01)\n"
    "----------------\n\n* first\n"
)
SRC = {"pkg/mod.py": "X = 1\n"}
CHANGE = {"pkg/mod.py": "X = 2\n"}
FRAGMENTS = {**SRC, "changelog.d/.gitkeep": ""}

CASES: list[Row] = [
    (
        "entry under Unreleased",
        {**SRC, "CHANGELOG.md": MD},
        {**CHANGE, "CHANGELOG.md": MD.replace("- older entry", "- new entry\n- older entry")},
        "pass",
        [],
    ),
    ("no entry", {**SRC, "CHANGELOG.md": MD}, CHANGE, "fail", ["MR301"]),
    (
        "entry under a released version",
        {**SRC, "CHANGELOG.md": MD},
        {**CHANGE, "CHANGELOG.md": MD.replace("- first", "- sneaked in\n- first")},
        "fail",
        ["MR301", "MR302"],
    ),
    (
        "new version section at the top",
        {**SRC, "CHANGELOG.md": MD_NO_UNRELEASED},
        {
            **CHANGE,
            "CHANGELOG.md": MD_NO_UNRELEASED.replace(
                "## 1.0.0", "## 1.1.0 (2024-02-01)\n\n- new\n\n## 1.0.0"
            ),
        },
        "pass",
        [],
    ),
    (
        "reST changelog",
        {**SRC, "CHANGES.rst": RST},
        {**CHANGE, "CHANGES.rst": RST.replace("* older", "* newer\n* older")},
        "pass",
        [],
    ),
    (
        "fragment of the right type",
        FRAGMENTS,
        {**CHANGE, "changelog.d/12.feature.md": "Added X.\n"},
        "pass",
        [],
    ),
    (
        "fragment of the wrong type",
        FRAGMENTS,
        {**CHANGE, "changelog.d/12.bugfix.md": "Fixed X.\n"},
        "pass",
        ["MR303"],
    ),
    ("fragment missing", FRAGMENTS, CHANGE, "fail", ["MR301"]),
    ("no mechanism", SRC, CHANGE, "skip", []),
    (
        "towncrier directory from pyproject",
        {**SRC, "pyproject.toml": '[tool.towncrier]\ndirectory = "news.d"\n', "news.d/.keep": ""},
        {**CHANGE, "news.d/3.feature": "X.\n"},
        "pass",
        [],
    ),
]


test_check_function, test_through_the_command = two_uses(
    "changelog-updated", CASES, title="feat: x"
)


def test_skip_label_is_shown_with_what_skipped_it(git_repo, run_json):
    story(git_repo, {**SRC, "CHANGELOG.md": MD}, CHANGE)
    code, report = run_json(
        "--only", "changelog-updated", "--title", "feat: x", "--label", "skip-changelog"
    )
    (check,) = report["checks"]
    assert (code, check["status"]) == (0, "skip")
    assert check["summary"] == "skipped by label 'skip-changelog'"


def test_changelog_skip_trailer(git_repo):
    story(git_repo, {**SRC, "CHANGELOG.md": MD}, CHANGE, message="Tweak X\n\nChangelog: skip\n")
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "skip" and "Changelog: skip" in result.summary


def test_hint_names_the_fragment_to_create(git_repo):
    story(git_repo, FRAGMENTS, CHANGE)
    result = run_check(git_repo, "changelog-updated", contribution_types=("bugfix",))
    assert (
        result.findings[0].hint == "create changelog.d/<PR number>.bugfix.md describing the change"
    )
