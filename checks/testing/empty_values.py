"""Parameter values that are empty in any spelling: pytest skips a test parametrized with none.

``parametrize("x", [])`` was already caught; the same emptiness spelled as a comprehension or
generator over an empty literal (or over a literal its condition filters out entirely), a name
the module binds once to an empty literal, or a helper of the file that returns one of these is
read the same way, and so is a builtin that builds an empty collection (``list()``, ``tuple()``,
``set()``, ``dict()``, ``frozenset()``, ``range(0)``, ``range(3, 1)``, ``list([])``) where the
module never binds that name (attack 5's F2). Only what the syntax proves is empty counts: a call
to anything else, a name bound twice, or a comprehension over something computed is left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Final, Union

from mergeready.checks.python.literals import bound_names
from mergeready.checks.testing.module_facts import module_constants
from mergeready.checks.testing.reach import fold
from mergeready.checks.testing.vacuous import dotted, truth

_BUILDERS: Final = frozenset({"list", "tuple", "set", "dict", "frozenset", "range"})
_ITEMS: Final = 1_000  # elements of a literal a comprehension's condition is tried on
_Comprehension = Union[ast.ListComp, ast.SetComp, ast.GeneratorExp]


def empty_values(values: ast.expr, tree: ast.Module) -> bool:
    """Whether a ``parametrize`` argument list is empty whatever runs.

    Args:
        values: The ``argvalues`` expression.
        tree: The test's module (its constants and helper functions).

    Returns:
        True when it is provably empty.
    """
    constants = module_constants(tree)
    helpers = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef) and not s.args.args}
    if _builds_nothing(fold(values, constants), _unbound(tree)):
        return True
    return _empty(values, constants, helpers, 2)


def _unbound(tree: ast.Module) -> frozenset[str]:
    """The builtin collection constructors the module never binds (no ``import *`` either)."""
    return _BUILDERS - bound_names(tree, _BUILDERS)


def _builds_nothing(node: ast.expr, builtins: frozenset[str]) -> bool:
    """``list()``, ``set([])``, ``range(0)``, ``range(3, 1)``: an empty collection, proven."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return False
    name = node.func.id
    if name not in builtins or node.keywords:
        return False
    if name == "range":
        return _no_range(node.args)
    if not node.args:
        return True
    first = node.args[0]
    return len(node.args) == 1 and isinstance(first, (ast.List, ast.Tuple)) and not first.elts


def _no_range(args: list[ast.expr]) -> bool:
    """``range(0)``, ``range(-2)``, ``range(3, 1)``: integer literals that give no number."""
    bounds = [a.value for a in args if isinstance(a, ast.Constant) and type(a.value) is int]
    if len(bounds) != len(args) or len(bounds) not in (1, 2):
        return False
    return bounds[0] <= 0 if len(bounds) == 1 else bounds[1] <= bounds[0]


def _empty(
    node: ast.expr,
    constants: dict[str, ast.expr],
    helpers: dict[str, ast.FunctionDef],
    depth: int,
) -> bool:
    node = fold(node, constants)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return not node.elts
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
        return _filtered_out(node, constants)
    called = node.func if isinstance(node, ast.Call) and not node.args else None
    if depth and isinstance(called, ast.Name) and called.id in helpers:
        returned = _returned(helpers[called.id])
        return returned is not None and _empty(returned, constants, helpers, depth - 1)
    return False


def _returned(fn: ast.FunctionDef) -> ast.expr | None:
    """What a helper whose body is a single ``return`` (after a docstring) returns."""
    body = [
        s for s in fn.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]
    if len(body) == 1 and isinstance(body[0], ast.Return):
        return body[0].value
    return None


def _filtered_out(comp: _Comprehension, constants: dict[str, ast.expr]) -> bool:
    """A comprehension whose first loop runs over a literal and keeps none of its items."""
    first = comp.generators[0]
    source = fold(first.iter, constants)
    if truth(source) is False:
        return True  # over (), [], ""
    if not isinstance(first.target, ast.Name) or not isinstance(source, (ast.List, ast.Tuple)):
        return False
    items = source.elts
    if len(items) > _ITEMS or not first.ifs:
        return False
    name = first.target.id
    return all(
        any(truth(fold(cond, {**constants, name: item})) is False for cond in first.ifs)
        for item in items
    )


def generate_calls(body: list[ast.stmt]) -> tuple[ast.Call, ...]:
    """The ``metafunc.parametrize`` calls of a module's own ``pytest_generate_tests``.

    Args:
        body: The module's statements.

    Returns:
        The calls (attack 5's F2: one with no values skips every test with that argument).
    """
    hooks = [s for s in body if isinstance(s, ast.FunctionDef)]
    hook = next((s for s in hooks if s.name == "pytest_generate_tests"), None)
    return tuple(_parametrize_calls(hook.body)) if hook is not None else ()


def argnames(first: ast.expr) -> list[str]:
    """``"x, y"`` of ``parametrize("x, y", …)`` as its names (none unless a literal string).

    Args:
        first: The first argument.

    Returns:
        The names.
    """
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return []
    return first.value.replace(" ", "").split(",")


def _parametrize_calls(body: list[ast.stmt]) -> Iterator[ast.Call]:
    """``metafunc.parametrize(names, values)`` calls run unconditionally, or under an ``if`` on
    ``… in metafunc.fixturenames`` (true for exactly the tests that take the argument)."""
    for stmt in body:
        if isinstance(stmt, ast.If) and isinstance(stmt.test, ast.Compare):
            if dotted(stmt.test.comparators[0]).endswith("fixturenames"):
                yield from _parametrize_calls(stmt.body)
            continue
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and dotted(call.func).endswith(".parametrize"):
            if len(call.args) >= 2:
                yield call
