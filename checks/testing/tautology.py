"""Assertions whose truth the syntax proves: the same expression on both sides (issue 22, F1).

One rule behind the spellings of attack 3 (scripts 02 and 38): a check that compares an
expression with itself — ``f(x) == f(x)``, ``x is x``, ``type(x) is type(x)``, ``not (x !=
x)``, ``x in [x]``, ``str(x) == f"{x}"``, ``x == pytest.approx(x)``, ``assertEqual(a, a)``,
``np.allclose(a, a)`` — compares the code with itself, not with what it should give, so it
tests nothing about a change. Sides are the same when their syntax trees are (``ast.dump``,
positions left out), after the spellings of one value are made one: a name bound once to
another name reads as that name, ``f"{x}"``/``format(x)``/``"{}".format(x)``/``"%s" % x`` as
``str(x)``, ``f"{x!r}"`` as ``repr(x)``, ``approx(x)`` as ``x``. Calls are included: a
nondeterministic ``f() == f()`` can fail, but not because the fix is wrong, so it is no
evidence either (SECURITY.md). ``P or not P`` (a comparison and its negation: ``==``/``!=``,
``is``/``is not``, ``in``/``not in``) is always true. A fresh object (``object()``, a list,
dict or set display, a lambda) is never identical to anything, and ``object()`` equal to
nothing: ``x != object()``, ``x is not []`` always pass (``x == object()`` always fails: a
real, failing check, left alone). A number is never below ``-inf`` nor above ``inf``:
``x >= float("-inf")`` fails only for NaN or a non-number, as ``x == x`` does; both count as
fixed. ``x > float("-inf")`` can fail (``x`` may be ``-inf``) and counts.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable
from typing import Final

from mergeready.checks.testing.truths import Bindings, dotted

Leaf = Callable[[ast.expr], "bool | None"]

_MOST: Final = 2_000  # nodes of a side compared by its tree; larger sides are not
_REFLEXIVE: Final = (ast.Eq, ast.Is, ast.LtE, ast.GtE)  # true of a value and itself
_IRREFLEXIVE: Final = (ast.NotEq, ast.IsNot, ast.Lt, ast.Gt)  # false of a value and itself
# Each comparison and its exact negation (``<`` and ``>=`` are not: NaN makes both false).
_NEGATION: Final = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_FRESH: Final = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp, ast.Lambda)
# What each assertion method asserts of its first two arguments.
_METHODS: Final = {
    "assertIn": ast.In,
    "assertNotIn": ast.NotIn,
    "assertIs": ast.Is,
    "assertIsNot": ast.IsNot,
    "assertGreaterEqual": ast.GtE,
    "assertLessEqual": ast.LtE,
    "assertGreater": ast.Gt,
    "assertLess": ast.Lt,
}


def self_compared(test: ast.expr, names: Bindings, leaf: Leaf) -> bool:
    """Tell whether an asserted expression is true by its syntax alone.

    Args:
        test: The asserted expression.
        names: The names the test binds once (``y = x`` makes ``y`` read ``x``).
        leaf: The truth of any other expression (``vacuous.truth``).

    Returns:
        True when it is always true (always false is a real, failing check: False).
    """
    return holds(test, names, leaf) is True


def holds(node: ast.expr, names: Bindings, leaf: Leaf, depth: int = 0) -> bool | None:
    """Say whether an expression is always true or always false by its syntax.

    Args:
        node: The expression.
        names: The test's single bindings.
        leaf: The truth of an expression this rule does not read.
        depth: How deep the walk already is (bounded).

    Returns:
        True or False when fixed, None otherwise.
    """
    if depth > 50:
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = holds(node.operand, names, leaf, depth + 1)
        return None if inner is None else not inner
    if isinstance(node, ast.BoolOp):
        return _either(node, names, leaf, depth)
    if isinstance(node, ast.Compare):
        return _chain(node, names)
    if isinstance(node, ast.Call) and _same_call(node, names):
        return True
    return leaf(node)


def _either(node: ast.BoolOp, names: Bindings, leaf: Leaf, depth: int) -> bool | None:
    parts = [holds(v, names, leaf, depth + 1) for v in node.values]
    decides = isinstance(node.op, ast.Or)  # one true part makes `or` true, one false `and` false
    if any(p is decides for p in parts) or (decides and _complementary(node.values, names)):
        return decides
    return (not decides) if all(p is (not decides) for p in parts) else None


def _complementary(values: list[ast.expr], names: Bindings) -> bool:
    """``P or not P``: a part and its negation (``not P``, or the comparison's opposite)."""
    seen = {key(v, names) for v in values}
    return any(key(negation, names) in seen for negation in map(_negated, values) if negation)


def _negated(node: ast.expr) -> ast.expr | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return node.operand
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _NEGATION:
        return ast.Compare(node.left, [_NEGATION[type(node.ops[0])]()], node.comparators)
    return ast.UnaryOp(ast.Not(), node)


def _chain(node: ast.Compare, names: Bindings) -> bool | None:
    """A comparison chain: true when every link is, false when one is."""
    left, links = node.left, []
    for op, right in zip(node.ops, node.comparators):
        links.append(pair(left, op, right, names))
        left = right
    if any(link is False for link in links):
        return False
    return True if all(link is True for link in links) else None


def pair(left: ast.expr, op: ast.cmpop, right: ast.expr, names: Bindings) -> bool | None:
    """Say whether ``left <op> right`` is fixed by its syntax.

    Args:
        left: The left side.
        op: The operator.
        right: The right side.
        names: The test's single bindings.

    Returns:
        True or False when fixed, None when it depends on the values.
    """
    if key(left, names) == key(right, names) and not isinstance(op, (ast.In, ast.NotIn)):
        return isinstance(op, _REFLEXIVE) if isinstance(op, _REFLEXIVE + _IRREFLEXIVE) else None
    if isinstance(op, (ast.In, ast.NotIn)):
        listed = _listed(right)
        wanted = key(left, names)
        if any(key(item, names) == wanted for item in listed):
            return isinstance(op, ast.In)
        return None
    fresh = _fresh(left, op) or _fresh(right, op)
    return fresh if fresh is not None else _unbounded(left, op, right)


def _listed(node: ast.expr) -> list[ast.expr]:
    """The items of a list, tuple or set display (a dict's keys) with no ``*`` among them."""
    items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
    if not isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)) or items is None:
        return []
    return [i for i in items if i is not None and not isinstance(i, ast.Starred)]


