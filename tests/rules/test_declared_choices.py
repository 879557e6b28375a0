"""Enumerated options: one ``Literal`` each, read by the loader, the parser and the docs alike.

Every check option that takes one of a few words is typed with a ``Literal`` in its ``Options``;
the loader refuses any other word with the nearest valid one, naming the file and the key. The
command line's enumerated options (``--color``, ``--format`` of history, issue and org report,
org plan's ``--field``) take their ``choices`` from the ``Literal``s in ``hooks/arguments.py``.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

import pytest
import yaml
from helpers import story
from mergeready.checks.errors import OptionError, check_declared, declared_choices
from mergeready.checks.issues.registry import ISSUE_CHECKS
from mergeready.checks.registry import CHECKS
from mergeready.hooks import arguments

PACKAGE = Path(__file__).resolve().parents[2]
ALL = {**CHECKS, **ISSUE_CHECKS}
Word = Literal["a", "b"]
DECLARED = [
    (check_id, name, words)
    for check_id, spec in ALL.items()
    for name, words in declared_choices(spec.options).items()
]


def test_every_enumerated_option_is_declared():
    # the table the rest of this file runs over: a field dropped from it is an option no
    # longer validated, a field added is one more row below
    assert {(c, n) for c, n, _ in DECLARED} == {
        ("docstrings-complete", "require"),
        ("docstrings-complete", "convention"),
        ("translation-consistent", "fuzzy"),
        ("docs-valid", "tolerate"),
        ("examples-valid", "notebook_outputs"),
        ("examples-valid", "execution_counts"),
        ("examples-valid", "kernel"),
        ("examples-valid", "companions"),
        ("reproduction", "missing"),
        ("versions", "missing"),
        ("versions", "unversioned_install"),
        ("traceback-complete", "missing"),
        ("expected-actual", "missing"),
    }


@pytest.mark.parametrize("check_id, name, words", DECLARED)
def test_each_default_is_one_of_its_words(check_id, name, words):
    default = getattr(ALL[check_id].options(), name)
    values = default if isinstance(default, tuple) else (default,)
    assert all(v is None or v in words for v in values)


@pytest.mark.parametrize("check_id, name, words", DECLARED)
def test_the_loader_refuses_a_word_not_declared_and_names_the_nearest(check_id, name, words):
    from mergeready.checks.errors import MergereadyError
    from mergeready.rules.loader import load

    key = name.replace("_", "-")
    wrong = words[0][:-1] + "x"  # one letter off the first word
    value = [wrong] if isinstance(getattr(ALL[check_id].options(), name), tuple) else wrong
    with pytest.raises(MergereadyError) as info:
        load({"checks": {check_id: {key: value}}}, "x.yaml")
    nearest = difflib.get_close_matches(wrong, words, n=1)
    listed = ", ".join(words)
    tail = f"; did you mean {nearest[0]!r}?" if nearest else f"; expected one of: {listed}"
    assert str(info.value) == f"x.yaml: checks.{check_id}.{key} has unknown value {wrong!r}{tail}"


@pytest.mark.parametrize("check_id, name, words", DECLARED)
def test_every_declared_word_is_accepted(check_id, name, words):
    from mergeready.rules.loader import load

    key = name.replace("_", "-")
    for word in words:
        value = [word] if isinstance(getattr(ALL[check_id].options(), name), tuple) else word
        options = load({"checks": {check_id: {key: value}}}, "x.yaml").options[check_id]
        got = getattr(options, name)
        assert word in (got if isinstance(value, list) else (got,))


def test_declared_choices_reads_literal_optional_and_tuple_fields():
    @dataclass(frozen=True)
    class Options:
        one: Word = "a"
        maybe: Word | None = None
        many: tuple[Word, ...] = ()
        free: str = "z"
        flags: tuple[str, ...] = ()

    assert declared_choices(Options) == {"one": ("a", "b"), "maybe": ("a", "b"), "many": ("a", "b")}
    check_declared(Options(maybe=None, many=("b", "a")))
    with pytest.raises(OptionError, match="many has unknown value 'c'"):
        check_declared(Options(many=("a", "c")))  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="one has unknown value 'B'"):
        check_declared(Options(one="B"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "argv, literal",
    [
        (["check", "--color", "sometimes"], arguments.ColorChoice),
        (["history", "--format", "xml"], arguments.HistoryFormat),
        (["issue", "--format", "xml"], arguments.IssueFormat),
        (["org", "report", "x.jsonl", "--format", "xml"], arguments.OrgReportFormat),
        (["org", "plan", "repos.txt", "--field", "sha"], arguments.OrgField),
    ],
)
def test_the_command_line_offers_exactly_the_declared_words(git_repo, run_cli, argv, literal):
    story(git_repo, {"a.py": ""}, {"a.py": "x = 1\n"})
    code, _, err = run_cli(*argv)
    assert code == 2
    offered = err.rsplit("choose from ", 1)[1].split(")", 1)[0]
    assert [w.strip(" '") for w in offered.split(",")] == list(get_args(literal))


def _literal_choices(path: Path) -> list[str]:
    """Each ``choices=`` of an ``add_argument`` written as a tuple or list of words, and each
    module-level ``CHOICES`` table: words not declared as a ``Literal``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "choices":
            if isinstance(node.value, (ast.Tuple, ast.List)):
                found.append(f"{path.name}:{node.value.lineno} choices=(...)")
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "CHOICES" for t in targets):
                found.append(f"{path.name}:{node.lineno} CHOICES")
    return sorted(found)


