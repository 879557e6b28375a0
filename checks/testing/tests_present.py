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
import re
from dataclasses import dataclass
from typing import Final

from mergeready.checks.attributes import NO_ATTRIBUTES, Attributes
from mergeready.checks.changes import ChangedFile
from mergeready.checks.classify.scripts import shipped_script
from mergeready.checks.contribution import Contribution
from mergeready.checks.diffkind import generated, kind
from mergeready.checks.model import CheckResult, Finding, failed, passed, plural, skipped
from mergeready.checks.paths import NOT_LIBRARY, SOURCE_FILES, TEST_FILES, first_match, module_name
from mergeready.checks.python.pycode import first_line, functions, statements
from mergeready.checks.testing import tests_meaningful
from mergeready.checks.testing.pytest_config import Collection
from mergeready.checks.testing.reenabled import reenabled_tests
from mergeready.checks.testing.source_practice import project_source

HISTORY: Final = 200  # merged changes of the base read to learn where a module's tests live

HOOK: Final = {  # its entry in .pre-commit-hooks.yaml (tests/test_consistency.py compares)
    "id": "mergeready-tests",
    "description": "Code changes on the branch come with a new or changed test.",
    "stages": ("pre-push",),
}
CODES: Final = {
    "MR101": "code changed but no test function was added or changed",
    "MR102": "a changed module has no related test change",
    "MR103": "a changed test file does not parse",
}
TEST_DIRS: Final = ("tests/", "test/", "testing/")
# Folders that hold tests: tests/, test/, testing/, t/, typing_tests/, typing-examples/, …
_TEST_FOLDER: Final = re.compile(r"^(tests?|testing|t|[\w.-]{0,40}[_-]tests?|typing[_-]examples)$")


@dataclass(frozen=True)
class Options:
    """Options of tests-present (the keys of its block in the rules)."""

    source: tuple[str, ...] = SOURCE_FILES
    tests: tuple[str, ...] = TEST_FILES
    exclude: tuple[str, ...] = NOT_LIBRARY
    prefix_match: bool = False
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
    if _removes_code_with_its_tests(contribution, sources, options):
        return skipped(
            "the contribution only removes code, and removes tests with it (a revert): "
            "there is no new behaviour to test"
        )
    changed_tests, imports, findings = _scan_tests(contribution, tests)
    counted, rejected = _evidence(contribution, options)
    changed_tests = [p for p in changed_tests if p in counted]
    changed = {t.path for t in tests}
    audit = contribution.mode == "all"  # every file counts as added: no test "changed with" one
    for f in sources if not audit else ():
        if f.path.endswith("__init__.py") or changed & set(
            history_tests(contribution, f.path, options)
        ):
            continue  # the test files the project's history changes with this module
        if not _related(f.path, tests, imports, options, _defined(contribution, f)):
            findings.append(
                Finding(
                    "MR102",
                    "warning",
                    f"no changed test covers {module_name(f.path)}",
                    f.path,
                    hint=f"add or change a test in {_suggest(f.path, contribution, options)}",
                )
            )
    if changed_tests:
        names = ", ".join(changed_tests[:3]) + (" …" if len(changed_tests) > 3 else "")
        said = "tests that can fail" if audit else "tests that can fail changed with the code"
        return passed(f"{said}: {names}", findings)
    switched_on = reenabled_tests(contribution, options.tests)
    if switched_on:
        names = ", ".join(switched_on[:3]) + (" …" if len(switched_on) > 3 else "")
        return passed(f"excluded tests switched back on with the code: {names}", findings)
    first = sources[0].path
    listed = ", ".join(f.path for f in sources[:3]) + (" …" if len(sources) > 3 else "")
    findings = [f for f in findings if f.code != "MR102"]  # MR101 names the modules already
    why = ""
    if rejected:
        shown = "; ".join(rejected[:3]) + (" …" if len(rejected) > 3 else "")
        why = f" that counts (only tests that run and can fail count: {shown})"
    error = Finding(
        "MR101",
        "error",
        f"code changed in {listed} but no test function was added or changed{why}",
        first,
        hint=f"add a test function that exercises the change, e.g. in "
        f"{_suggest(first, contribution, options)}",
    )
    return failed(
        f"no test added or changed for {plural(len(sources), 'changed source file')}",
        [error, *findings],
    )


