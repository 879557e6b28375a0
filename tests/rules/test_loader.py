"""Rules: shipped profiles, the project's overrides, validation with suggestions, trust."""

from __future__ import annotations

import pytest
from helpers import story
from mergeready.checks.errors import MergereadyError
from mergeready.checks.vocabulary import TYPES
from mergeready.rules.loader import load, parse_yaml, profiles


def test_shipped_profiles():
    assert profiles() == ["default", "keras", "strict"]
    for name in profiles():
        policy = load(profile=name)
        assert set(policy.types) == set(TYPES)


def test_a_project_list_replaces_and_a_mapping_merges():
    policy = load(
        {
            "types": {"bugfix": {"require": ["tests-present"]}},
            "checks": {"spelling-clean": {"ignore-words": ["nd"]}},
        },
        ".mergeready.yaml",
    )
    assert policy.types["bugfix"].require == ("tests-present",)
    assert policy.types["bugfix"].labels == load().types["bugfix"].labels
    assert policy.options["spelling-clean"].ignore_words == ("nd",)
    assert policy.origins["types.bugfix.require"] == ".mergeready.yaml"
    assert policy.origins["types.bugfix.labels"] == "profile default"


def test_strict_extends_default():
    policy = load({"profile": "strict"}, "x")
    options = policy.options["docstrings-complete"]
    assert options.convention == "google" and "raises" in options.require
    assert policy.types["docs"].require == ("docs-valid", "spelling-clean", "claims")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"typse": {}}, "x.yaml: unknown key 'typse'; did you mean 'types'?"),
        (
            {"types": {"bugfx": {}}},
            "x.yaml: unknown contribution type 'types.bugfx'; did you mean 'bugfix'?",
        ),
        (
            {"types": {"bugfix": {"requires": []}}},
            "x.yaml: unknown key 'types.bugfix.requires'; did you mean 'require'?",
        ),
        (
            {"types": {"bugfix": {"require": ["test-present"]}}},
            "x.yaml: unknown check 'test-present' in types.bugfix.require; "
            "did you mean 'tests-present'?",
        ),
        (
            {"checks": {"spelling-clena": {}}},
            "x.yaml: unknown check 'spelling-clena' in checks; did you mean 'spelling-clean'?",
        ),
        (
            {"checks": {"spelling-clean": {"ignore-word": []}}},
            "x.yaml: unknown option 'checks.spelling-clean.ignore-word'; "
            "did you mean 'ignore-words'?",
        ),
        (
            {"checks": {"spelling-clean": {"ignore-words": "nd"}}},
            "x.yaml: checks.spelling-clean.ignore-words must be a list of strings",
        ),
        (
            {"checks": {"docstrings-complete": {"require": ["parms"]}}},
            "x.yaml: checks.docstrings-complete.require has unknown value 'parms'; "
            "did you mean 'params'?",
        ),
        (
            {"checks": {"docstrings-complete": {"convention": "gogle"}}},
            "x.yaml: checks.docstrings-complete.convention has unknown value 'gogle'; "
            "did you mean 'google'?",
        ),
        ({"profile": "kera"}, "unknown profile 'kera'; did you mean 'keras'?"),
        ({"types": []}, "x.yaml: types must be a mapping, not list"),
    ],
)
def test_validation_names_file_key_and_suggestion(data, message):
    with pytest.raises(MergereadyError) as info:
        load(data, "x.yaml")
    assert str(info.value) == message


def test_yaml_syntax_error_names_the_line():
    with pytest.raises(MergereadyError, match=r"x.yaml: line 3: .*; fix the YAML syntax"):
        parse_yaml("types:\n  bugfix: [unclosed\n", "x.yaml")


def test_pyproject_table(git_repo, run_cli):
    story(
        git_repo,
        {"pyproject.toml": "[tool.mergeready]\nprofile = 'keras'\n", "a.py": ""},
        {"a.py": "x = 1\n"},
    )
    code, out, _ = run_cli("rules")
    assert code == 0
    assert "profile: keras    # pyproject.toml [tool.mergeready]" in out


def test_config_from_the_base_even_when_the_head_changes_it(git_repo, run_json):
    story(
        git_repo,
        {
            ".mergeready.yaml": "types:\n  docs:\n    require: [spelling-clean]\n",
            "README.md": "# Demo\n",
        },
        {
            ".mergeready.yaml": "types:\n  docs:\n    require: []\n  maintenance:\n"
            "    require: []\n",
            "README.md": "# Demo\n\nA lenght.\n",
        },
    )
    code, report = run_json()
    assert code == 1
    assert report["by_type"]["docs"] == {"required": ["spelling-clean"], "passed": False}


