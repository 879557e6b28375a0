"""Whether a test function can fail: its assertions, vacuous ones, and helpers that assert.

Assertions are ``assert``, ``raise``, ``pytest.raises``/``warns``/``fail``/``deprecated_call``,
``self.fail`` and every call whose name starts with ``assert`` (``self.assertEqual``, mock's
``assert_called_once_with``, ``np.testing.assert_allclose``, ``self.assertAllClose``), plus a
configured list of helper names. Calls to helpers are followed to a bounded depth: functions of
the same file, methods of the test's class and its bases, fixtures of the file and of the
``conftest.py`` files above it, and functions imported from the project's own modules (found
through ``project_index.ProjectIndex``, which this builds on).
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Iterator, Sequence
from typing import Final

from mergeready.checks.testing.module_facts import module_constants
from mergeready.checks.testing.objects import Kind, objects
from mergeready.checks.testing.project_index import Function, Lookup, ModuleInfo, ProjectIndex
from mergeready.checks.testing.reach import live_nodes
from mergeready.checks.testing.vacuous import dotted, vacuous

__all__ = ["DEPTH", "Asserts", "Function", "Lookup", "ModuleInfo"]

DEPTH: Final = 3
_PYTEST_ASSERTS: Final = frozenset({"raises", "warns", "fail", "deprecated_call"})
_ROOTS: Final = frozenset({"pytest", "self", "cls", "unittest"})
# Names a reader takes for a check: a helper so named that asserts nothing is reported.
_CHECK_WORDS: Final = ("assert", "check", "verify", "expect", "ensure", "validate")


def _nested_raises(fn: Function) -> Iterator[ast.Raise]:
    """The ``raise`` statements of functions and classes defined inside a test: scaffolding
    (a plugin whose hook raises) rather than a check of the test's own."""
    seen: set[int] = set()
    for node in ast.walk(fn):
        if node is fn or id(node) in seen:
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            for n in ast.walk(node):
                seen.add(id(n))
                if isinstance(n, ast.Raise):
                    yield n


def _spine(call: ast.expr) -> Iterator[ast.expr]:
    """A call and the calls it is chained on: ``assert_that(a).is_equal_to(a)`` is one check."""
    while True:
        yield call
        func = call.func if isinstance(call, ast.Call) else None
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call)):
            return
        call = func.value


def _looks_checking(name: str) -> bool:
    return name.lstrip("_").lower().startswith(_CHECK_WORDS)


