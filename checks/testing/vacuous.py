"""Checks in a test that can never fail: ``assert True``, ``assert (x, "msg")``, ``a == b``.

A bare comparison statement (flake8-bugbear's B015), an assertion on a non-empty literal or a
tuple, ``pytest.raises(E)`` outside a ``with`` block, ``self.assertTrue(True)``, a value compared
with itself (``x == x``, ``f(x) == f(x)``, ``x in [x]``, ``assertEqual(a, a)``: ``tautology``),
and what ``truths`` proves (``isinstance(x, object)``, a lambda bound to a name, a private
Mock's attribute). Comparisons inside
``with pytest.raises(…)`` are what should raise, and are not reported.
"""

from __future__ import annotations

import ast
from typing import Final

from mergeready.checks.testing.objects import Kind, named_object
from mergeready.checks.testing.quiet import generator, quiet_end
from mergeready.checks.testing.tautology import holds, same_arguments, self_compared
from mergeready.checks.testing.truths import COMPARE as _COMPARE
from mergeready.checks.testing.truths import Bindings, Function, dotted, fact, spelled

__all__ = ["Function", "dotted", "truth", "vacuous"]

_RAISES: Final = frozenset({"raises", "warns", "assertRaises", "assertWarns", "deprecated_call"})


def _truthy_literal(node: ast.expr) -> bool:
    return truth(node) is True


_ASSERT_COMPARE: Final = {
    "assertEqual": _COMPARE[ast.Eq],
    "assertEquals": _COMPARE[ast.Eq],
    "assertNotEqual": _COMPARE[ast.NotEq],
    "assertIn": _COMPARE[ast.In],
    "assertNotIn": _COMPARE[ast.NotIn],
    "assertLess": _COMPARE[ast.Lt],
    "assertLessEqual": _COMPARE[ast.LtE],
    "assertGreater": _COMPARE[ast.Gt],
    "assertGreaterEqual": _COMPARE[ast.GtE],
    "assert_equal": _COMPARE[ast.Eq],
    "assert_array_equal": _COMPARE[ast.Eq],
    "assert_allclose": _COMPARE[ast.Eq],
}
_MAX_LITERAL: Final = 2_000  # characters of a literal folded by value


def truth(node: ast.expr, depth: int = 0) -> bool | None:
    """Say whether an expression is always true or always false, whatever the code does.

    Constants (``...`` included), non-empty displays, lambdas and generator expressions (always
    true objects), ``not``, ``-1``, ``x or True``, ``True if c else 1`` and comparisons of
    literals (``1 == 1``, ``'a' in 'abc'``) are folded; anything that reads a name or calls
    code is not.

    Args:
        node: The expression.
        depth: How deep the fold already is (bounded).

    Returns:
        True or False when the value's truth is fixed, None when it depends on the code.
    """
    if depth > 50:
        return None
    proven = fact(node)
    if proven is not None:
        return proven
    shown = _display(node)
    if shown is not _UNKNOWN:
        return shown  # type: ignore[return-value]
    if isinstance(node, ast.UnaryOp):
        inner = truth(node.operand, depth + 1)
        if isinstance(node.op, ast.Not):
            return None if inner is None else not inner
        return _fixed(_literal(node))
    return _combined(node, depth)


def _display(node: ast.expr) -> bool | None | object:
    """The truth of a constant, display, lambda or generator; ``_UNKNOWN`` for anything else."""
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, (ast.Lambda, ast.GeneratorExp)):
        return True  # a function or a generator object is always true
    if isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
        items = node.keys if isinstance(node, ast.Dict) else node.elts
        return bool(items) or (None if isinstance(node, ast.Set) else False)  # set() is a call
    if isinstance(node, ast.JoinedStr):
        return _fstring(node)
    return _UNKNOWN


def _fstring(node: ast.JoinedStr) -> bool | None:
    return True if any(isinstance(v, ast.Constant) and v.value for v in node.values) else None


def _fixed(value: object) -> bool | None:
    return None if value is _UNKNOWN else bool(value)


def _combined(node: ast.expr, depth: int) -> bool | None:
    """The truth of ``and``/``or``, ``a if c else b`` and comparisons of literals."""
    if isinstance(node, ast.BoolOp):
        return _either(node, depth)
    if isinstance(node, ast.IfExp):
        a, b = truth(node.body, depth + 1), truth(node.orelse, depth + 1)
        return a if a is not None and a == b else None
    if isinstance(node, ast.Compare):
        return _fixed(_literal(node))
    return None


def _either(node: ast.BoolOp, depth: int) -> bool | None:
    parts = [truth(v, depth + 1) for v in node.values]
    decides = isinstance(node.op, ast.Or)  # `x or True` is true, `x and False` false
    if any(p is decides for p in parts):
        return decides
    return (not decides) if all(p is (not decides) for p in parts) else None


_UNKNOWN: Final = object()


def _literal(node: ast.expr) -> object:
    """The value of an expression made of literals only (``-1``, ``1 == 1``), else ``_UNKNOWN``."""
    if isinstance(node, ast.Compare):
        return _compared(node)
    if sum(1 for _ in ast.walk(node)) > 200:
        return _UNKNOWN
    try:
        if len(spelled(node)) > _MAX_LITERAL:
            return _UNKNOWN
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _UNKNOWN


