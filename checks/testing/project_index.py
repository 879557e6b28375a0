"""The project's test code as a test sees it: modules, their imports, fixtures and bases.

``ProjectIndex`` parses a module at head once (``ModuleInfo``: its top-level functions, classes
and imports) and follows names across the project's own test code: a function through
re-exports, a class and its bases (``unittest.TestCase`` reached through the project's own
classes, or another library's testing base), the fixtures a test module sees (its own and each
``conftest.py`` above it) and the file an import names. ``Asserts`` builds on it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Union

from mergeready.checks.python.public_api import decorator_names
from mergeready.checks.testing.truths import spelled

Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]
Lookup = Callable[[str], Union[ast.Module, None]]


def _testing_import(info: ModuleInfo, name: str) -> bool:
    """Whether a base class is imported from another library's testing package.

    ``from sqlalchemy.testing.fixtures import TestBase`` (alembic's tests): a class a test
    framework or its plugin collects, like ``unittest.TestCase``. Only an absolute import of
    a module with a ``test``/``testing`` part counts; the project's own modules are followed.
    """
    dotted, attr, level = info.imports.get(name.partition(".")[0], ("", None, 1))
    parts = dotted.split(".")
    return level == 0 and attr is not None and any(p in ("test", "testing") for p in parts[1:])


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
            else:
                info.imports.update(_imported(node))
        return info


def _imported(node: ast.stmt) -> dict[str, tuple[str, str | None, int]]:
    """The names an import binds: each to its module, attribute (None for a module) and level."""
    if isinstance(node, ast.ImportFrom):
        return {a.asname or a.name: (node.module or "", a.name, node.level) for a in node.names}
    if not isinstance(node, ast.Import):
        return {}
    out: dict[str, tuple[str, str | None, int]] = {}
    for a in node.names:
        first = a.name.split(".", 1)[0]
        out[a.asname or first] = (a.name if a.asname else first, None, 0)
    return out


def _own_method(cls: ast.ClassDef, name: str) -> Function | None:
    """The method a class's own body defines under ``name``."""
    found = (n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))
    return next((n for n in found if n.name == name), None)


def _top_level(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    for node in body:
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            yield from _top_level(node.body)
            yield from _top_level(node.orelse)
            for handler in getattr(node, "handlers", []):
                yield from _top_level(handler.body)


class ProjectIndex:
    """Finds the project's functions, classes, fixtures and modules that test code names."""

    def __init__(self, lookup: Lookup, paths: frozenset[str]) -> None:
        """Set up the index.

        Args:
            lookup: Parses a file at head by its path (None when it cannot be read).
            paths: Every path tracked at head.
        """
        self.lookup, self.paths = lookup, paths
        self.modules: dict[str, ModuleInfo | None] = {}
        # Library modules the contribution adds or changes: their check-named helpers are
        # followed like test utilities (``Asserts``), a contributed no-op is no check.
        self.contributed: frozenset[str] = frozenset()

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

    def function(self, info: ModuleInfo, name: str) -> Function | None:
        """Find the function a module's name stands for, defined there or imported.

        Args:
            info: The module.
            name: The name.

        Returns:
            The definition (through three re-exports at most), or None.
        """
        found = self._function(info, name, 3)
        return found[0] if found else None

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
        """A method of a class or of its bases (``hops`` bases deep), in lookup order: depth
        first, left to right, each class once (wide diamonds of bases cost their size)."""
        seen: set[int] = set()
        stack = [(cls, info, hops)]
        while stack:
            node, where, left = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            own = _own_method(node, name)
            if own is not None:
                return own, where, node
            found = [self._class(where, spelled(b), 2) for b in node.bases] if left > 0 else []
            stack += [(c, m, left - 1) for c, m in reversed([f for f in found if f is not None])]
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

        Each class is looked at once (a wide diamond of bases costs its size, not its paths).

        Args:
            cls: The class.
            info: Its module.
            hops: How many imported bases may still be followed.

        Returns:
            True or False when the bases could be followed, None when one could not.
        """
        unknown = False
        seen = {id(cls)}
        stack = [(cls, info, hops)]
        while stack:
            node, where, left = stack.pop()
            for base in node.bases:
                found = self._base(node, where, base, left)
                if found is True:
                    return True
                if found is None or found is False:
                    unknown = unknown or found is None
                elif id(found[0]) not in seen:
                    seen.add(id(found[0]))
                    stack.append((found[0], found[1], left - 1))
        return None if unknown else False

    def _base(
        self, cls: ast.ClassDef, info: ModuleInfo, base: ast.expr, hops: int
    ) -> bool | None | tuple[ast.ClassDef, ModuleInfo]:
        """A base: True when it makes the class a TestCase, the class to follow, None when it
        cannot be followed (False for ``object``)."""
        name = spelled(base.value if isinstance(base, ast.Subscript) else base)
        if name.rsplit(".", 1)[-1].endswith("TestCase"):
            return True
        found = self._class(info, name, 2)
        if found is None and _testing_import(info, name):
            return True  # sqlalchemy.testing.fixtures.TestBase: a test framework's base
        if found is None or found[0] is cls or hops <= 0:
            return None if name != "object" else False
        return found

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

    def module_path(
        self, module: str, level: int, importer: str, *, library: bool | None = False
    ) -> str | None:
        """Find the file of an imported module in the repository at head.

        Args:
            module: The dotted module name (may be empty for ``from . import x``).
            level: The number of leading dots of a relative import.
            importer: The importing file's path.
            library: Find a library module the contribution adds or changes instead of test
                code (``contributed``); None: any module of the project (read, never run).

        Returns:
            The path of the module's file, or None when it is not part of the project.
        """
        parts = [p for p in module.split(".") if p]
        if level:
            folder = importer.split("/")[:-1]
            folder = folder[: len(folder) - (level - 1)] if level > 1 else folder
            prefixes = ["/".join(folder + parts)]
        else:  # pytest puts a test file's folder on sys.path: ``from helpers import …``
            here = "/".join(importer.split("/")[:-1] + parts)
            prefixes = ["/".join(parts), "/".join(["src", *parts]), "/".join(["lib", *parts]), here]
        for prefix in prefixes:
            for candidate in (f"{prefix}.py", f"{prefix}/__init__.py"):
                path = candidate.lstrip("/")
                if self._followed(path, library):
                    return path
        return None

    def _followed(self, path: str, library: bool | None) -> bool:
        """Test code is followed; library code only where the contribution writes it."""
        if path not in self.paths or library is None:
            return path in self.paths
        return (
            path in self.contributed and not _test_utility(path) if library else _test_utility(path)
        )


def _test_utility(path: str) -> bool:
    """Only test code is followed: library code raises and asserts for its own reasons."""
    return "test" in path.lower() or path.rsplit("/", 1)[-1] == "conftest.py"