class Asserts(ProjectIndex):
    """Decides whether functions assert, following helpers across the project's modules."""

    def __init__(self, lookup: Lookup, paths: frozenset[str], helpers: Sequence[str]) -> None:
        """Set up the search.

        Args:
            lookup: Parses a file at head by its path (None when it cannot be read).
            paths: Every path tracked at head.
            helpers: Globs of call names that count as assertions.
        """
        super().__init__(lookup, paths)
        self.helpers = tuple(helpers)
        self.memo: dict[int, bool] = {}
        self.empty: dict[int, list[tuple[ast.AST, str, bool]]] = {}
        self.constants: dict[int, dict[str, ast.expr]] = {}
        self.kinds: dict[int, Kind] = {}

    def vacuous(self, fn: Function, info: ModuleInfo) -> list[tuple[ast.AST, str, bool]]:
        """Find a function's vacuous checks once (see ``vacuous``).

        Args:
            fn: The function.
            info: Its module (the names it binds to always-true objects: ``objects``).

        Returns:
            Each vacuous node, why it always passes, and whether that is certain.
        """
        if id(fn) not in self.empty:
            if id(info.tree) not in self.kinds:
                self.kinds[id(info.tree)] = objects(self, info)
            self.empty[id(fn)] = vacuous(fn, self.kinds[id(info.tree)])
        return self.empty[id(fn)]

    def _constants(self, info: ModuleInfo) -> dict[str, ast.expr]:
        if id(info.tree) not in self.constants:
            self.constants[id(info.tree)] = module_constants(info.tree)
        return self.constants[id(info.tree)]

    def can_fail(self, fn: Function, info: ModuleInfo, owner: ast.ClassDef | None) -> bool:
        """Tell whether a function asserts something (itself or through a helper it calls).

        Args:
            fn: The function.
            info: Its module.
            owner: Its class, for ``self.helper()`` calls.

        Returns:
            True when it holds a non-vacuous assertion.
        """
        return self._asserts(fn, info, owner, DEPTH)

    def _asserts(
        self, fn: Function, info: ModuleInfo, owner: ast.ClassDef | None, depth: int
    ) -> bool:
        key = id(fn)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = False  # a helper that calls itself does not assert by doing so
        certain = [n for n, _, sure in self.vacuous(fn, info) if sure]
        skip = {id(n) for n in certain} | {
            id(c) for n in certain if isinstance(n, ast.Expr) for c in _spine(n.value)
        }
        calls, raises = [], []
        found = False
        params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
        unconditional = {id(n) for n in fn.body}
        for node in live_nodes(fn, self._constants(info)):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Call) and depth > 0 and self._target(node, info, owner, params):
                calls.append(node)  # a helper of the project: judged by its body, not its name
                continue
            if isinstance(node, ast.Assert) or (
                isinstance(node, ast.Call) and self._assertion_call(node, info)
            ):
                found = True
                break
            if isinstance(node, ast.Raise) and id(node) not in unconditional:
                raises.append(node)  # `if got != want: raise …`; a raise always taken is no check
            elif isinstance(node, ast.Call):
                calls.append(node)
        if not found and raises:
            nested = {id(n) for n in _nested_raises(fn)}
            found = any(id(r) not in nested for r in raises)
        if not found and depth > 0:
            found = any(self._follow(c, info, owner, params, depth - 1) for c in calls)
        self.memo[key] = found
        return found

    def hollow_helpers(
        self, fn: Function, info: ModuleInfo, owner: ast.ClassDef | None
    ) -> list[str]:
        """Name the project's helpers a test calls that are named like checks but assert nothing.

        ``def assert_ok(x): pass`` or ``def check_two(x): return x`` called from a test looks
        like a check to a reviewer and can never fail.

        Args:
            fn: The test.
            info: Its module.
            owner: Its class.

        Returns:
            The helpers' names, in the order the test calls them.
        """
        params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
        out = []
        for node in live_nodes(fn, self._constants(info)):
            if not isinstance(node, ast.Call):
                continue
            target = self._target(node, info, owner, params)
            if target is None:
                continue
            name = dotted(node.func).rsplit(".", 1)[-1]
            if not any(_looks_checking(n) for n in (name, target[0].name)):
                continue  # named like a check where it is called or where it is defined
            if not self._asserts(*target, DEPTH - 1):
                out.append(name)
        return out

    def _assertion_call(self, call: ast.Call, info: ModuleInfo) -> bool:
        name = dotted(call.func)
        last = name.rsplit(".", 1)[-1] if name else ""
        if isinstance(call.func, ast.Attribute) and not name:
            last = call.func.attr  # assert_that(x).is_equal_to(y): the inner call asserts
        if last.lower().startswith("assert"):
            return True
        root = name.split(".", 1)[0]
        imported = info.imports.get(last, ("", None, 0))[0] == "pytest" and root == last
        if last in _PYTEST_ASSERTS and (root in _ROOTS or imported):
            return True
        return any(
            fnmatch.fnmatchcase(name, h) or fnmatch.fnmatchcase(last, h) for h in self.helpers
        )

    def _follow(
        self,
        call: ast.Call,
        info: ModuleInfo,
        owner: ast.ClassDef | None,
        params: set[str],
        depth: int,
    ) -> bool:
        target = self._target(call, info, owner, params)
        return target is not None and self._asserts(*target, depth)

    def _target(
        self, call: ast.Call, info: ModuleInfo, owner: ast.ClassDef | None, params: set[str]
    ) -> tuple[Function, ModuleInfo, ast.ClassDef | None] | None:
        """The project's function a call reaches: a fixture, a function, a method, or None
        (else a check-named helper the contribution writes into a library module)."""
        found = self._reached(call, info, owner, params)
        func = call.func
        if found is None and isinstance(func, (ast.Name, ast.Attribute)):
            name = func.attr if isinstance(func, ast.Attribute) else func.id
            lib = self._contributed(func, info) if _looks_checking(name) else None
            found = None if lib is None else (lib[0], lib[1], None)
        return found

    def _reached(
        self, call: ast.Call, info: ModuleInfo, owner: ast.ClassDef | None, params: set[str]
    ) -> tuple[Function, ModuleInfo, ast.ClassDef | None] | None:
        func = call.func
        if isinstance(func, ast.Name):
            if func.id in params:
                fixture = self.fixture(func.id, info)
                return None if fixture is None else (fixture[0], fixture[1], None)
            found = self._function(info, func.id, 2)
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            if func.value.id in ("self", "cls") and owner is not None:
                return self._method(owner, func.attr, info, 4)
            module = self._imported_module(info, func.value.id)
            found = None if module is None else self._function(module, func.attr, 2)
        else:
            return None
        return None if found is None else (found[0], found[1], None)

    def _contributed(
        self, func: ast.Name | ast.Attribute, info: ModuleInfo
    ) -> tuple[Function, ModuleInfo] | None:
        """A check-named function of a library module the contribution adds or changes.

        ``from pkg.checks import assert_clipped`` (attack 4, 13): library code is not followed
        for its own raises, but a helper named like a check that the contribution itself
        writes into the package is judged by its body, as a test utility is.
        """
        if isinstance(func, ast.Name):
            module, attr, level = info.imports.get(func.id, ("", None, 0))
            name = attr
        elif isinstance(func.value, ast.Name):
            module, attr, level = info.imports.get(func.value.id, ("", None, 0))
            module, name = (module if attr is None else f"{module}.{attr}".strip(".")), func.attr
        else:
            return None
        path = self.module_path(module, level, info.path, library=True) if name else None
        other = self.module(path) if path else None
        if other is None or name not in other.functions:
            return None
        return other.functions[name], other
