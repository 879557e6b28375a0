"""Rules: shipped profiles, the project's overrides, validation with suggestions, trust."""

from __future__ import annotations

import pytest
from helpers import story
from mergeready.checks.classify import TYPES
from mergeready.checks.errors import MergereadyError
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
    assert policy.options("spelling-clean").ignore_words == ("nd",)
    assert policy.origins["types.bugfix.require"] == ".mergeready.yaml"
    assert policy.origins["types.bugfix.labels"] == "profile default"


def test_strict_extends_default():
    policy = load({"profile": "strict"}, "x")
    options = policy.options("docstrings-complete")
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
