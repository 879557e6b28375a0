"""Start-up: a run imports only the checks it uses; an empty range reads and computes nothing.

The modules a run loaded are read from ``sys.modules`` of a real subprocess (issue 26): the
policy builds a check's ``Options`` (importing its module) only when the check runs, or when a
project or tool layer sets one of its keys (so a bad value still fails the load).
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
from mergeready.checks.registry import CHECKS
from mergeready.hooks.cli import COMMANDS
from mergeready.rules import files
from mergeready.rules.loader import load
from mergeready.rules.policy import LazyOptions
from mergeready.rules.schema import CHECK_OPTIONS

_LOADED = (
    "import sys; from mergeready.hooks.cli import main; code = main({argv!r}); "
    "print(code, sorted(sys.modules))"
)
HEAVY = ("pylint", "astroid", "pydocstyle", "codespell_lib")
"""The tools a check imports when it runs; nothing else may."""
AST_HEAVY = (
    "mergeready.checks.diffkind",
    "mergeready.checks.docstrings.docstrings_complete",
    "mergeready.checks.testing.tests_present",
    "mergeready.checks.testing.tests_meaningful",
)
READERS = (
    "mergeready.checks.claims.description",
    "mergeready.checks.issues.templates",
    "mergeready.checks.issues.text",
    "mergeready.checks.text.markup",
)
"""The description, issue and Markdown readers: an empty check (which validates changed
templates as configuration, by their paths) needs none of them (6.6 ms, issue 26)."""


def _loaded(argv: list[str], cwd) -> tuple[int, list[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", _LOADED.format(argv=argv)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    code, modules = proc.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(code), eval(modules)  # noqa: S307 - our own subprocess's printed list


def _one_commit(git_repo) -> None:
    git_repo.write("lib.py", "def grow(x):\n    return x + 1\n")
    git_repo.commit("base")


def test_an_empty_range_imports_no_check_and_no_tool(git_repo):
    _one_commit(git_repo)
    code, loaded = _loaded(
        ["check", "--base", "main", "--head", "main", "--no-cache", "--quiet"], git_repo.path
    )
    assert code == 0
    checks = {spec.module for spec in CHECKS.values()}
    assert sorted(checks & set(loaded)) == []
    assert [m for m in loaded if m.split(".")[0] in HEAVY] == []
    assert [m for m in loaded if m in AST_HEAVY] == []
    assert [m for m in loaded if m in READERS] == []


def test_a_command_imports_its_own_module_only(git_repo):
    _one_commit(git_repo)
    _, loaded = _loaded(
        ["check", "--base", "main", "--head", "main", "--no-cache", "--quiet"], git_repo.path
    )
    others = {f"mergeready.hooks.{m}" for name, m in COMMANDS.items() if name != "check"}
    assert sorted(others & set(loaded)) == []


def test_a_run_imports_the_checks_it_runs(git_repo):
    _one_commit(git_repo)
    git_repo.write("lib.py", "def grow(x):\n    return x + 2\n")
    git_repo.commit("fix: grow by two")
    argv = ["check", "--base", "main~1", "--head", "main", "--no-cache", "--quiet"]
    _, loaded = _loaded([*argv, "--only", "spelling-clean"], git_repo.path)
    assert CHECKS["spelling-clean"].module in loaded
    assert CHECKS["docs-valid"].module not in loaded


def test_a_bad_option_fails_the_load_even_when_its_check_does_not_run(git_repo, run_cli):
    git_repo.write(".mergeready.yaml", "checks:\n  spelling-clean:\n    ignore-regex: '('\n")
    _one_commit(git_repo)
    code, _, err = run_cli("check", "--base", "main", "--head", "main", "--no-cache")
    assert code == 2
    assert "checks.spelling-clean.ignore-regex is not a valid regular expression" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("profile", ["default", "strict", "keras"])
def test_each_checks_options_are_its_modules_built_on_first_use(profile):
    policy = load(profile=profile)
    assert isinstance(policy.options, LazyOptions)
    assert list(policy.options) == list(CHECK_OPTIONS)
    for check_id, spec in CHECK_OPTIONS.items():
        options = policy.options[check_id]
        assert type(options) is importlib.import_module(spec.module).Options
        assert policy.options[check_id] is options  # built once
    with pytest.raises(KeyError):
        policy.options["no-such-check"]


def test_the_policy_builds_only_what_a_project_layer_sets():
    policy = load({"checks": {"docs-valid": {"links": False}}}, ".mergeready.yaml")
    options = policy.options
    assert isinstance(options, LazyOptions)
    assert options.built() == ("docs-valid",)
    assert options["docs-valid"].links is False
    options["claims"]  # noqa: B018 - built on first use
    assert options.built() == ("docs-valid", "claims")


def test_an_empty_check_imports_no_yaml_once_the_profile_is_parsed(git_repo):
    # The first run parses the shipped profile and keeps the mapping in the user's cache
    # (MERGEREADY_CACHE_DIR, set per test); the next run reads it and imports no YAML parser.
    _one_commit(git_repo)
    argv = ["check", "--base", "main", "--head", "main", "--no-cache", "--quiet"]
    _, first = _loaded(argv, git_repo.path)
    assert "yaml" in first
    code, second = _loaded(argv, git_repo.path)
    assert code == 0
    assert [m for m in second if m.split(".")[0] == "yaml"] == []


class _Store:
    def __init__(self) -> None:
        self.entries: dict[str, bytes] = {}

    def read(self, name: str) -> bytes | None:
        return self.entries.get(name)

    def write(self, name: str, data: bytes) -> None:
        self.entries[name] = data


@pytest.fixture
def store():
    kept = _Store()
    files.use_store(kept)
    yield kept
    files.use_store(None)


def test_a_stored_profile_is_the_parsed_one_and_an_edited_profile_is_parsed_again(store):
    parsed = files.shipped("default")
    assert len(store.entries) == 1
    assert files.shipped("default") == parsed
    ((name, entry),) = store.entries.items()
    store.entries[name] = entry.replace(b'"types"', b'"TYPES"')  # read back as stored
    assert "TYPES" in files.shipped("default")
    edited = files.shipped("default", lambda _: "profile: strict\n")
    assert edited == {"profile": "strict"}  # another text: another entry
    assert len(store.entries) == 2


@pytest.mark.parametrize("entry", [b"not json", b"[1, 2]", b"\xff"])
def test_a_corrupt_stored_profile_is_parsed_again(store, entry):
    parsed = files.shipped("default")
    ((name, _),) = store.entries.items()
    store.entries[name] = entry
    assert files.shipped("default") == parsed


def test_a_mapping_json_would_change_is_not_stored(store):
    assert files.shipped("default", lambda _: "1: one\n2: two\n") == {1: "one", 2: "two"}
    assert store.entries == {}