def _removes_code_with_its_tests(
    contribution: Contribution, sources: list[ChangedFile], options: Options
) -> bool:
    """True when every changed source file only loses lines and a test file loses lines too.

    Decided from the diff alone, never from a ``Revert "…"`` subject the contributor writes.
    """
    if any(f.added_count != 0 or not f.removed for f in sources):
        return False
    return any(
        first_match(f.path, options.tests)
        and (f.status == "deleted" or (f.added_count == 0 and f.removed > 0))
        for f in contribution.files
    )


def _sort(
    contribution: Contribution, options: Options
) -> tuple[list[ChangedFile], list[ChangedFile]]:
    """Split the changed files into source files whose code changed, and test files."""
    sources, tests = [], []
    source = project_source(contribution, options.source, options.tests)
    for f in contribution.files:
        if not f.exists or f.kind != "file":
            continue
        if first_match(f.path, options.tests):
            tests.append(f)
        elif (
            first_match(f.path, source) or shipped_script(contribution, f.path)
        ) and not first_match(f.path, options.exclude):
            if _changes_code(contribution, f, options.attributes):
                sources.append(f)
    return sources, tests


def _scan_tests(
    contribution: Contribution, tests: list[ChangedFile]
) -> tuple[list[str], dict[str, set[str]], list[Finding]]:
    """Return the test files with changed test functions, each file's imports, and warnings."""
    changed, imports, findings = [], {}, []
    for t in tests:
        tree, reason = contribution.python(t)
        if tree is None:
            if t.path.endswith(".py"):
                findings.append(Finding("MR103", "warning", f"test file {reason}", t.path))
            continue
        imports[t.path] = _imported(tree)
        if _changed_test_functions(tree, t):
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


def _changed_test_functions(tree: ast.Module, f: ChangedFile) -> list[str]:
    return [
        fn.name
        for fn in functions(tree)
        if fn.name.startswith("test") and f.touches_range(first_line(fn), fn.end_lineno or 0)
    ]


