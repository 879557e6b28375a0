"""Tests that do not run: skipped or expected to fail unconditionally.

``@pytest.mark.skip``, ``@unittest.skip``, ``xfail`` without a condition, ``skipif(True)``,
``skipif("True")`` (pytest evaluates a string condition), ``skipUnless(False)``,
``expectedFailure``, an empty ``parametrize``, on the test or its class (also through a name
bound to the mark), a module's or a class's ``pytestmark``, ``pytest.skip(…,
allow_module_level=True)`` in the module, or ``pytest.skip()``/``self.skipTest()``/``raise
SkipTest`` among the statements of the test or of its class's or module's set-up before
anything that could fail it (an ``assert``, a ``raise``, an assertion call).
A skip reached through a helper of the file or a method of the class that the test (or its
set-up) calls first counts as the test's own (issue 22, attack 45). What skips from outside
the test's own code — its fixtures and modules it cannot import — is ``skips_around``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Final

from mergeready.checks.testing.assertions import Function
from mergeready.checks.testing.collection import TestDef
from mergeready.checks.testing.lineage import ancestors
from mergeready.checks.testing.skip_marks import empty_parametrize, skip_decorator
from mergeready.checks.testing.vacuous import dotted, truth


def skip_reason(
    d: TestDef, tree: ast.Module, memo: dict[tuple[int, int], Helpers] | None = None
) -> str:
    """Say why a test does not run, if it is skipped or xfailed unconditionally.

    Args:
        d: The test.
        tree: Its module (for ``pytestmark`` and module-level skips).
        memo: Helpers by module and class, shared across the run (see ``helpers_of``).

    Returns:
        The reason, or an empty string when it runs.
    """
    names = _module_names(tree)
    classes = ancestors(d.owner, _classes(tree)) if d.owner else []  # marks and skips inherit
    reason = _decorated(d, classes, names, tree)
    if reason:
        return reason
    helpers = helpers_of(tree, d.owner, memo)
    for owner in classes:
        reason = _marks(owner.body, names, "class pytestmark")
        if reason:
            return reason
    reason = _setup_skips(classes, helpers)
    if reason:
        return reason
    reason = _marks(tree.body, names, "pytestmark") or _module_skip(tree)
    if reason:
        return reason
    return skips_first(d.node.body, helpers)


def _decorated(
    d: TestDef, classes: list[ast.ClassDef], names: dict[str, ast.expr], tree: ast.Module
) -> str:
    """A skip among the decorators of the test and of its class and bases."""
    for node in [d.node, *classes]:
        for dec in node.decorator_list:
            reason = skip_decorator(_resolved(dec, names)) or empty_parametrize(dec, tree)
            if reason:
                return reason
    return ""


def helpers_of(
    tree: ast.Module, owner: ast.ClassDef | None, memo: dict[tuple[int, int], Helpers] | None = None
) -> Helpers:
    """Return the helpers a test's code may call: its file's functions, its class's methods.

    Args:
        tree: The module.
        owner: The class, if any (its methods are named ``self.<name>``).
        memo: Helpers already gathered, by module and class (share one per run: what each
            helper does first is then settled once per file, whatever the number of tests).

    Returns:
        The functions by the name a call spells them with (fixtures left out).
    """
    key = (id(tree), id(owner))
    if memo is not None and key in memo:
        return memo[key]
    found = {f.name: f for f in functions_of(tree.body) if "fixture" not in decorators_of(f)}
    if owner is not None:  # the nearest class that defines a method wins
        for cls in reversed(ancestors(owner, _classes(tree))):
            found.update({f"self.{f.name}": f for f in functions_of(cls.body)})
    helpers = Helpers(found)
    if memo is not None:
        memo[key] = helpers
    return helpers


DEEPEST: Final = 50  # helpers followed through one another at most (issue 22, attack 36)
_DEEP: Final = "\0too deep"  # passed up the chain, worded where the test calls it


class Helpers:
    """The helpers a block may call, and what each does first, settled once per helper.

    A helper calling helpers is followed depth first, each once (a diamond of helpers costs
    its size, not its paths; a cycle reads as doing nothing), at most ``DEEPEST`` deep: a
    deeper chain is not followed, and the test that starts it does not count.
    """

    def __init__(self, functions: dict[str, Function]) -> None:
        """Hold the helpers.

        Args:
            functions: The functions by the name a call spells them with.
        """
        self.functions = functions
        self._settled: dict[int, str | None] = {}
        self._open: set[int] = set()

    def first(self, helper: Function, depth: int) -> str | None:
        """Say what a helper does first: why it skips, ``""`` when it checks, None for neither.

        Args:
            helper: The helper.
            depth: How many helpers deep the call is.

        Returns:
            The reason it skips (``_DEEP`` past ``DEEPEST``), ``""`` or None.
        """
        key = id(helper)
        if key in self._settled:
            return self._settled[key]
        if key in self._open:
            return None  # a helper that calls itself does nothing more by doing so
        if depth >= DEEPEST:
            return _DEEP
        self._open.add(key)
        found = _first(helper.body, self, depth + 1)
        self._open.discard(key)
        self._settled[key] = found
        return found


def _classes(tree: ast.Module) -> dict[str, ast.ClassDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}


def skips_first(body: list[ast.stmt], helpers: Helpers | None = None) -> str:
    """Say why a block skips before anything that could fail it (an assert), if it does.

    Args:
        body: The block's statements.
        helpers: Functions of the file (and ``self.``-named methods) a call may reach; a
            helper called first that skips first skips the block (each settled once).

    Returns:
        The reason, or an empty string.
    """
    return _first(body, helpers or Helpers({}), 0) or ""


def _first(body: list[ast.stmt], helpers: Helpers, depth: int) -> str | None:
    """Why a block skips first; ``""`` when something that can fail it comes first; None for
    neither (an ``if`` on a condition always true or false is its branch that runs)."""
    for stmt in taken(body):
        reason = _skip_call(stmt, helpers, depth)
        if reason is not None:
            return reason
        if _raises_skip(stmt):
            return "it raises SkipTest before it checks anything"
        if any(_checks(n) for n in ast.walk(stmt)):
            return ""
    return None


def taken(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Return a block's statements, each ``if`` on a fixed condition replaced by what runs.

    Args:
        body: The statements.

    Yields:
        Each statement; for ``if os.sep:`` (always true) the statements of its body.
    """
    for stmt in body:
        fixed = truth(stmt.test) if isinstance(stmt, ast.If) else None
        if isinstance(stmt, ast.If) and fixed is not None:
            yield from taken(stmt.body if fixed else stmt.orelse)
        else:
            yield stmt


