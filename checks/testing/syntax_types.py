"""The types the syntax alone gives a value, whatever the code under test does.

``not x`` and ``a is b`` are bools, a display is its container, an f-string a ``str``: an
``isinstance`` of such a value against that type, or an ``assertIsNotNone`` of it, cannot fail
(attack 5's F13). ``a == b`` counts as a bool: array-likes, whose comparison is not one, are
compared in tests with their own helpers.
"""

from __future__ import annotations

import ast
from typing import Final

# The types the syntax alone gives a value (``not x`` and ``a is b`` are bools; ``a == b`` is a
# bool for every type but array-likes, which tests compare with their own helpers).
TYPES_OF: Final[dict[type, set[str]]] = {
    ast.Compare: {"bool", "int"},
    ast.JoinedStr: {"str"},
    ast.List: {"list"},
    ast.ListComp: {"list"},
    ast.Dict: {"dict"},
    ast.DictComp: {"dict"},
    ast.Set: {"set"},
    ast.SetComp: {"set"},
    ast.Tuple: {"tuple"},
    ast.Lambda: {"types.FunctionType", "FunctionType"},
}


def never_none(node: ast.expr) -> bool:
    """Tell whether the syntax alone says a value is not None (a comparison, a ``not``, a
    display, an f-string, a literal other than None).

    Args:
        node: The expression.

    Returns:
        True when the value can never be None.
    """
    if isinstance(node, ast.Constant):
        return node.value is not None
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.Not)
    return type(node) in TYPES_OF
