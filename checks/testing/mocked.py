"""A test that calls only what it patched away tests its mock, not the code.

``with mock.patch("pkg.ops.clip", return_value=3): assert ops.clip(None, 3) == 3`` or
``monkeypatch.setattr(ops, "clip", lambda *a: 4)`` before ``assert ops.clip(None, 4) == 4``:
every call the test makes into code is to the name it replaced, so the assertion checks the
stand-in. A patch with ``wraps=`` still runs the real function; a test that patches a
dependency and calls something else (the code under test) is left alone.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Sequence
from typing import Final, Union

from mergeready.checks.model import Finding
from mergeready.checks.testing.collection import TestDef
from mergeready.checks.testing.fixtures import fixtures_around
from mergeready.checks.testing.project_index import ProjectIndex
from mergeready.checks.testing.replaced import drops
from mergeready.checks.testing.vacuous import dotted

Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]
# Names whose calls are the test's own machinery, not code under test.
_TOOLS: Final = frozenset({"mock", "unittest", "pytest", "monkeypatch", "mocker", "patch", "self"})
_BUILTINS: Final = frozenset(dir(builtins))
_PATCHES: Final = frozenset({"patch", "object", "setattr"})


def mocked_findings(d: TestDef, path: str, index: ProjectIndex) -> list[Finding]:
    """MR801 for a test whose every call into code is to a name it, or a fixture, patched away.

    Args:
        d: The test.
        path: Its file.
        index: Reads the test's module and the ``conftest.py`` files above it (its fixtures).

    Returns:
        The finding, or nothing.
    """
    dropped = _dropped(d, path, index)
    if dropped:
        message = f"{d.qualname} is replaced by its imported decorator {dropped}: never run"
        return [Finding("MR803", "error", message, path, d.node.lineno, hint="drop the decorator")]
    mocked = mocked_only(d.node, fixtures_around(d, path, index))
    if not mocked:
        return []
    message = f"{d.qualname} calls only what it patched away ({mocked}), so it checks the mock"
    hint = "call the real function (patch what it depends on, or use wraps=)"
    return [Finding("MR801", "error", message, path, d.node.lineno, hint=hint)]


def _dropped(d: TestDef, path: str, index: ProjectIndex) -> str:
    """An imported decorator that returns something other than the test (attack 6, F3's 138)."""
    info = index.module(path)
    for deco in d.node.decorator_list if info is not None else ():
        name = deco.id if isinstance(deco, ast.Name) else ""
        found = index.function(info, name) if info and name in info.imports else None
        if isinstance(found, ast.FunctionDef) and drops(found):
            return name
    return ""


def mocked_only(fn: Function, fixtures: Sequence[Function] = ()) -> str:
    """The names a test patched away when they are all the code it calls, else "".

    Args:
        fn: The test.
        fixtures: The fixtures that run around it: a patch in one holds during the test
            (attack 6, F2: an autouse fixture that replaces the function under test).

    Returns:
        The patched names, comma-separated, or "" when the test calls real code.
    """
    calls = _calls(fn)
    patched = _patched_names(
        [*calls, *fn.decorator_list, *(c for f in fixtures for c in _calls(f))]
    )
    code = [last for last in map(_code_call, calls) if last]
    replaced = bool(patched and code) and set(code) <= patched
    return ", ".join(sorted(patched)) if replaced else ""


def _patched_names(nodes: list[ast.expr]) -> set[str]:
    return {name for node in nodes for name in _patched(node)}


def _patched(node: ast.AST) -> list[str]:
    """``mock.patch("a.b.name", …)``, ``patch.object(m, "name")``, ``monkeypatch.setattr(m,
    "name", …)``: the name replaced (nothing with ``wraps=``)."""
    if not isinstance(node, ast.Call) or dotted(node.func).rsplit(".", 1)[-1] not in _PATCHES:
        return []
    if _wraps(node):
        return []
    named = [a.value for a in node.args[:2] if isinstance(a, ast.Constant)]
    return [n.rsplit(".", 1)[-1] for n in named if isinstance(n, str) and n]


def _calls(fn: Function) -> list[ast.Call]:
    return [n for n in ast.walk(fn) if isinstance(n, ast.Call)]


def _wraps(patch: ast.Call) -> bool:
    """A patch with ``wraps=``, or whose stand-in has it: the real function still runs."""
    return any(k.arg == "wraps" for a in (patch, *patch.args) for k in getattr(a, "keywords", ()))


def _code_call(call: ast.Call) -> str:
    """The last name of a call into code: not an assertion, a builtin or the test's tools."""
    name = dotted(call.func)
    if not name:
        return ""
    root, last = name.split(".", 1)[0], name.rsplit(".", 1)[-1]
    if root in _TOOLS or last.startswith("assert") or (root == name and name in _BUILTINS):
        return ""
    return last
