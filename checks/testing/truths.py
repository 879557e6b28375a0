"""Facts the syntax proves about a test's expressions, whatever the code under test does.

One rule behind several spellings (issue 22): a value Python fixes — ``isinstance(x, object)``,
``len(x) >= 0``, ``tuple([a])``, an f-string holding a ``repr``, a Python 2 or unknown platform
(``sys.version_info < (3,)``), a name bound once to a lambda or a function, a ``Mock`` the test
made and handed to no one — is always true or false. ``vacuous.truth`` asks ``fact`` first;
``Bindings`` answers for the names a test binds once.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from typing import Any, Final, Union

from mergeready.checks.testing.platform_facts import always_true

Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]


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


def small(node: ast.AST, most: int = 2_000) -> bool:
    """Tell whether a tree can be copied, dumped or unparsed without recursing far.

    A contributed ``x + 1 + 1 …`` or ``a.b.c …`` parses into a tree hundreds of levels deep,
    which ``ast.unparse``, ``ast.dump`` and ``copy.deepcopy`` walk recursively (a
    ``RecursionError``); this walk is iterative.

    Args:
        node: The tree.
        most: The most nodes allowed.

    Returns:
        True for at most ``most`` nodes and 100 levels.
    """
    stack, count = [(node, 0)], 0
    while stack:
        here, depth = stack.pop()
        count += 1
        if count > most or depth > 100:
            return False
        stack += [(child, depth + 1) for child in ast.iter_child_nodes(here)]
    return True


def spelled(node: ast.AST) -> str:
    """Return ``ast.unparse`` of contributed code, or ``""`` when it is too large or too deep.

    Args:
        node: The tree.

    Returns:
        Its source text, or ``""``.
    """
    return ast.unparse(node) if small(node) else ""


# What each comparison operator computes (``vacuous`` folds literals with it too).
COMPARE: Final[dict[type[ast.cmpop], Callable[[Any, Any], Any]]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
# Every Python that can run the tests is a 3.x (sampled: 3.0 to 3.39).
_VERSIONS: Final = tuple((3, minor, 0, "final", 0) for minor in range(40))
# What ``sys.platform`` and ``os.name`` can be (a name, then digits: ``freebsd13``, ``sunos5``).
_PLATFORMS: Final = frozenset(
    "linux win32 cygwin msys darwin aix freebsd openbsd netbsd dragonfly sunos emscripten wasi "
    "ios android haiku hp-ux irix atheos riscos os2 os2emx gnu beos mac java plan9 vxworks cli "
    "zos qnx solaris unixware".split()
)
_OS_NAMES: Final = frozenset({"posix", "nt", "java", "ce", "os2", "riscos"})


def fact(node: ast.expr) -> bool | None:
    """Say whether Python itself fixes an expression's truth (no name of the project matters).

    Args:
        node: The expression.

    Returns:
        True or False when fixed, None otherwise.
    """
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        return _compare(node.left, node.ops[0], node.comparators[0])
    if isinstance(node, ast.Call):
        return _call(node)
    if isinstance(node, ast.JoinedStr):
        return True if any(_never_empty(v) for v in node.values) else None
    return _attribute(node) if isinstance(node, ast.Attribute) else None


def _attribute(node: ast.Attribute) -> bool | None:
    """``six.PY3``; ``os.sep``, ``sys.platform``, ``os.path``: never empty (``platform_facts``)."""
    name = dotted(node)
    if name in ("six.PY2", "six.PY3"):
        return node.attr == "PY3"
    return True if always_true(name, called=False) else None


def _never_empty(part: ast.expr) -> bool:
    """An f-string part that always writes something: text, a ``!r``/``!a``, a bool or number."""
    if isinstance(part, ast.Constant):
        return bool(part.value)
    if not isinstance(part, ast.FormattedValue) or part.format_spec is not None:
        return False
    return part.conversion in (ord("r"), ord("a")) or _shown(part.value)


def _shown(value: ast.expr) -> bool:
    """A value whose ``str`` is never empty: a comparison, a ``not``, a number, a bool."""
    if isinstance(value, ast.UnaryOp):
        return isinstance(value.op, ast.Not)
    if isinstance(value, ast.Constant):
        return isinstance(value.value, (int, float))
    if isinstance(value, ast.Call):  # the text of a call's result: ``f"{add(0, 1)}"`` (F2)
        return True
    return isinstance(value, ast.Compare)


def _call(node: ast.Call) -> bool | None:
    name = dotted(node.func)
    if always_true(name, called=True):
        return True  # ``platform.python_version()``
    if name in ("isinstance", "issubclass") and len(node.args) == 2:
        return _instance(name, node.args[0], node.args[1])
    if name in ("tuple", "list", "set", "frozenset", "bool") and len(node.args) == 1:
        return _filled(node.args[0])
    return None


def _instance(name: str, value: ast.expr, kinds: ast.expr) -> bool | None:
    """``isinstance(x, object)``; ``isinstance(f() == 1, bool)`` (attack 5's F13)."""
    listed = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
    if name == "isinstance" and _boolean(value) and "bool" in map(dotted, listed):
        return True
    return True if any(dotted(k) in ("object", "builtins.object") for k in listed) else None


def _boolean(node: ast.expr) -> bool:
    """A ``not`` or a comparison: a bool (decision: a rich ``==`` returning another type is
    no check the test meant); ``<``/``>`` are left alone."""
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, ast.Not)
    ops = (ast.Is, ast.IsNot, ast.In, ast.NotIn, ast.Eq, ast.NotEq)
    return isinstance(node, ast.Compare) and all(isinstance(o, ops) for o in node.ops)


