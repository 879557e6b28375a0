"""Where `mergeready fix` writes a changelog entry: the open section, the fitting subsection.

``add_line`` is a pure function of the changelog's text at head, its lines at the base, the
entry and the contribution's type; each row is a changelog before and after.
"""

from __future__ import annotations

import pytest
from mergeready.checks.changelog.fixes import add_line

KEEP_A_CHANGELOG = """# Changelog

## Unreleased

### Added

- A feature.

### Fixed

- A fix.

## 1.0.0 - 2024-01-02

- First.
"""

ROWS = [
    (
        "a flat list: the newest entry first, with the file's bullet",
        "* Old entry.\n* Older entry.\n",
        "feature",
        "* New entry.\n* Old entry.\n* Older entry.\n",
    ),
    (
        "a flat list without bullets yet",
        "Changes\n",
        None,
        "Changes\n- New entry.\n",
    ),
    (
        "the subsection that fits a bug fix, after its last entry",
        KEEP_A_CHANGELOG,
        "bugfix",
        KEEP_A_CHANGELOG.replace("- A fix.\n", "- A fix.\n- New entry.\n"),
    ),
    (
        "the subsection that fits a feature, before the next subsection",
        KEEP_A_CHANGELOG,
        "feature",
        KEEP_A_CHANGELOG.replace("- A feature.\n", "- A feature.\n- New entry.\n"),
    ),
    (
        "no subsection fits: before the first subsection",
        KEEP_A_CHANGELOG,
        "docs",
        KEEP_A_CHANGELOG.replace("## Unreleased\n", "## Unreleased\n\n- New entry.\n"),
    ),
    (
        "an open section without subsections: after its last entry, its own bullet and indent",
        "# Changes\n\n## Unreleased\n\n  * One.\n\n## 1.0 (2024-01-01)\n\n- Old.\n",
        "bugfix",
        "# Changes\n\n## Unreleased\n\n  * One.\n  * New entry.\n\n## 1.0 (2024-01-01)\n\n- Old.\n",
    ),
    (
        "an empty open section: a blank line between the heading and the entry",
        "# Changes\n\n## Unreleased\n\n## 1.0 (2024-01-01)\n\n- Old.\n",
        "bugfix",
        "# Changes\n\n## Unreleased\n\n- New entry.\n\n## 1.0 (2024-01-01)\n\n- Old.\n",
    ),
    (
        "reST: under the underline of the open section",
        "Changes\n=======\n\nUnreleased\n----------\n\n- One.\n\n1.0 (2024-01-01)\n"
        "----------------\n\n- Old.\n",
        "bugfix",
        "Changes\n=======\n\nUnreleased\n----------\n\n- One.\n- New entry.\n\n1.0 (2024-01-01)\n"
        "----------------\n\n- Old.\n",
    ),
]


@pytest.mark.parametrize("case, text, kind, expected", ROWS, ids=[r[0] for r in ROWS])
def test_the_entry_goes_where_the_maintainers_would_put_it(case, text, kind, expected):
    assert add_line(text, text.split("\n"), "New entry.", kind) == expected
