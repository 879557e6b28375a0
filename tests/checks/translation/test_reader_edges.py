"""The edges of the translation readers' small decisions: markup tags and polib's complaints."""

from __future__ import annotations

import pytest
from mergeready.checks.translation import catalogue
from mergeready.checks.translation.placeholders import find

LONG_TAG = '<a href="' + "x" * 60 + '">'


@pytest.mark.parametrize(
    "text, expected",
    [
        ("<x>a</x>", [("<x>", "<x>"), ("</x>", "</x>")]),  # not HTML, but closed here
        ("<x>a", []),  # not HTML, never closed: text, not a tag
        ("<b>bold", [("<b>", "<b>")]),  # HTML, even unclosed
        ('<a href="y">go', [("<a href>", '<a href="y">')]),  # shown as written
        (LONG_TAG + "go", [("<a href>", "<a href>")]),  # over 60 characters: shown by its key
        ('<a href="JavaScript:x">', [("<a href (a script URL)>", '<a href="JavaScript:x">')]),
        ("<b onclick=x>", [("<b onclick>", "<b onclick=x>")]),  # attack 5's F5: names count
    ],
)
def test_tags(text, expected):
    assert [(p.key, p.text) for p in find(text)] == expected


def test_a_polib_complaint_is_one_short_message_with_its_line():
    with pytest.raises(catalogue.ParseError) as caught:
        catalogue.parse('msgid ""\nmsgstr ""\n\nnonsense here\n')
    assert (str(caught.value), caught.value.line) == ("syntax error", 4)
