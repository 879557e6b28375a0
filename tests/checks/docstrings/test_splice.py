"""Where docstring fixes put their entries: each placement decision's edges, as pure text."""

from __future__ import annotations

import ast

import pytest
from mergeready.checks.docstrings.docstrings_complete import Options
from mergeready.checks.docstrings.fixes import stub_docstrings
from mergeready.checks.docstrings.splice import into_section


@pytest.mark.parametrize(
    "body, kind, entries, style, after",
    [
        # NumPy: a new Returns section goes above the Raises section that NumPy's order puts later
        (
            ["Do it.", "", "Raises", "------", "ValueError", "    When."],
            "returns",
            ["int", "    TODO"],
            "numpy",
            ["Do it.", "", "Returns", "-------", "int", "    TODO", "", "Raises", "------"]
            + ["ValueError", "    When."],
        ),
        # Google: a new section at the end, after the docstring's trailing blank lines are gone
        (
            ["Do it.", "", "", ""],
            "params",
            ["    x: TODO"],
            "google",
            ["Do it.", "", "Args:", "    x: TODO"],
        ),
        # Sphinx: no :param yet, a :returns: field: the parameter goes before the first field
        (
            ["Do it.", "", ":returns: TODO"],
            "params",
            [":param x: TODO"],
            "sphinx",
            ["Do it.", "", ":param x: TODO", ":returns: TODO"],
        ),
        # Sphinx: after the last :param and its continuation line
        (
            ["Do it.", "", ":param a: first", "    more about a", ":returns: TODO"],
            "params",
            [":param x: TODO"],
            "sphinx",
            ["Do it.", "", ":param a: first", "    more about a", ":param x: TODO"]
            + [":returns: TODO"],
        ),
        # Sphinx: no field at all: a blank line, then the field
        (["Do it.", ""], "params", [":param x: TODO"], "sphinx", ["Do it.", "", ":param x: TODO"]),
        # Sphinx: a return field goes last, with no blank line after the fields
        (
            ["Do it.", "", ":param a: first", ""],
            "returns",
            [":returns: TODO"],
            "sphinx",
            ["Do it.", "", ":param a: first", ":returns: TODO"],
        ),
    ],
    ids=[
        "numpy-before-later-section",
        "google-trailing-blanks",
        "sphinx-before-first-field",
        "sphinx-after-continuation",
        "sphinx-no-field",
        "sphinx-returns-last",
    ],
)
def test_entries_go_where_the_style_puts_them(body, kind, entries, style, after):
    assert into_section(list(body), kind, entries, style, "") == after


@pytest.mark.parametrize(
    "source",
    [
        'def f(x):  """Do it."""\n',  # on the def line: no place for sections
        "def f(x):\n    'Do it.'\n",  # one quote: cannot end the docstring on a line of its own
    ],
    ids=["on-the-def-line", "one-quote"],
)
def test_a_docstring_that_cannot_be_placed_exactly_is_left_alone(source):
    tree = ast.parse(source)
    assert stub_docstrings(source, tree, {1: frozenset({"MR202"})}, Options(), "google") == source


def test_a_docstring_that_can_be_placed_gets_its_entry():
    source = 'def f(x):\n    """Do it."""\n'
    after = stub_docstrings(source, ast.parse(source), {1: frozenset({"MR202"})}, Options(), None)
    assert after == 'def f(x):\n    """Do it.\n\n    Args:\n        x: TODO: describe\n    """\n'
