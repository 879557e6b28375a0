"""Tests replaced by their own file: a decorator of the file that drops them, a ``globals()`` edit.

``@neutral`` where the file defines ``def neutral(f): return lambda: None`` leaves pytest a
function that is not the test (its name, no body of the test's); ``globals().pop("test_b")``
or ``del globals()["test_b"]`` deletes it as ``del test_b`` would. A decorator counts as one
that drops the test only when it is a function of the same file with one parameter and no
``return`` of it reaches the parameter (``return f``, ``return wraps(f)(inner)``, an inner
function that calls ``f`` where its failure reaches pytest all keep it; an inner function that
runs ``f`` only inside ``try: … except AssertionError: pass`` drops it).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping

from mergeready.checks.testing.reach import live_nodes
from mergeready.checks.testing.vacuous import dotted

_EDITS = frozenset({"pop", "__delitem__", "__setitem__", "setdefault"})


def module_functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    """The functions a module defines at its top level, by name.

    Args:
        tree: The module.

    Returns:
        The functions.
    """
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def replaced_reason(
    node: ast.AST, gone: Mapping[int, str], functions: Mapping[str, ast.AST]
) -> str:
    """Why a definition is not what pytest finds under its name.

    Args:
        node: The definition.
        gone: Why each definition a later statement rebinds or deletes is gone, by ``id``.
        functions: The module's functions by name.

    Returns:
        The reason (rebound or deleted, or a decorator that drops it), or "".
    """
    if id(node) in gone:
        return gone[id(node)]
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return ""
    deco = dropping_decorator(node, functions)
    if not deco:
        return ""
    return (
        f"its decorator {deco} replaces it with a function that never runs it or hides its failures"
    )


def dropping_decorator(
    fn: ast.FunctionDef | ast.AsyncFunctionDef, functions: Mapping[str, ast.AST]
) -> str:
    """The file's decorator that replaces a test with something else, if there is one.

    Args:
        fn: The test.
        functions: The module's functions by name.

    Returns:
        The decorator's name, or "".
    """
    for dec in fn.decorator_list:
        name = dec.id if isinstance(dec, ast.Name) else ""
        found = functions.get(name)
        if isinstance(found, ast.FunctionDef) and drops(found):
            return name
    return ""


def drops(deco: ast.FunctionDef) -> bool:
    """Tell whether a decorator returns something that never reaches the function it gets.

    Args:
        deco: The decorator's definition.

    Returns:
        True when no ``return`` of it hands back (or calls, where failures reach pytest) its
        only parameter.
    """
    name = _only_parameter(deco)
    inner = {s.name: s for s in ast.walk(deco) if isinstance(s, ast.FunctionDef)}
    returns = [n for n in ast.walk(deco) if isinstance(n, ast.Return)]
    return bool(name and returns) and not any(_uses(name, r.value, inner) for r in returns)


def _only_parameter(deco: ast.FunctionDef) -> str:
    params = deco.args.posonlyargs + deco.args.args
    if len(params) != 1 or deco.args.vararg or deco.args.kwarg:
        return ""
    return params[0].arg


def _uses(name: str, value: ast.expr | None, inner: Mapping[str, ast.AST]) -> bool:
    """Whether a returned value reaches the parameter: itself, or an inner function using it."""
    if value is None:
        return False
    for node in ast.walk(value):
        if isinstance(node, ast.Name) and node.id == name:
            return True
        body = inner.get(node.id) if isinstance(node, ast.Name) else None
        if isinstance(body, ast.FunctionDef) and any(
            isinstance(n, ast.Name) and n.id == name for n in live_nodes(body)
        ):
            return True  # called where a failure reaches pytest (not in `try: … except: pass`)
    return False


def globals_edit(stmt: ast.stmt) -> list[str]:
    """The names a statement edits in the module's own namespace, however it reaches it.

    ``globals().pop("x")``, ``del globals()["x"]``, ``globals()["x"] = …``, ``vars()``,
    ``sys.modules[__name__]`` and its ``__dict__``: ``setattr(sys.modules[__name__], "x", …)``,
    ``delattr(…)``, ``sys.modules[__name__].x = …``.

    Args:
        stmt: A statement of the module.

    Returns:
        The names, as strings the statement spells.
    """
    if isinstance(stmt, ast.Expr):
        return _edited(stmt.value)
    targets = stmt.targets if isinstance(stmt, (ast.Delete, ast.Assign)) else []
    named = [t.attr for t in targets if isinstance(t, ast.Attribute) and _module_self(t.value)]
    return named + [
        name
        for t in targets
        if isinstance(t, ast.Subscript) and _is_globals(t.value)
        for name in _strings([t.slice])
    ]


def _edited(call: ast.expr) -> list[str]:
    """``globals().pop("x")`` and the like: the names the call edits."""
    if not isinstance(call, ast.Call):
        return []
    if dotted(call.func) in ("setattr", "delattr") and call.args and _module_self(call.args[0]):
        return _strings(call.args[1:2])
    if not isinstance(call.func, ast.Attribute):
        return []
    edits = call.func.attr in _EDITS and _is_globals(call.func.value)
    return _strings(call.args[:1]) if edits else []


def _is_globals(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute) and node.attr == "__dict__":
        return _module_self(node.value)
    return isinstance(node, ast.Call) and dotted(node.func) in ("globals", "vars", "locals")


def _module_self(node: ast.expr) -> bool:
    """``sys.modules[__name__]``: the module itself."""
    return (
        isinstance(node, ast.Subscript)
        and dotted(node.value) == "sys.modules"
        and isinstance(node.slice, ast.Name)
        and node.slice.id == "__name__"
    )


def _strings(nodes: list[ast.expr]) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]
