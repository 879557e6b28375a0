"""The tests a later statement of the same block rebinds, deletes or switches off.

pytest collects what a module's (or class's) namespace holds once it has run, not what its
``def`` statements wrote. Any binding of the name after the ``def`` — an assignment, ``del``,
an import, ``for``/``async for`` and ``with … as`` targets, ``except … as`` (which also deletes
the name), a walrus, a ``match`` capture, a ``class`` of the same name, a ``globals()`` edit —
or ``test_x.__test__ = False`` leaves pytest nothing to collect under that name (attack 6, F3:
every binding form, not a list of spellings).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from mergeready.checks.testing.lineage import setattr_off
from mergeready.checks.testing.replaced import globals_edit

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Scopes of their own: a name stored inside them is not the block's (a walrus excepted).
_SCOPES = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, *_DEFS)


def rebound(body: Sequence[ast.stmt]) -> dict[int, str]:
    """Find the definitions a later statement of the same block rebinds, deletes or switches off.

    Args:
        body: A module's or class's statements.

    Returns:
        The reason, by ``id()`` of each such definition (a later ``def`` of the same name is
        reported as shadowing instead).
    """
    last: dict[str, ast.AST] = {}
    out: dict[int, str] = {}
    for stmt in block_statements(body):
        found = list(_bindings(stmt))
        if isinstance(stmt, _DEFS):
            earlier = last.get(stmt.name)
            if earlier is not None and isinstance(earlier, ast.ClassDef) != isinstance(
                stmt, ast.ClassDef
            ):
                found.append((stmt.name, "rebound by a def or class of another kind"))
        for name, how in found:
            node = last.pop(name, None)
            if node is not None:
                out[id(node)] = f"{name} is {how} after its def, so pytest finds no test there"
        if isinstance(stmt, _DEFS):
            last[stmt.name] = stmt
    return out


def block_statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """Yield a block's statements in order, with those of its nested blocks (not scopes).

    Args:
        body: The block.

    Yields:
        Each statement that runs in the block's namespace.
    """
    for node in body:
        yield node
        if isinstance(node, _DEFS):
            continue
        for block in ("body", "orelse", "finalbody"):
            yield from block_statements(getattr(node, block, []))
        for inner in getattr(node, "handlers", []) + getattr(node, "cases", []):
            yield from block_statements(inner.body)


def _bindings(stmt: ast.stmt) -> Iterator[tuple[str, str]]:
    for name in globals_edit(stmt):
        yield name, "deleted through globals()"
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        for a in stmt.names:
            yield (a.asname or a.name).split(".", 1)[0], "rebound by an import"
        return
    if isinstance(stmt, ast.Expr):
        yield from ((n, "marked __test__ = False") for n in setattr_off(stmt))
    if isinstance(stmt, ast.AnnAssign) and stmt.value is None:
        return  # an annotation alone binds nothing
    yield from _stores(stmt)


def _stores(stmt: ast.stmt) -> Iterator[tuple[str, str]]:
    """The names a statement's own parts (not its nested blocks) bind or delete."""
    how = "deleted" if isinstance(stmt, ast.Delete) else "rebound"
    for handler in getattr(stmt, "handlers", []):
        if handler.name:
            yield handler.name, "rebound and deleted by except … as"
    for node in (n for part in _header(stmt) for n in _walk(part)):
        yield from _stored(node, how)


def _stored(node: ast.AST, how: str) -> Iterator[tuple[str, str]]:
    """The name one node of a statement binds or deletes, and how."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        yield node.id, how
    elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        yield node.name, "rebound by a match capture"
    elif isinstance(node, ast.MatchMapping) and node.rest:
        yield node.rest, "rebound by a match capture"
    elif _switches_off(node):
        yield node.value.id, "marked __test__ = False"  # type: ignore[attr-defined]


def _header(stmt: ast.stmt) -> list[ast.AST]:
    """The parts of a statement that run in the block itself, outside its nested blocks."""
    if isinstance(stmt, _DEFS):
        return [*stmt.decorator_list]
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        return [stmt.target, stmt.iter]
    if isinstance(stmt, (ast.If, ast.While)):
        return [stmt.test]
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return [*stmt.items]
    if isinstance(stmt, ast.Match):
        return [stmt.subject, *(p for c in stmt.cases for p in (c.pattern, c.guard) if p)]
    if isinstance(stmt, ast.Try):
        return []
    return [stmt]


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """``ast.walk`` that stays out of nested scopes, except for a walrus's target."""
    yield node
    for child in ast.iter_child_nodes(node):
        if isinstance(child, _SCOPES):
            yield from (n.target for n in ast.walk(child) if isinstance(n, ast.NamedExpr))
        else:
            yield from _walk(child)


def _switches_off(node: ast.AST) -> bool:
    """``test_x.__test__ = …``: pytest reads the attribute before it collects the test."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "__test__"
        and isinstance(node.ctx, (ast.Store, ast.Del))
        and isinstance(node.value, ast.Name)
    )