def _compared(node: ast.Compare) -> object:
    left = _literal(node.left)
    for op, right_node in zip(node.ops, node.comparators):
        right = _literal(right_node)
        compare = _COMPARE.get(type(op))
        if left is _UNKNOWN or right is _UNKNOWN or compare is None:
            return _UNKNOWN
        try:
            if not compare(left, right):
                return False
        except TypeError:
            return _UNKNOWN
        left = right
    return True


def vacuous(fn: Function, module: Kind | None = None) -> list[tuple[ast.AST, str, bool]]:
    """Find the statements of a test that look like checks but can never fail.

    Args:
        fn: The test function.
        module: What always-true object a name of the test's module stands for
            (``objects.objects``), when known.

    Returns:
        Each such node, a message saying why it always passes, and whether that is certain
        (every rule here is; a caller may still warn where it is not).
    """
    out: list[tuple[ast.AST, str, bool]] = []
    if generator(fn):
        why = "a generator test: pytest never runs its body (xfail, or an error since 8.4)"
        return [(fn, why, True)]
    candidates = [n for n in ast.walk(fn) if isinstance(n, (ast.Assert, ast.Expr))]
    if not candidates:
        return out
    expected_to_raise = _inside_raises(fn)
    out += _raises_itself(fn)
    names = Bindings(fn)
    for node in candidates:
        if id(node) in expected_to_raise:
            continue  # `with pytest.raises(E): a == b` — the comparison is what should raise
        found = _vacuous_statement(node, names, module)
        if found is not None:
            out.append((node, *found))
    return out


def _vacuous_statement(
    node: ast.stmt, names: Bindings, module: Kind | None
) -> tuple[str, bool] | None:
    """Why an ``assert`` or an expression statement can never fail, or None."""
    if isinstance(node, ast.Assert):
        return _assert_statement(node, names, module)
    value = node.value if isinstance(node, ast.Expr) else None
    if isinstance(value, ast.Compare):
        return (
            f"the comparison `{_short(value)}` is computed and thrown away (B015); "
            "did you mean `assert …`?",
            True,
        )
    return _vacuous_call(value, names) if isinstance(value, ast.Call) else None


def _assert_statement(
    node: ast.Assert, names: Bindings, module: Kind | None
) -> tuple[str, bool] | None:
    """Why an ``assert`` can never fail: its message skips, its test is vacuous or an object."""
    quiet = quiet_end(node.msg) if node.msg is not None else ""
    if quiet:
        return f"its message calls {quiet}: a failure becomes a skip or a pass", True
    found = _vacuous_assert(node.test, names)
    named = named_object(node.test, names, module) if module and not found else ""
    return found or (
        (f"`assert {_short(node.test)}` always passes: {named}", True) if named else None
    )


def _vacuous_assert(test: ast.expr, names: Bindings) -> tuple[str, bool] | None:
    if isinstance(test, ast.Tuple) and test.elts:
        return (
            "asserts a non-empty tuple, which is always true; write "
            '`assert cond, "message"` without the parentheses',
            True,
        )
    if _truthy_literal(test):
        return f"`assert {_short(test)}` always passes", True
    if _reads_nothing(test):
        return (
            f"`assert {_short(test)}` reads nothing from the project or the test (only "
            "literals and Python's builtins): its result is fixed whatever the code does",
            True,
        )
    fixed = _fixed_operand(test)
    if fixed:
        return fixed, True
    bound = names.always_true(test)
    if bound:
        return f"`assert {_short(test)}` always passes: {bound}", True
    if self_compared(test, names, truth):
        return (
            f"`assert {_short(test)}` compares a value with itself (the same expression on "
            "both sides, its own negation, a new object or an unbounded number): it tests "
            "nothing the change does (to test __eq__, compare with an equal copy)",
            True,
        )
    return None


def _fixed_operand(test: ast.expr) -> str:
    """``x == 0 or len([]) == 0``: an operand of ``or`` whose value is fixed (why, or "")."""
    if not (isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or)):
        return ""
    fixed = next((v for v in test.values if _reads_nothing(v)), None)
    if fixed is None:
        return ""
    return (
        f"`assert {_short(test)}` has an operand fixed whatever the code does "
        f"(`{_short(fixed)}`): the assertion always passes or is only the rest"
    )


# Builtins whose result depends only on their arguments: an assertion made of these and
# literals tests Python, not the project (``assert sorted([2, 1]) == [1, 2]``).
_PURE_BUILTINS: Final = frozenset(
    "abs all any ascii bin bool bytes chr complex dict divmod float format frozenset hex int "
    "isinstance issubclass len list max min oct ord pow range repr reversed round set slice "
    "sorted str sum tuple type zip None True False Ellipsis object".split()
)


