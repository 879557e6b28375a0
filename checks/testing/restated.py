"""Test functions a contribution really changed: not a base test restated.

A test whose docstring is reworded, that is renamed, or that gains an assertion message is
the base's test, not new test evidence (attack 4's 55): its body, decorators and arguments —
docstring and messages of its top-level assertions set aside, its name ignored — are the same
as a test of the file at the base (the file it was renamed from, for a renamed file), or of
any other test file at the base: a test copied into a new file is a copy. The other files are
found by ``git grep`` at the base for the test's longest line (not a docstring, not an
assertion with a message) and only those are parsed.
"""

from __future__ import annotations

import ast
import weakref
from collections.abc import Sequence
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import first_match
from mergeready.checks.python.pycode import first_line, functions

_FILES: Final = 200  # test files of the base read for copies at most


def changed_tests(
    contribution: Contribution, tree: ast.Module, f: ChangedFile, tests: Sequence[str] = ()
) -> list[str]:
    """Name the test functions of a changed test file that the contribution really changed.

    Args:
        contribution: The contribution (the file's base version is read).
        tree: The file at head.
        f: The changed test file.
        tests: The globs of test files: a test equal to one of theirs at the base is a copy.

    Returns:
        The names of the test functions whose lines it touches and whose substance differs
        from every test function of the file, and of every test file, at the base.
    """
    fresh = _fresh(contribution, tree, f)
    copies = _copies(contribution, tuple(tests)) if fresh and tests else frozenset()
    return [fn.name for fn in fresh if substance(fn) not in copies]


def _fresh(
    contribution: Contribution, tree: ast.Module, f: ChangedFile
) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The touched test functions that differ from every function of the file at the base
    (once per file and run: ``changed_tests`` and ``_copies`` both ask)."""

    def load() -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
        touched = _touched(tree, f)
        known = _known(contribution, f, {_size(fn) for fn in touched}) if touched else {}
        return [fn for fn in touched if substance(fn) not in known.get(_size(fn), ())]

    fresh: list[ast.FunctionDef | ast.AsyncFunctionDef] = contribution.once(
        f"restated-fresh:{f.path}:{id(tree)}", load
    )
    return fresh


def _copies(contribution: Contribution, tests: tuple[str, ...]) -> frozenset[str]:
    """The substances of the contribution's new tests that another base test file has, once
    per run: one ``git grep`` at the base for every new test's longest line, then at most
    ``_FILES`` of the test files it finds are parsed."""

    def load() -> frozenset[str]:
        wanted: dict[str, str] = {}  # substance -> longest line
        for f in contribution.files:
            if not (f.exists and f.path.endswith(".py") and first_match(f.path, tests)):
                continue
            tree = contribution.python(f)[0]
            lines = (contribution.text(f) or "").split("\n") if tree is not None else []
            for fn in _fresh(contribution, tree, f) if tree is not None else ():
                wanted.setdefault(substance(fn), _longest_line(fn, lines))
        found: set[str] = set()
        sizes = {s.count("\n") for s in wanted}  # a cheap key before the dump is compared
        paths = contribution.base_python_with(wanted.values()) if wanted else frozenset()
        for path in sorted(p for p in paths if first_match(p, tests))[:_FILES]:
            base = contribution.base_python(path)
            for t in functions(base) if base is not None else ():
                if t.name.startswith("test") and _size(t) in sizes:
                    found.add(substance(t))
        return frozenset(found & wanted.keys())

    copies: frozenset[str] = contribution.once(f"restated-copies:{tests!r}", load)
    return copies


def _longest_line(fn: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> str:
    """The longest source line of a test's statements, less its docstring and messages."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    found = ""
    for stmt in body:
        if isinstance(stmt, ast.Assert) and stmt.msg is not None:
            continue
        for number in range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1):
            text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
            found = max(found, text, key=len)
    return found


def _touched(tree: ast.Module, f: ChangedFile) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The test functions whose lines the contribution touches."""
    tests = [fn for fn in functions(tree) if fn.name.startswith("test")]
    return [fn for fn in tests if f.touches_range(first_line(fn), fn.end_lineno or 0)]


def _known(contribution: Contribution, f: ChangedFile, sizes: set[int]) -> dict[int, set[str]]:
    """The substance of every function of the file at the base (none for a new file) of one
    of these sizes, by size: the others cannot be equal, and their dumps were 7-9 % of a check
    (a touched test of a size the base lacks is fresh without its own dump)."""
    out: dict[int, set[str]] = {}
    if f.status == "added" and not f.old_path:
        return out
    base = contribution.base_python(f.old_path or f.path)
    for fn in functions(base) if base is not None else ():
        if _size(fn) in sizes:
            out.setdefault(_size(fn), set()).add(substance(fn))
    return out


def _size(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """How many lines ``substance`` writes for a function: decorators and statements."""
    body = fn.body
    docstring = body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    return len(fn.decorator_list) + len(body) - bool(docstring)


def substance(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """What a test does: its decorators, arguments and statements, less docstring and messages.

    Args:
        fn: The test function.

    Returns:
        Its syntax tree's dump, without positions, docstring or assertion messages.
    """
    known = _SUBSTANCES.get(fn)
    if known is None:
        known = _SUBSTANCES[fn] = _dump(fn)
    return known


# Kept per function node, weakly: a fresh test is asked for up to three times in a run, and a
# base file a history worker recalls for the next commit (parse_memo) is not dumped again.
_SUBSTANCES: Final[weakref.WeakKeyDictionary[ast.AST, str]] = weakref.WeakKeyDictionary()


def _dump(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    parts = [ast.dump(d) for d in fn.decorator_list] + [ast.dump(fn.args)]
    parts += [
        ast.dump(ast.Assert(s.test)) if isinstance(s, ast.Assert) else ast.dump(s) for s in body
    ]
    return "\n".join(parts)
