"""What the lines of a parsed Python file are: code, docstrings, comments, definitions."""

from __future__ import annotations

import ast
from collections.abc import Iterator


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


def code_lines(tree: ast.Module, text: str) -> set[int]:
    """Return the lines that hold code: not blank, not only a comment, not a docstring.

    Args:
        tree: The parsed module.
        text: The module's source.

    Returns:
        The 1-based line numbers of code.
    """
    docs = docstring_lines(tree)
    out = set()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and number not in docs:
            out.add(number)
    return out


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
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node
