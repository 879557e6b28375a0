"""Test functions a contribution really changed: not a base test restated.

A test whose docstring is reworded, that is renamed, or that gains an assertion message is
the base's test, not new test evidence (attack 4's 55): its body, decorators and arguments —
docstring and messages of its top-level assertions set aside, its name ignored — are the same
as a test of the file at the base (the file it was renamed from, for a renamed file).
"""

from __future__ import annotations

import ast

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.python.pycode import first_line, functions


def changed_tests(contribution: Contribution, tree: ast.Module, f: ChangedFile) -> list[str]:
    """Name the test functions of a changed test file that the contribution really changed.

    Args:
        contribution: The contribution (the file's base version is read).
        tree: The file at head.
        f: The changed test file.

    Returns:
        The names of the test functions whose lines it touches and whose substance differs
        from every test function of the file at the base.
    """
    touched = _touched(tree, f)
    known = _known(contribution, f) if touched else set()
    return [fn.name for fn in touched if _substance(fn) not in known]


def _touched(tree: ast.Module, f: ChangedFile) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The test functions whose lines the contribution touches."""
    tests = [fn for fn in functions(tree) if fn.name.startswith("test")]
    return [fn for fn in tests if f.touches_range(first_line(fn), fn.end_lineno or 0)]


def _known(contribution: Contribution, f: ChangedFile) -> set[str]:
    """The substance of every function of the file at the base (none for a new file)."""
    if f.status == "added" and not f.old_path:
        return set()
    base = contribution.base_python(f.old_path or f.path)
    return {_substance(fn) for fn in functions(base)} if base is not None else set()


def _substance(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """What a test does: its decorators, arguments and statements, less docstring and messages."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    parts = [ast.dump(d) for d in fn.decorator_list] + [ast.dump(fn.args)]
    parts += [
        ast.dump(ast.Assert(s.test)) if isinstance(s, ast.Assert) else ast.dump(s) for s in body
    ]
    return "\n".join(parts)