def test_bad_project_config_is_exit_2_with_one_line(git_repo, run_cli):
    story(git_repo, {".mergeready.yaml": "types:\n  bugfix:\n    labels: bug\n"}, {"a.py": ""})
    code, out, err = run_cli("check")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "types.bugfix.labels must be a list of strings" in err


def test_one_source_for_classification_and_every_check(git_repo, run_json):
    story(
        git_repo,
        {".mergeready.yaml": 'source: ["lib/**"]\n', "lib/a.py": "X = 1\n", "scripts/tool.py": ""},
        {"scripts/tool.py": "def main(x):\n    return x\n"},
        message="fix: the tool",
    )
    code, report = run_json()
    assert code == 0, report
    assert report["by_type"]["bugfix"]["passed"]
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["tests-present"] == "skip"  # scripts/ is not source: no test asked for
    assert statuses["docstrings-complete"] == "skip"
    git_repo.write("lib/a.py", "def grow(x):\n    return x + 1\n")
    git_repo.commit("fix: grow")
    code, report = run_json()
    assert code == 1
    assert {c["id"]: c["status"] for c in report["checks"]}["tests-present"] == "fail"


def test_one_set_of_test_globs_for_classification_and_tests_present(git_repo, run_json):
    story(
        git_repo,
        {
            ".mergeready.yaml": 'types:\n  tests:\n    paths: ["spec/**"]\n',
            "lib.py": "X = 1\n",
        },
        {
            "lib.py": "X = 2\n",
            "spec/test_lib.py": "from lib import X\n\n\ndef test_x():\n    assert X == 2\n",
        },
        message="fix: x",
    )
    code, report = run_json("--only", "tests-present")
    assert "tests" in [t["type"] for t in report["types"]]
    assert (code, report["checks"][0]["status"]) == (0, "pass")


def test_the_policy_gives_checks_its_source_and_test_globs():
    policy = load({"source": ["src/**"], "types": {"tests": {"paths": ["spec/**"]}}}, "x")
    for check_id in ("tests-present", "docstrings-complete"):
        assert policy.options[check_id].source == ("src/**",)
        assert policy.options[check_id].tests == ("spec/**",)
    explicit = load({"checks": {"tests-present": {"source": ["lib/**"]}}}, "x")
    assert explicit.options["tests-present"].source == ("lib/**",)
    assert explicit.options["docstrings-complete"].source == explicit.source


def test_layers_rank_profile_tools_project_command_line(git_repo, run_cli):
    story(
        git_repo,
        {
            "tox.ini": "[pydocstyle]\nconvention = numpy\n",
            ".codespellrc": "[codespell]\nignore-words-list = nd\n",
            "a.py": "",
        },
        {"a.py": "x = 1\n"},
    )
    code, out, _ = run_cli("rules", "--profile", "strict")
    assert code == 0
    assert "profile: strict    # --profile" in out
    assert "checks.docstrings-complete.convention: numpy    # tox.ini [pydocstyle] @" in out
    assert "checks.docstrings-complete.require: [presence, params, returns" in out
    assert "ignore-words: [nd]    # .codespellrc [codespell] @" in out
    git_repo.checkout("main")
    git_repo.write(
        ".mergeready.yaml",
        "checks:\n  docstrings-complete:\n    convention: google\n"
        "  spelling-clean:\n    ignore-words: [te]\n",
    )
    git_repo.commit("project settings")
    code, out, _ = run_cli("rules", "--profile", "strict")
    assert "checks.docstrings-complete.convention: google    # .mergeready.yaml @" in out
    # a tool's word list adds to the project's, as codespell itself would ignore both
    assert "ignore-words: [nd, te]    # .codespellrc [codespell] @" in out
    assert "+ .mergeready.yaml @" in out
    git_repo.write(".mergeready.yaml", "checks:\n  spelling-clean:\n")
    git_repo.commit("an empty block")
    assert "ignore-words: [nd]    # .codespellrc" in run_cli("rules")[1]


