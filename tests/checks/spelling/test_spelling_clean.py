"""spelling-clean: codespell's dictionaries on added lines, the title and commit messages."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from helpers import Row, codes, run_check, story, two_uses
from mergeready.checks.spelling.codespell import Speller, dictionary, fixes
from mergeready.checks.spelling.spelling_clean import Options

BASE = {"README.md": "# Demo\n\nThis line has teh old typo.\n"}

CASES: list[Row] = [
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
    # Words the base's own code uses are the project's (ord="fro", einsum subscripts).
    (
        "a word the base's code uses",
        {**BASE, "pkg/ops.py": 'def f(x):\n    return norm(x, ord="fro")\n'},
        {"pkg/new.py": 'def g(x):\n    return norm(x, ord="fro")  # fro as in f\n'},
        "pass",
        ["MR401"],  # a warning: the words not reported, and why
    ),
    (
        "a misspelling the base's code does not use",
        {**BASE, "pkg/ops.py": 'def f(x):\n    return norm(x, ord="fro")\n'},
        {"pkg/new.py": 'def g(x):\n    return norm(x, ord="fro")  # teh other\n'},
        "fail",
        ["MR401"],  # teh (the string's fro is not flagged since main reads code tokens)
    ),
    (
        "the base's code word in prose is still checked",
        {**BASE, "pkg/ops.py": 'def f(x):\n    return norm(x, ord="fro")\n'},
        {"README.md": BASE["README.md"] + "Use fro here.\n"},
        "fail",
        ["MR401"],
    ),
    (
        "word inside a URL",
        BASE,
        {"README.md": BASE["README.md"] + "See https://example.org/lenght here.\n"},
        "pass",
        [],
    ),
]


test_check_function, test_through_the_command = two_uses(
    "spelling-clean", CASES, title="docs: update", message="Update readme"
)


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
    assert [f["severity"] for c in report["checks"] for f in c["findings"]] == ["error", "warning"]


@pytest.mark.parametrize(
    "message, severities",
    [
        ("Fix teh readme\n\nIt was wrong.", ["error"]),  # the subject is a title: it fails
        ("Fix the readme\n\nIt was wrong, seperately.", ["warning"]),  # a body is advice
        ("Fix the readme\n\nFine.", []),
        # A squash message repeats its commits' words: each word is one warning, not one a line.
        ("Squash\n\n" + "* seperately\n" * 40 + "* teh\n", ["warning", "warning"]),
        # A merged pull request: its title (the line after "Merge …") is the subject.
        ("Merge pull request #1 from a/b\n\nFix teh readme\n\nseperately", ["error", "warning"]),
    ],
    ids=["subject", "body", "clean", "squash", "merge-title"],
)
def test_a_message_body_warns_its_subject_fails(git_repo, run_json, message, severities):
    story(git_repo, BASE, {"README.md": BASE["README.md"] + "Fine.\n"}, message=message)
    code, report = run_json("--only", "spelling-clean")
    found = [f for c in report["checks"] for f in c["findings"] if f["code"] == "MR402"]
    assert sorted(f["severity"] for f in found) == sorted(severities)
    assert code == (1 if "error" in severities else 0)
    if message.startswith("Squash"):
        assert "message body (lines 3, 4, 5 …)" in found[0]["message"]


@pytest.mark.parametrize(
    "body, said",
    [
        ("seperately", "(line 3)"),
        ("seperately\nseperately", "(lines 3, 4)"),
        ("seperately\n" * 3, "(lines 3, 4, 5)"),
        ("seperately\n" * 4, "(lines 3, 4, 5 …)"),
    ],
)
def test_a_body_word_names_its_first_three_lines(git_repo, run_json, body, said):
    story(git_repo, BASE, {"README.md": BASE["README.md"] + "Fine.\n"}, message="Fix\n\n" + body)
    _, report = run_json("--only", "spelling-clean")
    (found,) = [f for c in report["checks"] for f in c["findings"] if f["code"] == "MR402"]
    assert "'seperately' may be misspelled in the commit" in found["message"]
    assert f"message body {said}; did you mean 'separately'?" in found["message"]


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


BAD_OPTIONS = [
    (
        "checks:\n  spelling-clean:\n    dictionaries: [rar]\n",
        "mergeready: error: .mergeready.yaml @ {base}: checks.spelling-clean.dictionaries has "
        "unknown value 'rar'; did you mean 'rare'?",
    ),
    (
        "checks:\n  spelling-clean:\n    ignore-regex: '[unclosed'\n",
        "mergeready: error: .mergeready.yaml @ {base}: checks.spelling-clean.ignore-regex is not a "
        "valid regular expression (unterminated character set at position 0)",
    ),
]


@pytest.mark.parametrize("config, message", BAD_OPTIONS, ids=["dictionary", "ignore-regex"])
@pytest.mark.parametrize(
    "command",
    [["check"], ["check", "--only", "tests-present"], ["rules", "--base", "main"]],
    ids=["check", "only-another-check", "rules"],
)
def test_a_bad_option_value_is_exit_2_whatever_runs(git_repo, run_cli, config, message, command):
    story(git_repo, {**BASE, ".mergeready.yaml": config}, {"README.md": BASE["README.md"] + "x\n"})
    base = git_repo.git("rev-parse", "main")[:12]
    code, out, err = run_cli(*command)
    assert (code, out) == (2, "")
    assert err.strip() == message.format(base=base)


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


# Found on pre-commit (#3701: a test rewritten around its 'dne' repository name) and scrapy
# (#7401: code moved with its "uptodate" status): a word on the lines a contribution rewrites or
# moves was the file's already; the same word added anew, here or in another file, is reported.
KNOWN_BASE = {"tests/test_x.py": "def test_x():\n    assert run(repos=('dne',)) == 0\n"}
KNOWN_HEAD = {
    "tests/test_x.py": "def test_x():\n    assert run(repos=('dne', 'foo')) == 1\n"
    "    assert out == 'repos (dne, foo) were not found'\n",
}


def test_a_word_carried_over_from_a_rewritten_line_is_not_the_contributors(git_repo):
    story(git_repo, KNOWN_BASE, KNOWN_HEAD)
    result = run_check(git_repo, "spelling-clean")
    assert (result.status, result.findings) == ("pass", ())
    assert "dne: carried over from the base's lines, not reported" in result.summary


def test_a_moved_line_keeps_its_word_and_a_new_line_does_not(git_repo):
    base = {"README.md": "# Demo\n\nThe lenght.\n\n## Usage\n\nRun it.\n"}
    moved = {"README.md": "# Demo\n\n## Usage\n\nRun it.\n\nThe lenght.\n"}
    story(git_repo, base, moved)
    assert run_check(git_repo, "spelling-clean").findings == ()
    git_repo.write("README.md", moved["README.md"] + "A new lenght.\n")
    git_repo.commit("more")
    result = run_check(git_repo, "spelling-clean")
    assert [(f.code, f.line) for f in result.findings] == [("MR401", 8)]


def test_the_same_word_in_another_file_is_the_projects_when_the_bases_code_uses_it(git_repo):
    other = {"tests/test_y.py": "def test_y():\n    assert out == 'repos (dne) were not found'\n"}
    story(git_repo, KNOWN_BASE, {**KNOWN_HEAD, **other})
    result = run_check(git_repo, "spelling-clean")
    assert [(f.code, f.severity, f.path) for f in result.findings] == [("MR401", "warning", None)]
    assert result.findings[0].message == "dne: the base's own code uses it, not reported"
    # In prose, the word is still the contributor's to check.
    git_repo.write("README.md", "The dne repository.\n")
    git_repo.commit("more")
    result = run_check(git_repo, "spelling-clean")
    assert [(f.severity, f.path) for f in result.findings] == [
        ("error", "README.md"),
        ("warning", None),
    ]  # noqa: E501


def _notebook(*cells: Mapping[str, object]) -> str:
    import json

    return (
        json.dumps(
            {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1
        )
        + "\n"
    )


def _markdown(*lines: str) -> dict[str, object]:
    return {"cell_type": "markdown", "id": "m", "metadata": {}, "source": list(lines)}


def _code(source: str, output: str = "") -> dict[str, object]:
    stream = {"name": "stdout", "output_type": "stream", "text": [output]}
    return {
        "cell_type": "code",
        "execution_count": 1,
        "id": "c",
        "metadata": {},
        "outputs": [stream] if output else [],
        "source": [source],
    }


def test_a_notebooks_changed_cells_are_spell_checked_but_not_its_outputs(git_repo):
    """A tutorial's prose lives in its markdown cells; outputs are what the code printed."""
    legacy = _markdown("# Old\n", "Legacy teh text.\n")
    story(
        git_repo,
        {"examples/demo.ipynb": _notebook(legacy)},
        {
            "examples/demo.ipynb": _notebook(
                legacy,
                _markdown("Now we recieve the data.\n"),
                _code("x = 1  # seperately x\n", output="Teh printed output\n"),
            )
        },
    )
    found = [
        (f.line, f.column, f.message.split(" ", 1)[0])
        for f in run_check(git_repo, "spelling-clean").findings
    ]
    text = (git_repo.path / "examples/demo.ipynb").read_text().split("\n")
    assert found == [
        (n, text[n - 1].index(word) + 1, repr(word))
        for word in ("recieve", "seperately")
        for n in [next(i for i, line in enumerate(text, 1) if word in line)]
    ]