def _imported(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in statements(tree):  # an import is a statement
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def _split(path: str) -> tuple[str, str]:
    folder, _, name = path.rpartition("/")
    return folder, name[:-3] if name.endswith(".py") else name.rsplit(".", 1)[0]


def _test_stems(stem: str) -> set[str]:
    """The names of the test files for a module: ``_mod`` ↔ ``test_mod``, ``mod_test``."""
    bare = stem.lstrip("_") or stem
    return {f"test_{stem}", f"{stem}_test", f"test_{bare}", f"{bare}_test", f"tests_{bare}"}


def _in_test_folder(path: str) -> bool:
    """True for a file under a test folder, whatever it is called (``t/``, ``typing_tests/``)."""
    folders = path.split("/")[:-1]
    return any(_TEST_FOLDER.match(name) for name in folders)


def _related(
    path: str,
    tests: list[ChangedFile],
    imports: dict[str, set[str]],
    options: Options,
    defined: frozenset[str] = frozenset(),
) -> bool:
    folder, stem = _split(path)
    dotted = module_name(path)
    stems = _test_stems(stem)
    packages = {dotted.rsplit(".", n)[0] for n in range(1, dotted.count(".") + 1)}
    for t in tests:
        t_folder, t_stem = _split(t.path)
        if t_stem in stems and (t_folder == folder or _in_test_folder(t.path)):
            return True
        if options.prefix_match and t_folder == folder and t_stem.endswith("_test"):
            if stem.startswith(t_stem[: -len("_test")]):
                return True
        for name in imports.get(t.path, ()):
            if (
                name == dotted
                or (dotted.endswith("." + name) and "." in name)
                or (name.endswith("." + dotted))
            ):  # an installed name longer than the path's
                return True
            package, _, attr = name.rpartition(".")
            if attr in defined and (package in packages or package == dotted):
                return True  # ``from pkg import frob`` where this module defines frob
    return False


def _defined(contribution: Contribution, f: ChangedFile) -> frozenset[str]:
    """The public names a module defines at its top level."""
    tree, _ = contribution.python(f)
    if tree is None:
        return frozenset()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(n for n in names if not n.startswith("_"))


def history_tests(contribution: Contribution, path: str, options: Options) -> tuple[str, ...]:
    """The test files the base's merged changes to a module changed with it, most often first.

    Keras tests its backends through ``keras/src/ops/*_test.py``: the merged changes to
    ``keras/src/backend/jax/math.py`` changed ``keras/src/ops/math_test.py``, and no
    ``keras/src/backend/jax/math_test.py`` exists. Only files that still exist at head count.

    Args:
        contribution: The contribution (its base's history is read).
        path: The module's path.
        options: This check's options (which files are tests).

    Returns:
        The test files, most often changed with the module first; at most three.
    """

    def load() -> tuple[str, ...]:
        counts: dict[str, int] = {}
        for paths, _ in contribution.recent_history(HISTORY):
            if path in paths:
                for p in paths:
                    if p.endswith(".py") and first_match(p, options.tests):
                        counts[p] = counts.get(p, 0) + 1
        heads = contribution.head_paths()
        ranked = sorted(counts, key=lambda p: (-counts[p], p))
        return tuple(p for p in ranked if p in heads and counts[p] >= 2)[:3]

    found: tuple[str, ...] = contribution.once(f"history-tests:{path}", load)
    return found


def _suggest(path: str, contribution: Contribution, options: Options) -> str:
    """Name the test file to change: the one the project's history shows, else an existing one
    for the module, else (for a module with none) the layout's new file, named as new."""
    learned = history_tests(contribution, path, options)
    if learned:
        return f"{learned[0]} (changed with {path} before)"
    folder, stem = _split(path)
    if stem == "__init__":
        stem = folder.rsplit("/", 1)[-1] or "package"
    paths = contribution.head_paths()
    bare = stem.lstrip("_") or stem
    beside = f"{folder + '/' if folder else ''}{bare}_test.py"
    if beside in paths:
        return beside
    stems = _test_stems(stem)
    existing = sorted(
        (p for p in paths if p.endswith(".py") and _split(p)[1] in stems and _in_test_folder(p)),
        key=lambda p: (p.count("/"), p),
    )
    if existing:
        return existing[0]
    paired = _paired_test(path, contribution, options)
    if paired:
        return paired
    if (
        any(p.endswith("_test.py") and not _in_test_folder(p) for p in paths)
        or options.prefix_match
    ):
        return f"a new test file {bare}_test.py beside it"
    counts: dict[str, int] = {}
    for p in paths:
        top = p.split("/", 1)[0]
        if "/" in p and _TEST_FOLDER.match(top) and p.rsplit("/", 1)[-1].startswith("test"):
            counts[top] = counts.get(top, 0) + 1
    top = max(sorted(counts), key=lambda k: counts[k], default="tests")
    return f"a new test file test_{bare}.py under {top}/"


def _paired_test(path: str, contribution: Contribution, options: Options) -> str:
    """An existing test file beside the module that the contribution changes, or (with
    ``prefix-match``) whose name the module's starts with: ``callback_test.py`` for
    ``callback_list.py``. Empty when there is none."""
    folder, stem = _split(path)
    changed = sorted(
        f.path
        for f in contribution.files
        if f.exists and first_match(f.path, options.tests) and _split(f.path)[0] == folder
    )
    if changed:
        return f"{changed[0]} (changed by this contribution)"
    return _prefix_test(folder, stem, contribution.head_paths()) if options.prefix_match else ""


def _prefix_test(folder: str, stem: str, paths: frozenset[str]) -> str:
    """The longest ``<prefix>_test.py`` in the folder whose prefix starts the module's name."""
    near = [
        p
        for p in paths
        if p.endswith("_test.py")
        and _split(p)[0] == folder
        and len(p.rsplit("/", 1)[-1]) > len("_test.py")
        and stem.startswith(_split(p)[1][: -len("_test")])
    ]
    return max(near, key=len, default="")
