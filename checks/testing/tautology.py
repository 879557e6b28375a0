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

from mergeready.checks.testing.always import (
    as_truth,
    new_or_ellipsis,
    object_call,
    ordered,
    subset_call,
)
from mergeready.checks.testing.boundless import anything, boundless, displayed, infinity, loose
from mergeready.checks.testing.truths import Bindings, dotted, small

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
        against = _against_bool(node, names, leaf, depth)
        return against if against is not None else _chain(node, names)
    if isinstance(node, ast.Call):
        return _call(node, names, leaf, depth)
    if isinstance(node, ast.IfExp):
        return _either_branch(node, names, leaf, depth)
    return leaf(node)


def _either_branch(node: ast.IfExp, names: Bindings, leaf: Leaf, depth: int) -> bool | None:
    """``a if c else b``: the branch a fixed ``c`` takes, or the truth both branches share."""
    test = holds(node.test, names, leaf, depth + 1)
    if test is not None:
        return holds(node.body if test else node.orelse, names, leaf, depth + 1)
    body, orelse = (holds(b, names, leaf, depth + 1) for b in (node.body, node.orelse))
    return body if body is not None and body == orelse else None


def _call(node: ast.Call, names: Bindings, leaf: Leaf, depth: int) -> bool | None:
    """``np.allclose(a, a)`` is true; ``bool(E)`` is as true as ``E``."""
    if _same_call(node, names) or subset_call(node, lambda n: key(n, names)):
        return True
    if object_call(node, names):
        return True
    if dotted(node.func) == "bool" and len(node.args) == 1:
        return holds(node.args[0], names, leaf, depth + 1)
    shown = displayed(node, lambda item: holds(item, names, leaf, depth + 1))
    return shown if shown is not None else leaf(node)


def _against_bool(node: ast.Compare, names: Bindings, leaf: Leaf, depth: int) -> bool | None:
    """``E is True``, ``E == False``: fixed when ``E`` is."""
    if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.Is, ast.NotEq, ast.IsNot)):
        return None
    left, right = node.left, node.comparators[0]
    flag, other = (right, left) if isinstance(right, ast.Constant) else (left, right)
    if not (isinstance(flag, ast.Constant) and isinstance(flag.value, bool)):
        return None
    inner = holds(other, names, leaf, depth + 1)
    if inner is None:
        return None
    return (inner is flag.value) is isinstance(node.ops[0], (ast.Eq, ast.Is))


def _either(node: ast.BoolOp, names: Bindings, leaf: Leaf, depth: int) -> bool | None:
    parts = [holds(v, names, leaf, depth + 1) for v in node.values]
    decides = isinstance(node.op, ast.Or)  # one true part makes `or` true, one false `and` false
    if any(p is decides for p in parts) or (decides and _complementary(node.values, names)):
        return decides
    return (not decides) if all(p is (not decides) for p in parts) else None


def _complementary(values: list[ast.expr], names: Bindings) -> bool:
    """``P or not P``: a part and its negation (``not P``, or the comparison's opposite)."""
    values = [as_truth(v) for v in values]
    seen = {key(v, names) for v in values}
    negations = (as_truth(n) for n in map(_negated, values) if n)
    return any(key(negation, names) in seen for negation in negations)


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
    everything = _everything(left, op, right)
    if everything is not None:
        return everything
    if key(left, names) == key(right, names) and not isinstance(op, (ast.In, ast.NotIn)):
        return isinstance(op, _REFLEXIVE) if isinstance(op, _REFLEXIVE + _IRREFLEXIVE) else None
    if isinstance(op, (ast.In, ast.NotIn)):
        listed = _listed(right)
        wanted = key(left, names)
        if any(key(item, names) == wanted for item in listed):
            return isinstance(op, ast.In)
        return None
    fresh = _fresh(left, op) or _fresh(right, op)
    return fresh if fresh is not None else _by_order(left, op, right, names)


def _everything(left: ast.expr, op: ast.cmpop, right: ast.expr) -> bool | None:
    """``mock.ANY``, ``approx(x, abs=inf)``: equal to everything."""
    if isinstance(op, (ast.Eq, ast.NotEq)) and any(anything(v) or loose(v) for v in (left, right)):
        return isinstance(op, ast.Eq)
    return None


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
    if isinstance(op, (ast.Is, ast.IsNot)) and (plain or new_or_ellipsis(side)):
        return isinstance(op, ast.IsNot)
    if isinstance(op, (ast.Eq, ast.NotEq)) and plain:
        return isinstance(op, ast.NotEq)
    return None


