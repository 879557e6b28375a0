"""Test-looking functions pytest will not collect: forgotten tests, not helpers (MR803).

A function named like a test that pytest skips (its name, its class, ``__init__``, a block
that never runs) is a finding unless something calls it: its name is referenced in its module
or used more often in the contribution's changed files than its own file spells it.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Callable, Mapping

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.model import Finding
from mergeready.checks.testing.collection import TestDef

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def words_in(contribution: Contribution) -> Counter[str]:
    """How often each identifier appears in the contribution's changed Python files.

    Args:
        contribution: The contribution.

    Returns:
        The counts.
    """
    counts: Counter[str] = Counter()
    for g in contribution.files:
        if g.exists and g.path.endswith(".py"):
            counts.update(_WORD.findall(contribution.text(g) or ""))
    return counts


def uncollected(
    defs: list[TestDef],
    f: ChangedFile,
    tree: ast.Module,
    contribution: Contribution,
    words: Callable[[], Counter[str]],
) -> list[Finding]:
    """MR803 for the test-looking functions pytest will not collect and nothing calls.

    Args:
        defs: The file's tests in scope, collected or not.
        f: The file.
        tree: Its module.
        contribution: The contribution.
        words: How often each identifier appears in the changed Python files.

    Returns:
        One finding per forgotten test (one per class for a class pytest skips).
    """
    lost = [d for d in defs if not d.collected]
    if not lost:
        return []
    used = _referenced(tree)
    here = Counter(_WORD.findall(contribution.text(f) or ""))
    out: list[Finding] = []
    seen: set[tuple[int, str]] = set()
    for d in lost:
        owner = _skipped_class(d)
        if _called(d.node.name, used, words, here):
            continue  # a helper that something calls, not a forgotten test
        if owner and _called(owner, used, words, here):
            continue  # a base class: its tests run in the subclasses pytest collects
        if not _first_of_its_class(d, owner, seen):
            continue
        out.append(
            Finding(
                "MR803",
                "error",
                f"{d.qualname} will not be collected by pytest: {d.why_not}",
                f.path,
                d.node.lineno,
                hint=_collect_hint(d.why_not),
            )
        )
    return out


def _skipped_class(d: TestDef) -> str | None:
    """The name of the class pytest skips whole that holds the test, if that is why it is lost."""
    if d.owner is None or "class" not in d.why_not:
        return None
    return d.owner.name


def _first_of_its_class(d: TestDef, owner: str | None, seen: set[tuple[int, str]]) -> bool:
    """Whether no test of the same skipped class was reported yet (one finding per class); a
    test outside such a class is always first. Records the class."""
    if not owner:
        return True
    key = (id(d.owner), d.why_not)
    if key in seen:
        return False
    seen.add(key)
    return True


def _called(
    name: str, used: Mapping[str, int], words: Callable[[], Counter[str]], here: Counter[str]
) -> bool:
    """Whether something refers to a name: this module, or the other changed files."""
    return used.get(name, 0) > 0 or words()[name] > here[name]


def _collect_hint(why: str) -> str:
    if "__init__" in why:
        return "drop the __init__ (set state in a fixture or setup_method)"
    if "condition" in why:
        return "move the test out of the block that never runs (or mark it skipif)"
    if "python_files" in why or "conftest" in why:
        return "move the test into a file pytest collects (test_*.py)"
    if "python_classes" in why:
        return "name the class Test… (or make it a unittest.TestCase)"
    return "name it test_… (or make it a helper that a test calls)"


def _referenced(tree: ast.Module) -> dict[str, int]:
    counts: dict[str, int] = {}
    for node in ast.walk(tree):
        name = (
            node.id
            if isinstance(node, ast.Name)
            else (node.attr if isinstance(node, ast.Attribute) else None)
        )
        if name:
            counts[name] = counts.get(name, 0) + 1
    return counts
