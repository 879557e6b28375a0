"""The codespell hook's ``args:`` in ``.pre-commit-config.yaml``: which options count, how.

``hook_settings`` is given a reader of the trusted revision; here the reader is a mapping of
the one file, written in the test.
"""

from __future__ import annotations

import pytest
from mergeready.rules.codespell_hook import WHERE, hook_settings


def _config(args: str, hook_id: str = "codespell") -> str:
    return (
        "repos:\n"
        "- repo: https://github.com/codespell-project/codespell\n"
        "  rev: v2.3.0\n"
        "  hooks:\n"
        f"  - id: {hook_id}\n"
        f"    args: {args}\n"
    )


def _settings(text: str | None) -> tuple[dict[str, str], str]:
    return hook_settings(lambda path: text if path == ".pre-commit-config.yaml" else None)


@pytest.mark.parametrize(
    "args, found",
    [
        ('["-L", "teh,nd"]', {"ignore-words-list": "teh,nd"}),
        ('["-Lteh,nd"]', {"ignore-words-list": "teh,nd"}),
        ('["--ignore-words-list=teh", "-L", "nd"]', {"ignore-words-list": "teh,nd"}),
        ('["--ignore-words-list", "teh"]', {"ignore-words-list": "teh"}),
        ('["--skip", "*.po", "-S*.json"]', {"skip": "*.po,*.json"}),
        ('["-S", "a", "--skip=b"]', {"skip": "a,b"}),
        ('["--ignore-regex=a", "--ignore-regex", "b"]', {"ignore-regex": "b"}),  # replaces
        ('["--skip"]', {"skip": ""}),  # the last argument, no value after it
        ('[3, {"x": 1}, "-L", 5]', {"ignore-words-list": "5"}),  # numbers are words
        ('["--write-changes", "-q", "3"]', {}),  # options mergeready does not honour
        ('["-L"]', {"ignore-words-list": ""}),
        ('"-L teh"', {}),  # args must be a list
    ],
)
def test_the_hook_arguments_read(args, found):
    assert _settings(_config(args)) == (found, WHERE if found else "")


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        _config('["-L", "teh"]', hook_id="codespell-fix"),  # another hook's id
        "repos: 3\n# codespell\n",
        "repos:\n- 3\n- hooks: 4\n# codespell\n",
        "repos:\n- hooks: [3, {id: codespell, args: 5}]\n",
        "[codespell\n",  # not YAML
        "- codespell\n",  # not a mapping
    ],
)
def test_no_hook_no_settings(text):
    assert _settings(text) == ({}, "")


def test_a_later_codespell_hook_replaces_an_earlier_ones_option():
    text = _config('["-L", "teh"]') + "  - id: codespell\n    args: [-L, nd, --skip=x]\n"
    assert _settings(text) == ({"ignore-words-list": "nd", "skip": "x"}, WHERE)
