"""The ``if`` blocks of typing: ``if TYPE_CHECKING:`` and typing imports chosen by version."""

from __future__ import annotations

import ast

from mergeready.checks.python.behaviour import TYPING_MODULES
from mergeready.checks.python.sides import Side


def typing_imports_by_version(node: ast.If) -> bool:
    """Tell whether an ``if`` only picks where typing names come from, by Python version.

    ``if sys.version_info >= (3, 11): from typing import Self`` with ``else: from
    typing_extensions import Self``: every branch (``elif`` too) imports only from the typing
    modules, so the annotations step drops the block as it drops a plain typing import. Any
    other statement, or a test that is not a comparison of ``sys.version_info``, keeps it.

    Args:
        node: An ``if`` statement.

    Returns:
        True for such a block.
    """
    test = node.test
    if not isinstance(test, ast.Compare):
        return False
    left = test.left.value if isinstance(test.left, ast.Subscript) else test.left
    if not (
        isinstance(left, ast.Attribute)
        and left.attr == "version_info"
        and isinstance(left.value, ast.Name)
        and left.value.id == "sys"
    ):
        return False
    rest = node.orelse
    if len(rest) == 1 and isinstance(rest[0], ast.If):  # an elif
        return all(map(_typing_import, node.body)) and typing_imports_by_version(rest[0])
    return all(map(_typing_import, (*node.body, *rest)))


def _typing_import(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.ImportFrom):
        return stmt.module in TYPING_MODULES
    return isinstance(stmt, ast.Import) and all(a.name in TYPING_MODULES for a in stmt.names)


def type_checking(node: ast.If, side: Side) -> bool:
    """Tell whether an ``if`` tests ``TYPE_CHECKING`` (or ``not TYPE_CHECKING``) on one side.

    Args:
        node: The ``if`` statement.
        side: The side of the diff it is read on (its imported names).

    Returns:
        True when its test names ``TYPE_CHECKING``, negated or not.
    """
    test = node.test
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    names = {getattr(test, "id", None), getattr(test, "attr", None)}
    if isinstance(test, ast.Name):
        names.add(side.name(test))
    return "TYPE_CHECKING" in names
