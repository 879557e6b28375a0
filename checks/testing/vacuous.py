"""Checks in a test that can never fail: ``assert True``, ``assert (x, "msg")``, ``a == b``.

A bare comparison statement (flake8-bugbear's B015), an assertion on a non-empty literal or a
tuple, ``pytest.raises(E)`` outside a ``with`` block, ``self.assertTrue(True)``; a value compared
with itself is reported as uncertain (a test of ``__eq__`` may mean it). Comparisons inside
``with pytest.raises(…)`` are what should raise, and are not reported.
"""

from __future__ import annotations

import ast
from typing import Final, Union

Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]

_RAISES: Final = frozenset({"raises", "warns", "assertRaises", "assertWarns", "deprecated_call"})


def dotted(node: ast.expr) -> str:
    """Return the dotted name a call targets (``np.testing.assert_allclose``), or ``""``.

    Args:
        node: The call's ``func``.

    Returns:
        The name; a call in the chain (``assert_that(x).is_equal_to``) keeps only what follows.
    """
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _truthy_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return bool(node.value) and node.value is not Ellipsis
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return bool(node.elts)
    if isinstance(node, ast.Dict):
        return bool(node.keys)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and v.value for v in node.values)
    return False


def _plain(node: ast.expr) -> bool:
    """True for names, attributes, subscripts and constants: no call can change the value."""
    return all(
        isinstance(n, (ast.Name, ast.Attribute, ast.Subscript, ast.Constant, ast.Load, ast.Slice))
        or isinstance(n, ast.expr_context)
        for n in ast.walk(node)
    )


def _self_compare(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], (ast.Eq, ast.Is, ast.LtE, ast.GtE))
        and _plain(node.left)
        and ast.dump(node.left) == ast.dump(node.comparators[0])
    )


def vacuous(fn: Function) -> list[tuple[ast.AST, str, bool]]:
    """Find the statements of a test that look like checks but can never fail.

    Args:
        fn: The test function.

    Returns:
        Each such node, a message saying why it always passes, and whether that is certain
        (False for a value compared with itself, which fails only when ``__eq__`` is broken —
        a test of ``__eq__`` may mean it).
    """
    out: list[tuple[ast.AST, str, bool]] = []
    candidates = [n for n in ast.walk(fn) if isinstance(n, (ast.Assert, ast.Expr))]
    if not candidates:
        return out
    expected_to_raise = _inside_raises(fn)
    for node in candidates:
        if id(node) in expected_to_raise:
            continue  # `with pytest.raises(E): a == b` — the comparison is what should raise
        found = None
        if isinstance(node, ast.Assert):
            found = _vacuous_assert(node.test)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Compare):
            found = (
                f"the comparison `{_short(node.value)}` is computed and thrown away (B015); "
                "did you mean `assert …`?",
                True,
            )
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            found = _vacuous_call(node.value)
        if found is not None:
            out.append((node, *found))
    return out


def _vacuous_assert(test: ast.expr) -> tuple[str, bool] | None:
    if isinstance(test, ast.Tuple) and test.elts:
        return (
            "asserts a non-empty tuple, which is always true; write "
            '`assert cond, "message"` without the parentheses',
            True,
        )
    if _truthy_literal(test):
        return f"`assert {_short(test)}` always passes", True
    if _self_compare(test):
        return (
            f"`assert {_short(test)}` compares a value with itself; it fails only if "
            "__eq__ is broken",
            False,
        )
    return None


def _vacuous_call(call: ast.Call) -> tuple[str, bool] | None:
    name = dotted(call.func).rsplit(".", 1)[-1]
    wanted = 0 if name == "deprecated_call" else 1  # more arguments: the call form
    if name in _RAISES and len(call.args) <= wanted and not call.keywords:
        return f"`{_short(call)}` outside a `with` block checks nothing", True
    if name in ("assertTrue", "assert_") and call.args and _truthy_literal(call.args[0]):
        return f"`{_short(call)}` always passes", True
    if name in ("assertEqual", "assertIs") and len(call.args) >= 2:
        first, second = call.args[0], call.args[1]
        if _plain(first) and ast.dump(first) == ast.dump(second):
            return (
                f"`{_short(call)}` compares a value with itself; it fails only if __eq__ is broken",
                False,
            )
    return None


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
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."
