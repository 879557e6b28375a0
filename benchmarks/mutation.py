"""One-line mutations of mergeready's central decisions, each run against the tests that pin it.

A home-made mutator (the standard library's ``ast``, no mutation tool): for each target
function it makes every one-line change of the kinds below, writes the mutated module into a
scratch copy of the tree (``benchmarks/.mutation/tree``, which ``PYTHONPATH`` puts before the
editable install, in-process and in every subprocess a test starts; the work tree itself is
never changed), runs the target's test files there with ``pytest -x``, and restores the module.
A mutant a test fails on is *killed*; one no test notices *survives*: a missing table row, or an
equivalent change (one that cannot change what the function returns). See benchmarks/README.md.

    .venv/bin/python benchmarks/mutation.py                  # every target
    .venv/bin/python benchmarks/mutation.py cache-key        # one target
    .venv/bin/python benchmarks/mutation.py --list           # the mutants, without running
    .venv/bin/python benchmarks/mutation.py titles --select  # each mutant on the tests that call it

Kinds: a comparison's operator (``==``/``!=``, ``<``/``<=``, ``>``/``>=``, ``in``/``not in``,
``is``/``is not``), ``and``/``or``, a dropped ``not``, an ``if`` whose test is negated, a
comprehension's filter dropped, ``any``/``all``, a whole number plus one, ``True``/``False``, an
element dropped from a tuple, list or set display (an input left out of a key), and a call or
augmented assignment made a ``pass`` (a ``digest.update``, an ``append`` left out). String
constants are left alone: most are messages, which no decision reads.

Results go to ``benchmarks/.mutation/<target>.json`` (git-ignored) and a table on stdout.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / ".mutation"
TREE = OUT / "tree"
TIMEOUT = 600  # a mutant that loops forever is killed by the clock

# target → (module file, the functions mutated (``Class.method`` for a method), test files)
TARGETS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "cache-key": (
        "hooks/evaluation.py",
        ("key", "request_key"),
        ("tests/hooks/test_cache_key.py", "tests/hooks/test_cache.py"),
    ),
    "cache-key-fingerprint": (
        "checks/contribution/__init__.py",
        ("Contribution.fingerprint", "Contribution._file_bytes"),
        ("tests/hooks/test_cache_key.py", "tests/hooks/test_cache.py"),
    ),
    "cache-key-configuration": (
        "rules/sources.py",
        ("digest_of", "reread"),
        ("tests/hooks/test_cache_key.py", "tests/hooks/test_cache.py"),
    ),
    "classifier": (
        "checks/classify/__init__.py",
        (
            "classify",
            "_read_signals",
            "_keep_what_the_diff_demands",
            "_changes",
            "_declared_away",
            "_about_tests",
            "_resolve",
            "_winners",
            "_credit",
        ),
        (
            "tests/checks/test_classify.py",
            "tests/checks/test_classify_edges.py",
            "tests/checks/test_classify_pinned.py",
        ),
    ),
    "classifier-signals": (
        "checks/classify/signals.py",
        ("read_commits", "Signals.add", "read_changelog", "_read_fragments", "_release_notes"),
        ("tests/checks/test_classify.py",),
    ),
    "titles": (
        "checks/titles.py",
        (
            "declared",
            "read_title",
            "_squash",
            "_first_reading",
            "_scope",
            "_natural",
            "_leads",
            "is_noise",
            "branch_type",
            "merged_branch",
            "body_types",
        ),
        (
            "tests/checks/test_titles.py",
            "tests/checks/test_classify.py",
            "tests/checks/test_classify_pinned.py",
        ),
    ),
    "changelog": (
        "checks/changelog/mechanism.py",
        ("fragments", "fragment_kind", "_fragment_directory", "file_entries", "_is_open"),
        (
            "tests/checks/changelog/test_changelog_updated.py",
            "tests/checks/changelog/test_changelog_entries.py",
            "tests/checks/changelog/test_changelog_missing.py",
            "tests/checks/test_classify_pinned.py",
        ),
    ),
    "changelog-check": (
        "checks/changelog/changelog_updated.py",
        ("check", "_found", "_released_only", "_fragment_findings", "_missing"),
        (
            "tests/checks/changelog/test_changelog_updated.py",
            "tests/checks/changelog/test_changelog_entries.py",
            "tests/checks/changelog/test_changelog_missing.py",
        ),
    ),
    "changelog-hints": (
        "checks/changelog/hints.py",
        ("_fits", "fragment_type"),
        (
            "tests/checks/changelog/test_changelog_updated.py",
            "tests/checks/changelog/test_fragment_fit.py",
        ),
    ),
    "sections": (
        "checks/docstrings/sections.py",
        ("read", "_header", "is_rule", "_numpy_end", "_google_end", "Sections.style"),
        (
            "tests/checks/docstrings/test_docstrings_complete.py",
            "tests/checks/docstrings/test_docstring_styles.py",
            "tests/checks/docstrings/test_section_reader.py",
        ),
    ),
    "sections-style": (
        "checks/docstrings/definitions.py",
        ("file_style",),
        (
            "tests/checks/docstrings/test_docstrings_complete.py",
            "tests/checks/docstrings/test_docstring_styles.py",
            "tests/checks/docstrings/test_section_reader.py",
        ),
    ),
    "tests-present": (
        "checks/testing/tests_present.py",
        ("_related",),
        ("tests/checks/testing/test_tests_present.py",),
    ),
    "test-layout": (
        "checks/testing/where.py",
        ("test_stems", "in_test_folder", "named_tests"),
        ("tests/checks/testing/test_tests_present.py",),
    ),
}

_NOT_IN = type(ast.parse("a not in b", mode="eval").body.ops[0])  # type: ignore[attr-defined]
_SWAP = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: _NOT_IN,
    _NOT_IN: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


@dataclass
class Mutant:
    """One mutation: where, what, and what became of it."""

    function: str
    line: int
    change: str
    status: str = "not run"  # killed, survived, timeout
    by: str = ""  # the first test that failed


def _functions(tree: ast.Module, names: tuple[str, ...]) -> Iterator[tuple[str, ast.AST]]:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in names:
            yield node.name, node
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                name = f"{node.name}.{getattr(item, 'name', '')}"
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and name in names:
                    yield name, item


def _kinds(node: ast.AST) -> Iterator[tuple[str, int]]:
    """The mutations one node offers: (kind, index)."""
    if isinstance(node, ast.Compare):
        yield from (("compare", i) for i, op in enumerate(node.ops) if type(op) in _SWAP)
    elif isinstance(node, ast.BoolOp):
        yield "boolop", 0
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "not", 0
    elif isinstance(node, ast.If):
        yield "if", 0
    elif isinstance(node, ast.comprehension) and node.ifs:
        yield "filter", 0
    elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("any", "all"):
        yield "anyall", 0
    elif isinstance(node, ast.Constant) and isinstance(node.value, int):  # bool too
        yield "constant", 0
    loaded = not isinstance(getattr(node, "ctx", ast.Load()), ast.Store)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) > 1 and loaded:
        yield from (("drop", i) for i in range(len(node.elts)))
    if isinstance(node, ast.AugAssign) or (
        isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
    ):
        yield "pass", 0


def _sites(function: ast.AST) -> Iterator[tuple[ast.AST, str, int]]:
    """Every (node, kind, index) this function offers a mutation at; the docstring excepted."""
    body = getattr(function, "body", [])
    docstring = body[0] if body and isinstance(body[0], ast.Expr) else None
    # the body only (not the signature's annotations), in a stable order
    for node in (n for statement in body for n in ast.walk(statement)):
        if node is not docstring:
            yield from ((node, kind, index) for kind, index in _kinds(node))


def _apply(node: ast.AST, kind: str, index: int) -> str:
    """Mutate ``node`` in place; return what was done."""
    before = ast.unparse(node).split("\n")[0][:70]
    if kind == "compare":
        assert isinstance(node, ast.Compare)
        op = node.ops[index]
        node.ops[index] = _SWAP[type(op)]()
        return f"{type(op).__name__} → {type(node.ops[index]).__name__} in `{before}`"
    if kind == "boolop":
        assert isinstance(node, ast.BoolOp)
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        return f"{'and → or' if isinstance(node.op, ast.Or) else 'or → and'} in `{before}`"
    if kind == "not":
        assert isinstance(node, ast.UnaryOp)
        node.op = ast.UAdd()  # replaced below by its operand
        return f"`not` dropped in `{before}`"
    if kind == "if":
        assert isinstance(node, ast.If)
        node.test = ast.UnaryOp(ast.Not(), node.test)
        return f"negated `{before}`"
    if kind == "filter":
        assert isinstance(node, ast.comprehension)
        node.ifs = []
        return f"filter dropped in `{before}`"
    if kind == "anyall":
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        node.func.id = "all" if node.func.id == "any" else "any"
        return f"any/all swapped in `{before}`"
    if kind == "constant":
        assert isinstance(node, ast.Constant)
        old = node.value
        node.value = (not old) if isinstance(old, bool) else old + 1
        return f"{old!r} → {node.value!r}"
    if kind == "drop":
        assert isinstance(node, (ast.Tuple, ast.List, ast.Set))
        gone = ast.unparse(node.elts[index])
        del node.elts[index]
        return f"`{gone}` dropped from `{before}`"
    if kind == "pass":
        return f"`{before}` → pass"
    raise ValueError(kind)


class _Replace(ast.NodeTransformer):
    """Replace the marked statements by ``pass`` and ``+x`` (a dropped ``not``) by ``x``."""

    def __init__(self, passed: ast.AST | None) -> None:
        self.passed = passed

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        return node.operand if isinstance(node.op, ast.UAdd) and node._mutant else node  # type: ignore[attr-defined]

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if node is self.passed:
            return ast.Pass()
        return super().generic_visit(node)


def mutants(path: Path, names: tuple[str, ...]) -> Iterator[tuple[Mutant, str]]:
    """Every mutant of the named functions: its description and the whole mutated module."""
    source = path.read_text("utf-8")
    original = ast.unparse(ast.parse(source))
    count = 0
    for name, function in _functions(ast.parse(source), names):
        for n, (site, kind, index) in enumerate(_sites(function)):
            tree = ast.parse(source)
            target = dict(_functions(tree, (name,)))[name]
            twin, twin_kind, twin_index = list(_sites(target))[n]
            assert (twin_kind, twin_index) == (kind, index) and type(twin) is type(site)
            for node in ast.walk(tree):
                node._mutant = False  # type: ignore[attr-defined]
            twin._mutant = True  # type: ignore[attr-defined]
            change = _apply(twin, kind, index)
            tree = _Replace(twin if kind == "pass" else None).visit(tree)
            mutated = ast.unparse(ast.fix_missing_locations(tree))
            if mutated == original:
                continue
            count += 1
            yield Mutant(name, getattr(site, "lineno", 0), change), mutated
    if not count:
        raise SystemExit(f"no mutant in {path}: {names}")


def copy_tree() -> Path:
    """A fresh copy of the work tree's files, importable as ``mergeready`` from ``TREE/_pkg``."""
    TREE.parent.mkdir(parents=True, exist_ok=True)
    if TREE.exists():
        shutil.rmtree(TREE)
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import copy_source_tree  # the tests' own copy of the tree

    copy_source_tree(TREE)
    package = TREE / "_pkg" / "mergeready"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    for folder in ("checks", "hooks", "rules"):
        (package / folder).symlink_to(TREE / folder)
    return TREE