def test_no_enumeration_is_written_outside_a_literal():
    found = [
        hit
        for folder in ("checks", "rules", "hooks")
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        for hit in _literal_choices(path)
    ]
    assert found == []


def test_the_schema_guard_sees_a_written_tuple(tmp_path):
    # the guard above can fail: a parser with a literal tuple of choices is found
    sample = tmp_path / "sample.py"
    sample.write_text('p.add_argument("--x", choices=("a", "b"))\nCHOICES = {"k": ("a",)}\n')
    assert _literal_choices(sample) == ["sample.py:1 choices=(...)", "sample.py:2 CHOICES"]


def test_profiles_use_only_declared_words():
    # every shipped profile sets enumerated options to words its Literal declares
    for name in ("default", "keras", "strict"):
        data = yaml.safe_load((PACKAGE / "rules" / f"{name}.yaml").read_text(encoding="utf-8"))
        for check_id, block in (data.get("checks") or {}).items():
            table = declared_choices(ALL[check_id].options)
            for key, value in (block or {}).items():
                words = table.get(key.replace("-", "_"))
                for v in value if isinstance(value, list) else [value]:
                    assert words is None or v is None or v in words, (name, check_id, key, v)


@pytest.mark.parametrize(
    "check_id, key, value, expected",
    [
        ("examples-valid", "notebook-outputs", 3, "a string"),
        ("examples-valid", "kernel", ["any"], "a string"),
        ("versions", "missing", True, "a string"),
        ("docstrings-complete", "require", "params", "a list of strings"),
        ("docstrings-complete", "require", [1], "a list of strings"),
        ("docs-valid", "tolerate", {"pseudo": 1}, "a list of strings"),
        ("translation-consistent", "fuzzy", None, "a string"),
    ],
)
def test_a_declared_option_of_the_wrong_shape_says_what_it_takes(check_id, key, value, expected):
    from mergeready.checks.errors import MergereadyError
    from mergeready.rules.loader import load

    with pytest.raises(MergereadyError) as info:
        load({"checks": {check_id: {key: value}}}, "x.yaml")
    assert str(info.value) == f"x.yaml: checks.{check_id}.{key} must be {expected}"


def test_an_optional_declared_option_takes_null():
    from mergeready.rules.loader import load

    options = load({"checks": {"docstrings-complete": {"convention": None}}}, "x.yaml")
    assert options.options["docstrings-complete"].convention is None
