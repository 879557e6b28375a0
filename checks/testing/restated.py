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
from collections.abc import Sequence
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import first_match
from mergeready.checks.python.pycode import first_line, functions
from mergeready.checks.testing.restatement import (
    Aliases,
    Signature,
    aliases_of,
    longest_call,
    normal_args,
    normal_body,
)

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
    aliases = aliases_of(tree, _signature(contribution))
    return [fn.name for fn in fresh if substance(fn, aliases) not in copies]


def _fresh(
    contribution: Contribution, tree: ast.Module, f: ChangedFile
) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The touched test functions that differ from every function of the file at the base
    (once per file and run: ``changed_tests`` and ``_copies`` both ask)."""

    def load() -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
        touched = _touched(tree, f)
        known = _known(contribution, f) if touched else set()
        aliases = aliases_of(tree, _signature(contribution))
        return [fn for fn in touched if substance(fn, aliases) not in known]

    fresh: list[ast.FunctionDef | ast.AsyncFunctionDef] = contribution.once(
        f"restated-fresh:{f.path}:{id(tree)}", load
    )
    return fresh


def _copies(contribution: Contribution, tests: tuple[str, ...]) -> frozenset[str]:
    """The substances of the contribution's new tests that another base test file has, once
    per run: one ``git grep`` at the base for every new test's longest line, then at most
    ``_FILES`` of the test files it finds are parsed."""

    def load() -> frozenset[str]:
        wanted: dict[str, tuple[str, str]] = {}  # substance -> longest line, longest call
        for f in contribution.files:
            if not (f.exists and f.path.endswith(".py") and first_match(f.path, tests)):
                continue
            tree = contribution.python(f)[0]
            lines = (contribution.text(f) or "").split("\n") if tree is not None else []
            for fn in _fresh(contribution, tree, f) if tree is not None else ():
                aliases = aliases_of(tree, _signature(contribution))
                needles = (_longest_line(fn, lines), longest_call(fn, aliases))
                wanted.setdefault(substance(fn, aliases), needles)
        found: set[str] = set()
        lines = [n for pair in wanted.values() for n in pair]
        paths = contribution.base_python_with(lines) if wanted else frozenset()
        for path in sorted(p for p in paths if first_match(p, tests))[:_FILES]:
            base = contribution.base_python(path)
            aliases = aliases_of(base, _signature(contribution))
            for t in functions(base) if base is not None else ():
                if t.name.startswith("test"):
                    found.add(substance(t, aliases))
        return frozenset(found & wanted.keys())

    copies: frozenset[str] = contribution.once(f"restated-copies:{tests!r}", load)
    return copies


def _signature(contribution: Contribution) -> Signature:
    """Find a module's function's parameters at head, for reading keyword arguments."""

    def find(module: str, name: str) -> list[str] | None:
        found: list[str] | None = contribution.once(
            f"restated-signature:{module}:{name}", lambda: _parameters(module, name)
        )
        return found

    def _parameters(module: str, name: str) -> list[str] | None:
        stem = module.replace(".", "/")
        paths = contribution.head_paths()
        for path in (
            f"{stem}.py",
            f"src/{stem}.py",
            f"{stem}/__init__.py",
            f"src/{stem}/__init__.py",
        ):
            text = contribution.head_text(path) if path in paths else None
            tree = _parsed(text) if text is not None and len(text) < 1_000_000 else None
            for node in tree.body if tree is not None else ():
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                    return [a.arg for a in [*node.args.posonlyargs, *node.args.args]]
        return None

    return find


def _parsed(text: str) -> ast.Module | None:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


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


def _known(contribution: Contribution, f: ChangedFile) -> set[str]:
    """The substance of every function of the file at the base (none for a new file)."""
    if f.status == "added" and not f.old_path:
        return set()
    base = contribution.base_python(f.old_path or f.path)
    if base is None:
        return set()
    aliases = aliases_of(base, _signature(contribution))
    return {substance(fn, aliases) for fn in functions(base)}


def substance(fn: ast.FunctionDef | ast.AsyncFunctionDef, aliases: Aliases | None = None) -> str:
    """What a test does: its decorators, arguments and statements, in their normal form.

    Args:
        fn: The test function.
        aliases: Its module's import aliases (``restatement.aliases_of``).

    Returns:
        Its syntax tree's dump, without positions, docstring or assertion messages, with
        ``restatement``'s one spelling per body (no-ops out, locals read once inlined,
        comparisons in one order, a method's ``self`` left out).
    """
    body = normal_body(fn, aliases or {})
    parts = [ast.dump(d) for d in fn.decorator_list] + [ast.dump(normal_args(fn))]
    parts += [
        ast.dump(ast.Assert(s.test)) if isinstance(s, ast.Assert) else ast.dump(s) for s in body
    ]
    return "\n".join(parts)