def _reads_nothing(test: ast.expr) -> bool:
    """Whether an expression is made of literals, pure builtins and methods of literals only.

    A name other than a pure builtin (the code under test, a variable, a module), a walrus, an
    ``await`` or a ``yield`` reads or does something the test controls: not fixed.
    """
    nodes = list(ast.walk(test))
    acting = (ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom, ast.Lambda, ast.comprehension)
    if any(isinstance(n, acting) for n in nodes):
        return False
    return all(n.id in _PURE_BUILTINS for n in nodes if isinstance(n, ast.Name))


def _unittests(call: ast.Call) -> bool:
    """Whether an ``assert_``-style call is unittest's: on ``self``/``cls``, or a bare name.

    Other objects' ``assert_`` mean their own thing (alembic's ``context.assert_(*sql)``
    compares the SQL it emitted).
    """
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "assert_":
        return isinstance(func.value, ast.Name) and func.value.id in ("self", "cls")
    return True


def _vacuous_call(call: ast.Call, names: Bindings) -> tuple[str, bool] | None:
    name = dotted(call.func).rsplit(".", 1)[-1]
    wanted = 0 if name == "deprecated_call" else 1  # more arguments: the call form
    if name in _RAISES and len(call.args) <= wanted and not call.keywords:
        return f"`{_short(call)}` outside a `with` block checks nothing", True
    if name in ("assertTrue", "assert_", "assertIsNotNone") and call.args and _unittests(call):
        found = _vacuous_assert(call.args[0], names)  # the same rule as a bare `assert`
        if found is not None:
            bare = f"`assert {_short(call.args[0])}` always passes"
            return f"`{_short(call)}` always passes{found[0].removeprefix(bare)}", found[1]
    if name == "assertFalse" and call.args and holds(call.args[0], names, truth) is False:
        return f"`{_short(call)}` always passes", True
    if _unittests(call) and _fixed_unittest(name, call.args, names):
        return f"`{_short(call)}` always passes", True  # attack 5's F13
    compare = _ASSERT_COMPARE.get(name)
    if compare is not None and len(call.args) >= 2:
        first, second = _literal(call.args[0]), _literal(call.args[1])
        try:
            fixed = first is not _UNKNOWN and second is not _UNKNOWN and compare(first, second)
        except TypeError:
            fixed = False
        if fixed:
            return f"`{_short(call)}` compares literals: it always passes", True
    mock = call.func.value if isinstance(call.func, ast.Attribute) else None
    if name.startswith("assert_") and isinstance(mock, ast.Name) and names.private_mock(mock):
        return (
            f"`{_short(call)}` checks a Mock only the test itself calls: it tests the test, "
            "not the code (hand the Mock to the code under test)",
            True,
        )
    if same_arguments(call, name, names):
        return (
            f"`{_short(call)}` compares a value with itself (the same expression twice, or a "
            "new object): it tests nothing the change does",
            True,
        )
    return None


def _fixed_unittest(name: str, args: list[ast.expr], names: Bindings) -> bool:
    """``assertIsInstance(x, object)`` (read as ``isinstance``), ``assertIsNotNone`` of what is
    never None (a comparison, a ``not``, a display, an f-string, a lambda)."""
    if name == "assertIsInstance" and len(args) >= 2:
        as_call = ast.Call(func=ast.Name("isinstance", ast.Load()), args=args[:2], keywords=[])
        return _vacuous_assert(as_call, names) is not None
    never = (ast.Compare, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.JoinedStr, ast.Lambda)
    if name != "assertIsNotNone" or not args:
        return False
    first = args[0]
    not_ = isinstance(first, ast.UnaryOp) and isinstance(first.op, ast.Not)
    return (
        isinstance(first, never)
        or not_
        or (isinstance(first, ast.Constant) and first.value is not None)
    )


def _raises_itself(fn: Function) -> list[tuple[ast.AST, str, bool]]:
    """``with pytest.raises(BaseException): …; raise X``: a block that ends in its own ``raise``
    under a context that catches any exception can never fail (attack 5's F13)."""
    out: list[tuple[ast.AST, str, bool]] = []
    for node in ast.walk(fn):
        if not isinstance(node, (ast.With, ast.AsyncWith)) or not isinstance(
            node.body[-1], ast.Raise
        ):
            continue
        for call in (i.context_expr for i in node.items):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            name = dotted(call.func).rsplit(".", 1)[-1]
            if name in _RAISES and dotted(call.args[0]) in ("BaseException", "Exception"):
                why = f"`{_short(call)}` around a block that ends in its own `raise` always passes"
                out.append((node, why, True))
    return out


def _inside_raises(fn: Function) -> set[int]:
    """The statements inside ``with pytest.raises(…)``/``self.assertRaises(…)`` blocks."""
    inside: set[int] = set()
    for node in ast.walk(fn):
        if id(node) in inside or not isinstance(node, (ast.With, ast.AsyncWith)):
            continue
        if any(
            isinstance(item.context_expr, ast.Call)
            and dotted(item.context_expr.func)
            .rsplit(".", 1)[-1]
            .startswith(("raises", "warns", "deprecated_call", "assertRaises", "assertWarns"))
            for item in node.items
        ):
            inside.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return inside


def _short(node: ast.AST) -> str:
    text = spelled(node) or f"<{type(node).__name__} too deep to show>"
    return text if len(text) <= 60 else text[:57] + "..."
