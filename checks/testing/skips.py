"""Tests that do not run: skipped or expected to fail unconditionally.

``@pytest.mark.skip``, ``@unittest.skip``, ``xfail`` without a condition, ``skipif(True)``,
``skipif("True")`` (pytest evaluates a string condition), ``skipUnless(False)``,
``expectedFailure``, an empty ``parametrize``, on the test or its class (also through a name
bound to the mark), a module's or a class's ``pytestmark``, ``pytest.skip(…,
allow_module_level=True)`` in the module, or ``pytest.skip()``/``self.skipTest()``/``raise
SkipTest`` among the statements of the test or of its class's or module's set-up before
anything that could fail it (an ``assert``, a ``raise``, an assertion call).

``Skips`` also looks around the test (issue 22): a fixture it requests (a parameter,
``usefixtures`` on it, its class or a ``pytestmark``, or an ``autouse`` fixture of its class,
file or a ``conftest.py`` above it), followed three fixtures deep, that skips first; and
``pytest.importorskip`` — in the module, the test or such a fixture — of a module the base
neither ships, uses in its code nor declares as a dependency (nor the standard library): it
never imports, so the test never runs. A skip on a real condition (a platform check, an
optional dependency the project has) is left alone: the test counts.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator

from mergeready.checks.contribution import Contribution
from mergeready.checks.testing.assertions import Asserts, Function, ModuleInfo
from mergeready.checks.testing.collection import TestDef
from mergeready.checks.testing.vacuous import dotted, truth

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
_FIXTURE_DEPTH = 3
# The standard library's top-level modules (Python 3.10+; 3.9 knows only the built-in ones).
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", sys.builtin_module_names))


def skip_reason(d: TestDef, tree: ast.Module) -> str:
    """Say why a test does not run, if it is skipped or xfailed unconditionally.

    Args:
        d: The test.
        tree: Its module (for ``pytestmark`` and module-level skips).

    Returns:
        The reason, or an empty string when it runs.
    """
    names = _module_names(tree)
    classes = [d.owner] if d.owner else []
    for node in [d.node, *classes]:
        for dec in node.decorator_list:
            reason = _skip_decorator(_resolved(dec, names))
            if reason:
                return reason
    for owner in classes:
        reason = _marks(owner.body, names, "class pytestmark") or _setup_skips(owner.body)
        if reason:
            return reason
    reason = _marks(tree.body, names, "pytestmark") or _module_skip(tree)
    if reason:
        return reason
    helpers = {f.name: f for f in _functions(tree.body) if "fixture" not in _decorators(f)}
    if d.owner is not None:
        helpers.update({f"self.{f.name}": f for f in _functions(d.owner.body)})
    return _skips_first(d.node.body, helpers)


def _skips_first(body: list[ast.stmt], helpers: dict[str, Function] | None = None) -> str:
    """A skip among a block's own statements before anything that could fail it (an assert),
    also inside a helper of the file (or a method of the class) that the block calls first."""
    for stmt in body:
        call = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
        if isinstance(call, ast.Call):
            name = dotted(call.func)
            if isinstance(stmt, ast.Expr) and name in _SKIPS:
                return f"it calls {name}() before it checks anything"
            helper = (helpers or {}).get(name)
            if helper is not None:
                inner = {k: v for k, v in (helpers or {}).items() if v is not helper}
                reason = _skips_first(helper.body, inner)  # each helper followed once
                if reason:
                    return f"it calls {name}(), which skips ({reason})"
                if any(_checks(n) for n in ast.walk(helper)):
                    return ""
        if _raises_skip(stmt):
            return "it raises SkipTest before it checks anything"
        if any(_checks(n) for n in ast.walk(stmt)):
            return ""
    return ""


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


def _setup_skips(body: list[ast.stmt]) -> str:
    """A class whose set-up skips first skips every test of the class."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in _SETUPS:
            reason = _skips_first(node.body)
            if reason:
                return f"its class's {node.name} skips ({reason})"
    return ""


def _module_skip(tree: ast.Module) -> str:
    """``pytest.skip(…, allow_module_level=True)`` or a ``setup_module`` that skips first."""
    for stmt in tree.body:
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
            reason = _skips_first(stmt.body)
            if reason:
                return f"its module's {stmt.name} skips ({reason})"
    return ""


def _marks(body: list[ast.stmt], names: dict[str, ast.expr], what: str) -> str:
    """A ``pytestmark`` (assigned, augmented or annotated) that skips the block's tests."""
    for stmt in body:
        value = _pytestmark(stmt)
        if value is None:
            continue
        marks = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
        for mark in marks:
            reason = _skip_decorator(_resolved(mark, names))
            if reason:
                return f"{reason} ({what})"
    return ""


def _pytestmark(stmt: ast.stmt) -> ast.expr | None:
    """The value a statement gives ``pytestmark`` (assigned, augmented or annotated), or None."""
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


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def _skip_decorator(dec: ast.expr) -> str:
    call = dec if isinstance(dec, ast.Call) else None
    name = dotted(call.func if call else dec).rsplit(".", 1)[-1]
    args = call.args if call else []
    condition = args[0] if args else None
    if call is not None and condition is None:
        condition = next((k.value for k in call.keywords if k.arg == "condition"), None)
    if name in ("skip", "expectedFailure"):
        return "it is marked skip" if name == "skip" else "it is marked expectedFailure"
    if name == "xfail" and (condition is None or _constant(condition, True)):
        return "it is marked xfail unconditionally"
    if name in ("skipif", "skipIf") and condition is not None and _constant(condition, True):
        return f"it is marked {name} with an always-true condition"
    if name == "skipUnless" and condition is not None and _constant(condition, False):
        return "it is marked skipUnless with an always-false condition"
    if name == "parametrize" and call is not None and _no_values(call):
        return "it is parametrized with no values (or only skipped ones), so pytest skips it"
    return ""