FORK = [False]  # --fork: each run is a child of this process, with pytest imported once


def _forked(command: Sequence[str], env: Mapping[str, str]) -> tuple[int, str]:
    """Run pytest in a child of this process (the interpreter, pytest and its plugins started
    once): the child forgets every module imported from the work tree or the scratch copy, so
    that it imports mergeready, conftest and the test modules again, from the mutated copy."""
    out = tempfile.TemporaryFile()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 3
        signal.alarm(TIMEOUT)  # a mutant that loops forever is ended by the clock here too
        try:
            os.dup2(out.fileno(), 1)
            os.dup2(out.fileno(), 2)
            os.chdir(TREE)
            os.environ.clear()
            os.environ.update(env)
            sys.dont_write_bytecode = True
            tests = str(ROOT / "tests")  # copy_tree's import of helpers put it there
            sys.path[:] = [
                *env["PYTHONPATH"].split(os.pathsep),
                *(p for p in sys.path if p != tests),
            ]
            ours = tuple(str(ROOT / d) + os.sep for d in ("checks", "hooks", "rules", "tests"))
            ours += (str(TREE) + os.sep,)  # not the virtualenv's, also under ROOT
            for name, module in list(sys.modules.items()):
                where = getattr(module, "__file__", None) or ""
                if name.split(".")[0] == "mergeready" or where.startswith(ours):
                    del sys.modules[name]
            import pytest

            code = int(pytest.main(list(command[3:])))
        finally:
            sys.stdout.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    out.seek(0)
    return os.waitstatus_to_exitcode(status), out.read().decode("utf-8", "replace")


