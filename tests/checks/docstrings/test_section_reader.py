"""The docstring section reader, row by row: docstring text → what it documents.

Each row pins one decision of the reader's edges (an underline's length and characters, where a
section ends, a field's marker, a parameter section a project names); near-misses sit beside
the rows they border. Found by running ``benchmarks/mutation.py sections``: each row kills a
one-line change the other docstring tests let through (benchmarks/README.md, "Mutation").
"""

from __future__ import annotations

import pytest
from helpers import run_check, story
from mergeready.checks.docstrings.backends import parse
from mergeready.checks.docstrings.docstrings_complete import Options

NUMPY_PARAMS = "Do it.\n\nParameters\n{rule}\na : int\n    The a.\n"

# id → (docstring, extra parameter section titles, the fields expected of parse's result)
ROWS: dict[str, tuple[str, tuple[str, ...], dict[str, object]]] = {
    "a three-dash underline": (NUMPY_PARAMS.format(rule="---"), (), {"params": {"a"}}),
    "an equals underline": (NUMPY_PARAMS.format(rule="=========="), (), {"params": {"a"}}),
    "an underline of both characters": (
        NUMPY_PARAMS.format(rule="-=-=-=-=-="),
        (),
        {"params": {"a"}, "style": "numpy"},
    ),
    # near-misses: two dashes, one dash, or another character are no underline
    "a two-dash line is no underline": (NUMPY_PARAMS.format(rule="--"), (), {"params": set()}),
    "a one-dash line is no underline": (NUMPY_PARAMS.format(rule="-"), (), {"params": set()}),
    "a tilde line is no underline": (NUMPY_PARAMS.format(rule="~~~~~~"), (), {"params": set()}),
    "a NumPy header on the last two lines ends the section before it": (
        "Do it.\n\nParameters\n----------\na : int\n    The a.\nReturns\n-------",
        (),
        {"params": {"a"}},  # not {"a", "Returns"}
    ),
    "a NumPy header whose underline is the last line still counts for the style": (
        "Do it.\n\n:param a: The a.\n\nRaises\n------\nValueError\n    bad.\nReturns\n-------",
        (),
        {"style": "numpy"},
    ),
    "an empty NumPy section ends at the header right under it": (
        "Do it.\n\nParameters\n----------\nReturns\n-------\nint\n    The sum.",
        (),
        {"params": set(), "returns": True},
    ),
    "an empty Google section ends at the header right under it": (
        "Do it.\n\nArgs:\nReturns:\n    The sum.",
        (),
        {"params": set(), "returns": True},
    ),
    "a field on the docstring's first line": (":param a: The a.", (), {"params": {"a"}}),
    "an Epytext field": (
        "Do it.\n\n@param a: The a.\n@return: The sum.",
        (),
        {"params": {"a"}, "returns": True, "style": "epytext"},
    ),
    "a section the project names for its parameters": (
        "Do it.\n\nCall arguments:\n    a: The a.\n",
        ("Call arguments",),
        {"params": {"a"}},
    ),
    "the same section when the project does not name it": (
        "Do it.\n\nCall arguments:\n    a: The a.\n",
        (),
        {"params": set()},
    ),
    "parameters documented elsewhere": (
        "Do it.\n\nFor the parameters, see :func:`other`.",
        (),
        {"elsewhere": True},
    ),
    "nothing said about parameters": ("Do it.\n\nReturns:\n    x.", (), {"elsewhere": False}),
    "a Google section ends at a line as indented as its header": (
        "Do it.\n\nArgs:\n    a: The a.\nReturns:\n    The sum.",
        (),
        {"params": {"a"}, "returns": True},
    ),
    # the style most of a docstring's sections are written in
    "two Google sections and one Sphinx field": (
        "Do it.\n\nArgs:\n    a: The a.\n\nReturns:\n    The sum.\n\n:raises ValueError: bad.",
        (),
        {"style": "google", "raises": {"ValueError"}},
    ),
    "two Sphinx fields and one Google section": (
        "Do it.\n\n:param a: The a.\n:returns: The sum.\n\nRaises:\n    ValueError: bad.",
        (),
        {"style": "sphinx", "raises": {"ValueError"}},
    ),
}


@pytest.mark.parametrize("doc, param_sections, expected", ROWS.values(), ids=ROWS)
def test_the_section_reader(doc, param_sections, expected):
    parsed = parse(doc, param_sections)
    got = {name: getattr(parsed, name) for name in expected}
    assert got == {k: set(v) if isinstance(v, set) else v for k, v in expected.items()}


MAJORITY = '''
def one(a):
    """Do it.

    Parameters
    ----------
    a : int
        The a.
    """


def two(a):
    """Do it.

    Parameters
    ----------
    a : int
        The a.
    """


def three(a):
    """Do it.

    :param a: The a.
    """


def f(a):
    """Do it."""
'''


def test_a_gap_is_hinted_in_the_style_most_of_the_modules_docstrings_use(git_repo):
    story(git_repo, {"m.py": '"""A module."""\n'}, {"m.py": '"""A module."""\n' + MAJORITY})
    options = Options(require=("presence", "params"))
    (finding,) = run_check(git_repo, "docstrings-complete", options).findings
    assert finding.hint == "add 'a : type' with a description in a Parameters section"
