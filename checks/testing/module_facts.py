"""A test module's facts read off the whole module: its constants, what it binds, its imports.

Each is asked for every test class and helper module (``module_constants`` by the assertion
finders and ``parametrize`` readers, the names bound once and the imports by the skip finders);
one walk over the tree answers all three, kept per tree, weakly (issue 26: three walks of every
test module per class were a third of a history's CPU on Keras, and a tree a history worker
recalls for the next commit, ``parse_memo``, keeps its walk).
"""

from __future__ import annotations

import ast
import weakref
from collections.abc import Iterator, Mapping
from typing import Final

from mergeready.checks.python.clone import nodes
from mergeready.checks.python.pycode import statements

# Calls that rebind a module's name given as a string: setattr, monkeypatch, mock.patch(.object).
_PATCHES: Final = frozenset({"setattr", "patch", "object"})


def module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    """The names a module binds once, at its top level, to a literal: its constants.

    ``DEBUG = False`` or ``CASES: tuple[int, ...] = ()`` is a constant when nothing else in the
    module binds the name (no second assignment, ``global``, parameter, loop variable or import)
    and no call patches it to another value by name (``monkeypatch.setattr(mod, "DEBUG",
    True)``, ``mock.patch("tests.test_m.DEBUG", True)``).

    Args:
        tree: The parsed module.

    Returns:
        Each constant's literal value, by name.
    """
    facts = _walked(tree)
    if facts.constants is None:
        facts.constants = {}
        for stmt in tree.body:
            target, value = _single(stmt)
            if not target or value is None or facts.bound.get(target) != 1:
                continue
            if all(_same(value, v) for v in facts.patched.get(target, [])):
                facts.constants[target] = value
    return dict(facts.constants)


def bound_counts(tree: ast.Module) -> Mapping[str, int]:
    """How many times the module binds each name (``binds``, over every node).

    Args:
        tree: The parsed module.

    Returns:
        The counts, by name.
    """
    return _walked(tree).bound


def import_aliases(tree: ast.Module) -> dict[str, str]:
    """Return what each name an import of the module binds stands for.

    ``from pytest import skip as later`` makes ``later`` read ``pytest.skip``, ``import pytest
    as pt`` makes ``pt`` read ``pytest``.

    Args:
        tree: The parsed module.

    Returns:
        The dotted name each bound name stands for (the last import of a name wins).
    """
    return dict(_walked(tree).aliases)


class _Walked:
    """What one walk over a whole module finds, kept while the tree lives."""

    __slots__ = ("aliases", "bound", "constants", "patched")

    def __init__(self) -> None:
        self.bound: dict[str, int] = {}
        self.patched: dict[str, list[ast.expr | None]] = {}
        self.aliases: dict[str, str] = {}
        self.constants: dict[str, ast.expr] | None = None


# Keyed by the tree itself, weakly: never another tree's answer when a freed tree's id returns.
_WALKED: Final[weakref.WeakKeyDictionary[ast.Module, _Walked]] = weakref.WeakKeyDictionary()


def _walked(tree: ast.Module) -> _Walked:
    found = _WALKED.get(tree)
    if found is not None:
        return found
    found = _Walked()  # kept only once complete
    _count(found, tree)
    for node in statements(tree):  # imports: the last one ast.walk meets wins
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.aliases.update(_aliases(node))
    _WALKED[tree] = found
    return found


def _count(found: _Walked, tree: ast.Module) -> None:
    """The names each node binds and each call patches, into ``found`` (one unordered walk)."""
    bound = found.bound
    for node in nodes(tree):  # counts: the order does not matter
        kind = type(node)
        if kind is ast.Name:  # most nodes: read inline, as _binds would
            if type(node.ctx) is not ast.Load:  # type: ignore[attr-defined]
                bound[node.id] = bound.get(node.id, 0) + 1  # type: ignore[attr-defined]
        elif kind is ast.Call:
            for name, value in _patches(node):
                found.patched.setdefault(name, []).append(value)
        elif kind in _BINDERS:
            for name in _binds(node):
                bound[name] = bound.get(name, 0) + 1


def _aliases(node: ast.Import | ast.ImportFrom) -> dict[str, str]:
    if isinstance(node, ast.Import):
        return {a.asname: a.name for a in node.names if a.asname}
    return (
        {a.asname or a.name: f"{node.module}.{a.name}" for a in node.names} if node.module else {}
    )


def _patches(call: ast.AST) -> Iterator[tuple[str, ast.expr | None]]:
    """The names a call patches by string, each with the value it puts there (None: unknown)."""
    if not isinstance(call, ast.Call):
        return
    func = call.func  # the last part of its dotted name, without spelling the whole name
    last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if last not in _PATCHES:
        return
    args = call.args + [k.value for k in call.keywords if k.arg in ("new", "value")]
    for i, arg in enumerate(args):
        name = _patched_name(arg)
        if name:
            yield name, args[i + 1] if i + 1 < len(args) else None


def _patched_name(arg: ast.expr) -> str:
    """``"DEBUG"`` or ``"tests.test_m.DEBUG"``: the name a string argument patches."""
    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)) or len(arg.value) > 200:
        return ""
    name = arg.value.rsplit(".", 1)[-1]
    return name if name.isidentifier() else ""


def _same(constant: ast.expr, value: ast.expr | None) -> bool:
    """True when a patch puts back the constant's own value (it changes nothing)."""
    if value is None:
        return False
    try:
        return bool(ast.literal_eval(value) == ast.literal_eval(constant))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


_BINDERS: Final = frozenset(
    {ast.arg, ast.Global, ast.Nonlocal, ast.alias, ast.FunctionDef, ast.AsyncFunctionDef}
    | {ast.ClassDef, ast.ExceptHandler}
)
"""The nodes other than ``Name`` and calls for which ``_binds`` names anything."""


def _binds(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return [node.id]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return list(node.names) * 2  # rebound elsewhere: never a constant
    if isinstance(node, ast.alias):
        return [(node.asname or node.name).split(".", 1)[0]]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.ExceptHandler) and node.name:
        return [node.name]
    return []


def _single(stmt: ast.stmt) -> tuple[str, ast.expr | None]:
    """``NAME = literal`` or ``NAME: T = literal`` at the top level."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target, value = stmt.targets[0], stmt.value
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        target, value = stmt.target, stmt.value
    else:
        return "", None
    if not isinstance(target, ast.Name) or sum(1 for _ in ast.walk(value)) > 50:
        return "", None
    try:
        ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return "", None
    return target.id, value


binds = _binds  # the names a node binds (``global``/``nonlocal`` twice: never once)
