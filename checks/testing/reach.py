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
import copy
from collections.abc import Iterator, Mapping, Sequence
from typing import Final, Union

from mergeready.checks.testing.vacuous import dotted, truth

Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]
# Module constants by name: a module-level name bound once, to a literal (``DEBUG = False``).
Known = Mapping[str, ast.expr]
_NONE: Final[Known] = {}

# Exceptions whose handler swallows a failed assertion.
# unittest's ``self.failureException`` is AssertionError (attack 5's F13).
_SWALLOWS: Final = frozenset({"AssertionError", "Exception", "BaseException", "failureException"})
# Calls after which nothing else in the block runs (a skip is reported as one: MR805).
# ``pytest.fail``/``skip``/``xfail`` and unittest's ``self.fail``/``skipTest`` raise too.
_ENDS: Final = frozenset(
    "pytest.exit sys.exit os._exit os.abort exit quit pytest.fail pytest.skip pytest.xfail "
    "self.fail self.skipTest".split()
)
# Context managers that pass when their block raises the given exception.
_RAISES: Final = frozenset({"raises", "assertRaises", "assertRaisesRegex", "failUnlessRaises"})
_SCOPES: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def live_nodes(fn: Function, known: Known = _NONE) -> Iterator[ast.AST]:
    """Walk what can run in a function's body and let a failure out.

    Args:
        fn: The function.
        known: The module's constants (``module_constants``), folded into ``if``/``while``
            tests and ``for`` iterables: ``if DEBUG:`` with ``DEBUG = False`` never runs.

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
        for node in _block(block, known):
            if isinstance(node, _SCOPES):
                if node.name in called and id(node) not in seen:
                    seen.add(id(node))
                    stack += _runs(node)
                continue
            yield node


def _runs(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> list[list[ast.stmt]]:
    """The bodies a used nested function or class runs: its own, or its methods'."""
    if not isinstance(node, ast.ClassDef):
        return [node.body]  # not a ``__del__``: Python prints what a finalizer raises (F13)
    return [s.body for s in node.body if isinstance(s, _SCOPES[:2]) and s.name != "__del__"]


def _block(body: Sequence[ast.stmt], known: Known) -> Iterator[ast.AST]:
    for stmt in body:
        yield from _statement(stmt, known)
        if _leaves(stmt, known):
            return


def _leaves(stmt: ast.stmt, known: Known, depth: int = 0) -> bool:
    """True when a statement always leaves its block: ``return``, ``raise``, ``sys.exit()``,
    or an ``if``/``with`` whose every branch that runs does (``if True: return``)."""
    if isinstance(stmt, (ast.Return, ast.Raise, ast.Continue, ast.Break)):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        return dotted(stmt.value.func) in _ENDS
    if depth > 20:
        return False
    if isinstance(stmt, ast.If):
        return _branches_leave(stmt, known, depth)
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return _with_leaves(stmt, known, depth)
    return _try_leaves(stmt, known, depth)


def _with_leaves(stmt: ast.With | ast.AsyncWith, known: Known, depth: int) -> bool:
    return not any(_suppresses(i.context_expr) for i in stmt.items) and any(
        _leaves(s, known, depth + 1) for s in stmt.body
    )


