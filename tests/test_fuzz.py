"""Fuzzing with hypothesis: random contributions, rules and docstrings give results or clean
errors, never a crash. CI runs a bounded number of examples; set MERGEREADY_FUZZ_EXAMPLES for
more (e.g. 2000)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import Repo, isolate_git
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mergeready.checks.docstrings.backends import parse, style_errors
from mergeready.checks.errors import MergereadyError
from mergeready.checks.issues.registry import ISSUE_CHECKS
from mergeready.checks.registry import CHECKS
from mergeready.hooks.cli import main
from mergeready.rules.loader import TOP_KEYS, TYPE_KEYS, load, parse_yaml
from test_regex_linear import CASES as REGEX_CASES  # type: ignore[import-not-found]
from test_regex_linear import PATTERNS as REGEX_PATTERNS
from test_regex_linear import _screen, growth

EXAMPLES = int(os.environ.get("MERGEREADY_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="CI" in os.environ,
    suppress_health_check=list(HealthCheck),
)
SCHEMA = json.loads((Path(__file__).parent / "report.schema.json").read_text())
NAMES = st.sampled_from(
    [
        "a.py",
        "pkg/mod.py",
        "tests/test_mod.py",
        "README.md",
        "docs/x.rst",
        "CHANGELOG.md",
        "changelog.d/1.bugfix.md",
        "data.bin",
        "sp ace.txt",
        "ünï.md",
        "locale/fr.po",
        "pyproject.toml",
        ".mergeready.yaml",
        "k/conv_test.py",
    ]
)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)
CONTENT = st.one_of(
    TEXT.map(lambda t: t.encode("utf-8")),
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"def f(a):\n    return a\n",
            b"teh\n",
            b"## Unreleased\n- x\n",
            b'"""Doc."""\n',
            b"def broken(:\n",
            b"\xff\xfe\x00",
        ]
    ),
)
FILES = st.dictionaries(NAMES, st.one_of(st.none(), CONTENT), max_size=6)


@pytest.fixture(scope="module", autouse=True)
def _isolated_git(tmp_path_factory):
    """The environment ``git_repo`` gives, for every example of this module (hypothesis runs
    a test's examples under one function-scoped fixture, so the repositories are made by hand):
    the fuzz tests wrote git's identity into ``os.environ`` and left it there for the tests
    that ran after them on the same worker, and read the user's git configuration and an
    outer hook's ``GIT_DIR``."""
    with pytest.MonkeyPatch.context() as patch:
        isolate_git(patch, tmp_path_factory.mktemp("fuzz-home"))
        yield


def _repo(base: dict[str, bytes | None], head: dict[str, bytes | None]) -> Repo:
    repo = Repo(Path(tempfile.mkdtemp(prefix="mergeready-fuzz-")))
    for path, data in base.items():
        if data is not None:
            repo.write(path, data)
    repo.commit("initial")
    repo.branch("topic")
    for path, data in head.items():
        target = repo.path / path
        if data is None:
            if target.exists():
                target.unlink()
        else:
            repo.write(path, data)
    return repo


@pytest.mark.slow
@FUZZ
@given(
    base=FILES,
    head=FILES,
    title=st.one_of(st.none(), TEXT),
    labels=st.lists(st.sampled_from(["bug", "skip-changelog", "documentation", "x"]), max_size=2),
    commit=st.booleans(),
)
def test_random_contributions_through_every_check(base, head, title, labels, commit):
    # CI runs the suite with CI=true, where a working tree with nothing to compare is exit 2
    # by design; this test is about random contributions, so it runs as a local user would
    # (_isolated_git removes CI and GITHUB_ACTIONS).
    repo = _repo(base, head)
    try:
        _check_random(repo, title, labels, commit)
    finally:
        shutil.rmtree(repo.path, ignore_errors=True)


def _check_random(repo: Repo, title: str | None, labels: list[str], commit: bool) -> None:
    if commit:
        repo.commit("change")
    argv = ["check", "--format", "json", "--repo", str(repo.path)]
    if title:
        argv.append(f"--title={title}")  # a title may start with "-"
    for label in labels:
        argv += ["--label", label]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    if code == 2:  # only a configuration the example wrote itself may be refused
        assert err.getvalue().count("\n") == 1, err.getvalue()
        assert ".mergeready.yaml" in err.getvalue() or "pyproject.toml" in err.getvalue()
        return
    assert code in (0, 1), err.getvalue()
    jsonschema.validate(json.loads(out.getvalue()), SCHEMA)


LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    TEXT,
    st.sampled_from(["tests-present", "spelling-clean", "google", "bugfix"]),
)
KEYS = st.one_of(
    st.sampled_from(
        [
            *TOP_KEYS,
            *TYPE_KEYS,
            "bugfix",
            "docs",
            "spelling-clean",
            "docstrings-complete",
            "ignore-words",
            "require",
            "convention",
            "prefix-match",
            "fragment-types",
        ]
    ),
    TEXT,
)
YAML_DATA = st.recursive(
    LEAF,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=20,
)


