"""Which functions pytest collects as tests, by its default rules or the project's settings.

pytest collects ``test*`` functions and the ``test*`` methods of ``Test*`` classes without an
``__init__`` in files named ``test_*.py`` or ``*_test.py``, and every ``test*`` method of a
``unittest.TestCase`` in such a file; ``python_files``, ``python_classes`` and
``python_functions`` change the names (see ``pytest_config``). A test defined under a condition
that is never true, in a class pytest skips, or in ``conftest.py`` is reported with the reason.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Union

from mergeready.checks.python.public_api import decorator_names
from mergeready.checks.python.pycode import statements
from mergeready.checks.testing.lineage import flag_of, switched_off
from mergeready.checks.testing.pytest_config import Collection
from mergeready.checks.testing.rebinding import block_statements, rebound
from mergeready.checks.testing.replaced import globals_edit, module_functions, replaced_reason
from mergeready.checks.testing.truths import spelled
from mergeready.checks.testing.vacuous import truth

_DEAD_GUARDS: Final = ("TYPE_CHECKING", "typing.TYPE_CHECKING")


Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]


@dataclass(frozen=True)
class TestDef:
    """A function or method of a test file and whether pytest collects it as a test."""

    node: Function
    qualname: str
    owner: ast.ClassDef | None
    collected: bool
    why_not: str = ""


Resolver = Callable[[ast.ClassDef], Union[bool, None]]


def test_functions(
    tree: ast.Module, path: str, rules: Collection, testcase: Resolver | None = None
) -> Iterator[TestDef]:
    """Yield the functions of a module that are tests, or look like tests, with their fate.

    Args:
        tree: The module.
        path: Its repository path.
        rules: The collection rules.
        testcase: Tells whether a class with bases from elsewhere is a ``unittest.TestCase``
            (None when it cannot tell).

    Yields:
        Each collected test and each test-looking function that will not be collected.
    """
    file_reason = "" if rules.collects_file(path) else _file_reason(path, rules)
    off = _module_switched_off(tree)
    classes = {n.name: n for n in statements(tree) if isinstance(n, ast.ClassDef)}
    memo = _Memo(classes)
    inherited = _inherited(classes, memo, rules)
    gone = rebound(tree.body)
    functions = module_functions(tree)
    for node, dead in _defined(tree.body, False):
        reason = file_reason or off or ("defined under a condition that is never true" * dead)
        reason = reason or replaced_reason(node, gone, functions)
        if isinstance(node, ast.ClassDef):
            yield from _class_tests(node, node.name, memo, rules, reason, testcase, inherited)
        else:
            yield from _function_test(node, rules, reason)


def _inherited(classes: dict[str, ast.ClassDef], memo: _Memo, rules: Collection) -> set[str]:
    """The bases of collected classes: their tests run in the subclasses."""
    collected = [c for c in classes.values() if rules.collects_class(c.name) or memo.testcase(c)]
    return {_base_name(b) for c in collected for b in c.bases}


def _function_test(
    node: ast.FunctionDef | ast.AsyncFunctionDef, rules: Collection, reason: str
) -> Iterator[TestDef]:
    """A module-level function that is a test or looks like one, with its fate."""
    if "fixture" in decorator_names(node):
        return
    if rules.collects_function(node.name) or _looks_like_test(node.name):
        collected = not reason and rules.collects_function(node.name)
        why = reason or f"its name does not match python_functions {list(rules.functions)}"
        yield TestDef(node, node.name, None, collected, "" if collected else why)


def _class_tests(
    cls: ast.ClassDef,
    qualname: str,
    memo: _Memo,
    rules: Collection,
    reason: str,
    testcase: Resolver | None,
    inherited: set[str],
) -> Iterator[TestDef]:
    unit = _is_unit(cls, memo, rules, testcase)
    if unit is None:
        return  # it may inherit from a TestCase defined elsewhere: no claim either way
    own = "" if reason else _class_reason(cls, unit, memo, rules, inherited)
    if own is None:
        return  # it may inherit from a TestCase defined elsewhere: no claim either way
    reason = reason or own
    gone = rebound(cls.body)
    for node, dead in _defined(cls.body, False):
        why = reason or ("defined under a condition that is never true" * dead)
        why = why or gone.get(id(node), "")
        if isinstance(node, ast.ClassDef):
            yield from _class_tests(
                node, f"{qualname}.{node.name}", memo, rules, why, testcase, inherited
            )
        else:
            yield from _method_test(node, f"{qualname}.{node.name}", cls, unit, rules, why)


def _is_unit(
    cls: ast.ClassDef, memo: _Memo, rules: Collection, testcase: Resolver | None
) -> bool | None:
    """Whether a class is a ``unittest.TestCase``; None when its bases, defined elsewhere, may
    make it one and pytest would not collect it by name."""
    if memo.testcase(cls) or testcase is None or not _unknown_bases(cls, memo.classes):
        return memo.testcase(cls)
    resolved = testcase(cls)
    if resolved is None and not rules.collects_class(cls.name):
        return None
    return bool(resolved)


def _class_reason(
    cls: ast.ClassDef, unit: bool, memo: _Memo, rules: Collection, inherited: set[str]
) -> str | None:
    """Why pytest does not collect a class's tests ("" when it does; None when it cannot tell:
    a class that may inherit from a ``TestCase`` defined elsewhere)."""
    off = switched_off(cls, memo.classes, memo.flags)
    if off:
        return off
    if unit:
        return ""
    if memo.init(cls):
        return f"class {cls.name} has an __init__, so pytest does not collect it"
    if rules.collects_class(cls.name) or cls.name in inherited:
        return ""
    if _unknown_bases(cls, memo.classes):
        return None
    return (
        f"class {cls.name} does not match python_classes {list(rules.classes)} "
        "and is not a unittest.TestCase"
    )


def _method_test(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    qualname: str,
    cls: ast.ClassDef,
    unit: bool,
    rules: Collection,
    why: str,
) -> Iterator[TestDef]:
    """A method that is a test or looks like one, with its fate (fixtures are not tests)."""
    test_name = node.name.startswith("test") if unit else rules.collects_function(node.name)
    if not (test_name or _looks_like_test(node.name)) or "fixture" in decorator_names(node):
        return
    collected = test_name and not why
    if not why and not test_name:
        why = f"its name does not match python_functions {list(rules.functions)}"
    yield TestDef(node, qualname, cls, collected, "" if collected else why)


def _looks_like_test(name: str) -> bool:
    """A name a reader would take for a test: ``test…``/``tst…`` in any case, after underscores."""
    bare = name.lstrip("_").lower()
    return bare.startswith(("test", "tst"))


def _file_reason(path: str, rules: Collection) -> str:
    name = path.rsplit("/", 1)[-1]
    if name == "conftest.py":
        return "conftest.py holds fixtures and hooks; pytest collects no tests from it"
    return f"{name} does not match python_files {list(rules.files)}"


def _defined(
    body: Sequence[ast.stmt], dead: bool
) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, bool]]:
    """Yield the definitions a block makes, through if/try/with blocks, marking dead branches."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node, dead
        elif isinstance(node, ast.If):
            never = _never_true(node.test)
            yield from _defined(node.body, dead or never)
            yield from _defined(node.orelse, dead or _always_true(node.test))
        elif isinstance(node, (ast.Try, ast.With, ast.AsyncWith)):
            for block in ("body", "orelse", "finalbody"):
                yield from _defined(getattr(node, block, []), dead)
            for handler in getattr(node, "handlers", []):
                yield from _defined(handler.body, dead)