def test_a_notebook_whose_source_is_one_string_is_checked_on_its_line(git_repo):
    cell = {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "Intro\nThe lenght."}
    story(git_repo, {"README.md": "# R\n"}, {"examples/one.ipynb": _notebook(cell)})
    (finding,) = run_check(git_repo, "spelling-clean").findings
    assert "'lenght'" in finding.message
    assert (
        '"source": "Intro\\nThe lenght."'
        in (git_repo.path / "examples/one.ipynb").read_text().split("\n")[finding.line - 1]
    )


def test_a_notebook_that_is_not_json_is_left_to_examples_valid(git_repo):
    story(git_repo, {"README.md": "# R\n"}, {"examples/bad.ipynb": '{\n "cells": [teh\n'})
    assert run_check(git_repo, "spelling-clean").status == "pass"


def test_a_notebook_line_that_only_gains_a_comma_keeps_its_words(git_repo):
    """Appending to a cell rewrites its last JSON line (a comma): its word was already there."""
    story(
        git_repo,
        {"examples/demo.ipynb": _notebook(_markdown("# Demo\n", "The lenght."))},
        {"examples/demo.ipynb": _notebook(_markdown("# Demo\n", "The lenght.\n", "A recieve."))},
    )
    found = [f.message.split(" ", 1)[0] for f in run_check(git_repo, "spelling-clean").findings]
    assert found == ["'recieve'"]