@FUZZ
@given(data=YAML_DATA)
def test_random_rules_give_a_policy_or_a_clean_error(data):
    try:
        text = yaml.safe_dump(data)
    except yaml.YAMLError:
        return
    try:
        policy = load(parse_yaml(text, "fuzz.yaml"), "fuzz.yaml")
        # every check's options built and validated, the issue checks' too
        assert set(policy.options) == set(CHECKS) | set(ISSUE_CHECKS)
    except MergereadyError as exc:
        assert "\n" not in str(exc)


@FUZZ
@given(text=TEXT)
def test_random_yaml_text(text):
    try:
        load(parse_yaml(text, "fuzz.yaml"), "fuzz.yaml")
    except MergereadyError as exc:
        assert "\n" not in str(exc)


SECTIONS = st.sampled_from(
    [
        "Args:\n",
        "Returns:\n",
        "Raises:\n",
        "Yields:\n",
        "Parameters\n",
        "----------\n",
        ":param a:",
        ":raises ValueError:",
        "Call arguments:\n",
        "    a: x\n",
        "    b (int): y\n",
        "a : int\n",
        "\n",
        "    ",
    ]
)
DOCSTRING = st.lists(st.one_of(SECTIONS, TEXT), max_size=12).map("".join)


@FUZZ
@given(doc=DOCSTRING)
def test_random_docstrings_through_the_docstring_tools(doc):
    parsed = parse(doc, ("Call arguments",))
    assert isinstance(parsed.params, frozenset)
    source = f"def f(a, b=1):\n    {doc!r}\n    return a\n"
    for convention in ("pep257", "google", "numpy"):
        for error in style_errors(source, "m.py", convention):
            assert error.code.startswith("D")


# --- issue 11: line breaks, coding cookies, attribute files, adversarial regex inputs --------

