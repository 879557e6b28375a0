"""A test's ``__test__`` and its class's bases of the module, in Python's lookup order.

pytest and unittest read ``__test__``, ``setUp``/``setup_method``, ``pytestmark`` and
``@unittest.skip`` through inheritance: a class whose base switches collection off or skips in
its set-up is switched off or skipped too. ``ancestors`` lists the class and its bases of the
same module, nearest first (left to right, depth first, each once, bounded), so a question asked
of a class is asked of what it inherits.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from typing import Final, Union

from mergeready.checks.testing.truths import spelled

_MOST: Final = 64  # classes of one lineage looked at: deeper hierarchies are cut, not walked


def ancestors(cls: ast.ClassDef, classes: Mapping[str, ast.ClassDef]) -> list[ast.ClassDef]:
    """The class, then its bases defined in the module, nearest first.

    Args:
        cls: The class.
        classes: The module's classes by name.

    Returns:
        At most 64 classes, each once (a cycle of bases ends the walk).
    """
    out: list[ast.ClassDef] = []
    seen: set[int] = set()
    stack = [cls]
    while stack and len(out) < _MOST:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        out.append(node)
        found = (classes.get(_name(b)) for b in reversed(node.bases))
        stack.extend(c for c in found if c is not None and id(c) not in seen)
    return out


def _name(base: ast.expr) -> str:
    target = base.value if isinstance(base, ast.Subscript) else base
    return spelled(target) if isinstance(target, (ast.Name, ast.Attribute)) else ""


def flag_of(body: Sequence[ast.stmt]) -> bool | None:
    """The value a block gives ``__test__`` (``__test__ = False``), None when it sets none.

    Args:
        body: A module's or a class's statements.

    Returns:
        The truth of the first literal assigned to ``__test__``; None when there is none.
    """
    for node in body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__test__" for t in node.targets
        ):
            return bool(node.value.value) if isinstance(node.value, ast.Constant) else None
    return None


def switched_off(
    cls: ast.ClassDef, classes: Mapping[str, ast.ClassDef], memo: dict[int, _Flag] | None = None
) -> str:
    """Why pytest collects nothing from a class by its ``__test__``, own or inherited.

    Args:
        cls: The class.
        classes: The module's classes by name.
        memo: What is settled of each class (share one per module: each class is walked once,
            so nested diamonds of bases cost linear time).

    Returns:
        ``class X sets __test__ = False`` (or ``inherits … from B``); "" when it is collected.
    """
    flag, owner = _inherited_flag(cls, classes, {} if memo is None else memo)
    if flag is not False:
        return ""
    if owner == cls.name:
        return f"class {cls.name} sets __test__ = False"
    return f"class {cls.name} inherits __test__ = False from {owner}"


_Flag = tuple[Union[bool, None], str]


def _inherited_flag(
    start: ast.ClassDef, classes: Mapping[str, ast.ClassDef], memo: dict[int, _Flag]
) -> _Flag:
    """The ``__test__`` a class sees and the class that sets it: its own, else its first base's
    (an iterative post-order walk; a cycle of bases reads as unset)."""
    stack: list[tuple[ast.ClassDef, bool]] = [(start, False)]
    open_: set[int] = set()
    while stack:
        node, settled = stack.pop()
        bases = [c for c in (classes.get(_name(b)) for b in node.bases) if c is not None]
        if settled:
            memo[id(node)] = _settle(node, bases, memo)
            continue
        if id(node) in memo or id(node) in open_:
            continue
        open_.add(id(node))
        stack.append((node, True))
        stack.extend((b, False) for b in bases if id(b) not in memo)
    return memo.get(id(start), (None, ""))


def _settle(node: ast.ClassDef, bases: list[ast.ClassDef], memo: dict[int, _Flag]) -> _Flag:
    own = flag_of(node.body)
    if own is not None:
        return own, node.name
    found = (memo.get(id(b), (None, "")) for b in bases)
    return next((f for f in found if f[0] is not None), (None, ""))


def setattr_off(stmt: ast.Expr) -> list[str]:
    """The function ``setattr(test_x, "__test__", …)`` sets ``__test__`` of, by name.

    Args:
        stmt: An expression statement.

    Returns:
        ``["test_x"]``, or nothing when the statement is no such call.
    """
    call = stmt.value
    if not (isinstance(call, ast.Call) and spelled(call.func) == "setattr"):
        return []
    args = call.args
    if len(args) < 2 or not isinstance(args[0], ast.Name):
        return []
    named = isinstance(args[1], ast.Constant) and args[1].value == "__test__"
    return [args[0].id] if named else []
