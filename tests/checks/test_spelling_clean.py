"""spelling-clean: codespell's dictionaries on added lines, the title and commit messages."""

from __future__ import annotations

import pytest
from helpers import codes, run_check, statuses, story
from mergeready.checks.spelling import Speller, dictionary, fixes
from mergeready.checks.spelling_clean import Options

BASE = {"README.md": "# Demo\n\nThis line has teh old typo.\n"}

CASES = [
    (
        "typo in an added line",
        BASE,
        {"README.md": BASE["README.md"] + "A new lenght.\n"},
        "fail",
        ["MR401"],
    ),
    (
        "typo only in an unchanged line",
        BASE,
        {"README.md": BASE["README.md"] + "Fine.\n"},
        "pass",
        [],
    ),
    (
        "inline codespell:ignore",
        BASE,
        {"README.md": BASE["README.md"] + "A lenght <!-- codespell:ignore -->\n"},
        "fail",  # a contributed comment switches nothing off (inline-ignore: true allows it)
        ["MR401"],
    ),
    (
        "inline ignore of one word",
        BASE,
        {"README.md": BASE["README.md"] + "lenght recieve  # codespell:ignore lenght\n"},
        "fail",
        ["MR401", "MR401", "MR401"],
    ),
    ("translation file", BASE, {"locale/fr/app.po": 'msgstr "lenght"\n'}, "pass", []),
    ("binary file", BASE, {"data.bin": b"lenght\0\0".decode("latin-1")}, "pass", []),
    (
        "word inside a URL",
        BASE,
        {"README.md": BASE["README.md"] + "See https://example.org/lenght here.\n"},
        "pass",
        [],
    ),
]


@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_check_function(git_repo, name, base, head, status, expected):
    story(git_repo, base, head, message="Update readme")
    result = run_check(git_repo, "spelling-clean")
    assert result.status == status, result
    assert [f.code for f in result.findings] == expected


@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_through_the_command(git_repo, run_json, name, base, head, status, expected):
    story(git_repo, base, head, message="Update readme")
    code, report = run_json("--only", "spelling-clean", "--title", "docs: update")
    assert statuses(report) == {"spelling-clean": status}
    assert codes(report) == expected


def test_finding_has_word_suggestion_and_exact_column(git_repo):
    story(git_repo, BASE, {"README.md": BASE["README.md"] + "The Lenght of it.\n"})
    (finding,) = run_check(git_repo, "spelling-clean").findings
    assert (finding.path, finding.line, finding.column) == ("README.md", 4, 5)
    assert finding.message == "'Lenght' may be misspelled; did you mean 'Length'?"


def test_ignore_words_from_the_config(git_repo, run_json):
    story(
        git_repo,
        {**BASE, ".mergeready.yaml": "checks:\n  spelling-clean:\n    ignore-words: [lenght]\n"},
        {"README.md": BASE["README.md"] + "A lenght.\n"},
    )
    code, report = run_json("--only", "spelling-clean", "--title", "docs: x")
    assert (code, codes(report)) == (0, [])


def test_misspelled_title_and_commit_message(git_repo, run_json):
    story(
        git_repo,
        BASE,
        {"README.md": BASE["README.md"] + "Fine.\n"},
        message="Update the readme\n\nIt was wrong, seperately.",
    )
    code, report = run_json("--only", "spelling-clean", "--title", "docs: fix teh readme")
    messages = [f["message"] for c in report["checks"] for f in c["findings"]]
    assert code == 1
    assert messages[0] == "'teh' may be misspelled in the title (column 11); did you mean 'the'?"
    assert "commit" in messages[1] and "'seperately'" in messages[1]


def test_ignore_regex():
    speller = Speller.get(("clear",), (), r"`[^`]*`")
    assert speller.line("code `teh` is ignored but teh is not") == [("teh", ("the",), 27)]


def test_adapter_reads_codespells_installed_dictionaries():
    # Fails if codespell moves or reformats its data files: the adapter must be updated then.
    clear = dictionary("clear")
    assert len(clear) > 10_000
    assert fixes(clear["teh"]) == ("the",)
    assert fixes("their, there,") == ("their", "there")
    assert fixes("reason only, no fix") == ("reason only",)
    assert dictionary("rare")  # the second default dictionary exists too
    assert Options().dictionaries == ("clear", "rare")


def test_unknown_dictionary_is_a_clear_error(git_repo, run_cli):
    story(
        git_repo,
        {**BASE, ".mergeready.yaml": "checks:\n  spelling-clean:\n    dictionaries: [klingon]\n"},
        {"README.md": BASE["README.md"] + "x\n"},
    )
    code, _, err = run_cli("check", "--only", "spelling-clean", "--title", "docs: x")
    assert code == 2
    assert err.strip() == (
        "mergeready: error: codespell has no dictionary 'klingon'; use clear, "
        "rare, informal, code, names or usage"
    )


@pytest.mark.parametrize(
    "config",
    [
        {"pyproject.toml": '[tool.codespell]\nignore-words-list = "lenght,other"\n'},
        {"setup.cfg": "[metadata]\nname = x\n\n[codespell]\nignore-words-list = lenght\n"},
        {".codespellrc": "[codespell]\nignore-words-list = lenght\nskip = */vendored.md\n"},
    ],
    ids=["pyproject", "setup.cfg", ".codespellrc"],
)
def test_the_projects_codespell_settings_at_the_base_are_honoured(git_repo, run_json, config):
    story(git_repo, {**BASE, **config}, {"README.md": BASE["README.md"] + "A lenght.\n"})
    code, report = run_json("--only", "spelling-clean", "--title", "docs: x")
    assert (code, codes(report)) == (0, [])


def test_codespell_skip_globs_and_translation_defaults_both_apply(git_repo, run_json):
    story(
        git_repo,
        {**BASE, ".codespellrc": "[codespell]\nskip = */vendored.md\n"},
        {"lib/vendored.md": "teh\n", "locale/fr.po": 'msgstr "teh"\n', "a.md": "teh\n"},
    )
    code, report = run_json("--only", "spelling-clean", "--title", "docs: x")
    assert [f["path"] for c in report["checks"] for f in c["findings"]] == ["a.md"]


def test_codespell_config_can_be_turned_off(git_repo, run_json):
    story(
        git_repo,
        {
            **BASE,
            ".codespellrc": "[codespell]\nignore-words-list = lenght\n",
            ".mergeready.yaml": "checks:\n  spelling-clean:\n    codespell-config: false\n",
        },
        {"README.md": BASE["README.md"] + "A lenght.\n"},
    )
    code, report = run_json("--only", "spelling-clean", "--title", "docs: x")
    assert (code, codes(report)) == (1, ["MR401"])


def test_a_broken_codespell_file_is_ignored(git_repo, run_json):
    story(
        git_repo,
        {**BASE, "setup.cfg": "[codespell\nignore-words-list = lenght\n"},
        {"README.md": BASE["README.md"] + "A lenght.\n"},
    )
    code, report = run_json("--only", "spelling-clean", "--title", "docs: x")
    assert (code, codes(report)) == (1, ["MR401"])
