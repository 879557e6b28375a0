"""Tests skipped from outside their own code: a fixture that skips, a module never importable.

``Skips`` looks around each added test (issue 22): a fixture it requests (a parameter,
``usefixtures`` on it, its class or a ``pytestmark``, or an ``autouse`` fixture of its class,
file or a ``conftest.py`` above it), followed three fixtures deep, that skips first; and
``pytest.importorskip`` — in the module, the test or such a fixture — of a module the base
neither ships, uses in its code nor declares as a dependency (nor the standard library), or
with a ``minversion`` no release reaches: it never imports, so the test never runs. A skip on
a real condition (a platform check, an optional dependency the project has) is left alone:
the test counts. What the test's own decorators and statements skip is ``skips``.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.testing.assertions import Asserts, Function, ModuleInfo
from mergeready.checks.testing.collection import TestDef
from mergeready.checks.testing.empty_values import argnames, empty_values, generate_calls
from mergeready.checks.testing.lineage import ancestors
from mergeready.checks.testing.optional import guard_paths, needed, optional_names
from mergeready.checks.testing.skip_marks import pytestmark_value
from mergeready.checks.testing.skips import (
    Helpers,
    decorators_of,
    functions_of,
    helpers_of,
    skip_reason,
    skips_first,
)
from mergeready.checks.testing.truths import spelled
from mergeready.checks.testing.vacuous import dotted

# Where a project declares what it installs (read at the base, as words, never run).
_DECLARATIONS = (
    "pyproject.toml",
    "setup.cfg",
    "setup.py",
    "requirements.txt",
    "requirements-dev.txt",
    "requirements-test.txt",
    "requirements/test.txt",
    "requirements/dev.txt",
    "test-requirements.txt",
)
# Plugins that run ``async def`` tests, and the words that load or configure one.
_ASYNC_PLUGINS: Final = frozenset(
    "pytest-asyncio anyio pytest-anyio pytest-trio pytest-tornasync pytest-aiohttp "
    "pytest-twisted pytest-asyncio-cooperative pytest-gevent".split()
)
_ASYNC_WORDS: Final = ("asyncio_mode", "pytest_asyncio", "anyio", "pytest_trio", "trio_mode")
_ASYNC_CONFIG: Final = (
    "pytest.ini",
    "tox.ini",
    "conftest.py",
    "tests/conftest.py",
    "test/conftest.py",
)
_FIXTURE_DEPTH = 3
# The standard library's top-level modules (Python 3.10+; 3.9 knows only the built-in ones).
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", sys.builtin_module_names))


@dataclass(frozen=True)
class _Module:
    """What a test module says once for all its tests (attack 5's F16: each test re-read its
    module, quadratic in the number of tests)."""

    info: ModuleInfo  # kept alive: the cache is keyed by its id
    skipped: str  # an ``importorskip`` of a module the base does not know, at module level
    marks: list[ast.AST]  # its ``pytestmark`` statements
    autouse: tuple[str, ...]  # the ``autouse`` fixtures it and its conftest files give
    optional: dict[str, str]  # names falsy when an import fails (``optional``)
    guards: dict[int, list[tuple[ast.expr, bool]]]  # each definition's ``if`` conditions
    generate: tuple[ast.Call, ...]  # its own ``pytest_generate_tests``' parametrize calls


class Skips:
    """Why tests do not run, looking around them: fixtures, and modules the base knows."""

    def __init__(self, contribution: Contribution, asserts: Asserts) -> None:
        """Set up the search.

        Args:
            contribution: The contribution (the base tells which modules exist).
            asserts: The project's modules at head (for fixtures and conftest files).
        """
        self.contribution, self.asserts = contribution, asserts
        self._known: dict[str, bool] = {}
        self._declared: frozenset[str] | None = None
        self._async_plugin: bool | None = None
        self._helpers: dict[tuple[int, int], Helpers] = {}
        self._fixtures: dict[tuple[str, int, int], str] = {}
        # What a module says once for all its tests (attack 5's F16: each test re-read its
        # module, quadratic in the number of tests): keyed by the module's index, kept alive.
        self._modules: dict[int, _Module] = {}

    def reason(self, d: TestDef, info: ModuleInfo) -> str:
        """Say why a test does not run, if it never can.

        Args:
            d: The test.
            info: Its module.

        Returns:
            The reason, or an empty string when it runs.
        """
        module = self._module(info)
        found = skip_reason(d, info.tree, self._helpers) or module.skipped
        found = found or self._unawaited(d, info) or self._optional(d, module)
        found = found or _generated_empty(d, module)
        if found:
            return found
        found = self._imports(d.node.body, "it")
        for name in [] if found else self._requested(d, info):
            found = self._fixture(name, info, d.owner, _FIXTURE_DEPTH)
            if found:
                return found
        return found

    def _module(self, info: ModuleInfo) -> _Module:
        """What a module says once for all its tests (``_Module``)."""
        found = self._modules.get(id(info))
        if found is None:
            body = info.tree.body
            names = optional_names(body)
            found = _Module(
                info,
                self._imports(body, "the module"),
                [s for s in body if pytestmark_value(s) is not None],
                tuple(
                    name
                    for module in self.asserts.fixture_modules(info)
                    for name in _autouse(module.functions.values())
                ),
                names,
                guard_paths(body) if names else {},
                generate_calls(body),
            )
            self._modules[id(info)] = found
        return found

    def _optional(self, d: TestDef, facts: _Module) -> str:
        """A test defined only when a module the base does not know imports (``optional``)."""
        for test, branch in facts.guards.get(id(d.node), []):
            module = needed(test, branch, facts.optional)
            if module and not self.known(module):
                return (
                    f"it is defined only when {module[:80]!r} can be imported, and the base "
                    "neither ships, uses nor declares that module"
                )
        return ""

    def _unawaited(self, d: TestDef, info: ModuleInfo) -> str:
        """An ``async def`` test pytest skips: the base has no plugin that runs coroutines.

        A unittest class (``IsolatedAsyncioTestCase``) runs its own; elsewhere the base must
        declare pytest-asyncio, anyio, pytest-trio or a sibling, set ``asyncio_mode`` or load
        such a plugin in its configuration or root ``conftest.py``.
        """
        if not isinstance(d.node, ast.AsyncFunctionDef) or self.contribution.trusted_rev is None:
            return ""
        if _in_testcase(d, info) or self._runs_async():
            return ""
        return (
            "it is an async def test and the base loads no plugin that runs one, so pytest skips it"
        )

    def _runs_async(self) -> bool:
        if self._async_plugin is None:
            self._async_plugin = bool(self._declarations() & _ASYNC_PLUGINS) or any(
                word in (self.contribution.trusted_text(path) or "")[:1_000_000]
                for path in (*_DECLARATIONS, *_ASYNC_CONFIG)
                for word in _ASYNC_WORDS
            )
        return self._async_plugin

    def _requested(self, d: TestDef, info: ModuleInfo) -> Iterator[str]:
        """The fixtures a test gets: parameters, ``usefixtures`` marks, ``autouse`` fixtures."""
        args = d.node.args
        yield from (a.arg for a in [*args.posonlyargs, *args.args] if a.arg not in ("self", "cls"))
        facts = self._module(info)
        yield from _usefixtures(d, facts.marks)
        yield from _autouse(functions_of(d.owner.body) if d.owner else [])
        yield from facts.autouse

    def _fixture(self, name: str, info: ModuleInfo, owner: ast.ClassDef | None, depth: int) -> str:
        """Say why a fixture skips every test that gets it (first, or through its own fixtures).

        Each fixture is settled once per run (fixtures that need many fixtures that need many
        cost their number, not their paths); one that needs itself skips nothing by that.
        """
        key = (name, id(info), id(owner))
        if key not in self._fixtures:
            self._fixtures[key] = ""
            self._fixtures[key] = self._settle(name, info, owner, depth)
        return self._fixtures[key]

    def _settle(self, name: str, info: ModuleInfo, owner: ast.ClassDef | None, depth: int) -> str:
        fn, where = self._find(name, info, owner)
        if fn is None:
            return ""
        helpers = helpers_of(where.tree, owner if where is info else None, self._helpers)
        reason = skips_first(fn.body, helpers) or self._imports(fn.body, "it")
        if reason:
            return f"its fixture {name} skips ({reason})"
        needs = [a.arg for a in fn.args.args if a.arg not in ("self", "cls", "request", name)]
        for arg in needs if depth > 1 else []:
            reason = self._fixture(arg, where, None, depth - 1)
            if reason:
                return f"its fixture {name} needs one that skips: {reason}"
        return ""

    def _find(
        self, name: str, info: ModuleInfo, owner: ast.ClassDef | None
    ) -> tuple[Function | None, ModuleInfo]:
        """The fixture of that name a test sees: its class's, its file's or a conftest's."""
        own = [f for f in functions_of(owner.body) if f.name == name] if owner else []
        found = (own[0], info) if own else self.asserts.fixture(name, info)
        if found is None or "fixture" not in decorators_of(found[0]):
            return None, info
        return found

    def _imports(self, body: list[ast.stmt], who: str) -> str:
        """``pytest.importorskip`` of a module the base does not know, in a block's statements."""
        for stmt in body:
            value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign, ast.Return)) else None
            if not (isinstance(value, ast.Call) and dotted(value.func).endswith("importorskip")):
                continue
            first = value.args[0] if value.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                if not self.known(first.value):
                    return (
                        f"{who} skips unless {first.value[:80]!r} can be imported, and the base "
                        "neither ships, uses nor declares that module"
                    )
                wanted = _minversion(value)
                if wanted:
                    return (
                        f"{who} skips unless {first.value[:80]!r} is at version {wanted[:20]!r} "
                        "or later, which no release numbered that way reaches"
                    )
        return ""

    def known(self, module: str) -> bool:
        """Tell whether a module is one the project really has (so importorskip is a condition).

        Args:
            module: The dotted module name.

        Returns:
            True for the standard library, the project's own packages (at the base or head), a
            module the base's code uses, a dependency the base declares, or when there is no
            base to ask (a whole-tree audit).
        """
        top = module.split(".", 1)[0]
        if top not in self._known:
            self._known[top] = self._knows(top)
        return self._known[top]

    def _knows(self, top: str) -> bool:
        c = self.contribution
        if not top.isidentifier() or top in _STDLIB or c.trusted_rev is None:
            return top.isidentifier()
        paths = c.base_paths() | c.head_paths()
        for prefix in ("", "src/", "lib/"):
            if f"{prefix}{top}.py" in paths or f"{prefix}{top}/__init__.py" in paths:
                return True
        if top.isalpha() and c.base_code_words([top]):
            return True
        return top.lower().replace("_", "-") in self._declarations()

    def _declarations(self) -> frozenset[str]:
        """The distributions the base declares (``pyproject.toml``, ``setup.cfg``, requirements)."""
        if self._declared is None:
            names: set[str] = set()
            for path in _DECLARATIONS:
                text = (self.contribution.trusted_text(path) or "")[:1_000_000]
                names.update(_requirements(path, text))
            self._declared = frozenset(n.lower().replace("_", "-") for n in names if n)
        return self._declared


