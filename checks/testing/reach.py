"""The parts of a test that run and whose failure reaches pytest.

An ``assert`` after ``return``, under ``if False``, inside ``try: … except Exception: pass``,
``with suppress(AssertionError)`` or a ``finally`` that returns, or in a nested function that
nothing uses, can never fail the test. ``live_nodes`` walks a function without them, so the
assertion finders see only what can fail.

A nested function or class the test uses by name is handed to the code under test: a Keras
callback's ``on_batch_end``, a layer's ``call``, a hook. An exception raised in its methods
propagates out of ``fit``/the call into the test, so its assertions reach pytest and count.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from typing import Final, Union

from mergeready.checks.testing.vacuous import dotted, truth

Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]

# Exceptions whose handler swallows a failed assertion.
_SWALLOWS: Final = frozenset({"AssertionError", "Exception", "BaseException"})
# Calls after which nothing else in the block runs (a skip is reported as one: MR805).
# ``pytest.fail``/``skip``/``xfail`` and unittest's ``self.fail``/``skipTest`` raise too.
_ENDS: Final = frozenset(
    "pytest.exit sys.exit os._exit os.abort exit quit pytest.fail pytest.skip pytest.xfail "
    "self.fail self.skipTest".split()
)
_SCOPES: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def live_nodes(fn: Function) -> Iterator[ast.AST]:
    """Walk what can run in a function's body and let a failure out.

    Args:
        fn: The function.

    Yields:
        Every node of the body, except statements after one that always leaves the block,
        branches that never run, blocks whose failures are swallowed, and nested functions
        and classes (a nested function is walked when the body uses its name: calls it,
        returns it or passes it on; a nested class used by name has its methods walked).
    """
    called = {  # called, returned or passed on: a nested function used by name may run
        n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    seen: set[int] = set()
    stack: list[Sequence[ast.stmt]] = [fn.body]
    while stack:
        block = stack.pop()
        for node in _block(block):
            if isinstance(node, _SCOPES):
                if node.name in called and id(node) not in seen:
                    seen.add(id(node))
                    stack += _runs(node)
                continue
            yield node


def _runs(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> list[list[ast.stmt]]:
    """The bodies a used nested function or class runs: its own, or its methods'."""
    if not isinstance(node, ast.ClassDef):
        return [node.body]
    return [s.body for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _block(body: Sequence[ast.stmt]) -> Iterator[ast.AST]:
    for stmt in body:
        yield from _statement(stmt)
        if _leaves(stmt):
            return


def _leaves(stmt: ast.stmt, depth: int = 0) -> bool:
    """True when a statement always leaves its block: ``return``, ``raise``, ``sys.exit()``,
    or an ``if``/``with`` whose every branch that runs does (``if True: return``)."""
    if isinstance(stmt, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        return dotted(stmt.value.func) in _ENDS
    if depth > 20:
        return False
    if isinstance(stmt, ast.If):
        return _branches_leave(stmt, depth)
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return _with_leaves(stmt, depth)
    return _try_leaves(stmt, depth)


def _with_leaves(stmt: ast.With | ast.AsyncWith, depth: int) -> bool:
    return not any(_suppresses(i.context_expr) for i in stmt.items) and any(
        _leaves(s, depth + 1) for s in stmt.body
    )


def _try_leaves(stmt: ast.stmt, depth: int) -> bool:
    """``try: return … finally: …`` leaves, as does a ``finally`` that does; with handlers, only
    when the body (or its ``else``) and every handler leave."""
    if not (isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar"):
        return False
    if any(_leaves(s, depth + 1) for s in getattr(stmt, "finalbody", [])):
        return True
    body = getattr(stmt, "body", []) + getattr(stmt, "orelse", [])
    handlers: list[ast.ExceptHandler] = getattr(stmt, "handlers", [])
    return any(_leaves(s, depth + 1) for s in body) and all(
        any(_leaves(s, depth + 1) for s in h.body) for h in handlers
    )


def _never_iterates(stmt: ast.stmt) -> bool:
    """``for _ in ():``, ``for _ in []:``, ``for _ in "":``, ``for _ in range(0):``: the body
    never runs."""
    if not isinstance(stmt, (ast.For, ast.AsyncFor)):
        return False
    return truth(stmt.iter) is False or _empty_range(stmt.iter)


def _empty_range(it: ast.expr) -> bool:
    if not (isinstance(it, ast.Call) and dotted(it.func) == "range") or it.keywords:
        return False
    numbers = [a.value for a in it.args if isinstance(a, ast.Constant) and type(a.value) is int]
    try:
        return 0 < len(numbers) == len(it.args) <= 3 and len(range(*numbers)) == 0
    except (ValueError, OverflowError, TypeError):
        return False


def _statement(stmt: ast.stmt) -> Iterator[ast.AST]:
    if isinstance(stmt, _SCOPES):
        yield stmt  # the caller decides whether a nested function or class's methods run
        return
    yield stmt
    if isinstance(stmt, (ast.If, ast.While)):
        yield from _branches(stmt)
        return
    if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
        yield from _try(stmt)
        return
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            yield from ast.walk(item)
        if not any(_suppresses(item.context_expr) for item in stmt.items):
            yield from _block(stmt.body)
        return
    yield from _other(stmt)


def _other(stmt: ast.stmt) -> Iterator[ast.AST]:
    """Any other statement: its expressions, then its blocks (``for``, ``match``)."""
    blocks = ("body", "orelse", "finalbody", "handlers", "cases")
    for name, value in ast.iter_fields(stmt):
        if name in blocks:
            continue
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ast.AST):
                yield from ast.walk(child)
    for name in ("orelse",) if _never_iterates(stmt) else ("body", "orelse"):
        yield from _block(getattr(stmt, name, []))
    for case in getattr(stmt, "cases", []):
        yield from ast.walk(case.pattern)
        if case.guard is not None:
            yield from ast.walk(case.guard)
        yield from _block(case.body)


def _branches_leave(stmt: ast.If, depth: int) -> bool:
    fixed = truth(stmt.test)
    body = any(_leaves(s, depth + 1) for s in stmt.body)
    orelse = any(_leaves(s, depth + 1) for s in stmt.orelse)
    return (fixed is True and body) or (fixed is False and orelse) or (body and orelse)


def _branches(stmt: ast.If | ast.While) -> Iterator[ast.AST]:
    yield from ast.walk(stmt.test)
    fixed = truth(stmt.test)
    if fixed is not False:
        yield from _block(stmt.body)
    if fixed is not True or isinstance(stmt, ast.While):
        yield from _block(stmt.orelse)


def _try(stmt: ast.stmt) -> Iterator[ast.AST]:
    handlers: list[ast.ExceptHandler] = getattr(stmt, "handlers", [])
    final: list[ast.stmt] = getattr(stmt, "finalbody", [])
    swallowed = any(isinstance(s, (ast.Return, ast.Break, ast.Continue)) for s in final) or any(
        _catches_failure(h) and not _reraises(h) for h in handlers
    )
    if not swallowed:
        yield from _block(getattr(stmt, "body", []))
    for h in handlers:
        if h.type is not None:
            yield from ast.walk(h.type)
        yield from _block(h.body)
    yield from _block(getattr(stmt, "orelse", []))
    yield from _block(final)


def _catches_failure(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(dotted(k).rsplit(".", 1)[-1] in _SWALLOWS for k in kinds)


def _reraises(handler: ast.ExceptHandler) -> bool:
    """True when the handler raises (``raise``, ``raise X from e``) or fails the test itself."""
    for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
        if isinstance(node, (ast.Raise, ast.Assert)):
            return True
        if isinstance(node, ast.Call):
            name = dotted(node.func).rsplit(".", 1)[-1]
            if name.startswith("assert") or name == "fail":
                return True
    return False


def _suppresses(expr: ast.expr) -> bool:
    """``suppress(AssertionError)``, ``contextlib.suppress(Exception)``: failures vanish."""
    if not isinstance(expr, ast.Call) or dotted(expr.func).rsplit(".", 1)[-1] != "suppress":
        return False
    return any(dotted(a).rsplit(".", 1)[-1] in _SWALLOWS for a in expr.args)
