"""tests-present: code changed, so a test was added or changed with it.

A contribution that changes source code passes when it also adds or changes at least one test
function (``def test_…``, in a test file) that tests-meaningful accepts: it is collected by
pytest, asserts something (not vacuously), is not shadowed and is not skipped on arrival — so
``def test_x(): pass`` is not evidence, and the report says why. Changes only to comments and
docstrings are not code changes. For each changed source module, a warning names the module
when no related test changed: ``tests/**/test_<mod>.py``, ``tests/**/<mod>_test.py``,
``<mod>_test.py`` beside it (the Keras/Google layout), or any changed test that imports the
module. With
``prefix-match: true`` one test file beside the modules may cover several of them
(``conv_test.py`` for ``conv1d.py`` and ``conv2d.py``).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mergeready.checks.attributes import NO_ATTRIBUTES, Attributes
from mergeready.checks.changes import ChangedFile
from mergeready.checks.classify.packaged import package_module, packaged_code
from mergeready.checks.classify.scripts import shipped_script
from mergeready.checks.contribution import Contribution
from mergeready.checks.diffkind import generated, kind
from mergeready.checks.model import CheckResult, Finding, failed, passed, plural, skipped
from mergeready.checks.paths import NOT_LIBRARY, SOURCE_FILES, TEST_FILES, first_match, module_name
from mergeready.checks.python.pycode import functions
from mergeready.checks.testing import tests_meaningful
from mergeready.checks.testing.covered import existing_tests
from mergeready.checks.testing.pytest_config import Collection
from mergeready.checks.testing.reenabled import reenabled_tests
from mergeready.checks.testing.related import defined_names, imported_names, related
from mergeready.checks.testing.restated import changed_tests
from mergeready.checks.testing.revert import Related, removes_code_with_its_tests
from mergeready.checks.testing.source_practice import project_source
from mergeready.checks.testing.where import (
    history_tests,
    is_test_module,
    named_tests,
    split_path,
    suggest,
)

HOOK: Final = {  # its entry in .pre-commit-hooks.yaml (tests/test_consistency.py compares)
    "id": "mergeready-tests",
    "description": "Code changes on the branch come with a new or changed test.",
    "stages": ("pre-push",),
}
CODES: Final = {
    "MR101": "no test function covers the code",
    "MR102": "a changed module has no related test change",
    "MR103": "a changed test file does not parse",
}
TEST_DIRS: Final = ("tests/", "test/", "testing/")


@dataclass(frozen=True)
class Options:
    """Options of tests-present (the keys of its block in the rules)."""

    source: tuple[str, ...] = SOURCE_FILES
    tests: tuple[str, ...] = TEST_FILES
    exclude: tuple[str, ...] = NOT_LIBRARY
    prefix_match: bool = False
    covered_by_existing: bool = False
    assertion_helpers: tuple[str, ...] = (
        "fnmatch_lines",
        "re_match_lines",
        "no_fnmatch_line",
        "no_re_match_line",
    )
    # from the rules loader, at the base: pytest's naming and .gitattributes' generated files
    pytest: Collection = Collection()
    attributes: Attributes = NO_ATTRIBUTES


def check(contribution: Contribution, options: Options) -> CheckResult:
    """Code changed, so a test function was added or changed with it.

    Args:
        contribution: The contribution.
        options: This check's options.

    Returns:
        The check's result.
    """
    sources, tests = _sort(contribution, options)
    if not sources:
        return skipped("no source code changed (only comments, docstrings or non-code files)")
    goes_with = _at_base(contribution, options)
    if removes_code_with_its_tests(contribution, sources, options.tests, goes_with):
        return skipped(
            "the contribution only removes code, and removes tests with it (a revert): "
            "there is no new behaviour to test"
        )
    changed_tests, imports, findings = _scan_tests(contribution, tests, options.tests)
    counted, rejected = _evidence(contribution, options)
    changed_tests = [p for p in changed_tests if p in counted]
    changed = {t.path for t in tests}
    audit = contribution.mode == "all"  # every file counts as added: no test "changed with" one
    for f in sources if not audit else ():
        if f.path.endswith("__init__.py") or changed & set(
            history_tests(contribution, f.path, options)
        ):
            continue  # the test files the project's history changes with this module
        if not related(
            f.path,
            [t.path for t in tests],
            imports,
            options.prefix_match,
            defined_names(contribution, f),
        ):
            findings.append(
                Finding(
                    "MR102",
                    "warning",
                    f"no changed test covers {module_name(f.path)}",
                    f.path,
                    hint=f"add or change a test in {suggest(f.path, contribution, options)}",
                )
            )
    unrelated = [f for f in findings if f.code == "MR102"]  # one per module no test relates to
    if changed_tests and "bugfix" in contribution.types and len(unrelated) == len(sources):
        return _unrelated_fix(contribution, sources, changed_tests, findings, options)
    if changed_tests:
        names = ", ".join(changed_tests[:3]) + (" …" if len(changed_tests) > 3 else "")
        said = "tests that can fail" if audit else "tests that can fail changed with the code"
        return passed(f"{said}: {names}", findings)
    if audit and contribution.selected is not None:  # a path-limited audit
        found, sources = _tree_tests(contribution, sources, changed, options)
        if not sources:
            names = ", ".join(found[:3]) + (" …" if len(found) > 3 else "")
            return passed(f"tests in the tree for the audited modules: {names}", findings)
    switched_on = reenabled_tests(contribution, options.tests)
    if switched_on:
        names = ", ".join(switched_on[:3]) + (" …" if len(switched_on) > 3 else "")
        return passed(f"excluded tests switched back on with the code: {names}", findings)
    findings = [f for f in findings if f.code != "MR102"]  # MR101 names the modules already
    existing = existing_tests(contribution, sources, options) if options.covered_by_existing else []
    if existing and not audit:  # opt-in (keras profile): checks/testing/covered.py says why
        names = ", ".join(existing[:3]) + (" …" if len(existing) > 3 else "")
        said = f"no test changed; the base's tests name every changed function: {names}"
        return passed(said, [Finding("MR101", "warning", said, sources[0].path), *findings])
    return _no_test(contribution, sources, rejected, findings, options)


def _unrelated_fix(
    contribution: Contribution,
    sources: list[ChangedFile],
    changed_tests: list[str],
    findings: list[Finding],
    options: Options,
) -> CheckResult:
    """A bug fix whose changed tests relate to none of the changed modules (issue 22, attack
    4's 22): those tests cannot fail for anything the fix does, so they are no evidence of it."""
    names = ", ".join(changed_tests[:3]) + (" …" if len(changed_tests) > 3 else "")
    modules = ", ".join(module_name(f.path) for f in sources[:3])
    said = f"the changed tests ({names}) test none of the fixed modules: {modules}"
    error = Finding(
        "MR101",
        "error",
        said,
        sources[0].path,
        hint=f"add or change a test in {suggest(sources[0].path, contribution, options)}",
    )
    return failed(said, [error, *(f for f in findings if f.code != "MR102")])


def _no_test(
    contribution: Contribution,
    sources: list[ChangedFile],
    rejected: list[str],
    findings: list[Finding],
    options: Options,
) -> CheckResult:
    """The failure: MR101 names the modules, said for the tree in an audit."""
    audit = contribution.mode == "all"
    first = sources[0].path
    listed = ", ".join(f.path for f in sources[:3]) + (" …" if len(sources) > 3 else "")
    why = ""
    if rejected:
        shown = "; ".join(rejected[:3]) + (" …" if len(rejected) > 3 else "")
        why = f" that counts (only tests that run and can fail count: {shown})"
    if audit:
        message = f"no test in the tree covers {listed}{why}"
        summary = f"no test in the tree for {plural(len(sources), 'audited source file')}"
    else:
        message = f"code changed in {listed} but no test function was added or changed{why}"
        summary = f"no test added or changed for {plural(len(sources), 'changed source file')}"
    error = Finding(
        "MR101",
        "error",
        message,
        first,
        hint=f"add a test function that exercises {'it' if audit else 'the change'}, e.g. in "
        f"{suggest(first, contribution, options)}",
    )
    return failed(summary, [error, *findings])


def _tree_tests(
    contribution: Contribution, sources: list[ChangedFile], judged: set[str], options: Options
) -> tuple[list[str], list[ChangedFile]]:
    """In an audit of some paths, the test files elsewhere in the tree for the audited modules
    (named after one, or importing it, and defining a test function) and the modules with none.

    The full audit passes on the tree's tests; ``check --all -- keras/src/layers/core/dense.py``
    judges dense.py against ``dense_test.py`` beside it, though the selection leaves it out.
    Test files in the selection were judged by tests-meaningful already and are not counted
    again; those outside it are not judged here (the full audit judges them).
    """
    found: list[str] = []
    uncovered: list[ChangedFile] = []
    for f in sources:
        named = _tests_of(contribution, f, judged, options)
        if named:
            found.extend(t for t in named[:1] if t not in found)
        else:
            uncovered.append(f)
    return found, uncovered


def _tests_of(
    contribution: Contribution, f: ChangedFile, judged: set[str], options: Options
) -> list[str]:
    """The test files at head for one module, outside the judged ones: named after it or
    changed with it by the project's history (Keras's ``ops/math_test.py`` for
    ``backend/jax/math.py``), else importing it."""
    folder, stem = split_path(f.path)
    named = [
        t
        for t in named_tests(folder, stem, contribution.head_paths())
        if t not in judged and _has_tests(contribution, t)
    ]
    named += [t for t in history_tests(contribution, f.path, options) if t not in judged]
    if named:
        return named
    imports = _tree_imports(contribution, options)
    defined = defined_names(contribution, f)
    return [
        t
        for t in imports
        if t not in judged and related(f.path, [t], imports, options.prefix_match, defined)
    ]


def _has_tests(contribution: Contribution, path: str) -> bool:
    tree = contribution.head_python(path)
    return tree is not None and any(fn.name.startswith("test") for fn in functions(tree))


def _tree_imports(contribution: Contribution, options: Options) -> dict[str, set[str]]:
    """Every test file at head that holds a test, with what it imports (read once)."""

    def load() -> dict[str, set[str]]:
        imports: dict[str, set[str]] = {}
        for path in sorted(contribution.head_paths()):
            if is_test_module(path, options) and _has_tests(contribution, path):
                tree = contribution.head_python(path)
                imports[path] = imported_names(tree) if tree is not None else set()
        return imports

    found: dict[str, set[str]] = contribution.once("tree-test-imports", load)
    return found


def _sort(
    contribution: Contribution, options: Options
) -> tuple[list[ChangedFile], list[ChangedFile]]:
    """Split the changed files into source files whose code changed, and test files."""
    sources, tests = [], []
    source = project_source(contribution, options.source, options.tests)
    for f in contribution.files:
        if not f.exists:
            continue
        if first_match(f.path, options.tests) and not package_module(
            contribution, f.path, options.tests
        ):
            if f.kind == "file":  # a linked test file is no test evidence
                tests.append(f)
        elif _is_source(contribution, f, source, options) and (
            f.kind != "file" or _changes_code(contribution, f, options.attributes)
        ):
            sources.append(f)  # a link or submodule at a source path changes what is imported
    return sources, tests


def _is_source(
    contribution: Contribution, f: ChangedFile, source: Sequence[str], options: Options
) -> bool:
    """True for a changed file of the library: named by the source globs, or package code."""
    named = (
        first_match(f.path, source)
        or shipped_script(contribution, f.path)
        or packaged_code(contribution, f, options.source)
    )
    excluded = first_match(f.path, options.exclude) and not package_module(
        contribution, f.path, options.tests
    )  # src/pkg/setup.py is a module of the package (attack 4's 32)
    return bool(named) and not excluded


def _scan_tests(
    contribution: Contribution, tests: list[ChangedFile], globs: Sequence[str]
) -> tuple[list[str], dict[str, set[str]], list[Finding]]:
    """Return the test files with changed test functions, each file's imports, and warnings."""
    changed, imports, findings = [], {}, []
    for t in tests:
        tree, reason = contribution.python(t)
        if tree is None:
            if t.path.endswith(".py"):
                findings.append(Finding("MR103", "warning", f"test file {reason}", t.path))
            continue
        imports[t.path] = imported_names(tree)
        if changed_tests(contribution, tree, t, globs):
            changed.append(t.path)
    return changed, imports, findings


def _evidence(contribution: Contribution, options: Options) -> tuple[set[str], list[str]]:
    """Return the test files with an added or changed test that counts, and why others do not."""
    verdicts, findings = tests_meaningful.examine(
        contribution,
        tests_meaningful.Options(
            tests=options.tests, assertion_helpers=options.assertion_helpers, pytest=options.pytest
        ),
    )
    counted = {v.path for v in verdicts if v.counts}
    rejected = [
        next(f for f in v.findings if f.severity == "error" or f.code == "MR805").message
        for v in verdicts
        if not v.counts
    ]
    rejected += [f.message for f in findings if f.code in ("MR803", "MR804")]
    return counted, rejected


def _changes_code(contribution: Contribution, f: ChangedFile, attributes: Attributes) -> bool:
    """True when the change is one a test can see.

    Comments, docstrings, formatting, annotations, a pure rename, ``__all__``, re-exports and
    ``__version__`` are not; neither is a generated file.
    """
    if generated(contribution, f, attributes):
        return False
    lines = contribution.code_lines(f)
    if lines is None:  # not parsed: every change counts as a code change
        return bool(f.hunks is None or f.hunks or f.status == "added")
    touched = any(f.touches(n) for n in lines) or (f.status == "renamed" and bool(lines))
    # Deleting lines changes code too (requests #7315 only removed a branch).
    return (touched or f.removed > 0) and kind(contribution, f) in ("text", "code")


def _at_base(contribution: Contribution, options: Options) -> Related:
    """Whether a test file, as it was at the base, goes with a changed source file."""

    def goes_with(f: ChangedFile, test: str, tree: ast.Module) -> bool:
        if test in history_tests(contribution, f.path, options):
            return True
        imports = {test: imported_names(tree)}
        defined = defined_names(contribution, f)
        return related(f.path, [test], imports, options.prefix_match, defined)

    return goes_with
