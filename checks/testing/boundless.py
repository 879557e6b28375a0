"""Values and tolerances that make a check pass whatever the code gives (issue 22, attack 4).

``mock.ANY`` equals everything; ``approx(0, abs=float("inf"))``, ``assertAlmostEqual(x, 0,
delta=1e308)``, ``assert_allclose(x, y, atol=np.inf)`` and ``isclose(…, abs_tol=inf)`` accept
every number (a tolerance that is infinite or at least 1e300); ``any([True, …])`` is true,
``all([…])`` true when every item is; ``repr(x)`` and ``str`` of a comparison are never empty.
``tautology`` asks these of each side of a comparison and of each assertion method.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Final

from mergeready.checks.testing.truths import dotted

_ANY: Final = frozenset({"ANY", "mock.ANY", "unittest.mock.ANY"})
_TOLERANCES: Final = frozenset({"abs", "rel", "delta", "atol", "rtol", "abs_tol", "rel_tol"})


def anything(side: ast.expr) -> bool:
    """Tell whether a value compares equal to everything (``mock.ANY``).

    Args:
        side: One side of a comparison.

    Returns:
        True for ``ANY`` of ``unittest.mock``.
    """
    return dotted(side) in _ANY


def boundless(call: ast.Call) -> bool:
    """Tell whether a closeness check is given a tolerance no difference exceeds.

    Args:
        call: ``approx(…)``, ``assertAlmostEqual(…)``, ``assert_allclose(…)``, ``isclose(…)``.

    Returns:
        True when a tolerance keyword is infinite or at least 1e300.
    """
    for k in call.keywords:
        if k.arg not in _TOLERANCES:
            continue
        value = k.value.value if isinstance(k.value, ast.Constant) else None
        big = (
            isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 1e300
        )
        if big or infinity(k.value):
            return True
    return False


def loose(side: ast.expr) -> bool:
    """Tell whether a side equals every number: ``approx(…)`` with a boundless tolerance.

    Args:
        side: One side of a comparison.

    Returns:
        True for such an ``approx``.
    """
    is_approx = isinstance(side, ast.Call) and dotted(side.func).rsplit(".", 1)[-1] == "approx"
    return is_approx and boundless(side)  # type: ignore[arg-type]


def displayed(call: ast.Call, holds: Callable[[ast.expr], bool | None]) -> bool | None:
    """Tell the truth of a call that displays or folds its arguments, where the syntax fixes it.

    ``any([True, x])`` is true, ``all([x, y])`` as true as every item; ``repr(x)`` and
    ``str(a == b)`` are never empty.

    Args:
        call: The call.
        holds: The truth of an item.

    Returns:
        True or False when fixed, None otherwise.
    """
    name = dotted(call.func)
    arg = call.args[0] if len(call.args) == 1 and not call.keywords else None
    if arg is None:
        return None
    if name in ("repr", "ascii") or (name == "str" and isinstance(arg, (ast.Compare, ast.BoolOp))):
        return True
    return _any_all(name, arg, holds)


def _any_all(name: str, arg: ast.expr, holds: Callable[[ast.expr], bool | None]) -> bool | None:
    items = arg.elts if isinstance(arg, (ast.List, ast.Tuple, ast.Set)) else []
    if name not in ("any", "all") or any(isinstance(i, ast.Starred) for i in items):
        return None
    if not isinstance(arg, (ast.List, ast.Tuple, ast.Set)):
        return None
    truths = [holds(i) for i in items]
    wanted = any if name == "any" else all
    return True if wanted(t is True for t in truths) else None


def infinity(node: ast.expr) -> int:
    """Say whether an expression is ``inf`` or its negation.

    Args:
        node: The expression.

    Returns:
        1 for ``inf`` (``float("inf")``, ``math.inf``, ``np.inf``), -1 for ``-inf``, else 0.
    """
    sign = 1
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -1 if isinstance(node.op, ast.USub) else 1
        node = node.operand
    if isinstance(node, ast.Attribute) and node.attr in ("inf", "Inf", "infty", "Infinity"):
        return sign
    return sign * _spelled(node)


def _spelled(node: ast.expr) -> int:
    """``float("inf")``: 1; ``float("-infinity")``: -1; else 0."""
    if not (isinstance(node, ast.Call) and dotted(node.func) == "float" and len(node.args) == 1):
        return 0
    text = node.args[0].value if isinstance(node.args[0], ast.Constant) else None
    word = text.strip().lower() if isinstance(text, str) else ""
    if word.lstrip("+-") not in ("inf", "infinity"):
        return 0
    return -1 if word.startswith("-") else 1