def _never_true(test: ast.expr) -> bool:
    if truth(test) is False:  # ``if False:``, ``if sys.version_info < (3,):`` (``truths.fact``)
        return True
    if spelled(test) in _DEAD_GUARDS:
        return True
    return (  # if __name__ == "__main__": never runs under pytest
        isinstance(test, ast.Compare)
        and spelled(test.left) == "__name__"
        and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
    )


def _always_true(test: ast.expr) -> bool:
    return truth(test) is True


def _module_switched_off(tree: ast.Module) -> str:
    if any("__test__" in globals_edit(s) for s in block_statements(tree.body)):
        return "the module sets __test__ through its own namespace (globals(), sys.modules)"
    return "the module sets __test__ = False" if flag_of(tree.body) is False else ""


def _base_name(base: ast.expr) -> str:
    target = base.value if isinstance(base, ast.Subscript) else base
    return spelled(target)


def is_testcase(
    cls: ast.ClassDef, classes: dict[str, ast.ClassDef], memo: dict[int, bool] | None = None
) -> bool:
    """Tell whether a class is a ``unittest.TestCase`` (by its bases, followed in the module).

    Each class of the module is looked at once per ``memo`` (a class reached through many
    bases is not walked again: nested diamonds of bases are linear, not exponential).

    Args:
        cls: The class.
        classes: The module's classes by name.
        memo: What is known of the module's classes (share one per module).

    Returns:
        True when a base is named ``TestCase`` (``unittest.TestCase``, ``tf.test.TestCase``,
        ``parameterized.TestCase``, ``…TestCase``) or is such a class of the module.
    """
    return _reaches(cls, classes, {} if memo is None else memo, _names_testcase)