def _skip_call(stmt: ast.stmt, helpers: Helpers, depth: int) -> str | None:
    """A statement's call that skips (the reason), a helper that checks first (``""``), or None
    when the statement is neither."""
    call = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
    if not isinstance(call, ast.Call):
        return None
    name = dotted(call.func)
    if isinstance(stmt, ast.Expr) and (name in _SKIPS or name.endswith(".skipTest")):
        return f"it calls {name}() before it checks anything"
    helper = helpers.functions.get(name)
    if helper is None:
        return None
    reason = helpers.first(helper, depth)
    if reason != _DEEP:
        return f"it calls {name}(), which skips ({reason})" if reason else reason
    if depth:
        return reason
    return (
        f"it calls {name}(), whose helpers call one another more than {DEEPEST} deep: "
        "too deep to follow, so it is not counted"
    )


_SKIPS = frozenset({"pytest.skip", "skip", "self.skipTest", "pytest.xfail"})


def _checks(node: ast.AST) -> bool:
    """An ``assert``, a ``raise`` or an assertion call (something that can fail the test), or
    a ``return``/``yield`` (a way past the skip that follows: it is conditional then)."""
    if isinstance(node, (ast.Assert, ast.Raise, ast.Return, ast.Yield, ast.YieldFrom)):
        return True
    name = dotted(node.func).rsplit(".", 1)[-1] if isinstance(node, ast.Call) else ""
    return name.startswith(("assert", "fail", "raises", "warns"))