def _no_values(call: ast.Call) -> bool:
    """No values, or every value a ``pytest.param(…, marks=<an unconditional skip>)``."""
    values = call.args[1] if len(call.args) > 1 else None
    values = next((k.value for k in call.keywords if k.arg == "argvalues"), values)
    if not isinstance(values, (ast.List, ast.Tuple)):
        return False
    return all(_skipped_param(v) for v in values.elts[:1_000])


def _skipped_param(value: ast.expr) -> bool:
    if not (isinstance(value, ast.Call) and dotted(value.func).rsplit(".", 1)[-1] == "param"):
        return False
    marks = next((k.value for k in value.keywords if k.arg == "marks"), None)
    listed = marks.elts if isinstance(marks, (ast.List, ast.Tuple)) else [marks] if marks else []
    return any(_skip_decorator(m) for m in listed)


def _constant(node: ast.expr, wanted: bool) -> bool:
    """True when a skip condition is always ``wanted``; pytest evaluates a string condition."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if len(node.value) > 2_000:
            return False
        try:
            node = ast.parse(node.value.strip(), mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return truth(node) is wanted


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

    def reason(self, d: TestDef, info: ModuleInfo) -> str:
        """Say why a test does not run, if it never can.

        Args:
            d: The test.
            info: Its module.

        Returns:
            The reason, or an empty string when it runs.
        """
        found = skip_reason(d, info.tree) or self._imports(info.tree.body, "the module")
        if found:
            return found
        found = self._imports(d.node.body, "it")
        for name in [] if found else self._requested(d, info):
            found = self._fixture(name, info, d.owner, _FIXTURE_DEPTH)
            if found:
                return found
        return found

    def _requested(self, d: TestDef, info: ModuleInfo) -> Iterator[str]:
        """The fixtures a test gets: parameters, ``usefixtures`` marks, ``autouse`` fixtures."""
        args = d.node.args
        yield from (a.arg for a in [*args.posonlyargs, *args.args] if a.arg not in ("self", "cls"))
        yield from _usefixtures(d, info)
        yield from _autouse(_functions(d.owner.body) if d.owner else [])
        for module in self.asserts.fixture_modules(info):
            yield from _autouse(module.functions.values())

    def _fixture(self, name: str, info: ModuleInfo, owner: ast.ClassDef | None, depth: int) -> str:
        """Say why a fixture skips every test that gets it (first, or through its own fixtures)."""
        fn, where = self._find(name, info, owner)
        if fn is None:
            return ""
        reason = _skips_first(fn.body) or self._imports(fn.body, "it")
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
        own = [f for f in _functions(owner.body) if f.name == name] if owner else []
        found = (own[0], info) if own else self.asserts.fixture(name, info)
        if found is None or "fixture" not in _decorators(found[0]):
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


def _minversion(call: ast.Call) -> str:
    """An ``importorskip`` ``minversion`` no release reaches: a first number from 100 up that is
    not a year (calendar versions: 1990 to 2100, or 19900101 and later), else ``""``."""
    given = call.args[1] if len(call.args) > 1 else None
    given = next((k.value for k in call.keywords if k.arg == "minversion"), given)
    if not (isinstance(given, ast.Constant) and isinstance(given.value, str)):
        return ""
    lead = given.value.strip()[:40].split(".", 1)[0]
    if not (lead.isascii() and lead.isdigit()) or len(lead) > 12:
        return given.value if lead.isascii() and lead.isdigit() else ""
    number = int(lead)
    year = 1990 <= number <= 2100 or 19_900_101 <= number
    return given.value if number >= 100 and not year else ""


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


def _usefixtures(d: TestDef, info: ModuleInfo) -> Iterator[str]:
    """The names ``usefixtures`` marks ask for: on the test, its class, a ``pytestmark``."""
    nodes: list[ast.AST] = [d.node, *_class_marks(d.owner)]
    nodes += [s for s in info.tree.body if _pytestmark(s) is not None]
    for call in (c for node in nodes for c in ast.walk(node) if isinstance(c, ast.Call)):
        if dotted(call.func).endswith("usefixtures"):
            yield from (str(a.value) for a in call.args if isinstance(a, ast.Constant))


def _class_marks(owner: ast.ClassDef | None) -> list[ast.AST]:
    """A class's decorators and ``pytestmark`` statements."""
    if owner is None:
        return []
    return [*owner.decorator_list, *(s for s in owner.body if _pytestmark(s) is not None)]


def _functions(body: list[ast.stmt]) -> list[Function]:
    return [s for s in body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _decorators(fn: Function) -> set[str]:
    return {
        dotted(d.func if isinstance(d, ast.Call) else d).rsplit(".", 1)[-1]
        for d in fn.decorator_list
    }


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
