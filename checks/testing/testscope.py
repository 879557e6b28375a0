"""Which test functions a contribution touches, and test names it defines twice.

A test is in scope when the contribution adds it or changes its body or decorators: a comment,
a reformatting or a new annotation leaves the AST of the body as it was at the base, so it does
not put a legacy test in scope. A name defined twice in one module or class body runs only its
last definition (ruff's F811); that is reported when the contribution touches either.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.model import Finding
from mergeready.checks.python.pycode import first_line
from mergeready.checks.testing.collection import TestDef
from mergeready.checks.testing.pytest_config import Collection

Definitions = dict[str, "ast.FunctionDef | ast.AsyncFunctionDef"]


def base_bodies(contribution: Contribution, f: ChangedFile) -> Definitions | None:
    """Return each function at the base, by qualified name (the last of a name that repeats).

    Only the definitions a contribution touches are then compared (``in_scope``): a base test
    file's hundred other functions are never dumped.

    Args:
        contribution: The contribution.
        f: A changed test file.

    Returns:
        Each function by ``Class.name``, or None when the file is new.
    """
    tree = contribution.base_python(f.old_path or f.path) if f.status != "added" else None
    if tree is None:
        return None
    return dict(_definitions(tree.body, ""))


def _definitions(
    body: list[ast.stmt], prefix: str
) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield prefix + node.name, node
        elif isinstance(node, ast.ClassDef):
            yield from _definitions(node.body, f"{prefix}{node.name}.")
        elif isinstance(node, (ast.If, ast.Try)):
            yield from _definitions(node.body + node.orelse, prefix)


def _dump(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    return ast.dump(ast.Module(body=[*node.decorator_list, *node.body], type_ignores=[]))  # type: ignore[list-item]


def in_scope(d: TestDef, f: ChangedFile, old: Definitions | None) -> bool:
    """Tell whether the contribution adds a test or changes its body or decorators.

    Args:
        d: The test.
        f: Its file.
        old: The file's bodies at the base (``base_bodies``).

    Returns:
        True when its lines are touched and its body differs from the base's (comments,
        formatting and annotations do not count).
    """
    if not f.touches_range(first_line(d.node), d.node.end_lineno or d.node.lineno):
        return False
    before = old.get(d.qualname) if old is not None else None
    return before is None or _dump(before) != _dump(d.node)


def shadowed(
    tree: ast.Module, f: ChangedFile, rules: Collection, old: Definitions | None
) -> list[Finding]:
    """Find test names defined twice in one module or class body, where the contribution is.

    Args:
        tree: The module.
        f: Its file.
        rules: pytest's collection rules.
        old: The file's bodies at the base (both definitions already there: legacy).

    Returns:
        An MR804 error for each earlier definition that never runs.
    """
    out = []
    for owner, body in _bodies(tree):
        seen: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        for node in body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if not _test_named(node.name, rules):
                continue
            earlier = seen.get(node.name)
            seen[node.name] = node
            if earlier is None or not (_span(earlier, f) or _span(node, f)):
                continue
            if _legacy(f"{owner}.{node.name}".lstrip("."), old, f, (earlier, node)):
                continue  # both definitions were there before: legacy
            where = f"{owner}.{node.name}" if owner else node.name
            out.append(
                Finding(
                    "MR804",
                    "error",
                    f"{where} is defined again on line {node.lineno}, so the test on line "
                    f"{earlier.lineno} never runs",
                    f.path,
                    earlier.lineno,
                    hint="give each test its own name",
                )
            )
    return out


def _test_named(name: str, rules: Collection) -> bool:
    """Whether a function is named as a test: by the project's rules, or ``test…``."""
    return rules.collects_function(name) or name.startswith("test")


def _legacy(
    name: str,
    old: Definitions | None,
    f: ChangedFile,
    pair: tuple[ast.FunctionDef | ast.AsyncFunctionDef, ...],
) -> bool:
    """Whether a name was defined twice at the base already and neither ``def`` line changed."""
    if old is None or name not in old:
        return False
    return not any(f.touches(node.lineno) for node in pair)


def _span(node: ast.FunctionDef | ast.AsyncFunctionDef, f: ChangedFile) -> bool:
    return f.touches_range(first_line(node), node.end_lineno or node.lineno)


def _bodies(tree: ast.Module) -> Iterator[tuple[str, list[ast.stmt]]]:
    yield "", tree.body
    stack = [(n, n.name) for n in tree.body if isinstance(n, ast.ClassDef)]
    while stack:
        cls, name = stack.pop()
        yield name, cls.body
        stack += [(n, f"{name}.{n.name}") for n in cls.body if isinstance(n, ast.ClassDef)]