def _names_testcase(cls: ast.ClassDef) -> bool:
    return any(_base_name(b).rsplit(".", 1)[-1].endswith("TestCase") for b in cls.bases)


def _defines_init(cls: ast.ClassDef) -> bool:
    return any(
        isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.name in ("__init__", "__new__")
        for node in cls.body
    )


def _has_init(
    cls: ast.ClassDef, classes: dict[str, ast.ClassDef], memo: dict[int, bool] | None = None
) -> bool:
    return _reaches(cls, classes, {} if memo is None else memo, _defines_init)


class _Memo:
    """A module's classes, and what is settled about each (shared by every question)."""

    def __init__(self, classes: dict[str, ast.ClassDef]) -> None:
        self.classes = classes
        self.testcases: dict[int, bool] = {}
        self.inits: dict[int, bool] = {}
        self.flags: dict[int, tuple[bool | None, str]] = {}

    def testcase(self, cls: ast.ClassDef) -> bool:
        return is_testcase(cls, self.classes, self.testcases)

    def init(self, cls: ast.ClassDef) -> bool:
        return _has_init(cls, self.classes, self.inits)


def _reaches(
    start: ast.ClassDef,
    classes: dict[str, ast.ClassDef],
    memo: dict[int, bool],
    here: Callable[[ast.ClassDef], bool],
) -> bool:
    """Tell whether ``here`` holds for a class or a base of it defined in the module.

    An iterative walk that settles every class once (post-order; a cycle of bases counts as
    False), so its cost is linear in the classes and bases of the module.
    """
    stack: list[tuple[ast.ClassDef, bool]] = [(start, False)]
    open_: set[int] = set()
    while stack:
        node, settled = stack.pop()
        key = id(node)
        if settled:
            open_.discard(key)
            memo[key] = here(node) or any(
                memo.get(id(b), False) for b in _local_bases(node, classes)
            )
            continue
        if key in memo or key in open_:
            continue
        open_.add(key)
        stack.append((node, True))
        stack.extend((b, False) for b in _local_bases(node, classes) if id(b) not in memo)
    return memo[id(start)]


def _local_bases(cls: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> list[ast.ClassDef]:
    found = (classes.get(_base_name(b)) for b in cls.bases)
    return [c for c in found if c is not None and c is not cls]


def _unknown_bases(cls: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> bool:
    return any(_base_name(b) not in classes and _base_name(b) != "object" for b in cls.bases)
