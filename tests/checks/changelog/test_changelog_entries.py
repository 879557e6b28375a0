"""What counts as a changelog entry, row by row: base and head files → changelog-updated's verdict.

Each row pins one edge of the entry reader (which files in a fragment directory are fragments,
what a fragment's name says its type is, which section of a changelog file takes entries), with
its near-miss beside it. Found by running ``benchmarks/mutation.py changelog``: each row kills a
one-line change the other changelog tests let through (benchmarks/README.md, "Mutation").
"""

from __future__ import annotations

import pytest
from helpers import Row, run_check, story

SRC = {"pkg/mod.py": "X = 1\n"}
CHANGE = {"pkg/mod.py": "X = 2\n"}
FRAGMENTS = {**SRC, "changelog.d/.gitkeep": ""}
OLD = {**FRAGMENTS, "changelog.d/7.feature.md": "Added Y.\nAnd Z.\n"}
MD = "# Changelog\n\n## 1.0.0 (2024-01-01)\n\n- first\n"
# pluggy's "0.7.0 (Unreleased)" deep below a dated release: no section is open at the base
STALE = "# Changelog\n\n## 1.1.0 (2024-02-01)\n\n- a\n\n## 0.7.0 (Unreleased)\n\n- b\n"
FLAT = "- a\n- b\n- c\n"
OPEN = "# Changelog\n\n## Unreleased\n\n- older\n\n## 1.0.0 (2024-01-01)\n\n- first\n"