def _filled(arg: ast.expr) -> bool | None:
    """True for a non-empty list, tuple or set display with no ``*`` in it."""
    if not isinstance(arg, (ast.List, ast.Tuple, ast.Set)):
        return None
    return bool(arg.elts) and not any(isinstance(e, ast.Starred) for e in arg.elts) or None


def _compare(left: ast.expr, op: ast.cmpop, right: ast.expr) -> bool | None:
    compare = COMPARE.get(type(op))
    if compare is None:
        return None
    for value, flipped in ((left, False), (right, True)):
        other = right if value is left else left
        try:
            literal = ast.literal_eval(other)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            continue
        outcomes = {_outcome(compare, got, literal, flipped) for got in _values(value)}
        if len(outcomes) == 1 and None not in outcomes:
            return outcomes.pop()
    return None


def _outcome(compare: Callable[[Any, Any], Any], got: Any, literal: Any, flip: bool) -> bool | None:
    try:
        return bool(compare(literal, got) if flip else compare(got, literal))
    except TypeError:
        return None


def _values(node: ast.expr) -> list[Any]:
    """Every value an expression can have on any Python 3 (empty when not a known fact)."""
    name = dotted(node)
    if name in ("sys.platform", "os.name"):
        return [_Platform(name == "os.name")]
    if isinstance(node, ast.Call) and dotted(node.func) == "len" and len(node.args) == 1:
        return [0, 1, 2**62]  # a length is never negative
    return _versions(node, name)


def _versions(node: ast.expr, name: str) -> list[Any]:
    """``sys.version_info``, its ``major``/``minor``, an index or a slice of it."""
    if name.endswith(("version_info.major", "version_info.minor")):
        index = 0 if name.endswith("major") else 1
        return [v[index] for v in _VERSIONS]
    if name in ("sys.version_info", "version_info"):
        return list(_VERSIONS)
    if not (isinstance(node, ast.Subscript) and dotted(node.value) == "sys.version_info"):
        return []
    try:
        return [v[_part(node.slice)] for v in _VERSIONS]
    except (ValueError, TypeError, SyntaxError, IndexError, AttributeError, MemoryError):
        return []


def _part(cut: ast.expr) -> Any:
    """``[0]`` or ``[:2]`` of ``sys.version_info``, as Python would take it."""
    if isinstance(cut, ast.Slice):
        return slice(None, ast.literal_eval(cut.upper) if cut.upper else None)
    return ast.literal_eval(cut)


