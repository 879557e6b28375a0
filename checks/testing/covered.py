"""Existing tests that already name every function a contribution changes (opt-in evidence).

A backend fallback that reimplements ``cbrt`` for one backend, merged without a new test,
is run by ``test_cbrt`` in the op tests the project's history changes with that module: a
reviewer of such a project accepts it as "covered by existing tests". With
``covered-by-existing: true`` (tests-present; the keras profile sets it) MR101 is then a
warning that names those tests, instead of an error.

Only the base's evidence counts, never the contribution's: the test files the base's merged
history changed with the module (or named after it, at the base), a test function there named
``test_<function>`` or ``test_<function>_…`` for every function or method whose lines the
contribution changes (a method by its class's name too: ``Cbrt.call`` → ``test_cbrt``), none
of them listed in an exclusion list beside the module (a ``*exclud*.txt`` of pytest node ids,
such as Keras's ``excluded_concrete_tests.txt``: a test listed there does not run for that
backend). A change outside every function (module level but its imports, blank and comment
lines; a class body; a deletion only) is never covered. Off by default: for a bug fix elsewhere
a new test that fails without the fix is what the project asks, and a test that only calls the
function may never reach the changed line.
"""

from __future__ import annotations

import ast

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.testing.where import Layout, history_tests, named_tests, split_path

_EXCLUSIONS_READ = 5000  # lines of an exclusion list read


def existing_tests(
    contribution: Contribution, sources: list[ChangedFile], options: Layout
) -> list[str]:
    """The base's tests that name every changed function, or [] when one is not named.

    Args:
        contribution: The contribution.
        sources: The changed source files that no changed test covers.
        options: tests-present's options (which files are tests).

    Returns:
        ``path::test_name`` of one naming test per changed function, or an empty list.
    """
    found: list[str] = []
    for f in sources:
        names = _changed_functions(contribution, f)
        if not names:
            return []
        folder, stem = split_path(f.path)
        files = [
            *history_tests(contribution, f.path, options),
            *named_tests(folder, stem, contribution.base_paths()),
        ]
        skipped = _excluded(contribution, folder)
        for candidates in names:
            hits = (_naming_test(contribution, files, n.lstrip("_"), skipped) for n in candidates)
            hit = next((h for h in hits if h is not None), None)
            if hit is None:
                return []
            found.append(hit)
    return list(dict.fromkeys(found))


def _changed_functions(contribution: Contribution, f: ChangedFile) -> list[tuple[str, ...]]:
    """The names of each function or method whose lines the change touches (a method's class
    in snake case too: ``Cbrt.call`` is ``cbrt``); [] if a line is outside one and no import."""
    tree, _ = contribution.python(f)
    added = f.added_lines
    if tree is None or not added or f.status != "modified":
        return []
    spans = _spans(tree)
    names: list[tuple[str, ...]] = []
    for line in sorted(added - _import_lines(tree) - _blank_lines(contribution, f)):
        owner = next((names for a, b, names in spans if a <= line <= b), None)
        if owner is None:
            return []
        if owner not in names:
            names.append(owner)
    return names


def _spans(tree: ast.Module) -> list[tuple[int, int, tuple[str, ...]]]:
    """Each top-level function's and each top-level class's methods' lines, decorators first."""
    spans: list[tuple[int, int, tuple[str, ...]]] = []
    for node in tree.body:
        members = node.body if isinstance(node, ast.ClassDef) else [node]
        also = (_snake(node.name),) if isinstance(node, ast.ClassDef) else ()
        for item in members:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([item.lineno, *(d.lineno for d in item.decorator_list)])
                spans.append((first, item.end_lineno or item.lineno, (item.name, *also)))
    return spans


def _import_lines(tree: ast.Module) -> frozenset[int]:
    """The lines of the module's top-level imports (a fallback may import what it calls)."""
    imports = (n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)))
    return frozenset(x for n in imports for x in range(n.lineno, (n.end_lineno or n.lineno) + 1))


def _blank_lines(contribution: Contribution, f: ChangedFile) -> frozenset[int]:
    """The file's blank and comment-only lines (between two functions they belong to none)."""
    view = contribution.python_view(f)
    lines = view.lines() if view is not None else []
    return frozenset(n for n, t in enumerate(lines, 1) if not t.strip() or t.strip()[0] == "#")


def _snake(name: str) -> str:
    """``Squareplus`` → ``squareplus``, ``LogSoftmax`` → ``log_softmax``."""
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))


def _naming_test(
    contribution: Contribution, files: list[str], name: str, skipped: frozenset[str]
) -> str | None:
    """The first test function at the base named after ``name``, not excluded."""
    for path in dict.fromkeys(files) if name else ():
        tree = contribution.base_python(path)
        tests = (
            n.name
            for n in (ast.walk(tree) if tree is not None else ())
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        )
        hit = next((t for t in tests if _names(t, name, skipped)), None)
        if hit is not None:
            return f"{path}::{hit}"
    return None


def _names(test: str, name: str, skipped: frozenset[str]) -> bool:
    """``test_<name>`` or ``test_<name>_…``, none of whose instances an exclusion list skips."""
    if test != f"test_{name}" and not test.startswith(f"test_{name}_"):
        return False
    return not any(s == test or s.startswith(f"{test}_") for s in skipped)


def _excluded(contribution: Contribution, folder: str) -> frozenset[str]:
    """The test names an exclusion list beside the module lists (``Class::test_x`` lines)."""
    prefix = f"{folder}/" if folder else ""
    names: set[str] = set()
    for path in contribution.base_paths():
        rest = path[len(prefix) :]
        if path.startswith(prefix) and _exclusion_list(rest):
            text = contribution.base_text(path) or ""
            names.update(_listed(text.splitlines()[:_EXCLUSIONS_READ]))
    return frozenset(names)


def _exclusion_list(name: str) -> bool:
    """A text file directly in the folder whose name says it excludes tests."""
    return "/" not in name and "exclud" in name.lower() and name.endswith(".txt")


def _listed(lines: list[str]) -> list[str]:
    """The test function names of pytest node ids (``Class::test_x[param]`` → ``test_x``)."""
    lasts = (line.strip().rsplit("::", 1)[-1] for line in lines)
    return [last.split("[", 1)[0] for last in lasts if last.startswith("test")]
