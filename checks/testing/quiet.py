"""Tests whose failure never reaches pytest as a failure (attack 6, F5).

``assert x, pytest.skip("flaky")`` evaluates its message only when ``x`` is false, and the
message skips the test (or ``xfail``s it, or ends the run with ``sys.exit(0)``): the failure
the assertion was for becomes a skip or a pass. A generator test (``yield`` in its own body) is
never run: pytest 4–8.3 marks it ``xfail(run=False)``, pytest 8.4 reports a collection error.
"""

from __future__ import annotations

import ast
from typing import Final

from mergeready.checks.testing.truths import Function, dotted

# Calls that end a test as skipped, expected to fail, or with the whole run's success.
_QUIET_ENDS: Final = frozenset(
    {"skip", "xfail", "importorskip", "skipTest", "SkipTest", "exit", "_exit", "quit", "abort"}
)


def generator(fn: Function) -> bool:
    """Tell whether a function's own body yields (not a nested function's or lambda's).

    Args:
        fn: The function.

    Returns:
        True for a generator (or async generator) function.
    """
    todo: list[ast.AST] = list(fn.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            return True
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo += ast.iter_child_nodes(node)
    return False


def quiet_end(msg: ast.expr) -> str:
    """Name a call in an assertion's message that ends the test without failing it.

    Args:
        msg: The assertion's message (evaluated only when the assertion fails).

    Returns:
        The call as written (`` `pytest.skip()` ``), or "".
    """
    for node in ast.walk(msg):
        name = dotted(node.func) if isinstance(node, ast.Call) else ""
        if name.rsplit(".", 1)[-1] in _QUIET_ENDS:
            return f"`{name}()`"
    return ""
