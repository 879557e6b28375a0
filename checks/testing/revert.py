"""A revert: the contribution takes code out together with the tests that tested it.

tests-present asks no new test of a contribution whose source files only lose lines when a
test file loses *test code* with them (attack 4's 37): a test function, or a statement of one
(an assertion), that the base has and the head no longer has, compared by substance
(``restated.substance``: docstrings and assertion messages aside) that names a function or class
whose code the contribution changed, in a test file related to that module (named after it,
importing it or a name it defines at the base, or changed with it by the project's history). A
removed comment, blank line or import, a test of another module or of another function of the
same module, make no revert: removing a guard is a change to test like any other.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Callable, Sequence

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import first_match
from mergeready.checks.python.pycode import functions
from mergeready.checks.testing.restated import substance

Related = Callable[[ChangedFile, str, ast.Module], bool]


def removes_code_with_its_tests(
    contribution: Contribution, sources: list[ChangedFile], tests: Sequence[str], related: Related
) -> bool:
    """Tell whether the contribution removes code and the related tests of it (a revert).

    Decided from the diff alone, never from a ``Revert "…"`` subject the contributor writes.

    Args:
        contribution: The contribution.
        sources: The changed source files.
        tests: The globs of test files.
        related: Whether a source file and a test file (its path and tree at the base) go
            together.

    Returns:
        True when every changed source file only loses lines and a related test file loses
        test code.
    """
    if any(f.added_count != 0 or not f.removed for f in sources):
        return False
    return any(
        _takes_out(contribution, f, sources, related)
        for f in contribution.files
        if first_match(f.path, tests) and (f.status == "deleted" or f.added_count == 0)
    )


def _takes_out(
    contribution: Contribution, f: ChangedFile, sources: list[ChangedFile], related: Related
) -> bool:
    """True when a test file that only loses lines loses test code of the removed code: a test
    of the base, gone or shortened at head, that names a definition the contribution changed in
    a related source file (attack 5's F19: not a blank line, not another function's test)."""
    base = contribution.base_python(f.old_path or f.path)
    if base is None:
        return False
    head = contribution.python(f)[0] if f.exists else None
    lost = _lost_tests(base, head)
    if not lost:
        return False
    named = {n for fn in lost for n in _names(fn)}
    return any(
        related(s, f.path, base) and named & _changed_definitions(contribution, s) for s in sources
    )


def _lost_tests(
    base: ast.Module, head: ast.Module | None
) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The test functions of the base that are gone or lost a statement at head."""
    after = Counter(
        substance(fn) for fn in (functions(head) if head else ()) if fn.name.startswith("test")
    )
    lost: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    for fn in functions(base):
        key = substance(fn) if fn.name.startswith("test") else ""
        if key and after[key]:
            after[key] -= 1
        elif key:
            lost.append(fn)
    return lost


def _names(node: ast.AST) -> set[str]:
    """Every name and attribute a piece of code mentions."""
    found: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            found.add(n.id)
        elif isinstance(n, ast.Attribute):
            found.add(n.attr)
    return found


def _changed_definitions(contribution: Contribution, f: ChangedFile) -> set[str]:
    """The functions and classes of a source file whose code the contribution changed."""
    base = contribution.base_python(f.old_path or f.path)
    head = contribution.python(f)[0] if f.exists else None
    if base is None:
        return set()
    now = {d.name: ast.dump(d) for d in _definitions(head)} if head is not None else {}
    return {d.name for d in _definitions(base) if now.get(d.name) != ast.dump(d)}


def _definitions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef]:
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return [n for n in ast.walk(tree) if isinstance(n, kinds)]