@pytest.mark.parametrize(
    "base, page, status",
    [
        ({"docs/en/index.md": "# Client\n"}, "docs/pt/index.md", "pass"),  # a translation layout
        ({"docs/fr/index.md": "# Client\n"}, "docs/pt_BR/index.md", "pass"),
        ({"docs/index.md": "# Client\n"}, "docs/pt/index.md", "fail"),  # no other language
        ({"docs/en/index.md": "# Client\n"}, "docs/pt/conf.py", "fail"),  # not a page
    ],
    ids=["beside-en", "beside-fr", "lone-folder", "not-prose"],
)
def test_a_page_in_a_translation_layout_is_not_spelled_in_english(git_repo, base, page, status):
    text = "O cliente paga.\n" if not page.endswith(".py") else "# O cliente paga.\n"
    story(git_repo, base, {page: text})
    assert run_check(git_repo, "spelling-clean").status == status


GENERATED = (
    '"""DO NOT EDIT.\n\nThis file was autogenerated.\n"""\n\nfrom pkg.losses import mape as mape\n'
)


def test_an_audit_skips_files_generated_by_their_header_or_linguist(git_repo, run_cli):
    git_repo.write("pkg/api/losses.py", GENERATED + "# the lenght\n")
    git_repo.write("pkg/gen/table.py", "# the lenght\n")
    git_repo.write(".gitattributes", "pkg/gen/** linguist-generated\n")
    git_repo.write("pkg/mod.py", "# the lenght\n")
    git_repo.commit("initial")
    code, out, _ = run_cli("check", "--all", "--only", "spelling-clean", "--no-cap")
    assert code == 1 and out.count("MR401") == 2  # the summary's count and pkg/mod.py's line
    assert "pkg/mod.py" in out and "pkg/api/" not in out and "pkg/gen/" not in out


@pytest.mark.parametrize(
    "base, head, found",
    [
        ({"a.py": GENERATED}, {"a.py": GENERATED + "# the lenght\n"}, False),  # generated at base
        # a header the contribution writes switches nothing off
        ({"a.py": "X = 1\n"}, {"a.py": GENERATED + "# the lenght\n"}, True),
        ({"README.md": "# R\n"}, {"a.py": GENERATED + "# the lenght\n"}, True),  # a new file
    ],
)
def test_a_generated_header_counts_only_at_the_base(git_repo, base, head, found):
    story(git_repo, base, head)
    findings = run_check(git_repo, "spelling-clean").findings
    assert any("'lenght'" in f.message for f in findings) is found


@pytest.mark.parametrize(
    "base, head, found",
    [
        # a string without whitespace is a key, an equation or a name, not a sentence
        ("X = 1\n", 'X = 1\nEQ = "abc,cd->abd"\nORD = "fro"\n', []),
        ("X = 1\n", 'X = 1\nS = "the recieve"\n', ["recieve"]),  # a sentence is read
        # inline code in a comment, a docstring or a page
        ("X = 1\n", "X = 1\n# formats `{mape:.2f}` too\n", []),
        ("X = 1\n", "X = 1\n# the mape `x`\n", ["mape"]),  # outside the backticks it is read
        # a name the base uses in code is the project's word; a new misspelt name is not
        ("mape = 1\n", "mape = 1\nMAPE = mape\n", []),
        ("X = 1\n", "X = 1\n\n\ndef recieve():\n    pass\n", ["recieve"]),
    ],
)
def test_code_is_not_read_as_prose(git_repo, base, head, found):
    story(git_repo, {"pkg/m.py": base}, {"pkg/m.py": head})
    result = run_check(git_repo, "spelling-clean")
    assert sorted({f.message.split("'")[1].lower() for f in result.findings}) == found


def test_an_audit_reads_the_projects_names_as_its_words(git_repo, run_cli):
    git_repo.write("pkg/losses.py", 'mape = MAPE = 1\nALIASES = {"mape": mape}\n# the lenght\n')
    git_repo.commit("initial")
    code, out, _ = run_cli("check", "--all", "--only", "spelling-clean", "--no-cap")
    assert code == 1 and "'lenght'" in out and "'mape'" not in out and "'MAPE'" not in out