ROWS: list[Row] = [
    # which files in a fragment directory are fragments
    (
        "a modified fragment with no added line is no entry",
        OLD,
        {**CHANGE, "changelog.d/7.feature.md": "Added Y.\n"},
        "fail",
        ["MR301"],
    ),
    (
        "a modified fragment with an added line is an entry",
        OLD,
        {**CHANGE, "changelog.d/7.feature.md": "Added Y.\nAnd Z.\nAnd X.\n"},
        "pass",
        [],
    ),
    (
        "a fragment moved into the fragment directory is an entry",
        {**FRAGMENTS, "notes/12.feature.md": "Added X, a longer note to follow it.\n"},
        {
            **CHANGE,
            "notes/12.feature.md": None,
            "changelog.d/12.feature.md": "Added X, a longer note to follow it.\n",
        },
        "pass",
        [],
    ),
    (
        "a README added to the fragment directory is no entry",
        FRAGMENTS,
        {**CHANGE, "changelog.d/README.md": "Write one file per change.\n"},
        "fail",
        ["MR301"],
    ),
    (
        "a template added to the fragment directory is no entry",
        FRAGMENTS,
        {**CHANGE, "changelog.d/template.rst": "{{ name }}\n"},
        "fail",
        ["MR301"],
    ),
    (
        "a hidden file in the fragment directory is no entry",
        FRAGMENTS,
        {**CHANGE, "changelog.d/.12.feature.md": "Added X.\n"},
        "fail",
        ["MR301"],
    ),
    (
        "a private file in the fragment directory is no entry",
        FRAGMENTS,
        {**CHANGE, "changelog.d/_12.feature.md": "Added X.\n"},
        "fail",
        ["MR301"],
    ),
    (
        "a deleted fragment is no entry",
        OLD,
        {**CHANGE, "changelog.d/7.feature.md": None},
        "fail",
        ["MR301"],
    ),
    (
        "a file beside the fragment directory is no entry",
        FRAGMENTS,
        {**CHANGE, "changelog.dx/12.feature.md": "Added X.\n"},
        "fail",
        ["MR301"],
    ),
    # what a fragment's name says its type is
    (
        "a type folder names the type",
        FRAGMENTS,
        {**CHANGE, "changelog.d/bugfix/12.md": "Fixed X.\n"},
        "pass",
        ["MR303"],
    ),
    (
        "a type folder that fits",
        FRAGMENTS,
        {**CHANGE, "changelog.d/feature/12.md": "Added X.\n"},
        "pass",
        [],
    ),
    (
        "a number and a suffix name no type",
        FRAGMENTS,
        {**CHANGE, "changelog.d/12.md": "Fixed X.\n"},
        "pass",
        [],
    ),
    *(
        (
            f"a number and a .{suffix} suffix name no type",
            FRAGMENTS,
            {**CHANGE, f"changelog.d/12.{suffix}": "Fixed X.\n"},
            "pass",
            [],
        )
        for suffix in ("rst", "txt", "markdown")
    ),
    (
        "towncrier's counter after the type",
        FRAGMENTS,
        {**CHANGE, "changelog.d/12.feature.1.md": "Added X.\n"},
        "pass",
        [],
    ),
    (
        "the type is the last word before the suffix",
        FRAGMENTS,
        {**CHANGE, "changelog.d/12.feature.bugfix.md": "Fixed X.\n"},
        "pass",
        ["MR303"],
    ),
    (
        "a type without a suffix",
        FRAGMENTS,
        {**CHANGE, "changelog.d/12.bugfix": "Fixed X.\n"},
        "pass",
        ["MR303"],
    ),
    # which section of a changelog file takes entries
    (
        "an Unreleased section the contribution opens above the releases",
        {**SRC, "CHANGELOG.md": MD},
        {**CHANGE, "CHANGELOG.md": MD.replace("## 1.0.0", "## Unreleased\n\n- new\n\n## 1.0.0")},
        "pass",
        [],
    ),
    (
        "an undated section the contribution opens above the releases",
        {**SRC, "CHANGELOG.md": MD},
        {**CHANGE, "CHANGELOG.md": MD.replace("## 1.0.0", "## Next\n\n- new\n\n## 1.0.0")},
        "pass",
        [],
    ),
    (
        "an entry under the base's open section",
        {**SRC, "CHANGELOG.md": OPEN},
        {**CHANGE, "CHANGELOG.md": OPEN.replace("- older", "- newer\n- older")},
        "pass",
        [],
    ),
    (
        "an entry added to a released section below the open one",
        {**SRC, "CHANGELOG.md": OPEN},
        {**CHANGE, "CHANGELOG.md": OPEN.replace("- first", "- first\n- late")},
        "fail",
        ["MR301", "MR302"],
    ),
    # a stale heading below the releases stays stale when the contribution rewrites its line
    # (trailing spaces: the same title) and writes under it; a renamed one opens a section
    (
        "a stale heading below the releases whose line is rewritten is not the open section",
        {**SRC, "CHANGELOG.md": STALE},
        {**CHANGE, "CHANGELOG.md": STALE.replace("(Unreleased)\n", "(Unreleased)  \n\n- late")},
        "skip",
        ["MR302"],
    ),
    (
        "a stale heading below the releases renamed by the contribution is an open section",
        {**SRC, "CHANGELOG.md": STALE},
        {**CHANGE, "CHANGELOG.md": STALE.replace("(Unreleased)\n", "(unreleased)\n\n- late")},
        "pass",
        [],
    ),
    # a changelog written at release time is skipped only when every changelog file is one
    # (a file of dated releases, or a line pointing elsewhere)
    (
        "no entry, one changelog of dated releases and one with an open section",
        {**SRC, "CHANGELOG.md": MD, "HISTORY.md": OPEN},
        CHANGE,
        "fail",
        ["MR301"],
    ),
    (
        "no entry, one changelog of dated releases and one pointing to it",
        {**SRC, "CHANGELOG.md": MD, "CHANGES.md": "See CHANGELOG.md.\n"},
        CHANGE,
        "skip",
        [],
    ),
    # a changelog without headings: a line added anywhere is an entry, a line removed is not
    (
        "a line added to a changelog without headings",
        {**SRC, "CHANGES.md": FLAT},
        {**CHANGE, "CHANGES.md": "- new\n" + FLAT},
        "pass",
        [],
    ),
    (
        "a line removed from a changelog without headings",
        {**SRC, "CHANGES.md": FLAT},
        {**CHANGE, "CHANGES.md": FLAT.replace("- b\n", "")},
        "fail",
        ["MR301"],
    ),
    # a section's lines start right under its heading and end at the next heading
    (
        "an entry right under the open heading, no blank line between",
        {**SRC, "CHANGES.md": OPEN},
        {**CHANGE, "CHANGES.md": OPEN.replace("## Unreleased\n", "## Unreleased\n- new\n")},
        "pass",
        [],
    ),
    (
        "a release heading reworded below the open section is no entry",
        {**SRC, "CHANGES.md": OPEN},
        {**CHANGE, "CHANGES.md": OPEN.replace("## 1.0.0 (2024-01-01)", "## 1.0.0 (2024-01-02)")},
        "fail",
        ["MR301"],
    ),
    (  # the added line is read, not the one above it (`lines[n - 1]` → `lines[n - 2]`)
        "a blank line added below an entry of a changelog without headings",
        {**SRC, "CHANGES.md": FLAT},
        {**CHANGE, "CHANGES.md": FLAT + "\n"},
        "fail",
        ["MR301"],
    ),
]


@pytest.mark.parametrize("name, base, head, status, expected", ROWS, ids=[r[0] for r in ROWS])
def test_what_counts_as_an_entry(git_repo, name, base, head, status, expected):
    story(git_repo, base, head, message="feat: x")
    result = run_check(git_repo, "changelog-updated")
    assert (result.status, [f.code for f in result.findings]) == (status, expected)
