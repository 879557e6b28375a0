"""Tests that do not run: skipped or expected to fail unconditionally.

``@pytest.mark.skip``, ``@unittest.skip``, ``xfail`` without a condition, ``skipif(True)``,
``skipUnless(False)``, ``expectedFailure``, a module's ``pytestmark``, on the test or its class,
or ``pytest.skip()``/``self.skipTest()``/``raise SkipTest`` as the first statement.
"""

from __future__ import annotations

import ast

from mergeready.checks.testing.collection import TestDef
from mergeready.checks.testing.vacuous import dotted


def skip_reason(d: TestDef, tree: ast.Module) -> str:
    """Say why a test does not run, if it is skipped or xfailed unconditionally.

    Args:
        d: The test.
        tree: Its module (for ``pytestmark``).

    Returns:
        The reason, or an empty string when it runs.
    """
    nodes = [d.node] + ([d.owner] if d.owner else [])
    for node in nodes:
        for dec in node.decorator_list:
            reason = _skip_decorator(dec)
            if reason:
                return reason
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets
        ):
            marks = (
                stmt.value.elts if isinstance(stmt.value, (ast.List, ast.Tuple)) else [stmt.value]
            )
            for mark in marks:
                reason = _skip_decorator(mark)
                if reason:
                    return f"{reason} (pytestmark)"
    body = [s for s in d.node.body if not _is_docstring(s)]
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Call):
        name = dotted(first.value.func)
        if name in ("pytest.skip", "skip", "self.skipTest", "pytest.xfail"):
            return f"it calls {name}() first"
    if (
        isinstance(first, ast.Raise)
        and first.exc is not None
        and "SkipTest" in ast.unparse(first.exc)
    ):
        return "it raises SkipTest first"
    return ""


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def _skip_decorator(dec: ast.expr) -> str:
    call = dec if isinstance(dec, ast.Call) else None
    name = dotted(call.func if call else dec).rsplit(".", 1)[-1]
    args = call.args if call else []
    condition = args[0] if args else None
    if call is not None and condition is None:
        condition = next((k.value for k in call.keywords if k.arg == "condition"), None)
    if name in ("skip", "expectedFailure"):
        return "it is marked skip" if name == "skip" else "it is marked expectedFailure"
    if name == "xfail" and (condition is None or _constant(condition, True)):
        return "it is marked xfail unconditionally"
    if name in ("skipif", "skipIf") and condition is not None and _constant(condition, True):
        return f"it is marked {name} with an always-true condition"
    if name == "skipUnless" and condition is not None and _constant(condition, False):
        return "it is marked skipUnless with an always-false condition"
    return ""


def _constant(node: ast.expr, truth: bool) -> bool:
    return (
        isinstance(node, ast.Constant)
        and not isinstance(node.value, str)
        and (bool(node.value) is truth)
    )