def _fresh(side: ast.expr, op: ast.cmpop) -> bool | None:
    """A side that is a new object: identical to nothing; ``object()`` also equal to nothing."""
    plain = (
        isinstance(side, ast.Call)
        and not side.args
        and not side.keywords
        and dotted(side.func) in ("object", "builtins.object")
    )
    if isinstance(op, (ast.Is, ast.IsNot)) and (plain or isinstance(side, _FRESH)):
        return isinstance(op, ast.IsNot)
    if isinstance(op, (ast.Eq, ast.NotEq)) and plain:
        return isinstance(op, ast.NotEq)
    return None


def _unbounded(left: ast.expr, op: ast.cmpop, right: ast.expr) -> bool | None:
    """``x >= -inf``, ``x <= inf`` (and mirrored): true of every number (NaN aside)."""
    if isinstance(op, ast.GtE) and (_infinity(right) == -1 or _infinity(left) == 1):
        return True
    if isinstance(op, ast.LtE) and (_infinity(right) == 1 or _infinity(left) == -1):
        return True
    return None


def _infinity(node: ast.expr) -> int:
    """1 for ``inf`` (``float("inf")``, ``math.inf``, ``np.inf``), -1 for its negation, else 0."""
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


def _same_call(call: ast.Call, names: Bindings) -> bool:
    """``math.isclose(a, a)``, ``np.array_equal(a, a)``, ``operator.eq(a, a)``: a predicate of
    sameness asked of one value twice."""
    last = dotted(call.func).rsplit(".", 1)[-1].lower()
    sameness = last.endswith(("close", "equal", "equals", "equiv")) or last in ("eq", "is_")
    if not sameness or "not" in last or len(call.args) < 2:
        return False
    return key(call.args[0], names) == key(call.args[1], names)


def same_arguments(call: ast.Call, name: str, names: Bindings) -> bool:
    """Tell whether an assertion method's first two arguments make it pass by their syntax.

    ``assertEqual(a, a)``, ``assertCountEqual(a, a)``, ``assert_allclose(a, a)`` (any method
    whose name asserts equality or closeness), ``assertIs(a, a)``, ``assertIn(a, [a])``,
    ``assertNotEqual(a, object())``, ``assertIsNot(a, [])``.

    Args:
        call: The call.
        name: Its method's name (``assertEqual``).
        names: The test's single bindings.

    Returns:
        True when it always passes.
    """
    if len(call.args) < 2:
        return False
    op = _METHODS.get(name)
    lower = name.lower()
    if op is None and "not" in lower:
        op = ast.NotEq if "equal" in lower else None
    elif op is None and any(w in lower for w in ("equal", "close", "approx")):
        op = ast.Eq
    return op is not None and pair(call.args[0], op(), call.args[1], names) is True


class _Normal(ast.NodeTransformer):
    """One spelling per value: aliases, string conversions and ``approx``."""

    def __init__(self, names: Bindings) -> None:
        self.names = names

    def _visit(self, node: ast.AST) -> ast.AST:
        done: ast.AST = self.visit(node)
        return done

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.Name(self.names.canonical_name(node), ast.Load())

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        only = node.values[0] if len(node.values) == 1 else None
        if not isinstance(only, ast.FormattedValue) or only.format_spec is not None:
            return self.generic_visit(node)
        convert = {-1: "str", ord("s"): "str", ord("r"): "repr", ord("a"): "ascii"}
        return self._visit(_called(convert.get(only.conversion, "str"), only.value))

    def visit_Call(self, node: ast.Call) -> ast.AST:
        name = dotted(node.func)
        one = len(node.args) == 1 and not node.keywords
        if name.rsplit(".", 1)[-1] == "approx" and node.args:
            return self._visit(node.args[0])
        if one and (name == "format" or _braces(node.func)):
            return self._visit(_called("str", node.args[0]))
        return self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        text = node.left
        percent = isinstance(text, ast.Constant) and text.value == "%s"
        if isinstance(node.op, ast.Mod) and percent and not isinstance(node.right, ast.Tuple):
            return self._visit(_called("str", node.right))
        return self.generic_visit(node)


def _braces(func: ast.expr) -> bool:
    """``"{}".format``."""
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "format"
        and isinstance(func.value, ast.Constant)
        and func.value.value in ("{}", "{0}", "{!s}", "{0!s}")
    )


def _called(name: str, value: ast.expr) -> ast.Call:
    return ast.Call(ast.Name(name, ast.Load()), [value], [])


def key(node: ast.expr, names: Bindings) -> str:
    """Return one spelling of an expression, the same for every spelling of its value.

    Args:
        node: The expression.
        names: The test's single bindings.

    Returns:
        The dump of its normal form (positions left out); a unique text for a side too large.
    """
    if sum(1 for _ in ast.walk(node)) > _MOST:
        return f"<large {id(node)}>"
    return ast.dump(_Normal(names).visit(copy.deepcopy(node)))
