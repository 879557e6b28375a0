r"""What the lines of a parsed Python file are: code, docstrings, comments, definitions.

Line numbers are git's everywhere: git counts lines by ``\n`` only, while Python's tokenizer
also breaks on a lone ``\r`` and decodes by a PEP 263 coding cookie (``utf-7`` can encode a
line break as ``+AAo-``). :func:`python_view` decodes a file as Python does and says which git
line each of Python's lines is on; :func:`remap` rewrites a tree's line numbers to git's.
"""

from __future__ import annotations

import ast
import collections
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mergeready.checks import lazyre

_PY_BREAK = lazyre.compile(r"\r\n|\r|\n")
_UTF8 = ("utf-8", "utf-8-sig")


@dataclass(frozen=True)
class PythonView:
    """A Python file as Python reads it, and where its lines are in git's numbering."""

    text: str
    encoding: str
    # table[n] is the git line of Python's line n (index 0 unused); None when they are equal.
    table: tuple[int, ...] | None = None

    def lines(self) -> list[str]:
        r"""Return Python's lines of the text (broken at ``\n``, ``\r\n`` and a lone ``\r``).

        Returns:
            The lines, without their breaks; item 0 is Python's line 1.
        """
        return _PY_BREAK.split(self.text)

    def git_line(self, line: int) -> int:
        r"""Return the git line of one of Python's lines.

        Args:
            line: A 1-based line number as Python's tokenizer counts.

        Returns:
            The 1-based line number as git counts (``\n`` only).
        """
        if self.table is None or line <= 0:
            return line
        return self.table[min(line, len(self.table) - 1)]


class UnmappedLines(ValueError):
    """Python's lines of a file cannot be placed on git's (a stateful or wide encoding)."""


def python_view(data: bytes) -> PythonView:
    """Decode a Python file as Python would, and map its lines onto git's.

    Args:
        data: The file's bytes.

    Returns:
        The text Python reads (its coding cookie honoured) and the line table.

    Raises:
        UnmappedLines: If Python's line breaks cannot be placed on git's lines (``utf-16``, or a
            codec whose lines decode differently one by one than together).
        SyntaxError: If the coding cookie names an unknown encoding.
        UnicodeDecodeError: If the bytes are not valid in the declared encoding.
    """
    first = iter(_PY_BREAK.split(data[:4096].decode("latin-1"), maxsplit=2)[:2])

    def readline() -> bytes:  # Python's first two lines, broken where Python breaks them
        return next(first, "").encode("latin-1") + b"\n"

    encoding, _ = tokenize.detect_encoding(readline)
    text = data.decode(encoding)
    if encoding in _UTF8:
        if "\r" not in text.replace("\r\n", ""):
            return PythonView(text, encoding)
        return PythonView(text, encoding, _table(text.split("\n")))
    raw = data.split(b"\n")
    try:
        pieces = [raw[0].decode(encoding)] + [line.decode(encoding) for line in raw[1:]]
    except UnicodeDecodeError as exc:
        raise UnmappedLines(f"coding {encoding!r} does not decode line by line") from exc
    if "\n".join(pieces) != text:
        raise UnmappedLines(f"coding {encoding!r} decodes lines differently one by one")
    return PythonView(text, encoding, _table(pieces))


def _table(pieces: Sequence[str]) -> tuple[int, ...]:
    """Map each of Python's lines to the git line it starts on, given git's lines."""
    table = [0]
    for number, piece in enumerate(pieces, start=1):
        body = piece[:-1] if piece.endswith("\r") else piece  # CRLF: one break for both
        table.extend([number] * (1 + len(_PY_BREAK.findall(body))))
    return tuple(table)


def remap(tree: ast.AST, view: PythonView) -> None:
    """Rewrite every line number of a tree from Python's numbering to git's, in place.

    Args:
        tree: The parsed module.
        view: The file's view, with its line table.
    """
    if view.table is None:
        return
    for node in ast.walk(tree):
        if isinstance(getattr(node, "lineno", None), int):
            node.lineno = view.git_line(node.lineno)  # type: ignore[attr-defined]
        if isinstance(getattr(node, "end_lineno", None), int):
            node.end_lineno = view.git_line(node.end_lineno)  # type: ignore[attr-defined]


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Yield every statement, nested blocks included, without visiting expressions."""
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(node, name, None)
            if isinstance(block, list):
                stack.extend(reversed(block))


def docstring_lines(tree: ast.Module) -> set[int]:
    """Return the line numbers that hold bare string statements (docstrings and the like).

    Args:
        tree: The parsed module.

    Returns:
        The 1-based line numbers.
    """
    lines: set[int] = set()
    for node in _statements(tree.body):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def code_lines(tree: ast.Module, view: PythonView) -> set[int]:
    """Return the git lines that hold code: not blank, not only a comment, not a docstring.

    Args:
        tree: The parsed module, in Python's line numbering (before :func:`remap`).
        view: The module as Python reads it.

    Returns:
        The 1-based git line numbers that hold some code.
    """
    docs = docstring_lines(tree)
    out = set()
    for number, line in enumerate(_PY_BREAK.split(view.text), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and number not in docs:
            out.add(view.git_line(number))
    return out


def parse_source(data: bytes) -> tuple[ast.Module, PythonView, frozenset[int]]:
    """Parse a module as Python would, in git's line numbers, with its code lines.

    Args:
        data: The file's bytes.

    Returns:
        The tree (line numbers rewritten to git's), the view, and the git lines holding code.

    Raises:
        UnmappedLines: If Python's lines cannot be placed on git's.
        SyntaxError: If the module does not parse.
        ValueError: If it holds NUL bytes or cannot be decoded.
    """
    tree = ast.parse(data)
    view = python_view(data)
    code = frozenset(code_lines(tree, view))
    remap(tree, view)
    return tree, view, code


def first_line(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> int:
    """Return the first line of a definition, its decorators included.

    Args:
        node: The definition.

    Returns:
        The 1-based line number.
    """
    return min([node.lineno] + [d.lineno for d in node.decorator_list])


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Yield every function and method in a tree, nested ones included.

    Args:
        tree: The parsed module.

    Yields:
        Each function definition.
    """
    for node in statements(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


_BLOCK_ITEMS = (ast.stmt, ast.excepthandler, ast.match_case)


def statements(tree: ast.AST) -> Iterator[ast.AST]:
    """Walk a tree as ``ast.walk`` does, in the same order, but only through its statements.

    A definition, an import or a class is always a statement, so looking for one never needs
    the expressions, which are most of a module's nodes.

    Args:
        tree: A module or a statement.

    Yields:
        The tree, then every statement, ``except`` handler and ``case`` below it, breadth
        first, each level in ``ast.walk``'s order.
    """
    queue = collections.deque([tree])
    while queue:
        node = queue.popleft()
        yield node
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                queue.extend(v for v in value if isinstance(v, _BLOCK_ITEMS))