def _raises_skip(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Raise) and stmt.exc is not None and "SkipTest" in ast.unparse(stmt.exc)
    )


_SETUPS = ("setup_method", "setup_class", "setUp", "setUpClass", "setup", "setup_module")


def _setup_skips(classes: list[ast.ClassDef], helpers: Helpers) -> str:
    """A class whose set-up skips first skips every test of the class; a set-up a base defines
    runs unless a nearer class defines its own (``classes``: the class, then its bases)."""
    nearest: dict[str, Function] = {}
    for cls in reversed(classes):
        nearest.update({f.name: f for f in functions_of(cls.body) if f.name in _SETUPS})
    for name, node in nearest.items():
        reason = skips_first(node.body, helpers)
        if reason:
            return f"its class's {name} skips ({reason})"
    return ""


def _module_skip(tree: ast.Module) -> str:
    """``pytest.skip(…, allow_module_level=True)`` (also under ``if`` on a condition always
    true) or a ``setup_module`` that skips first."""
    for stmt in taken(tree.body):
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            name = dotted(stmt.value.func)
            if name.rsplit(".", 1)[-1] in ("skip", "xfail") and name != "self.skip":
                return f"the module calls {name}() when it is imported"
        if _raises_skip(stmt):
            return "the module raises SkipTest when it is imported"
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in (
            "setup_module",
            "setUpModule",
        ):
            reason = skips_first(stmt.body)
            if reason:
                return f"its module's {stmt.name} skips ({reason})"
    return ""


def _marks(body: list[ast.stmt], names: dict[str, ast.expr], what: str) -> str:
    """A ``pytestmark`` (assigned, augmented or annotated) that skips the block's tests."""
    for stmt in body:
        value = pytestmark_value(stmt)
        if value is None:
            continue
        marks = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
        for mark in marks:
            reason = skip_decorator(_resolved(mark, names))
            if reason:
                return f"{reason} ({what})"
    return ""


def pytestmark_value(stmt: ast.stmt) -> ast.expr | None:
    """Return the value a statement gives ``pytestmark`` (assigned, augmented or annotated).

    Args:
        stmt: A statement of a module or a class body.

    Returns:
        The value, or None when the statement does not set ``pytestmark``.
    """
    if isinstance(stmt, ast.Assign):
        named = any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets)
        return stmt.value if named else None
    if isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        target = stmt.target
        return stmt.value if isinstance(target, ast.Name) and target.id == "pytestmark" else None
    return None


def _module_names(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level names bound to a mark once: ``later = pytest.mark.skip(reason=…)``."""
    out: dict[str, ast.expr] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                out[target.id] = stmt.value
    return out


def _resolved(dec: ast.expr, names: dict[str, ast.expr]) -> ast.expr:
    for _ in range(3):
        target = dec.func if isinstance(dec, ast.Call) else dec
        if isinstance(target, ast.Name) and target.id in names:
            bound = names[target.id]
            dec = (
                bound if not isinstance(dec, ast.Call) else ast.Call(bound, dec.args, dec.keywords)
            )
        else:
            break
    return dec


def functions_of(body: list[ast.stmt]) -> list[Function]:
    """Return the functions defined directly in a block.

    Args:
        body: The block.

    Returns:
        Its ``def`` and ``async def`` statements.
    """
    return [s for s in body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]


def decorators_of(fn: Function) -> set[str]:
    """Return the last names of a function's decorators (``pytest.fixture(…)`` → ``fixture``).

    Args:
        fn: The function.

    Returns:
        The names.
    """
    return {
        dotted(d.func if isinstance(d, ast.Call) else d).rsplit(".", 1)[-1]
        for d in fn.decorator_list
    }