def _generated_empty(d: TestDef, facts: _Module) -> str:
    """The module's own ``pytest_generate_tests`` parametrizes an argument of the test with no
    values (``metafunc.parametrize("x", [])``, also under ``if "x" in metafunc.fixturenames:``):
    pytest skips the test (attack 5's F2)."""
    if not facts.generate:
        return ""
    args = {a.arg for a in [*d.node.args.posonlyargs, *d.node.args.args, *d.node.args.kwonlyargs]}
    for call in facts.generate:
        names = argnames(call.args[0])
        if args & set(names) and empty_values(call.args[1], facts.info.tree):
            return (
                f"its module's pytest_generate_tests parametrizes {names[0][:40]!r} with no "
                "values, so pytest skips it"
            )
    return ""


def _in_testcase(d: TestDef, info: ModuleInfo) -> bool:
    """A method of a unittest class, which awaits its own coroutines."""
    lineage = ancestors(d.owner, info.classes) if d.owner else []
    return any(spelled(b).endswith("TestCase") for c in lineage for b in c.bases)


def _minversion(call: ast.Call) -> str:
    """An ``importorskip`` ``minversion`` no release reaches, else ``""``."""
    given = call.args[1] if len(call.args) > 1 else None
    given = next((k.value for k in call.keywords if k.arg == "minversion"), given)
    if not (isinstance(given, ast.Constant) and isinstance(given.value, str)):
        return ""
    return given.value if _unreachable(given.value.strip()[:40].split(".", 1)[0]) else ""


