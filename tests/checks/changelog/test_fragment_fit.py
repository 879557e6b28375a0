"""Which fragment type fits which contribution type, row by row: changelog-updated's MR303.

A fragment's type fits when it is one of the contribution type's words (``fragment-types``:
a speed-up may be filed as a ``feature``) or when the word itself names the type (``fixes``
names a bug fix though no list has it). Found by ``benchmarks/mutation.py changelog-hints``:
each row kills a one-line change of ``_fits`` the other changelog tests let through.
"""

from __future__ import annotations

import pytest
from helpers import run_check, story

BASE = {"pkg/mod.py": "X = 1\n", "changelog.d/.gitkeep": ""}


@pytest.mark.parametrize(
    "contribution_type, fragment, expected",
    [
        # one of the type's words, though the word names another type
        ("performance", "12.feature.md", []),
        ("performance", "12.changed.md", []),
        # the word names the type, though no list has it
        ("bugfix", "12.fixes.md", []),
        ("feature", "12.enhancements.md", []),
        # near misses: neither one of the type's words nor naming it
        ("bugfix", "12.feature.md", ["MR303"]),
        ("performance", "12.bugfix.md", ["MR303"]),
        # a type no fragment type names (tests) judges no fragment: kills the contribution's
        # types read without the fragment-types filter (changelog-hints' last survivor)
        ("tests", "12.feature.md", []),
    ],
)
def test_a_fragment_type_fits_by_the_types_words_or_by_what_it_names(
    git_repo, contribution_type, fragment, expected
):
    story(git_repo, BASE, {"pkg/mod.py": "X = 2\n", f"changelog.d/{fragment}": "Changed X.\n"})
    result = run_check(git_repo, "changelog-updated", contribution_types=(contribution_type,))
    assert (result.status, [f.code for f in result.findings]) == ("pass", expected)
