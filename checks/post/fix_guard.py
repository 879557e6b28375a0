"""What ``mergeready fix`` may write: text that changes no code, and copied text that stays text.

``fix`` copies words from places a contributor controls — the title, a commit subject, the
branch, an annotation — into docstrings, changelog fragments and entries, and corrects
spelling on lines that may be code. Three guards keep that from changing what code does:

- ``code_unchanged``: a Python file keeps its syntax tree once docstrings' prose is set aside
  (comments are not in the tree; every other string literal, name and keyword is, and so
  is every doctest with its expected output), a notebook keeps its code cells and its
  markdown cells' code, a Markdown or reST page (``.txt`` is read as reST) keeps every kind of
  code it holds, block or inline (``page_code``); a file that no longer parses is a change,
  and a file of another kind (a script — a shebang makes any file one —, a ``Makefile``,
  a requirements file, YAML, JSON) is never edited: mergeready cannot tell its code from its
  prose. Of the files without a suffix only the usual prose names (``README``, ``AUTHORS``,
  ``LICENSE``, …) are prose.
- ``docstring_safe``: text copied into a docstring (an annotation, a return type, an exception
  name) holds no quote run that could end it, no backslash, no line break or control
  character, and does not start a reST directive, field or heading.
- ``entry_line``: a changelog line is one line of prose: control characters and line breaks
  become spaces, and what would start a heading, a directive, a list, a quote, a table or a
  substitution at its start is dropped.
"""

from __future__ import annotations

import ast
import json
import unicodedata
from typing import Final

from mergeready.checks.post.page_code import markdown_code
from mergeready.checks.post.rst_code import rst_code
from mergeready.checks.python.behaviour import step_runs

_STRUCTURE: Final = "#=-*+>|:.~^<\\"
"""Characters that start a heading, directive, field, list, quote or block in Markdown/reST."""
_QUOTE_RUNS: Final = ('"""', "'''")
_PROSE_NAMES: Final = frozenset(
    {
        "README", "AUTHORS", "CONTRIBUTORS", "CHANGES", "CHANGELOG", "HISTORY", "NEWS",
        "LICENSE", "LICENCE", "COPYING", "NOTICE", "THANKS", "TODO", "INSTALL", "CONTRIBUTING",
        "CREDITS", "MAINTAINERS", "RELEASE", "RELEASES",
    }
)  # fmt: skip
"""Files without a suffix that hold prose; any other such file (a script, a ``Makefile``, a
``Dockerfile``) may be code, so ``fix`` leaves it alone."""


def code_unchanged(path: str, before: str, after: str) -> bool:
    """Tell whether an edit leaves the code of a file as it was.

    Args:
        path: The file's path (its suffix says whether it holds code).
        before: The text the checks read.
        after: The text ``fix`` would write.

    Returns:
        True for a prose file without a suffix (``README``, ``AUTHORS``), or when the code is
        the same apart from docstrings and comments (``.py``, ``.pyi``), prose in markdown
        cells (``.ipynb``) or prose outside every kind of code (a Markdown, reST or ``.txt``
        page); False otherwise, when either side does not parse, and for every other kind of
        file (a script, a shebang file of any name, a ``Makefile``, requirements, YAML, JSON,
        TOML: code mergeready does not read, so it never edits it).
    """
    if path.endswith((".py", ".pyi")):
        shapes = [_python_shape(before), _python_shape(after)]
        return shapes[0] is not None and shapes[0] == shapes[1]
    if path.endswith(".ipynb"):
        cells = [_code_cells(before), _code_cells(after)]
        return cells[0] is not None and cells[0] == cells[1]
    name = path.rsplit("/", 1)[-1]
    if before.startswith("#!") or _code_name(name):
        return False  # a script or a build/requirements file, whatever its name says
    if name.endswith((".md", ".markdown")):
        return markdown_code(before) == markdown_code(after)
    if name.endswith((".rst", ".rest", ".txt")):  # Sphinx reads .txt pages as reST too
        return rst_code(before) == rst_code(after)
    stem = name.lstrip(".").split(".", 1)[0].upper()
    return "." not in name.lstrip(".") and stem in _PROSE_NAMES  # README, AUTHORS, LICENSE


def _code_name(name: str) -> bool:
    """Whether a file name says code although its suffix says text (requirements, CMake)."""
    lower = name.lower()
    return lower == "cmakelists.txt" or lower.startswith(("requirements", "constraints"))