BREAKS = st.sampled_from(
    ["\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
COMMENT = st.lists(st.one_of(BREAKS, st.sampled_from(["a", " ", "note", "#", '"""'])), max_size=8)
ENDINGS = st.sampled_from(["\n", "\r\n"])


def _statuses(repo: Repo, *argv: str) -> dict[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--format", "json", "--repo", str(repo.path), *argv])
    assert code in (0, 1), err.getvalue()
    report = json.loads(out.getvalue())
    jsonschema.validate(report, SCHEMA)
    return {c["id"]: c["status"] for c in report["checks"]}


@pytest.mark.slow
@FUZZ
@given(before=COMMENT.map("".join), after=COMMENT.map("".join), end=ENDINGS)
def test_line_breaks_in_comments_never_hide_a_changed_line_of_code(before, after, end):
    """Whatever breaks Python or str.splitlines see in comments, a changed return is code."""
    text = end.join(
        ['"""M."""', "", f"# {before}", "def add(a, b):", f"    # {after}", "    return a + b", ""]
    )
    repo = _repo({"pkg/__init__.py": b'"""P."""\n', "pkg/calc.py": text.encode()}, {})
    try:
        repo.write("pkg/calc.py", text.replace("a + b", "a - b").encode())
        repo.commit("change add")
        assert _statuses(repo, "--base", "main")["tests-present"] == "fail"
    finally:
        shutil.rmtree(repo.path, ignore_errors=True)


COOKIES = st.sampled_from(
    ["utf-8", "latin-1", "utf-7", "utf-16", "cp1252", "ascii", "bogus", "euc-jp", "utf-8-sig"]
)
CHUNKS = st.sampled_from(
    [b"x = 1\n", b"#+AAo-y = 2\n", b"+AAo-", b"\r", b"\n", b"def f():\n    return 1\n", b"\xe9"]
)


@FUZZ
@given(cookie=COOKIES, second=st.booleans(), body=st.lists(CHUNKS, max_size=8).map(b"".join))
def test_coding_cookies_give_git_lines_or_a_reason(cookie, second, body):
    from mergeready.checks.contribution.parsing import parse

    header = (b"#!/usr/bin/env python\n" if second else b"") + f"# coding: {cookie}\n".encode()
    data = header + body
    tree, reason, code, _view = parse(data)
    git_lines = data.count(b"\n") + 1
    if tree is None:
        assert reason and "\n" not in reason
        return
    import ast

    for node in ast.walk(tree):
        line = getattr(node, "lineno", None)
        assert line is None or 1 <= line <= git_lines
    assert all(1 <= n <= git_lines for n in code)


ATTRIBUTE_LINES = st.sampled_from(
    [
        "* -diff",
        "*.py binary",
        "*.md diff=cat",
        "* text eol=crlf",
        "* filter=scrub",
        "*.py -text",
        "* ident",
        "* whitespace=-trailing-space",
        "*.py diff=python",
        "*.py working-tree-encoding=UTF-16",
        "[attr]evil -diff -text",
        "* evil",
    ]
)


@pytest.mark.slow
@FUZZ
@given(attributes=st.lists(ATTRIBUTE_LINES, min_size=1, max_size=4).map("\n".join))
def test_no_attribute_file_changes_what_is_diffed(attributes):
    from mergeready.checks.contribution import Contribution

    base = {"pkg/calc.py": b'"""M."""\n\n\ndef add(a, b):\n    return a + b\n', "doc.md": b"A.\n"}
    repo = _repo(base, {})
    try:
        repo.git("config", "diff.cat.textconv", "true")
        repo.git("config", "filter.scrub.clean", "true")
        repo.write("pkg/calc.py", b'"""M."""\n\n\ndef add(a, b):\n    return a - b\n# x\n')
        repo.write("doc.md", b"A.\nTeh.\n")
        repo.commit("change")

        def added() -> dict[str, object]:
            c = Contribution.from_git(repo.path, base="main")
            try:
                return {f.path: f.added_lines for f in c.files if f.path != ".gitattributes"}
            finally:
                c.close()

        plain = added()
        repo.write(".gitattributes", attributes + "\n")
        repo.commit("attributes", ".gitattributes")
        assert added() == plain
    finally:
        shutil.rmtree(repo.path, ignore_errors=True)


FRAGMENTS = st.text(st.sampled_from("a1.@-_ \n\t([]:=#'\"/%+v"), min_size=1, max_size=4)


@FUZZ
@given(fragment=FRAGMENTS, entry=st.sampled_from(REGEX_PATTERNS))
def test_adversarial_repetitions_grow_linearly_through_every_pattern(fragment, entry):
    """Every pattern of the audit table, on random repeated fragments of hostile characters."""
    text = fragment.encode() if isinstance(entry.compiled.pattern, bytes) else fragment
    assert _screen(entry.runner(), text) < 4, (entry.name, fragment)


@FUZZ
@given(fragment=FRAGMENTS, case=st.sampled_from(range(len(REGEX_CASES))))
def test_adversarial_repetitions_grow_linearly_through_every_regex(fragment, case):
    name, call, _ = REGEX_CASES[case]
    ratios = []
    for _ in range(3):
        ratios.append(growth(call, lambda n: fragment * (n // len(fragment) + 1), n=8000))
        if ratios[-1] < 4:
            break
    assert min(ratios) < 4, (name, fragment, ratios)


IGNORE_LINES = st.sampled_from(
    [
        "*.log",
        "!keep.log",
        "build/",
        "/top.md",
        "a/b.md",
        "**/gen",
        "gen/**",
        "a/**/c.md",
        "*.md",
        "!*.md",
        "# comment",
        "",
        "x ",
        "\\#hash.md",
        "\\!bang.md",
        "*",
        "!a/",
        "?.py",
        "[ab].md",
        "d/",
        "/d",
    ]
)
IGNORE_FILES = st.lists(IGNORE_LINES, max_size=5).map(lambda lines: "\n".join(lines) + "\n")
UNTRACKED = st.lists(
    st.sampled_from(
        [
            "x.log",
            "keep.log",
            "top.md",
            "a/top.md",
            "a/b.md",
            "s/a/b.md",
            "a/x/c.md",
            "gen/f.py",
            "s/gen/f.py",
            "build/o.md",
            "s/build/o.md",
            "#hash.md",
            "!bang.md",
            "d/x.py",
            "s/d/x.py",
            "s/d",
            "a.py",
            "b.md",
            "s/a.py",
        ]
    ),
    min_size=1,
    max_size=8,
    unique=True,
)


@FUZZ
@given(root=IGNORE_FILES, nested=IGNORE_FILES, deeper=IGNORE_FILES, files=UNTRACKED)
def test_base_ignore_rules_select_what_git_selects(root, nested, deeper, files):
    """Read from the base commit, the ignore rules select the untracked files git would select
    from the same .gitignore files in the work tree (so only a contributed change differs)."""
    from mergeready.checks import git
    from mergeready.checks.diff import _untracked

    repo = Repo(Path(tempfile.mkdtemp(prefix="mergeready-fuzz-")))
    try:
        for path, text in (
            (".gitignore", root),
            ("s/.gitignore", nested),
            ("s/a/.gitignore", deeper),
        ):
            repo.write(path, text)
            repo.git("add", "-f", path)  # tracked even where a rule ignores it
        repo.commit("ignore rules")
        for path in files:
            if not (repo.path / path).is_dir():
                with contextlib.suppress(OSError):
                    repo.write(path, "x\n")
        head = repo.git("rev-parse", "HEAD")
        out = git.run(repo.path, "ls-files", "-z", "--others", "--exclude-standard")
        assert sorted(f.path for f in _untracked(repo.path, head)) == sorted(git.split_z(out))
    finally:
        shutil.rmtree(repo.path, ignore_errors=True)