def _by_order(left: ast.expr, op: ast.cmpop, right: ast.expr, names: Bindings) -> bool | None:
    """``min(S) <= max(S)``, ``{a} <= {a, b}`` (``always``), ``x >= -inf``."""
    return ordered(left, op, right, lambda n: key(n, names)) or _unbounded(left, op, right)


def _unbounded(left: ast.expr, op: ast.cmpop, right: ast.expr) -> bool | None:
    """``x >= -inf``, ``x <= inf`` (and mirrored): true of every number (NaN aside)."""
    if isinstance(op, ast.GtE) and (infinity(right) == -1 or infinity(left) == 1):
        return True
    if isinstance(op, ast.LtE) and (infinity(right) == 1 or infinity(left) == -1):
        return True
    return None


def _same_call(call: ast.Call, names: Bindings) -> bool:
    """``math.isclose(a, a)``, ``np.array_equal(a, a)``, ``operator.eq(a, a)``: a predicate of
    sameness asked of one value twice."""
    last = dotted(call.func).rsplit(".", 1)[-1].lower()
    sameness = last.endswith(("close", "equal", "equals", "equiv")) or last in ("eq", "is_")
    if not sameness or "not" in last or len(call.args) < 2:
        return False
    if boundless(call):
        return True  # isclose(a, b, abs_tol=inf)
    return key(call.args[0], names) == key(call.args[1], names)


def same_arguments(call: ast.Call, name: str, names: Bindings) -> bool:
    """Tell whether an assertion method's first two arguments make it pass by their syntax.

    ``assertEqual(a, a)``, ``assertCountEqual(a, a)``, ``assert_allclose(a, a)`` (any method
    whose name asserts equality or closeness), ``assertIs(a, a)``, ``assertIn(a, [a])``,
    ``assertNotEqual(a, object())``, ``assertIsNot(a, [])``; a fluent chain whose subject is the
    expected value (``assert_that(a).is_equal_to(a)``).

    Args:
        call: The call.
        name: Its method's name (``assertEqual``).
        names: The test's single bindings.

    Returns:
        True when it always passes.
    """
    args = _compared_arguments(call)
    op = _method_op(name)
    if op is ast.Eq and len(args) == 2 and boundless(call):
        return True  # assertAlmostEqual(x, 0, delta=1e308), assert_allclose(x, y, atol=inf)
    return op is not None and len(args) == 2 and pair(args[0], op(), args[1], names) is True


def _compared_arguments(call: ast.Call) -> list[ast.expr]:
    """The two values an assertion method compares: its first two arguments, or a fluent
    chain's subject and argument (``assert_that(a).is_equal_to(b)``)."""
    subject = call.func.value if isinstance(call.func, ast.Attribute) else None
    if len(call.args) == 1 and isinstance(subject, ast.Call) and len(subject.args) == 1:
        return [subject.args[0], call.args[0]]
    return call.args[:2]


def _method_op(name: str) -> type[ast.cmpop] | None:
    """What an assertion method asserts of its two values, by its name."""
    op = _METHODS.get(name)
    lower = name.lower()
    if op is None and "not" in lower:
        return ast.NotEq if "equal" in lower else None
    if op is None and any(w in lower for w in ("equal", "close", "approx")):
        return ast.Eq
    return op


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
        The dump of its normal form (positions left out); a side too large or too deep to
        copy is written out as it is spelled.
    """
    if not small(node, _MOST):
        return _fingerprint(node)
    return ast.dump(_Normal(names).visit(copy.deepcopy(node)))


def _fingerprint(node: ast.AST) -> str:
    """The tree of a large or deep side written out without recursion (no spelling made one)."""
    out: list[str] = []
    stack: list[object] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, ast.AST):
            out.append(type(item).__name__)
            stack += reversed([value for _, value in ast.iter_fields(item)])
        elif isinstance(item, list):
            out.append(f"[{len(item)}")
            stack += reversed(item)
        else:
            out.append(repr(item)[:1_000])
    return " ".join(out)