def _unreachable(lead: str) -> bool:
    """A version's first number from 100 up that is not a year (calendar versions: 1990 to
    2100, or 19900101 and later); any number of more than 12 digits."""
    if not (lead.isascii() and lead.isdigit()):
        return False
    number = int(lead[:13])
    year = 1990 <= number <= 2100 or 19_900_101 <= number < 10**12
    return number >= 100 and not year


def _requirements(path: str, text: str) -> set[str]:
    """The names a dependency file requires, read as words, never parsed as configuration: each
    line of a requirements file, each indented line of ``setup.cfg``, each quoted string's start
    (``"h5py>=3; python_version > '3.9'"`` → ``h5py``)."""
    names = set()
    listed = path.endswith(".txt")
    for line in text.split("\n"):
        if listed or (path == "setup.cfg" and line[:1] in (" ", "\t")):
            names.add(_name(line.strip()))
        names.update(_name(piece) for piece in line.replace("'", '"').split('"')[1::2])
    return names


def _name(spec: str) -> str:
    """The distribution a requirement names: ``h5py>=3; python_version>'3.9'`` → ``h5py``."""
    end = 0
    while end < len(spec) and (spec[end].isalnum() or spec[end] in "-_."):
        end += 1
    return spec[:end]


def _usefixtures(d: TestDef, module_marks: list[ast.AST]) -> Iterator[str]:
    """The names ``usefixtures`` marks ask for: on the test, its class, a ``pytestmark``."""
    nodes: list[ast.AST] = [d.node, *_class_marks(d.owner), *module_marks]
    for call in (c for node in nodes for c in ast.walk(node) if isinstance(c, ast.Call)):
        if dotted(call.func).endswith("usefixtures"):
            yield from (str(a.value) for a in call.args if isinstance(a, ast.Constant))


def _class_marks(owner: ast.ClassDef | None) -> list[ast.AST]:
    """A class's decorators and ``pytestmark`` statements."""
    if owner is None:
        return []
    return [*owner.decorator_list, *(s for s in owner.body if pytestmark_value(s) is not None)]


def _autouse(functions: Iterable[Function]) -> Iterator[str]:
    """The names of fixtures declared ``autouse=True``: every test that sees them gets them."""
    for fn in functions:
        calls = [d for d in fn.decorator_list if isinstance(d, ast.Call)]
        if any(dotted(d.func).rsplit(".", 1)[-1] == "fixture" and _autouse_on(d) for d in calls):
            yield fn.name


def _autouse_on(call: ast.Call) -> bool:
    return any(
        k.arg == "autouse" and isinstance(k.value, ast.Constant) and bool(k.value.value)
        for k in call.keywords
    )
