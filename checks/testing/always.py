"""Expressions true whatever the values: extremes, sub-collections, classes, new objects.

``min(S) <= max(S)`` holds for every ``S`` (the same arguments on both sides, in any order),
as do ``{a} <= {a, b}`` and ``{a, b} >= {a}`` (a set display whose items, by spelling, are all
in the other display) and ``{a}.issubset({a, b})``. ``min(S) < max(S)`` and ``{a} < {a, b}``
can fail (equal extremes, ``a == b``) and count. Attack 6, F21: what an expression can evaluate
to, not a list of its spellings. So do ``type(x)`` (a class), ``callable(f)`` of a function
the test defines or calls, ``x is not ...`` (no code under test returns ``...``) and ``bool(x) or
not x`` (``bool(E)`` and ``not not E`` read as ``E`` in ``P or not P``).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Final

from mergeready.checks.testing.truths import Bindings, dotted

Key = Callable[[ast.expr], str]
# A new object: identical to nothing.
_FRESH: Final = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp, ast.Lambda)


def ordered(left: ast.expr, op: ast.cmpop, right: ast.expr, key: Key) -> bool | None:
    """Say whether an order comparison is true by its syntax alone.

    Args:
        left: The left side.
        op: The operator.
        right: The right side.
        key: One spelling per value (``tautology.key``).

    Returns:
        True when it always holds, None otherwise.
    """
    if isinstance(op, ast.GtE):
        left, right = right, left
    elif not isinstance(op, ast.LtE):
        return None
    if _extreme(left) == "min" and _extreme(right) == "max":
        return True if _items(left, key) == _items(right, key) else None
    if isinstance(left, ast.Set) and isinstance(right, ast.Set):
        return True if _items(left, key) <= _items(right, key) else None
    return None


def subset_call(call: ast.Call, key: Key) -> bool | None:
    """``{a}.issubset({a, b})``, ``{a, b}.issuperset([a])``: true by the displays' items.

    Args:
        call: The call.
        key: One spelling per value.

    Returns:
        True when it always holds, None otherwise.
    """
    func = call.func
    if not (isinstance(func, ast.Attribute) and len(call.args) == 1 and not call.keywords):
        return None
    sides = {"issubset": (func.value, call.args[0]), "issuperset": (call.args[0], func.value)}
    small, large = sides.get(func.attr, (None, None))
    displays = (ast.Set, ast.List, ast.Tuple)
    if isinstance(small, displays) and isinstance(large, displays):
        return True if _items(small, key) <= _items(large, key) else None
    return None


def _extreme(node: ast.expr) -> str:
    plain = isinstance(node, ast.Call) and not node.keywords and len(node.args) >= 2
    name = node.func.id if plain and isinstance(node.func, ast.Name) else ""  # type: ignore[attr-defined]
    return name if name in ("min", "max") else ""


def _items(node: ast.expr, key: Key) -> frozenset[str]:
    items = node.args if isinstance(node, ast.Call) else getattr(node, "elts", [])
    if any(isinstance(i, ast.Starred) for i in items):
        return frozenset({"*"})  # unknown items: never a subset of a display without them
    return frozenset(map(key, items))


def as_truth(node: ast.expr) -> ast.expr:
    """Find the expression whose truth is the same: ``bool(E)`` and ``not not E`` read as ``E``.

    Args:
        node: The expression.

    Returns:
        ``E`` without its ``bool()`` calls and double negations.
    """
    for _ in range(50):
        if isinstance(node, ast.Call) and dotted(node.func) == "bool" and len(node.args) == 1:
            node = node.args[0]
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = node.operand
            if not (isinstance(inner, ast.UnaryOp) and isinstance(inner.op, ast.Not)):
                break
            node = inner.operand
        else:
            break
    return node


def object_call(node: ast.Call, names: Bindings) -> bool:
    """Tell whether a call returns an object that is always true.

    Args:
        node: The call.
        names: The test's single bindings (which names are functions it defines or calls).

    Returns:
        True for ``type(x)`` (a class) and ``callable(f)`` of a function the test defines or
        calls.
    """
    if len(node.args) != 1 or node.keywords:
        return False
    name = dotted(node.func)
    return name in ("type", "builtins.type") or (
        name == "callable" and bool(names.always_true(node.args[0]))
    )


def new_or_ellipsis(side: ast.expr) -> bool:
    """Tell whether a side of ``is`` is identical to nothing the code under test returns.

    Args:
        side: The side.

    Returns:
        True for a display, a lambda, or ``...``.
    """
    return isinstance(side, _FRESH) or (isinstance(side, ast.Constant) and side.value is Ellipsis)