def test_a_policy_reused_in_process_names_the_revision_it_was_read_at(git_repo, run_cli):
    story(git_repo, {".mergeready.yaml": "profile: strict\n", "a.py": ""}, {"a.py": "x = 1\n"})
    git_repo.checkout("main")
    first = git_repo.git("rev-parse", "HEAD")[:12]
    assert f"profile: strict    # .mergeready.yaml @ {first}" in run_cli("rules")[1]
    git_repo.write("b.py", "")
    git_repo.commit("same configuration, another revision")
    second = git_repo.git("rev-parse", "HEAD")[:12]
    assert f"profile: strict    # .mergeready.yaml @ {second}" in run_cli("rules")[1]


TOOL_FILES = {
    "pyproject.toml": "[tool.pytest.ini_options]\npython_files = ['check_*.py']\n"
    "testpaths = 'tests'\n\n[tool.towncrier]\ndirectory = 'changes'\n"
    "[[tool.towncrier.type]]\ndirectory = 'fixed'\nname = 'Fixed'\n",
    ".gitattributes": "gen/** linguist-generated\nvendor/** linguist-vendored\n"
    "vendor/own/** -linguist-vendored\n",
}


def test_rules_show_the_tool_files_checks_are_handed_with_their_origin(git_repo, run_cli):
    story(git_repo, {**TOOL_FILES, "a.py": ""}, {"a.py": "x = 1\n"})
    code, out, _ = run_cli("rules")
    at = f"@ {git_repo.git('rev-parse', 'main')[:12]}"
    assert code == 0
    for line in (
        f"pytest.python-files: [check_*.py]    # pyproject.toml [tool.pytest.ini_options] {at}",
        f"pytest.testpaths: [tests]    # pyproject.toml [tool.pytest.ini_options] {at}",
        f"towncrier.directory: changes    # pyproject.toml [tool.towncrier] {at}",
        f"towncrier.types: [fixed]    # pyproject.toml [tool.towncrier] {at}",
        "attributes.linguist: [gen/** linguist-generated, vendor/** linguist-vendored, "
        f"vendor/own/** -linguist-vendored]    # .gitattributes {at}",
    ):
        assert line in out.splitlines()
    assert "# files read: pyproject.toml, .gitattributes" in out


def test_the_loader_hands_the_tool_files_to_every_check_that_asks(git_repo):
    from mergeready.checks.contribution import Contribution
    from mergeready.rules.loader import load_policy

    story(git_repo, {**TOOL_FILES, "a.py": ""}, {"a.py": "x = 1\n"})
    c = Contribution.from_git(git_repo.path, base="main")
    policy = load_policy(c.config_text, where=c.config_source)
    c.close()
    assert policy.pytest.files == ("check_*.py",) and policy.pytest.testpaths == ("tests",)
    assert policy.pytest.functions == ("test",)  # not set: pytest's default
    for check_id in ("tests-meaningful", "tests-present", "claims"):
        assert policy.options[check_id].pytest == policy.pytest
    assert policy.options["changelog-updated"].towncrier == policy.towncrier
    assert policy.towncrier.types == ("fixed",)
    for check_id in ("spelling-clean", "tests-present", "docstrings-complete"):
        assert policy.options[check_id].attributes == policy.attributes
    assert policy.attributes.generated("gen/a.py") and not policy.attributes.generated("a.py")
    assert policy.attributes.excluded("vendor/x.md") and not policy.attributes.excluded(
        "vendor/own/x.md"
    )
    assert dict(policy.read)["pyproject.toml"] == TOOL_FILES["pyproject.toml"]


@pytest.mark.parametrize("key", ["pytest", "towncrier", "attributes"])
def test_what_the_tool_files_say_is_no_yaml_key(key):
    check_id = {"pytest": "tests-meaningful", "towncrier": "changelog-updated"}.get(
        key, "spelling-clean"
    )
    with pytest.raises(MergereadyError, match=f"unknown option 'checks.{check_id}.{key}'"):
        load({"checks": {check_id: {key: {}}}}, ".mergeready.yaml")


def test_a_contribution_cannot_mark_its_own_code_generated(git_repo, run_json):
    story(
        git_repo,
        {"pkg/core.py": "X = 1\n"},
        {"pkg/core.py": "X = 2\n", ".gitattributes": "pkg/** linguist-generated\n"},
        message="fix: x",
    )
    code, report = run_json("--only", "tests-present")
    assert (code, report["checks"][0]["status"]) == (1, "fail")