def _run(tests: Sequence[str], env_extra: Mapping[str, str] | None = None) -> tuple[str, str]:
    env = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": os.pathsep.join((str(TREE / "_pkg"), str(TREE / "benchmarks"))),
        **(env_extra or {}),
    }
    # a temporary folder of its own: pytest's default root (/tmp/pytest-of-<user>) is shared
    # with every other pytest on the machine, and a session ends by deleting the old folders
    # it finds there, other runs' thousands of repositories (seen taking minutes per mutant)
    basetemp = f"--basetemp={TREE.parent / (TREE.name + '-tmp')}"
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", basetemp]
    command += tests
    if FORK[0] and not env_extra:
        returncode, stdout = _forked(command, env)
        if returncode == -signal.SIGALRM:
            return "timeout", ""
    else:
        try:
            proc = subprocess.run(
                command, cwd=TREE, capture_output=True, text=True, env=env, timeout=TIMEOUT
            )
        except subprocess.TimeoutExpired:
            return "timeout", ""
        returncode, stdout = proc.returncode, proc.stdout
    if returncode == 0:
        return "survived", ""
    if returncode in (4, 5):  # a node id not found, or nothing collected: no verdict
        return "no run", ""
    failed = [line for line in stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    return "killed", failed[0].split(" - ")[0].split(" ", 1)[-1] if failed else "(error)"


# --- which tests call which target function: ``pytest -p mutation`` with MUTATION_MAP set
# records, per test, the functions of MUTATION_FILE it entered (in the test's own process: a
# function only a subprocess reaches is not seen, so its mutants run the whole files).
_SEEN: dict[str, set[str]] = {}
_CURRENT = [""]


def _profile(frame: FrameType, event: str, arg: object) -> None:
    if event == "call" and frame.f_code.co_filename.endswith(os.environ["MUTATION_FILE"]):
        _SEEN.setdefault(_CURRENT[0], set()).add(frame.f_code.co_qualname)


def pytest_runtest_logstart(nodeid: str, location: object) -> None:
    """Start recording what this test calls."""
    if os.environ.get("MUTATION_MAP"):
        _CURRENT[0] = nodeid
        sys.setprofile(_profile)
        threading.setprofile(_profile)  # type: ignore[arg-type]


def pytest_runtest_logfinish(nodeid: str, location: object) -> None:
    """Stop recording."""
    if os.environ.get("MUTATION_MAP"):
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]


