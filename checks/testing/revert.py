"""A revert: the contribution takes code out together with the tests that tested it.

tests-present asks no new test of a contribution whose source files only lose lines when a
test file loses *test code* with them (attack 4's 37): a test function, or a statement of one
(an assertion), that the base has and the head no longer has, compared by substance
(``restated.substance``: docstrings and assertion messages aside), in a test file related to
one of the changed modules (named after it, importing it or a name it defines at the base, or
changed with it by the project's history). A removed comment, blank line or import, or lines
of an unrelated test, make no revert: removing a guard is a change to test like any other.
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
    """True when a test file that only loses lines loses test code of a changed module."""
    base = contribution.base_python(f.old_path or f.path)
    if base is None:
        return False
    head = contribution.python(f)[0] if f.exists else None
    return _loses_test_code(base, head) and any(related(s, f.path, base) for s in sources)


def _loses_test_code(base: ast.Module, head: ast.Module | None) -> bool:
    """True when a test function of the base is gone or lost a statement at head."""
    before = Counter(substance(fn) for fn in functions(base) if fn.name.startswith("test"))
    after = Counter(
        substance(fn) for fn in (functions(head) if head else ()) if fn.name.startswith("test")
    )
    return bool(before - after)