def _python_shape(text: str) -> str | None:
    """The module's tree without positions, docstrings cut to their doctests; None if unparsable.

    A module that reads ``__doc__`` (``docopt(__doc__)``, ``__doc__.split()``) keeps its
    docstrings whole: they are data it runs on, so no fix may touch them (attack 5's F10)."""
    try:
        tree = ast.parse(text)
        if step_runs("docstrings", tree, tree):
            return ast.dump(tree)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                first = node.body[0] if node.body else None
                if (
                    isinstance(first, ast.Expr)
                    and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)
                ):
                    first.value.value = doctest_code(first.value.value)
        return ast.dump(tree)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # never "the same code": nothing is written


def doctest_code(docstring: str) -> str:
    """Keep of a docstring only its doctests: each ``>>>`` line and the lines that follow it.

    A doctest is code that runs (``pytest --doctest-modules``) and its expected output is what
    it asserts, so ``fix`` must leave both as they are; the prose around them is not code.

    Args:
        docstring: The docstring's value.

    Returns:
        The example lines (``>>>``, ``...`` and the expected output up to a blank line),
        stripped, one per line; empty when the docstring has no doctest.
    """
    out = []
    example = False
    for line in docstring.splitlines():
        stripped = line.strip()
        example = stripped.startswith(">>>") or (example and bool(stripped))
        if example:
            out.append(stripped)
    return "\n".join(out)


def _code_cells(text: str) -> list[str] | None:
    """The sources of a notebook's code cells, in order; None when it is not a notebook."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        return None
    out = []
    for cell in cells:
        if not isinstance(cell, dict):
            return None
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") != "markdown":
            out.append(text)
        else:  # a markdown cell's code spans and blocks are code too
            out.append(repr(markdown_code(text)))
    return out


def docstring_safe(text: str) -> bool:
    """Tell whether copied text may be written inside a docstring as it is.

    Args:
        text: An annotation, a return type or an exception name, as ``ast.unparse`` wrote it.

    Returns:
        False when it could end the docstring (a quote run, a backslash), break a line
        (a line break or any control character) or start reST structure (a directive, a
        field, a heading); True otherwise.
    """
    if any(run in text for run in _QUOTE_RUNS) or "\\" in text:
        return False
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        return False
    return not text.lstrip().startswith(tuple(_STRUCTURE))


def entry_line(text: str) -> str | None:
    """Make copied text one inert line of changelog prose.

    Args:
        text: A title, commit subject or branch-derived text.

    Returns:
        The text on one line (control characters and line breaks as spaces, runs of spaces
        as one), without what would open structure at its start; None when nothing is left.
    """
    flat = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    line = " ".join(flat.split())
    while line and (line[0] in _STRUCTURE or line.startswith("..")):
        line = line[1:].lstrip()
    return line or None


_RST_SUFFIXES: Final = (".rst", ".rest", ".txt")
"""Files read as reStructuredText (towncrier renders ``.txt`` fragments as reST); any other
changelog or fragment is read as Markdown, which is the stricter of the two."""


def inline_inert(text: str, path: str) -> str:
    """Make one line of copied text inert inside a line of the file it is written to.

    ``entry_line`` keeps structure from starting the line; this keeps inline markup from
    starting inside it. In Markdown, ``&`` and ``<`` become entities (no HTML tag, no ``<!--``
    that hides the rest of the file, no autolink), a ``[`` is escaped (no link or reference
    definition) and so is every backtick when they do not pair up (no code span swallowing
    what follows), and so is ``{`` (no MyST role). In reST, ``<``/``&`` are text already; every
    backtick (no role, interpreted text or link: attack 5's ``:download:`` of ``/etc/passwd``),
    ``|`` (no substitution) and a reference's closing ``_`` are escaped. A copied backslash is
    doubled first, so it escapes none of these.

    Args:
        text: One line, as ``entry_line`` made it.
        path: The file the line goes into (its suffix chooses the markup).

    Returns:
        The line, rendering as the same characters and opening no markup.
    """
    odd_ticks = text.count("`") % 2 == 1
    text = text.replace("\\", "\\\\")  # first: a copied backslash escapes nothing we add
    if path.lower().endswith(_RST_SUFFIXES):
        text = text.replace(":", "\\:")  # no standalone link: `javascript:x` is one in reST
        return _unreferenced(text.replace("`", "\\`").replace("|", "\\|"))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("[", "\\[")
    text = text.replace("{", "\\{")  # no MyST role: {download}`…` would copy a file
    return text.replace("`", "\\`") if odd_ticks else text


def _unreferenced(text: str) -> str:
    """Escape each ``_`` that ends a reST reference (``name_``, ``[1]_``, ```…`_``)."""
    out = []
    for i, c in enumerate(text):
        ends = i + 1 == len(text) or not text[i + 1].isalnum()
        if c == "_" and i and ends and (text[i - 1].isalnum() or text[i - 1] in "]`"):
            out.append("\\_")
        else:
            out.append(c)
    return "".join(out)
