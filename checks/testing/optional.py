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
        if not isinstance(stmt, ast.Try) or not any(map(_catches_import, stmt.handlers)):
            continue
        module = next((m for s in stmt.body for m in _imported(s)), "")
        if not module:
            continue
        bound = {name for s in stmt.body for name in _bound(s)}
        for handler in stmt.handlers:
            for s in handler.body:
                for name in _falsy(s):
                    if name in bound:
                        found[name] = module
    return found


def guards(body: Sequence[ast.stmt], node: ast.AST) -> list[tuple[ast.expr, bool]]:
    """The ``if`` conditions a definition sits under, each with the branch it is in.

    Args:
        body: The module's statements.
        node: The definition (a test function or its class).

    Returns:
        ``(condition, True)`` for an ``if`` body, ``(condition, False)`` for its ``else``;
        empty when the definition is not under one (or not found).
    """
    for path in _paths(body, node, []):
        return path
    return []


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
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) and branch:
        return next((m for v in test.values if (m := needed(v, True, names))), "")
    if isinstance(test, ast.Name):
        return names.get(test.id, "") if branch else ""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name):
        other = test.comparators[0]
        if isinstance(other, ast.Constant) and other.value is None:
            wants = branch if isinstance(test.ops[0], (ast.IsNot, ast.NotEq)) else not branch
            is_none = isinstance(test.ops[0], (ast.Is, ast.Eq, ast.IsNot, ast.NotEq))
            return names.get(test.left.id, "") if wants and is_none else ""
    return ""


def _paths(
    body: Sequence[ast.stmt], node: ast.AST, above: list[tuple[ast.expr, bool]]
) -> Iterator[list[tuple[ast.expr, bool]]]:
    for stmt in body:
        if stmt is node:
            yield above
        elif isinstance(stmt, ast.If):
            yield from _paths(stmt.body, node, [*above, (stmt.test, True)])
            yield from _paths(stmt.orelse, node, [*above, (stmt.test, False)])
        elif isinstance(stmt, (ast.Try, ast.With, ast.AsyncWith, ast.ClassDef)):
            for block in _BLOCKS:
                yield from _paths(getattr(stmt, block, []), node, above)
            for handler in getattr(stmt, "handlers", []):
                yield from _paths(handler.body, node, above)


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
    if isinstance(stmt, ast.Import):
        yield from (a.asname or a.name.split(".", 1)[0] for a in stmt.names)
    elif isinstance(stmt, ast.ImportFrom):
        yield from (a.asname or a.name for a in stmt.names)
    elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant):
        if stmt.value.value:
            yield from (t.id for t in stmt.targets if isinstance(t, ast.Name))


def _falsy(stmt: ast.stmt) -> Iterator[str]:
    """Names an assignment binds to ``None``, ``False`` or another false constant."""
    if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant):
        if not stmt.value.value:
            yield from (t.id for t in stmt.targets if isinstance(t, ast.Name))