class _Platform:
    """A stand-in for ``sys.platform``/``os.name``: equal only to a name it can really have."""

    def __init__(self, os_name: bool) -> None:
        self.os_name = os_name

    def possible(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        if self.os_name:
            return text in _OS_NAMES
        return text[:100].rstrip("0123456789.") in _PLATFORMS  # ``freebsd13`` is ``freebsd``

    def __eq__(self, other: object) -> bool:
        if self.possible(other):
            raise TypeError  # a real platform: the comparison is a real condition
        return False

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return 0


# Mock's own attributes, which say what happened (``m.called``); any other is a new Mock.
_MOCK_API: Final = frozenset(
    "called call_count call_args call_args_list method_calls mock_calls side_effect".split()
)
_MOCKS: Final = frozenset(
    {"Mock", "MagicMock", "AsyncMock", "NonCallableMock", "NonCallableMagicMock"}
)


class Bindings:
    """The names a test binds exactly once, and what to; and what that proves."""

    def __init__(self, fn: Function) -> None:
        """Count the bindings of every name in a function (its nested scopes included).

        Args:
            fn: The test function.
        """
        self.fn = fn
        counts: dict[str, int] = {}
        self.value: dict[str, ast.AST] = {}
        self.loads: dict[str, list[ast.Name]] = {}
        for node in ast.walk(fn):
            for name, value in _binds(node, fn):
                counts[name] = counts.get(name, 0) + 1
                self.value.update({name: value} if value is not None else {})
            self.value.update(_assigned(node))
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                self.loads.setdefault(node.id, []).append(node)
        self.value = {k: v for k, v in self.value.items() if counts.get(k) == 1}
        self.counts = counts
        self._parents = {
            id(child): parent for parent in ast.walk(fn) for child in ast.iter_child_nodes(parent)
        }

    def canonical_name(self, node: ast.Name) -> str:
        """A name's spelling through aliases bound once (see ``canonical``).

        Args:
            node: The name.

        Returns:
            The name the aliases lead to.
        """
        for _ in range(10):
            bound = self.value.get(node.id)
            if not isinstance(bound, ast.Name):
                break
            node = bound
        return node.id

    def always_true(self, test: ast.expr) -> str:
        """Say why a test expression is always true through a name it binds once.

        Args:
            test: The asserted expression.

        Returns:
            Why it is always true, or ``""`` when the bindings do not prove it.
        """
        if isinstance(test, ast.Name) and isinstance(
            self.value.get(test.id), (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            return f"`{test.id}` is a function object, which is always true; call it"
        if isinstance(test, ast.Name) and not self.counts.get(test.id) and self._called(test.id):
            return f"`{test.id}` is a function or class the test calls: an object always true"
        mock = _mock_root(test)
        if mock is not None and self.private_mock(mock):
            return (
                f"`{mock.id}` is a Mock the test made and gave no one: every attribute of it is "
                "a new Mock, which is always true"
            )
        return ""

    def _called(self, name: str) -> bool:
        return any(
            isinstance(self._parents.get(id(use)), ast.Call) and self._parents[id(use)].func is use  # type: ignore[attr-defined]
            for use in self.loads.get(name, [])
        )

    def private_mock(self, name: ast.Name) -> bool:
        """Tell whether a name is a Mock the test made and handed to no one (only it calls it).

        Args:
            name: The name.

        Returns:
            True when what the Mock records can only come from the test itself.
        """
        bound = self.value.get(name.id)
        if not (isinstance(bound, ast.Call) and dotted(bound.func).rsplit(".", 1)[-1] in _MOCKS):
            return False
        for use in self.loads.get(name.id, []):
            parent = self._parents.get(id(use))
            if isinstance(parent, ast.Call) and parent.func is use:
                continue  # m(...): calling it sets nothing on it
            if isinstance(parent, ast.Attribute) and parent.attr not in _MOCK_API:
                grand = self._parents.get(id(parent))
                if not isinstance(grand, (ast.Call, ast.Attribute, ast.Assert, ast.Expr)):
                    return False
                continue
            return False  # handed on, stored or configured: the code may set its attributes
        return True


def _mock_root(test: ast.expr) -> ast.Name | None:
    """``m.x.y`` → ``m`` when the first attribute is not one of Mock's own."""
    chain = test
    while isinstance(chain, ast.Attribute) and isinstance(chain.value, ast.Attribute):
        chain = chain.value
    if isinstance(chain, ast.Attribute) and isinstance(chain.value, ast.Name):
        if chain.attr not in _MOCK_API and not chain.attr.startswith(("assert", "_")):
            return chain.value
    return None


def _binds(node: ast.AST, fn: Function) -> list[tuple[str, ast.AST | None]]:
    """The names a node binds, each with the value when it is a ``def``."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node is not fn:
        return [(node.name, node)]
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return [(node.id, None)]  # an assignment, augmented, for, with, del, walrus
    return [(name, None) for name in _outside(node) * 2]  # never "once"


def _outside(node: ast.AST) -> list[str]:
    """Names bound from outside the function's own code: parameters, imports, globals."""
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return list(node.names)
    return []


def _assigned(node: ast.AST) -> dict[str, ast.AST]:
    """``name = value``: the value (the name's binding is counted by its ``Name``)."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
        return {}
    target = node.targets[0]
    return {target.id: node.value} if isinstance(target, ast.Name) else {}