def pytest_sessionfinish(session: object, exitstatus: int) -> None:
    """Write the map: test id → the target functions it called."""
    if path := os.environ.get("MUTATION_MAP"):
        Path(path).write_text(json.dumps({k: sorted(v) for k, v in _SEEN.items()}), "utf-8")


def call_map(module: str, tests: tuple[str, ...]) -> tuple[str, dict[str, list[str]]]:
    """Run the tests once, unmutated, recording which of them call which function of ``module``."""
    path = OUT / f"map-{TREE.name}.json"
    path.unlink(missing_ok=True)
    status, by = _run(
        ("-p", "mutation", *tests), {"MUTATION_MAP": str(path), "MUTATION_FILE": module}
    )
    seen = json.loads(path.read_text("utf-8")) if path.exists() else {}
    return status, seen


def _selected(function: str, seen: Mapping[str, Sequence[str]]) -> list[str]:
    """The tests that called ``function`` (a method as ``Class.method``), in their order."""
    return [test for test, called in seen.items() if function in called]


def _judge(
    mutant: Mutant,
    tests: tuple[str, ...],
    seen: Mapping[str, Sequence[str]],
    killers: Sequence[str] = (),
) -> None:
    """Run the tests that call the mutated function, those that killed an earlier mutant first
    (``-x`` stops at the first failure: a killer found early saves the rest); when they all
    pass (or none does), the target's other tests."""
    chosen = _selected(mutant.function, seen) if seen else []
    first = [test for test in killers if test in chosen]
    chosen = first + [test for test in chosen if test not in first]
    if chosen and len(chosen) < 2000:
        mutant.status, mutant.by = _run(chosen)
        if mutant.status == "killed":
            return
    others = [a for test in chosen for a in ("--deselect", test)] if len(chosen) < 2000 else []
    mutant.status, mutant.by = _run([*others, *tests])
    if mutant.status == "no run" and chosen:  # every test was chosen and passed
        mutant.status = "survived"


