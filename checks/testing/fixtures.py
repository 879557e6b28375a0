"""The fixtures that run around a test: what it requests, and every autouse fixture in reach.

pytest runs a test's fixtures before it: the ones its parameters and ``usefixtures`` marks
name, the ones those request, and every ``autouse=True`` fixture of its class, its module and
each ``conftest.py`` on its folder's way up. A fixture that patches the function under test
replaces it for the test as surely as a patch in the test's own body (attack 6, F2). Files
are read as syntax trees, never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from mergeready.checks.testing.collection import TestDef
from mergeready.checks.testing.project_index import ProjectIndex
from mergeready.checks.testing.truths import Function, dotted

# Fixtures requesting fixtures: followed this many steps.
_DEPTH = 8


def fixtures_around(d: TestDef, path: str, index: ProjectIndex) -> list[Function]:
    """Find the fixtures pytest runs around a test.

    Args:
        d: The test.
        path: Its file.
        index: Reads the file and the ``conftest.py`` files above it at head.

    Returns:
        The fixture functions: autouse ones in reach and those it requests, directly or not.
    """
    known: dict[str, tuple[Function, bool]] = {}
    for body in _scopes(d, path, index):  # nearer definitions override farther ones
        known.update(_fixtures(body))
    wanted = {name for name, (_, auto) in known.items() if auto} | set(_requested(d.node))
    for _ in range(_DEPTH):
        more = {r for n in wanted & known.keys() for r in _requested(known[n][0])} - wanted
        wanted |= more
    return [known[n][0] for n in sorted(wanted & known.keys())]


def _scopes(d: TestDef, path: str, index: ProjectIndex) -> Iterator[Iterable[ast.stmt]]:
    """The blocks whose fixtures a test sees, farthest first: conftests, its module, its class."""
    parts = path.split("/")[:-1]
    for conftest in ("/".join([*parts[:i], "conftest.py"]) for i in range(len(parts) + 1)):
        info = index.module(conftest) if conftest in index.paths else None
        yield info.tree.body if info else ()
    own = index.module(path)
    yield own.tree.body if own else ()
    yield d.owner.body if d.owner else ()


def _fixtures(body: Iterable[ast.stmt]) -> Iterator[tuple[str, tuple[Function, bool]]]:
    """The fixtures a block defines, by the name tests request them with, and autouse."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for deco in node.decorator_list:
                mark = _fixture_mark(deco)
                if mark is not None:
                    yield mark[0] or node.name, (node, mark[1])


def _fixture_mark(deco: ast.expr) -> tuple[str, bool] | None:
    """``@pytest.fixture(name=…, autouse=…)``: the name it gives ("" for none) and autouse."""
    call = deco if isinstance(deco, ast.Call) else None
    if not dotted(call.func if call else deco).endswith("fixture"):
        return None
    keywords = {k.arg: k.value for k in call.keywords} if call else {}
    name, auto = keywords.get("name"), keywords.get("autouse")
    named = name.value if isinstance(name, ast.Constant) and isinstance(name.value, str) else ""
    return named, auto is not None and not (isinstance(auto, ast.Constant) and not auto.value)


def _requested(fn: Function) -> Iterator[str]:
    """The fixtures a function names: its parameters and its ``usefixtures`` marks."""
    args = fn.args
    yield from (a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs])
    for deco in fn.decorator_list:
        if isinstance(deco, ast.Call) and dotted(deco.func).endswith("usefixtures"):
            yield from (str(a.value) for a in deco.args if isinstance(a, ast.Constant))
