"""tests-meaningful: the test functions a contribution adds or changes can fail, and run.

For each test function whose lines the contribution adds or changes (untouched tests are never
reported): it asserts something (``assert``, ``pytest.raises``/``warns``/``fail``, unittest's
``self.assert*``/``self.fail``, mock's ``assert_called*``, ``np.testing.assert_*`` and any
``assert*`` helper, a configured ``assertion-helpers`` name, or a helper of the project that
itself asserts: functions of the file, methods of the test's class and its bases, fixtures from
the file and ``conftest.py``, functions imported from the project, followed three calls deep); no
assertion is vacuous (``assert True``, ``assert (x, "msg")``, a bare ``a == b`` statement,
``assert x == x``); pytest collects it (its default rules, or ``python_files``/``python_classes``/
``python_functions`` from ``pytest.ini``, ``pyproject.toml``, ``tox.ini`` or ``setup.cfg`` at the
base, read as data; unittest's ``test*`` methods of a ``TestCase``) — a test-looking function that
pytest will not collect and nothing calls is a finding; no test name is defined twice in one
module or class (only the last definition runs), and none is rebound, deleted or marked
``__test__ = False`` after its ``def``. Assertions count only where a failure reaches pytest
(not after ``return``, under ``if False``, inside ``except …: pass`` or ``suppress()``), a
helper named like a check (``assert_ok``, ``check_two``) counts only if it asserts, and an
always-true assertion (``assert 1 == 1``, ``assert x or True``, ``assert ...``) is vacuous. A
test collected under a ``conftest.py`` hook or pytest setting the contribution itself writes
does not count (MR807): collection rules come from the base. An added test skipped or xfailed
unconditionally (any spelling: ``skipif("True")``, an empty ``parametrize``, a class's or
module's ``pytestmark``, a module-level ``pytest.skip``) is a warning and no evidence. A
test with no assertion that says it checks that nothing is raised (``test_…_does_not_raise``,
a ``# should not raise`` comment) and calls code is a smoke test and passes. tests-present
counts only the tests this check accepts.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.model import CheckResult, Finding, failed, passed, skipped
from mergeready.checks.paths import TEST_FILES, first_match
from mergeready.checks.python.pycode import first_line
from mergeready.checks.testing.assertions import Asserts, ModuleInfo
from mergeready.checks.testing.collection import TestDef, test_functions
from mergeready.checks.testing.collection_switch import Switch, switches
from mergeready.checks.testing.inherited import collected_classes
from mergeready.checks.testing.mocked import mocked_findings
from mergeready.checks.testing.pytest_config import Collection, in_virtualenv
from mergeready.checks.testing.skips_around import Skips
from mergeready.checks.testing.testscope import base_bodies, in_scope, shadowed
from mergeready.checks.testing.uncollected import uncollected, words_in
from mergeready.checks.testing.vacuous import dotted

CODES: Final = {
    "MR801": "a test asserts nothing",
    "MR802": "a vacuous assertion: it can never fail",
    "MR803": "a test-looking function that pytest will not collect",
    "MR804": "a test name defined twice: only the last definition runs",
    "MR805": "an added test is skipped or expected to fail unconditionally",
    "MR806": "a changed test file does not parse",
    "MR807": "the contribution changes how pytest collects its own tests",
}
_SMOKE_WORDS = re.compile(
    r"(?i)\b(?:raises?|raising|crash(?:es)?|errors?|exceptions?|smoke|hangs?|segfaults?|"
    r"fails?|failures?|warns?|warnings?)\b"
)


# pytest's own assertion API for plugin tests (pytester's LineMatcher): they fail the test.
PYTESTER_ASSERTIONS: Final = (
    "fnmatch_lines",
    "re_match_lines",
    "no_fnmatch_line",
    "no_re_match_line",
)


@dataclass(frozen=True)
class Options:
    """Options of tests-meaningful (the keys of its block in the rules)."""

    tests: tuple[str, ...] = TEST_FILES
    assertion_helpers: tuple[str, ...] = PYTESTER_ASSERTIONS
    python_files: tuple[str, ...] = ()
    python_classes: tuple[str, ...] = ()
    python_functions: tuple[str, ...] = ()
    testpaths: tuple[str, ...] = ()
    norecursedirs: tuple[str, ...] = ()
    smoke_tests: bool = True
    pytest: Collection = Collection()  # the project's pytest naming, from the rules loader


@dataclass(frozen=True)
class Verdict:
    """One added or changed test function and what this check found in it."""

    path: str
    qualname: str
    line: int
    findings: tuple[Finding, ...]

    @property
    def counts(self) -> bool:
        """True when the test is evidence: it runs, can fail and is not shadowed."""
        return not any(f.severity == "error" or f.code == "MR805" for f in self.findings)


def check(contribution: Contribution, options: Options) -> CheckResult:
    """The added or changed test functions can fail, are collected and do not shadow others.

    Args:
        contribution: The contribution.
        options: This check's options.

    Returns:
        The check's result.
    """
    verdicts, findings = examine(contribution, options)
    findings = [*findings, *(f for v in verdicts for f in v.findings)]
    audit = contribution.mode == "all"  # every test of the tree, none "added or changed"
    if not verdicts and not findings:
        return skipped(
            "no test function in the tree" if audit else "no test function added or changed"
        )
    bad = [f for f in findings if f.severity == "error"]
    good = sum(v.counts for v in verdicts)
    summary = _summary(audit, len(bad), good, len(verdicts))
    return failed(summary, findings) if bad else passed(summary, findings)


def _summary(audit: bool, bad: int, good: int, judged: int) -> str:
    """The check's summary line, said of the tree's tests in an audit."""
    said = "" if audit else "added or changed "
    if bad:
        where = "the tree's tests" if audit else "added or changed tests"
        return (
            f"{bad} problem{'s' * (bad != 1)} in {where} "
            f"({good} of {judged} test{'s' * (judged != 1)} can fail and run)"
        )
    return (
        f"{good} {said}test{'s' * (good != 1)} can fail and run" if good else f"no {said}test runs"
    )


def rules_of(options: Options) -> Collection:
    """Return pytest's collection rules: the options', else the project's, else pytest's.

    Args:
        options: This check's options (``pytest`` holds the project's settings at the base).

    Returns:
        The rules.
    """
    project = options.pytest
    return Collection(
        options.python_files or project.files,
        options.python_classes or project.classes,
        options.python_functions or project.functions,
        options.testpaths or project.testpaths,
        options.norecursedirs or project.norecursedirs,
    )


def examine(contribution: Contribution, options: Options) -> tuple[list[Verdict], list[Finding]]:
    """Judge every test function the contribution adds or changes (once per run and options).

    Args:
        contribution: The contribution.
        options: This check's options.

    Returns:
        A verdict per collected test in scope, and the findings not tied to one such test
        (files that do not parse, tests pytest will not collect, shadowed names).
    """
    found: tuple[list[Verdict], list[Finding]] = contribution.once(
        f"tests-meaningful:{options!r}", lambda: _examine(contribution, options)
    )
    return found


def _examine(contribution: Contribution, options: Options) -> tuple[list[Verdict], list[Finding]]:
    rules = rules_of(options)
    head = contribution.head_python
    asserts = Asserts(head, contribution.head_paths(), options.assertion_helpers)
    asserts.contributed = frozenset(f.path for f in contribution.files if f.added_lines)
    verdicts: list[Verdict] = []
    findings: list[Finding] = []
    words = functools.cache(lambda: words_in(contribution))
    switched = switches(contribution)
    skips = Skips(contribution, asserts)
    for f in contribution.files:
        if not f.exists or f.kind != "file" or not f.path.endswith(".py"):
            continue
        if not (rules.collects_file(f.path) or first_match(f.path, options.tests)):
            continue
        if (venv := in_virtualenv(f.path, contribution.head_paths())) or rules.outside(f.path):
            findings += [venv] if venv else []
            continue  # a virtualenv (attack 6, F4), testpaths, norecursedirs: never looked at
        tree, reason = contribution.python(f)
        if tree is None:
            findings.append(Finding("MR806", "warning", f"test file {reason}", f.path))
            continue
        info = asserts.module(f.path) or ModuleInfo.of(f.path, tree)
        text = contribution.text(f) or ""
        old = base_bodies(contribution, f)
        found = test_functions(tree, f.path, rules, functools.partial(asserts.testcase, info=info))
        defs = [d for d in found if in_scope(d, f, old)]
        if defs and not rules.collects_file(f.path) and f.path.rsplit("/", 1)[-1] != "conftest.py":
            defs, lost = _through_subclasses(contribution, f.path, tree, rules, defs)
            if lost:
                findings.append(_not_collected_file(f, lost, rules))
            if not defs:
                continue
        governing = [s for s in switched if s.governs(f.path)]
        for d in defs:
            if d.collected:
                verdict = _judge(d, f, info, asserts, text, options, skips.reason(d, info))
                verdicts.append(_switched(verdict, governing[0]) if governing else verdict)
        findings += uncollected(defs, f, tree, contribution, words)
        findings += shadowed(tree, f, rules, old)
    return verdicts, findings


def _switched(verdict: Verdict, switch: Switch) -> Verdict:
    """A test under collection settings the contribution writes is no evidence (MR807)."""
    finding = Finding(
        "MR807",
        "error",
        f"{verdict.qualname} is collected under {switch.what} that this contribution writes "
        f"({switch.path}:{switch.line}); collection rules come from the base, so it does not "
        "count as a test",
        verdict.path,
        verdict.line,
        hint="land the change to pytest's collection separately, then add the test",
    )
    return dataclasses.replace(verdict, findings=(*verdict.findings, finding))


def _through_subclasses(
    contribution: Contribution, path: str, tree: ast.Module, rules: Collection, defs: list[TestDef]
) -> tuple[list[TestDef], list[TestDef]]:
    """Split the tests of a file pytest does not collect: those that run through subclasses.

    A base class's tests run in the collected classes of other test files that inherit it
    (scrapy's ``tests/utils/bases/``), so they are collected; the others are not.
    """
    owners = {d.owner.name for d in defs if d.owner is not None}
    through = collected_classes(contribution, path, tree, rules) if owners else {}
    runs = [
        d
        for d in defs
        if d.owner is not None and d.owner.name in through and rules.collects_function(d.node.name)
    ]
    kept = [dataclasses.replace(d, collected=True, why_not="") for d in runs]
    return kept, [d for d in defs if d not in runs]


def _not_collected_file(f: ChangedFile, defs: list[TestDef], rules: Collection) -> Finding:
    names = ", ".join(d.qualname for d in defs[:3]) + (" …" if len(defs) > 3 else "")
    return Finding(
        "MR803",
        "warning",
        f"pytest collects {names} only when {f.path} is named on its command line "
        f"(the file does not match python_files {list(rules.files)}); they do not count as tests",
        f.path,
        defs[0].node.lineno,
        hint="move the tests into a test_*.py file, unless the project runs this file by name",
    )


def _judge(
    d: TestDef,
    f: ChangedFile,
    info: ModuleInfo,
    asserts: Asserts,
    text: str,
    options: Options,
    skip: str,
) -> Verdict:
    out = []
    where = f"{d.qualname}"
    for node, message, sure in asserts.vacuous(d.node, info):
        line = getattr(node, "lineno", d.node.lineno)
        out.append(
            Finding(
                "MR802",
                "error" if sure else "warning",
                f"{where}: {message}",
                f.path,
                line,
                hint="assert the value the code under test must produce",
            )
        )
    out += [] if skip else mocked_findings(d, f.path, asserts)
    # a test that never runs is reported once, as MR805 (its skip ends it before any assert)
    if (
        not skip
        and not any(x.severity == "error" for x in out)
        and not asserts.can_fail(d.node, info, d.owner)
    ):
        runs_code = not _inert(d.node.body)
        dead = "" if skip else _dead_checks(d, info, asserts)
        if dead:
            out.append(
                Finding(
                    "MR801",
                    "error",
                    f"{where} {dead}, so it cannot fail",
                    f.path,
                    d.node.lineno,
                    hint="move the assertion where a failure reaches pytest (the test body, a "
                    "helper it calls, or a callback or class it passes on); an assertion after "
                    "return or inside except …: pass or suppress() never does",
                )
            )
        elif not runs_code or not options.smoke_tests:
            out.append(
                Finding(
                    "MR801",
                    "error",
                    f"{where} asserts nothing, so it cannot fail"
                    if not runs_code
                    else f"{where} asserts nothing",
                    f.path,
                    d.node.lineno,
                    hint="assert the result (assert got == want, pytest.raises, self.assertEqual)",
                )
            )
        elif not _smoke(d.node, text):
            out.append(
                Finding(
                    "MR801",
                    "warning",
                    f"{where} asserts nothing: it fails only if the code it calls raises",
                    f.path,
                    d.node.lineno,
                    hint="assert the result, or say that it checks for no error "
                    "(test_…_does_not_raise, or a `# should not raise` comment)",
                )
            )
    if skip:
        out.append(
            Finding(
                "MR805",
                "warning",
                f"{where} does not run: {skip}",
                f.path,
                first_line(d.node),
                hint="remove the skip, or make it conditional",
            )
        )
    return Verdict(f.path, d.qualname, d.node.lineno, tuple(out))


def _dead_checks(d: TestDef, info: ModuleInfo, asserts: Asserts) -> str:
    """Say why a test that looks like it checks something cannot fail, or ``""``.

    Its assertions are unreachable or swallowed, or the helpers it calls are named like checks
    (``assert_ok``, ``check_two``) and assert nothing.
    """
    hollow = asserts.hollow_helpers(d.node, info, d.owner)
    if hollow:
        return f"calls {hollow[0]}(), which asserts nothing"
    looks = any(
        isinstance(n, ast.Assert)
        or (isinstance(n, ast.Call) and dotted(n.func).rsplit(".", 1)[-1].startswith("assert"))
        for n in ast.walk(d.node)
    )
    return "asserts only where a failure never reaches pytest" if looks else ""


def _inert(body: list[ast.stmt]) -> bool:
    """True when no statement can raise: ``pass``, ``...``, docstrings, literals bound to names."""
    for stmt in body:
        if isinstance(stmt, ast.Pass):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
            continue
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
        if value is not None and _literal(value) and all(isinstance(t, ast.Name) for t in targets):
            continue
        return False
    return True


def _literal(node: ast.expr) -> bool:
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _smoke(fn: ast.FunctionDef | ast.AsyncFunctionDef, text: str) -> bool:
    """A test that says it checks that nothing is raised (its name, docstring or a comment)."""
    doc = ast.get_docstring(fn) or ""
    lines = text.split("\n")[fn.lineno - 1 : fn.end_lineno or fn.lineno]
    comments = " ".join(line.partition("#")[2] for line in lines if "#" in line)
    said = " ".join((fn.name.replace("_", " "), doc[:2000], comments[:2000]))
    return _SMOKE_WORDS.search(said) is not None
