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
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeVar

from mergeready.checks.testing.assertions import Function
from mergeready.checks.testing.collection import TestDef
from mergeready.checks.testing.lineage import ancestors
from mergeready.checks.testing.module_facts import bound_counts, import_aliases
from mergeready.checks.testing.skip_marks import Names, decorated, marks, module_names
from mergeready.checks.testing.truths import spelled
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
    helpers = helpers_of(tree, d.owner, memo)
    names = helpers.cached("names", lambda: Names(module_names(tree), helpers.once(tree)))
    every = helpers.cached("classes", lambda: _classes(tree))
    classes = ancestors(d.owner, every) if d.owner else []  # marks and skips inherit
    reason = decorated(d.node, classes, names, tree)
    if reason:
        return reason
    for owner in classes:
        reason = marks(owner.body, names, "class pytestmark")
        if reason:
            return reason
    reason = _setup_skips(classes, helpers)
    if reason:
        return reason
    reason = helpers.cached(
        "module",
        lambda: marks(tree.body, names, "pytestmark") or _module_skip(tree, helpers.aliases),
    )
    if reason:
        return reason
    return skips_first(d.node.body, helpers)


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
    helpers = Helpers(found, import_aliases(tree))
    if memo is not None:
        memo[key] = helpers
    return helpers


DEEPEST: Final = 50  # helpers followed through one another at most (issue 22, attack 36)
_DEEP: Final = "\0too deep"  # passed up the chain, worded where the test calls it


T = TypeVar("T")


class Helpers:
    """The helpers a block may call, and what each does first, settled once per helper.

    A helper calling helpers is followed depth first, each once (a diamond of helpers costs
    its size, not its paths; a cycle reads as doing nothing), at most ``DEEPEST`` deep: a
    deeper chain is not followed, and the test that starts it does not count.
    """

    def __init__(
        self, functions: dict[str, Function], aliases: dict[str, str] | None = None
    ) -> None:
        """Hold the helpers.

        Args:
            functions: The functions by the name a call spells them with.
            aliases: What the module's imports name (``later`` → ``pytest.skip``).
        """
        self.functions = functions
        self.aliases = aliases or {}
        self._settled: dict[int, str | None] = {}
        self._open: set[int] = set()
        self._once: dict[str, ast.expr] | None = None
        self._cache: dict[str, Any] = {}  # what the module says once for all its tests

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a fact of the module once (attack 5's F16: not once per test).

        Args:
            key: The fact's name.
            compute: Computes it.

        Returns:
            The fact.
        """
        if key not in self._cache:
            self._cache[key] = compute()
        found: T = self._cache[key]
        return found

    def once(self, tree: ast.Module) -> dict[str, ast.expr]:
        """Return the module's names bound once, each to what (read once per module and class).

        Args:
            tree: The module.

        Returns:
            ``NAME = value`` at the top level, for each name nothing else in the module binds.
        """
        if self._once is None:
            counts = bound_counts(tree)
            self._once = {
                t.id: stmt.value
                for stmt in tree.body
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                for t in stmt.targets
                if isinstance(t, ast.Name) and counts.get(t.id) == 1
            }
        return self._once

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
        if _raises_skip(stmt, helpers.aliases):
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
    real = canonical(name, helpers.aliases)
    if isinstance(stmt, ast.Expr) and (real in _SKIPS or real.endswith(".skipTest")):
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


_SKIPS = frozenset(  # a skip however imported: ``canonical`` spells it as its module does
    {"pytest.skip", "skip", "self.skipTest", "pytest.xfail", "_pytest.outcomes.skip"}
)
# What a skip raises: unittest's SkipTest, pytest's Skipped (``pytest.skip.Exception``), XFailed.
_SKIP_RAISES = ("SkipTest", "Skipped", "skip.Exception", "xfail.Exception", "XFailed")


def canonical(name: str, aliases: dict[str, str]) -> str:
    """Return a dotted name as the module it was imported from spells it.

    Args:
        name: The name as the code spells it (``later``, ``pt.skip``).
        aliases: What the module's imports name (``module_facts.import_aliases``).

    Returns:
        ``pytest.skip`` for both; the name itself when no import binds its first part.
    """
    head, dot, rest = name.partition(".")
    full = aliases.get(head)
    return f"{full}{dot}{rest}" if full else name


def _checks(node: ast.AST) -> bool:
    """An ``assert``, a ``raise`` or an assertion call (something that can fail the test), or
    a ``return``/``yield`` (a way past the skip that follows: it is conditional then)."""
    if isinstance(node, (ast.Assert, ast.Raise, ast.Return, ast.Yield, ast.YieldFrom)):
        return True
    name = dotted(node.func).rsplit(".", 1)[-1] if isinstance(node, ast.Call) else ""
    return name.startswith(("assert", "fail", "raises", "warns"))


def _raises_skip(stmt: ast.stmt, aliases: dict[str, str]) -> bool:
    """``raise unittest.SkipTest``, ``raise pytest.skip.Exception(…)``, through import aliases."""
    if not (isinstance(stmt, ast.Raise) and stmt.exc is not None):
        return False
    raised = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
    text = canonical(dotted(raised), aliases) or spelled(raised)
    return any(word in text for word in _SKIP_RAISES)


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


def _module_skip(tree: ast.Module, aliases: dict[str, str]) -> str:
    """``pytest.skip(…, allow_module_level=True)`` (also under ``if`` on a condition always
    true, or imported under another name) or a ``setup_module`` that skips first."""
    for stmt in taken(tree.body):
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            name = dotted(stmt.value.func)
            real = canonical(name, aliases)
            if real.rsplit(".", 1)[-1] in ("skip", "xfail") and real != "self.skip":
                return f"the module calls {name}() when it is imported"
        if _raises_skip(stmt, aliases):
            return "the module raises SkipTest when it is imported"
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in (
            "setup_module",
            "setUpModule",
        ):
            reason = skips_first(stmt.body)
            if reason:
                return f"its module's {stmt.name} skips ({reason})"
    return ""


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
