"""Whether a test function can fail: its assertions, vacuous ones, and helpers that assert.

Assertions are ``assert``, ``raise``, ``pytest.raises``/``warns``/``fail``/``deprecated_call``,
``self.fail`` and every call whose name starts with ``assert`` (``self.assertEqual``, mock's
``assert_called_once_with``, ``np.testing.assert_allclose``, ``self.assertAllClose``), plus a
configured list of helper names. Calls to helpers are followed to a bounded depth: functions of
the same file, methods of the test's class and its bases, fixtures of the file and of the
``conftest.py`` files above it, and functions imported from the project's own modules.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final, Union

from mergeready.checks.python.public_api import decorator_names
from mergeready.checks.testing.reach import live_nodes
from mergeready.checks.testing.vacuous import dotted, vacuous

Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]
DEPTH: Final = 3
_PYTEST_ASSERTS: Final = frozenset({"raises", "warns", "fail", "deprecated_call"})
_ROOTS: Final = frozenset({"pytest", "self", "cls", "unittest"})
# Names a reader takes for a check: a helper so named that asserts nothing is reported.
_CHECK_WORDS: Final = ("assert", "check", "verify", "expect", "ensure", "validate")


@dataclass
class ModuleInfo:
    """The names a module defines and imports, for following calls into helpers."""

    path: str
    tree: ast.Module
    functions: dict[str, Function] = field(default_factory=dict)
    classes: dict[str, ast.ClassDef] = field(default_factory=dict)
    imports: dict[str, tuple[str, str | None, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, path: str, tree: ast.Module) -> ModuleInfo:
        """Index a module's top-level definitions and imports.

        Args:
            path: The module's repository path.
            tree: Its parsed tree.

        Returns:
            The index.
        """
        info = cls(path, tree)
        for node in _top_level(tree.body):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                info.functions[node.name] = node
            elif isinstance(node, ast.ClassDef):
                info.classes[node.name] = node
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.asname:
                        info.imports[a.asname] = (a.name, None, 0)
                    else:
                        first = a.name.split(".", 1)[0]
                        info.imports[first] = (first, None, 0)
            elif isinstance(node, ast.ImportFrom):
                for a in node.names:
                    info.imports[a.asname or a.name] = (node.module or "", a.name, node.level)
        return info


def _top_level(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    for node in body:
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            yield from _top_level(node.body)
            yield from _top_level(node.orelse)
            for handler in getattr(node, "handlers", []):
                yield from _top_level(handler.body)


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


Lookup = Callable[[str], Union[ast.Module, None]]


class Asserts:
    """Decides whether functions assert, following helpers across the project's modules."""

    def __init__(self, lookup: Lookup, paths: frozenset[str], helpers: Sequence[str]) -> None:
        """Set up the search.

        Args:
            lookup: Parses a file at head by its path (None when it cannot be read).
            paths: Every path tracked at head.
            helpers: Globs of call names that count as assertions.
        """
        self.lookup, self.paths, self.helpers = lookup, paths, tuple(helpers)
        self.modules: dict[str, ModuleInfo | None] = {}
        self.memo: dict[int, bool] = {}
        self.empty: dict[int, list[tuple[ast.AST, str, bool]]] = {}

    def vacuous(self, fn: Function) -> list[tuple[ast.AST, str, bool]]:
        """Find a function's vacuous checks once (see ``vacuous``).

        Args:
            fn: The function.

        Returns:
            Each vacuous node, why it always passes, and whether that is certain.
        """
        if id(fn) not in self.empty:
            self.empty[id(fn)] = vacuous(fn)
        return self.empty[id(fn)]

    def module(self, path: str) -> ModuleInfo | None:
        """Index a module at head once.

        Args:
            path: Its repository path.

        Returns:
            The index, or None when it cannot be read.
        """
        if path not in self.modules:
            tree = self.lookup(path)
            self.modules[path] = None if tree is None else ModuleInfo.of(path, tree)
        return self.modules[path]

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
        certain = [n for n, _, sure in self.vacuous(fn) if sure]
        skip = {id(n) for n in certain} | {id(n.value) for n in certain if isinstance(n, ast.Expr)}
        calls, raises = [], []
        found = False
        params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
        unconditional = {id(n) for n in fn.body}
        for node in live_nodes(fn):
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
        for node in live_nodes(fn):
            if not isinstance(node, ast.Call):
                continue
            name = dotted(node.func).rsplit(".", 1)[-1]
            if not name.lstrip("_").lower().startswith(_CHECK_WORDS):
                continue
            target = self._target(node, info, owner, params)
            if target is not None and not self._asserts(*target, DEPTH - 1):
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
        """The project's function a call reaches: a fixture, a function, a method, or None."""
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

    def _function(
        self, info: ModuleInfo, name: str, hops: int
    ) -> tuple[Function, ModuleInfo] | None:
        """Find a module-level function, through re-exports (``from .x import f``)."""
        if name in info.functions:
            return info.functions[name], info
        if name in info.imports and hops > 0:
            module, attr, level = info.imports[name]
            if attr is None:
                return None
            target = self.module_path(module, level, info.path)
            other = self.module(target) if target else None
            return None if other is None else self._function(other, attr, hops - 1)
        return None

    def _imported_module(self, info: ModuleInfo, name: str) -> ModuleInfo | None:
        if name not in info.imports:
            return None
        module, attr, level = info.imports[name]
        dotted_name = module if attr is None else (f"{module}.{attr}" if module else attr)
        target = self.module_path(dotted_name, level, info.path)
        return self.module(target) if target else None

    def _method(
        self, cls: ast.ClassDef, name: str, info: ModuleInfo, hops: int
    ) -> tuple[Function, ModuleInfo, ast.ClassDef] | None:
        for node in cls.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                return node, info, cls
        if hops <= 0:
            return None
        for base in cls.bases:
            found = self._class(info, ast.unparse(base), 2)
            if found is not None and found[0] is not cls:
                method = self._method(found[0], name, found[1], hops - 1)
                if method is not None:
                    return method
        return None

    def _class(
        self, info: ModuleInfo, name: str, hops: int
    ) -> tuple[ast.ClassDef, ModuleInfo] | None:
        head, _, rest = name.partition(".")
        if not rest:
            if name in info.classes:
                return info.classes[name], info
            if name in info.imports and hops > 0:
                dotted_name, attr, level = info.imports[name]
                target = self.module_path(dotted_name, level, info.path) if attr else None
                other = self.module(target) if target else None
                return None if other is None or attr is None else self._class(other, attr, hops - 1)
            return None
        module = self._imported_module(info, head)
        return None if module is None or hops <= 0 else self._class(module, rest, hops - 1)

    def testcase(self, cls: ast.ClassDef, info: ModuleInfo, hops: int = 4) -> bool | None:
        """Tell whether a class inherits from ``unittest.TestCase`` through the project's code.

        Args:
            cls: The class.
            info: Its module.
            hops: How many imported bases may still be followed.

        Returns:
            True or False when the bases could be followed, None when one could not.
        """
        unknown = False
        for base in cls.bases:
            name = ast.unparse(base.value if isinstance(base, ast.Subscript) else base)
            if name.rsplit(".", 1)[-1].endswith("TestCase"):
                return True
            found = self._class(info, name, 2)
            if found is None or found[0] is cls or hops <= 0:
                unknown = unknown or name != "object"
                continue
            verdict = self.testcase(found[0], found[1], hops - 1)
            if verdict:
                return True
            unknown = unknown or verdict is None
        return None if unknown else False

    def fixture_modules(self, info: ModuleInfo) -> list[ModuleInfo]:
        """Return the modules whose fixtures a test module sees, nearest first.

        The module itself, then each ``conftest.py`` above it.

        Args:
            info: The test module.

        Returns:
            The modules that exist at head.
        """
        out, folder = [info], info.path.rsplit("/", 1)[0] if "/" in info.path else ""
        while True:
            path = f"{folder}/conftest.py" if folder else "conftest.py"
            module = self.module(path) if path in self.paths and path != info.path else None
            if module is not None:
                out.append(module)
            if not folder:
                return out
            folder = folder.rsplit("/", 1)[0] if "/" in folder else ""

    def fixture(self, name: str, info: ModuleInfo) -> tuple[Function, ModuleInfo] | None:
        """Find the fixture a test module's test gets for a name (its file's, else a conftest's).

        Args:
            name: The fixture's name.
            info: The test module.

        Returns:
            The fixture's function and its module, or None.
        """
        for module in self.fixture_modules(info):
            fn = module.functions.get(name)
            if fn is not None and "fixture" in decorator_names(fn):
                return fn, module
        return None

    def module_path(self, module: str, level: int, importer: str) -> str | None:
        """Find the file of an imported module in the repository at head.

        Args:
            module: The dotted module name (may be empty for ``from . import x``).
            level: The number of leading dots of a relative import.
            importer: The importing file's path.

        Returns:
            The path of the module's file, or None when it is not part of the project.
        """
        parts = [p for p in module.split(".") if p]
        if level:
            folder = importer.split("/")[:-1]
            folder = folder[: len(folder) - (level - 1)] if level > 1 else folder
            prefixes = ["/".join(folder + parts)]
        else:
            prefixes = ["/".join(parts), "/".join(["src", *parts]), "/".join(["lib", *parts])]
        for prefix in prefixes:
            for candidate in (f"{prefix}.py", f"{prefix}/__init__.py"):
                path = candidate.lstrip("/")
                if path in self.paths and _test_utility(path):
                    return path
        return None


def _test_utility(path: str) -> bool:
    """Only test code is followed: library code raises and asserts for its own reasons."""
    return "test" in path.lower() or path.rsplit("/", 1)[-1] == "conftest.py"
