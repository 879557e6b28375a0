"""Tests defined only when an optional module imports.

``try: import fastclip except ImportError: fastclip = None`` and then, at module level or in a
class body, ``if fastclip is not None: def test_x(): …`` (or ``if fastclip:``, ``if HAS_FASTCLIP:``
after ``HAS_FASTCLIP = True``/``False`` in the two branches, or the ``else`` of ``if fastclip is
None:``): pytest collects the test only where the module imports. ``Skips`` asks whether the
base knows that module (ships it, uses it in its code, declares it, or it is the standard
library), as for ``pytest.importorskip``: a module it does not know never imports, so the test
is never defined and is no evidence. A guard on a module the project has is a real condition.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

_BLOCKS = ("body", "orelse", "finalbody")


def optional_names(body: Sequence[ast.stmt]) -> dict[str, str]:
    """The names a block binds from ``try: import M … except ImportError: name = None``.

    Args:
        body: A module's (or class's) statements.

    Returns:
        Each name falsy when the import fails, mapped to the module it needs.
    """
    found: dict[str, str] = {}
    for stmt in body:
        if isinstance(stmt, ast.Try) and any(map(_catches_import, stmt.handlers)):
            found.update(_guarded_import(stmt))
    return found


def _guarded_import(stmt: ast.Try) -> dict[str, str]:
    """The names a ``try: import M … except ImportError: name = None`` leaves falsy, to M."""
    module = next((m for s in stmt.body for m in _imported(s)), "")
    bound = {name for s in stmt.body for name in _bound(s)}
    falsy = {name for h in stmt.handlers for s in h.body for name in _falsy(s)}
    return dict.fromkeys(bound & falsy, module) if module else {}


def guard_paths(body: Sequence[ast.stmt]) -> dict[int, list[tuple[ast.expr, bool]]]:
    """The ``if`` conditions every definition of a module sits under, in one walk.

    Args:
        body: The module's statements.

    Returns:
        By the id of each function or class: ``(condition, True)`` for an ``if`` body,
        ``(condition, False)`` for its ``else``; empty for one under none.
    """
    found: dict[int, list[tuple[ast.expr, bool]]] = {}
    _paths(body, [], found)
    return found


def needed(test: ast.expr, branch: bool, names: dict[str, str]) -> str:
    """The optional module a branch of ``if test`` runs only with, or ``""``.

    Args:
        test: The condition.
        branch: True for the ``if`` body, False for its ``else``.
        names: ``optional_names`` of the module.

    Returns:
        The module's name.
    """
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return needed(test.operand, not branch, names)
    if isinstance(test, ast.BoolOp):
        return _all_of(test, branch, names)
    if isinstance(test, ast.Name):
        return names.get(test.id, "") if branch else ""
    return _against_none(test, branch, names) if isinstance(test, ast.Compare) else ""


def _all_of(test: ast.BoolOp, branch: bool, names: dict[str, str]) -> str:
    """The body of ``if a and b:`` runs only with what each operand needs."""
    if not (isinstance(test.op, ast.And) and branch):
        return ""
    return next((m for v in test.values if (m := needed(v, True, names))), "")


def _against_none(test: ast.Compare, branch: bool, names: dict[str, str]) -> str:
    """``name is not None`` (its body) or ``name is None`` (its ``else``) of an optional name."""
    op, other = test.ops[0], test.comparators[0]
    if len(test.ops) != 1 or not isinstance(test.left, ast.Name):
        return ""
    if not (isinstance(other, ast.Constant) and other.value is None):
        return ""
    if not isinstance(op, (ast.Is, ast.Eq, ast.IsNot, ast.NotEq)):
        return ""
    wants = branch if isinstance(op, (ast.IsNot, ast.NotEq)) else not branch
    return names.get(test.left.id, "") if wants else ""


def _paths(
    body: Sequence[ast.stmt],
    above: list[tuple[ast.expr, bool]],
    found: dict[int, list[tuple[ast.expr, bool]]],
) -> None:
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found[id(stmt)] = above
        if isinstance(stmt, ast.If):
            _paths(stmt.body, [*above, (stmt.test, True)], found)
            _paths(stmt.orelse, [*above, (stmt.test, False)], found)
        elif isinstance(stmt, (ast.Try, ast.With, ast.AsyncWith, ast.ClassDef)):
            for block in _BLOCKS:
                _paths(getattr(stmt, block, []), above, found)
            for handler in getattr(stmt, "handlers", []):
                _paths(handler.body, above, found)


def _catches_import(handler: ast.ExceptHandler) -> bool:
    kinds = handler.type
    listed = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
    return any(
        isinstance(k, ast.Name) and k.id in ("ImportError", "ModuleNotFoundError") for k in listed
    )


def _imported(stmt: ast.stmt) -> Iterator[str]:
    if isinstance(stmt, ast.Import):
        yield from (alias.name for alias in stmt.names)
    elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
        yield stmt.module


def _bound(stmt: ast.stmt) -> Iterator[str]:
    """Names an import binds, or an assignment binds to a true constant (``HAS_X = True``)."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        yield from (a.asname or a.name.split(".", 1)[0] for a in stmt.names)
    elif isinstance(stmt, ast.Assign) and _constant(stmt) is True:
        yield from (t.id for t in stmt.targets if isinstance(t, ast.Name))


def _constant(stmt: ast.stmt) -> bool | None:
    """The truth of the constant an assignment binds, or None when it binds something else."""
    if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant):
        return bool(stmt.value.value)
    return None


def _falsy(stmt: ast.stmt) -> Iterator[str]:
    """Names an assignment binds to ``None``, ``False`` or another false constant."""
    if isinstance(stmt, ast.Assign) and _constant(stmt) is False:
        yield from (t.id for t in stmt.targets if isinstance(t, ast.Name))