def _drop_bytecode(path: Path) -> None:
    for pyc in (path.parent / "__pycache__").glob(f"{path.stem}.*.pyc"):
        pyc.unlink(missing_ok=True)


def run_target(
    name: str,
    only_list: bool,
    only: frozenset[int] = frozenset(),
    tests: tuple[str, ...] = (),
    select: bool = False,
) -> list[Mutant]:
    """Run every mutant of one target (or the numbered ones, against the given test files);
    the module is restored whatever happens. With ``select``, each mutant runs first the tests
    that call its function (a map made by one unmutated run), then, if it survives, all."""
    module, functions, own_tests = TARGETS[name]
    tests = tests or own_tests
    path = TREE / module
    numbered = list(enumerate(mutants(ROOT / module, functions), 1))
    found = [(n, m, text) for n, (m, text) in numbered if not only or n in only]
    if only_list:
        for n, m, _ in found:
            print(f"{name}\t{n}\t{m.function}:{m.line}\t{m.change}")
        return [m for _, m, _ in found]
    original = path.read_bytes()
    if select:
        status, seen = call_map(module, tests)
    else:
        status, seen = _run(tests)[0], {}
    if status != "survived":
        raise SystemExit(f"{name}: the tests fail without any mutation ({status})")
    done: list[Mutant] = []
    killers: list[str] = []  # the tests that killed a mutant, the latest first
    try:
        for i, mutant, text in found:
            path.write_text(text, "utf-8")
            _drop_bytecode(path)
            start = time.monotonic()
            _judge(mutant, tests, seen, killers)
            if mutant.status == "killed" and mutant.by not in killers:
                killers.insert(0, mutant.by)
            done.append(mutant)
            took = time.monotonic() - start
            print(
                f"[{name} {i}/{len(numbered)}] {mutant.status:8} {took:5.1f}s "
                f"{mutant.function}:{mutant.line} {mutant.change}"
                + (f" (by {mutant.by})" if mutant.by else ""),
                flush=True,
            )
    finally:
        path.write_bytes(original)
        _drop_bytecode(path)
    OUT.mkdir(exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps([asdict(m) for m in done], indent=1))
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("targets", nargs="*", choices=[*TARGETS, []], metavar="TARGET")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument(
        "--scratch",
        metavar="NAME",
        default="tree",
        help="the scratch copy's folder under benchmarks/.mutation (two runs side by side)",
    )
    parser.add_argument(
        "--only",
        metavar="N,N",
        default="",
        help="run only these mutants, numbered as --list numbers them (from 1, per target)",
    )
    parser.add_argument(
        "--tests", nargs="+", default=(), help="run these test files instead of the target's"
    )
    parser.add_argument(
        "--select",
        action="store_true",
        help="run each mutant first on the tests that call its function (then all if it lives)",
    )
    parser.add_argument(
        "--fork",
        action="store_true",
        help="run each mutant's tests in a child of this process, pytest imported once",
    )
    args = parser.parse_args()
    FORK[0] = args.fork
    if args.fork:  # what every child would import again: pytest, its plugins, hypothesis
        import hypothesis  # noqa: F401
        import pytest  # noqa: F401
        import xdist.plugin  # noqa: F401
        import yaml  # noqa: F401
    global TREE
    TREE = OUT / args.scratch
    only = frozenset(int(n) for n in args.only.split(",") if n.strip())
    survivors = []
    if not args.list:
        copy_tree()
    for name in args.targets or TARGETS:
        done = run_target(name, args.list, only, tuple(args.tests), args.select)
        survivors += [(name, m) for m in done if m.status == "survived"]
        if not args.list:
            killed = sum(m.status != "survived" for m in done)
            print(f"{name}: {killed} of {len(done)} mutants killed")
    if not args.list:
        print("\nsurvivors:" if survivors else "\nno survivor")
        for name, m in survivors:
            print(f"  {name}\t{m.function}:{m.line}\t{m.change}")
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main())