def _try_leaves(stmt: ast.stmt, known: Known, depth: int) -> bool:
    """``try: return … finally: …`` leaves, as does a ``finally`` that does; with handlers, only
    when the body (or its ``else``) and every handler leave."""
    if not (isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar"):
        return False
    if any(_leaves(s, known, depth + 1) for s in getattr(stmt, "finalbody", [])):
        return True
    body = getattr(stmt, "body", []) + getattr(stmt, "orelse", [])
    handlers: list[ast.ExceptHandler] = getattr(stmt, "handlers", [])
    return any(_leaves(s, known, depth + 1) for s in body) and all(
        any(_leaves(s, known, depth + 1) for s in h.body) for h in handlers
    )


def _never_iterates(stmt: ast.stmt, known: Known) -> bool:
    """``for _ in ():``, ``for _ in []:``, ``for _ in "":``, ``for _ in range(0):``: the body
    never runs."""
    if not isinstance(stmt, (ast.For, ast.AsyncFor)):
        return False
    it = fold(stmt.iter, known)
    return truth(it) is False or _empty_range(it)


def _empty_range(it: ast.expr) -> bool:
    if not (isinstance(it, ast.Call) and dotted(it.func) == "range") or it.keywords:
        return False
    numbers = [a.value for a in it.args if isinstance(a, ast.Constant) and type(a.value) is int]
    try:
        return 0 < len(numbers) == len(it.args) <= 3 and len(range(*numbers)) == 0
    except (ValueError, OverflowError, TypeError):
        return False


def _statement(stmt: ast.stmt, known: Known) -> Iterator[ast.AST]:
    if isinstance(stmt, _SCOPES):
        yield stmt  # the caller decides whether a nested function or class's methods run
        return
    yield stmt
    if isinstance(stmt, (ast.If, ast.While)):
        yield from _branches(stmt, known)
        return
    if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
        yield from _try(stmt, known)
        return
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        yield from _with(stmt, known)
        return
    yield from _other(stmt, known)


def _with(stmt: ast.With | ast.AsyncWith, known: Known) -> Iterator[ast.AST]:
    """A ``with`` block: its body unless a context swallows failures.

    ``pytest.raises(Exception)`` (or ``BaseException``, ``AssertionError``) swallows a failed
    assertion like ``suppress`` does; a ``raises`` whose body always raises by itself
    (``raise``, ``1 / 0``, ``assert False``, ``pytest.fail()``) always passes, so it is no check.
    """
    always = any(_always_raises(s, known) for s in stmt.body)
    for item in stmt.items:
        if not (always and _expects_raise(item.context_expr)):
            yield from ast.walk(item)
    if not any(_suppresses(item.context_expr) for item in stmt.items):
        yield from _block(stmt.body, known)


def _expects_raise(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Call) and dotted(expr.func).rsplit(".", 1)[-1] in _RAISES


def _always_raises(stmt: ast.stmt, known: Known) -> bool:
    if isinstance(stmt, ast.Raise):
        return True
    if isinstance(stmt, ast.Assert):
        return truth(fold(stmt.test, known)) is False
    if not isinstance(stmt, ast.Expr):
        return False
    value = stmt.value
    if isinstance(value, ast.Call):
        return dotted(value.func) in _ENDS
    return (
        isinstance(value, ast.BinOp)
        and isinstance(value.op, (ast.Div, ast.FloorDiv, ast.Mod))
        and isinstance(value.right, ast.Constant)
        and value.right.value == 0
        and not isinstance(value.right.value, str)
    )


def _other(stmt: ast.stmt, known: Known) -> Iterator[ast.AST]:
    """Any other statement: its expressions, then its blocks (``for``, ``match``)."""
    blocks = ("body", "orelse", "finalbody", "handlers", "cases")
    for name, value in ast.iter_fields(stmt):
        if name in blocks:
            continue
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ast.AST):
                yield from ast.walk(child)
    for name in ("orelse",) if _never_iterates(stmt, known) else ("body", "orelse"):
        yield from _block(getattr(stmt, name, []), known)
    for case in getattr(stmt, "cases", []):
        yield from ast.walk(case.pattern)
        if case.guard is not None:
            yield from ast.walk(case.guard)
        yield from _block(case.body, known)


def _branches_leave(stmt: ast.If, known: Known, depth: int) -> bool:
    fixed = truth(fold(stmt.test, known))
    body = any(_leaves(s, known, depth + 1) for s in stmt.body)
    orelse = any(_leaves(s, known, depth + 1) for s in stmt.orelse)
    return (fixed is True and body) or (fixed is False and orelse) or (body and orelse)


def _branches(stmt: ast.If | ast.While, known: Known) -> Iterator[ast.AST]:
    yield from ast.walk(stmt.test)
    fixed = truth(fold(stmt.test, known))
    if fixed is not False:
        yield from _block(stmt.body, known)
    if fixed is not True or isinstance(stmt, ast.While):
        yield from _block(stmt.orelse, known)


def _try(stmt: ast.stmt, known: Known) -> Iterator[ast.AST]:
    handlers: list[ast.ExceptHandler] = getattr(stmt, "handlers", [])
    final: list[ast.stmt] = getattr(stmt, "finalbody", [])
    swallowed = any(isinstance(s, (ast.Return, ast.Break, ast.Continue)) for s in final) or any(
        _catches_failure(h) and not _reraises(h) for h in handlers
    )
    if not swallowed:
        yield from _block(getattr(stmt, "body", []), known)
    for h in handlers:
        if h.type is not None:
            yield from ast.walk(h.type)
        yield from _block(h.body, known)
    yield from _block(getattr(stmt, "orelse", []), known)
    yield from _block(final, known)


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
    """``suppress(AssertionError)``, ``contextlib.suppress(Exception)``,
    ``pytest.raises(Exception)``, ``self.assertRaises(AssertionError)``: failures vanish."""
    if not isinstance(expr, ast.Call):
        return False
    name = dotted(expr.func).rsplit(".", 1)[-1]
    if name == "suppress":
        kinds = expr.args
    elif name in _RAISES and expr.args:
        first = expr.args[0]
        kinds = list(first.elts) if isinstance(first, ast.Tuple) else [first]
    else:
        return False
    return any(dotted(a).rsplit(".", 1)[-1] in _SWALLOWS for a in kinds)


class _Fold(ast.NodeTransformer):
    def __init__(self, known: Known) -> None:
        self.known = known

    def visit_Name(self, node: ast.Name) -> ast.expr:
        value = self.known.get(node.id)
        return node if value is None or not isinstance(node.ctx, ast.Load) else value


def fold(expr: ast.expr, known: Known) -> ast.expr:
    """Put the module's constants in place of their names.

    Args:
        expr: An expression.
        known: Constants by name (``module_constants``).

    Returns:
        The expression (a copy when a name was replaced).
    """
    if not known or not any(isinstance(n, ast.Name) and n.id in known for n in ast.walk(expr)):
        return expr
    return _Fold(known).visit(copy.deepcopy(expr))  # type: ignore[no-any-return]
