"""The reST reader's section titles: overlined, underlined, and the near-misses of both."""

from __future__ import annotations

import pytest
from mergeready.checks.text.rst import scan_rst


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Title\n=====\n", [("Title", 1)]),
        ("=====\nTitle\n=====\n", [("Title", 2)]),
        ("=====\nTitle\n-----\n", []),  # overline and underline differ
        ("=====\n\n=====\n", []),  # nothing between the adornments
        ("Intro\n\n  Title\n=====\n", []),  # indented text is not a title
        ("Para\nTitle\n=====\n", []),  # a title follows a blank line
        ("Title\n", []),  # the last line has no underline
        ("Intro\n\nTitle", []),  # nor has a last line without its newline
    ],
)
def test_titles(text, expected):
    assert [(h.text, h.line) for h in scan_rst(text).headings] == expected
