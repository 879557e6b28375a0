"""Readers, bounded cost and history (issue 22, attack 4's 10, 34, 44, 49, and attack 5's).

Each row builds a real repository, runs the real command and failed before its change (the
failing run was watched). Near misses are rows that must keep today's reading.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import Repo, codes, run_check, statuses, story

LAZY = "# Guide\n\nIntro line of a paragraph\n{0}\nsee [the setup](#nowhere).\n{0}\n"


@pytest.mark.parametrize(
    "page, broken",
    [
        pytest.param(LAZY.format("    ~~~"), True, id="4-space ~~~ inside a paragraph is text"),
        pytest.param(LAZY.format("\t~~~"), True, id="tab-indented ~~~ inside a paragraph is text"),
        pytest.param(
            "# Guide\n\nIntro\n    ```\nsee [the setup](#nowhere).\n",
            True,
            id="4-space ``` that nothing closes is text",
        ),
        pytest.param(
            "# Guide\n\nA `span\nsee [x](#nowhere)\nends` here.\n",
            False,
            id="a code span across lines hides its link (as rendered)",
        ),
        pytest.param(
            LAZY.format("    ```"),
            False,
            id="4-space ``` pair inside a paragraph is a code span (as rendered)",
        ),
        pytest.param(
            "# Guide\n\n- item\n  more text\n    ```\n    see [x](#nowhere)\n    ```\n",
            False,
            id="near miss: 2 columns into a list item is a fence",
        ),
        pytest.param(
            "# Guide\n\nText\n   ~~~\nsee [x](#nowhere)\n   ~~~\n",
            False,
            id="near miss: 3 spaces is a fence",
        ),
        pytest.param(
            "# Guide\n\nA `span\n\nsee [x](#nowhere) `\n",
            True,
            id="near miss: a blank line ends the paragraph and the span",
        ),
        pytest.param(
            "# Guide\n\n<!-- ``` -->\nsee [x](#nowhere).\n<!-- ``` -->\n",
            True,
            id="near miss: an HTML comment block ends the paragraph and its backticks",
        ),
        pytest.param(
            "# Guide\n\n```a` b\nsee [x](#nowhere).\n```a` b\n",
            False,
            id="a backtick in a fence's info: no fence, a code span (as rendered)",
        ),
    ],
)
def test_a_fence_indented_four_columns_in_a_paragraph_is_text(run_json, git_repo, page, broken):
    """Attack 4's 10: what docs-valid reads as code is what CommonMark renders as code."""
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/guide.md": page})
    _, report = run_json("--base", "main", "--only", "docs-valid")
    assert ("MR603" in codes(report)) is broken, report


def test_fix_reads_the_lazy_fence_line_as_prose(run_cli, git_repo: Repo):
    page = "# Guide\n\nIntro line\n    ~~~\nPlease recieve it.\n    ~~~\n"
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/guide.md": page}, "docs: a guide")
    run_cli("fix", "--only", "spelling-clean")
    assert "Please receive it." in (git_repo.path / "docs/guide.md").read_text()


def test_a_translated_page_reads_a_fence_by_the_same_rule(git_repo: Repo):
    """translation-consistent compares code blocks: a backtick in a backtick fence's info string
    opens none (the one rule), so its lines are prose a translator translates."""
    from mergeready.checks.translation.translation_consistent import Options

    source = "# Guide\n\n```a`b\nRead [the guide](g.md).\n```a`b\n"
    french = "# Guide\n\n```a`b\nLisez [le guide](g.md).\n```a`b\n"
    story(
        git_repo,
        {"docs/en/guide.md": source, "docs/fr/guide.md": source},
        {"docs/fr/guide.md": french},
    )
    mapping = Options(translated_docs={"docs/{lang}/**": "docs/en/**"})
    result = run_check(git_repo, "translation-consistent", mapping)
    assert result.status == "pass", result


def _misspellings(count: int) -> list[str]:
    """``count`` distinct misspellings from codespell's own dictionary (one word each)."""
    import codespell_lib

    words = []
    dictionary = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    for line in dictionary.read_text().splitlines():
        wrong = line.split("->", 1)[0]
        if wrong.isalpha() and wrong.islower() and len(wrong) > 5:
            words.append(wrong)
        if len(words) == count:
            break
    return words


def _commit_message(git_repo: Repo, message: str) -> None:
    git_repo.write("README.md", "# Demo\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("docs/a.md", "# A\n")
    path = git_repo.path.parent / "message.txt"
    path.write_text(message)
    git_repo.git("add", "-A")
    git_repo.git("commit", "-q", "-F", str(path))


def test_a_huge_commit_message_is_cut_and_each_word_said_once(git_repo: Repo, run_cli):
    """Attack 4's 44: a 4 MB subject gave one finding per word (200,003) and a 79 MB SARIF."""
    _commit_message(git_repo, "Fix recieve " * 20_000 + "\n\n" + "teh body\n" * 20_000)
    code, out, err = run_cli("check", "--base", "main", "--format", "json", "--title", "x" * 5000)
    report = json.loads(out)
    said = [f["message"] for c in report["checks"] for f in c["findings"] if f["code"] == "MR402"]
    assert len(said) == 1 and "more times" in said[0], said  # the subject's word, once
    assert "message: 420,000 characters, only the first 65,536 were read" in err, err
    assert "title: 5,000 characters, only the first 1,024 were read" in err, err
    quoted = [e for t in report["types"] for e in t["evidence"]]
    assert all(len(e) <= 320 for e in quoted), [len(e) for e in quoted]


def test_sarif_writes_a_bounded_number_of_notifications(git_repo: Repo, run_cli):
    """Findings with no file (a message's words) are notifications: at most 1,000, then one
    that counts the rest."""
    _commit_message(git_repo, "Add a page\n\n" + "\n".join(_misspellings(1_100)) + "\n")
    code, out, err = run_cli("check", "--base", "main", "--format", "sarif")
    run = json.loads(out)["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1_001, len(notes)
    assert (
        "more findings with no file location left out (at most 1,000)"
        in notes[-1]["message"]["text"]
    )


def test_history_since_walks_past_a_back_dated_commit(git_repo: Repo, run_cli, monkeypatch):
    """Attack 4's 49: git's --since stopped the walk at a 1990 commit in the middle of main."""

    def commit(stamp: int, name: str) -> None:
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{stamp} +0000")
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"{stamp} +0000")
        git_repo.write(f"docs/{name}.md", f"# {name}\n")
        git_repo.commit(f"Add {name}")

    day = 86_400
    commit(1_767_225_600, "start")
    for i in range(1, 4):
        commit(1_767_225_600 + i * day, f"a{i}")
    commit(631_152_000, "tidy")  # 1990
    for i in range(4, 7):
        commit(1_767_225_600 + i * day, f"a{i}")
    code, out, err = run_cli("history", "--since", "2025-01-01", "--format", "json", "--no-cache")
    report = json.loads(out)
    assert code == 0 and report["contributions"] == 6, report["contributions"]
    code, out, err = run_cli("history", "--since", "2025-01-01", "--no-cache")
    assert "dates go backwards at" in out, out
    code, out, err = run_cli("history", "--since", "2026-01-04", "--format", "json", "--no-cache")
    assert json.loads(out)["contributions"] == 3  # near miss: the date still selects


def _pointer(seed: str, size: int = 9000) -> str:
    import hashlib

    oid = hashlib.sha256(seed.encode()).hexdigest()
    return f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {size}\n"


LFS = "*.ipynb filter=lfs diff=lfs merge=lfs -text\ndocs/** filter=lfs diff=lfs merge=lfs -text\n"


@pytest.mark.parametrize(
    "path, check, code",
    [
        pytest.param("docs/guide.md", "docs-valid", "MR610", id="a page: docs-valid"),
        pytest.param("docs/guide.md", "spelling-clean", "MR403", id="a page: spelling-clean"),
        pytest.param("examples/demo.ipynb", "examples-valid", "MR719", id="a notebook, not MR702"),
        pytest.param(
            "docs/locale/fr/LC_MESSAGES/app.po",
            "translation-consistent",
            "MR514",
            id="a catalogue",
        ),
    ],
)
def test_a_file_stored_in_git_lfs_is_not_checked_never_valid(
    run_json, git_repo: Repo, path, check, code
):
    """Attack 4's 34: git holds only the pointer; its content was "valid" with nothing read."""
    story(git_repo, {".gitattributes": LFS, "README.md": "# Demo\n"}, {path: _pointer(path)})
    _, report = run_json("--base", "main", "--only", check)
    (result,) = [c for c in report["checks"] if c["id"] == check]
    said = [f for f in result["findings"] if f["code"] == code]
    assert said and "stored in Git LFS" in said[0]["message"], result
    assert "not checked" in result["summary"], result["summary"]
    assert "MR702" not in codes(report)


def test_text_shaped_almost_like_a_pointer_is_read(run_json, git_repo: Repo):
    """Near miss: a page that quotes a pointer's first line (a wrong oid) is read and spelled."""
    page = _pointer("x").replace("sha256:", "sha256:zz") + "Teh page.\n"
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/lfs.md": page})
    _, report = run_json("--base", "main", "--only", "spelling-clean")
    assert "MR401" in codes(report), report


STRICT = "types:\n  docs:\n    require: [spelling-clean, docs-valid, tests-present]\n"
PAD = "# pad\n" * 400_000  # 2.4 MB: past the default --max-file-size


@pytest.mark.parametrize(
    "name, head",
    [
        pytest.param(".mergeready.yaml", STRICT + "not_a_key: 1\n" + PAD, id="invalid key, padded"),
        pytest.param(
            "pyproject.toml",
            "[tool.mergeready]\nnot_a_key = 1\n" + PAD,
            id="invalid pyproject table, padded",
        ),
    ],
)
def test_a_padded_configuration_is_still_validated(run_json, git_repo: Repo, name, head):
    """Attack 5's F6: past --max-file-size a contributed configuration was not validated."""
    story(git_repo, {name: head.split("not_a_key")[0], "README.md": "# Demo\n"}, {name: head})
    code, report = run_json("--base", "main", "--title", "chore: tidy config")
    assert code == 1 and "MR010" in codes(report), report


def test_a_padded_configuration_once_merged_is_still_read(run_cli, git_repo: Repo):
    """Attack 5's F6: once merged, a padded configuration was absent (the shipped profile ruled)."""
    story(
        git_repo,
        {".mergeready.yaml": STRICT, "README.md": "# Demo\n"},
        {".mergeready.yaml": STRICT + PAD},
    )
    git_repo.checkout("main")
    git_repo.git("merge", "-q", "--ff-only", "topic")
    code, out, err = run_cli("rules")
    assert code == 0, err
    assert "types.docs.require: [spelling-clean, docs-valid, tests-present]" in out, out


def test_a_configuration_past_every_bound_is_an_error_never_absent(run_cli, git_repo: Repo):
    """Past MAX_CONFIG (8 MB) a configuration is MR010 on the contribution, exit 2 at the base."""
    huge = STRICT + "# pad\n" * 1_500_000  # 9 MB
    story(
        git_repo, {".mergeready.yaml": STRICT, "README.md": "# Demo\n"}, {".mergeready.yaml": huge}
    )
    code, out, err = run_cli("check", "--base", "main", "--format", "json")
    assert code == 1 and "more than the 8,388,608 mergeready reads" in out, out
    git_repo.checkout("main")
    git_repo.git("merge", "-q", "--ff-only", "topic")
    code, out, err = run_cli("rules")
    assert code == 2 and "it is never skipped" in err and "Traceback" not in err, err


RST_HEAD = "Guide\n=====\n\n"


@pytest.mark.parametrize(
    "path, page, read",
    [
        pytest.param(
            "docs/g.rst", ".. note::\n\n   .. include:: /etc/passwd\n", True, id="in a note"
        ),
        pytest.param(
            "docs/g.rst", ".. only:: html\n\n   .. include:: /etc/passwd\n", True, id="in only"
        ),
        pytest.param(
            "docs/g.rst",
            ".. list-table::\n\n   * - .. include:: /etc/passwd\n",
            True,
            id="in a cell",
        ),
        pytest.param("docs/g.rst", ".. note::\n\n\t.. include:: /etc/passwd\n", True, id="tab"),
        pytest.param("docs/g.rst", ".. include :: /etc/passwd\n", True, id="space before ::"),
        pytest.param(
            "docs/g.rst",
            ".. csv-table::\n   :url: file:///etc/passwd\n",
            True,
            id="csv-table file url",
        ),
        pytest.param(
            "docs/g.md", "# Guide\n\n:::{include} /etc/passwd\n:::\n", True, id="MyST colon fence"
        ),
        pytest.param(
            "docs/g.md",
            "# Guide\n\n```{eval-rst}\n.. include:: /etc/passwd\n```\n",
            True,
            id="MyST eval-rst",
        ),
        pytest.param(
            "docs/g.md",
            "# Guide\n\nSee {download}`../../../../../../etc/passwd`.\n",
            True,
            id="MyST download role",
        ),
        pytest.param(
            "docs/g.md",
            "# Guide\n\n`<!--` opens\nsee [x](missing-file.md)\n`-->`\n",
            True,
            id="a comment opener shown as code opens no comment",
        ),
        pytest.param(
            "docs/g.rst",
            ".. code-block:: rst\n\n   .. include:: /etc/passwd\n",
            False,
            id="near miss: shown as code",
        ),
        pytest.param(
            "docs/g.md",
            "# Guide\n\nMyST's `{download}` role and `conf.py` are read.\n",
            False,
            id="near miss: a role's name shown as code is no role (was a false MR602)",
        ),
        pytest.param(
            "docs/g.rst",
            ".. csv-table::\n   :url: https://example.org/a.csv\n",
            False,
            id="near miss: a web csv",
        ),
    ],
)
def test_what_the_docs_build_reads_is_read_in_every_spelling(
    run_json, git_repo: Repo, path, page, read
):
    """Attack 5's F4/F9: an include nested in a directive body or spelled another way was unread."""
    text = page if path.endswith(".md") else RST_HEAD + page
    story(git_repo, {"README.md": "# Demo\n"}, {path: text})
    _, report = run_json("--base", "main", "--only", "docs-valid")
    found = {"MR602", "MR615"} & set(codes(report))
    assert bool(found) is read, report


def test_one_line_cannot_make_the_report_grow_without_bound(run_json, git_repo: Repo):
    """Attack 5's F7: one 0.8 MB line of one misspelling was 400,000 findings (32 s, 31 MB)."""
    words = _misspellings(1_100)
    story(
        git_repo,
        {"README.md": "# Demo\n"},
        {"docs/a.md": "teh " * 30_000 + "\n", "docs/b.md": " ".join(words) + "\n"},
    )
    _, report = run_json("--base", "main", "--only", "spelling-clean")
    (result,) = report["checks"]
    mine = [f for f in result["findings"] if f["path"] == "docs/a.md"]
    said = [f["message"] for f in mine[20:]]  # 20 listed, then the file's cut and the word's
    assert len(mine) == 22 and "not read (at most 1,000)" in said[0], said
    assert "'teh' 980 more times in this file, not listed" in said[1], said
    theirs = [f for f in result["findings"] if f["path"] == "docs/b.md"]
    assert len(theirs) == 1_001 and "at most 1,000" in theirs[-1]["message"], len(theirs)
    assert result["status"] == "fail"


def _po(nplurals: int, entries: str) -> str:
    plural = {
        3: "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"
    }
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n'
        f'"Plural-Forms: nplurals={nplurals}; plural={plural.get(nplurals, "(n != 1)")};\\n"\n\n'
    )
    return header + entries


ONE = 'msgid "Help"\nmsgstr "Помощь"\n'
LINK = 'msgid "See <a href=\\"/help\\">help</a>"\nmsgstr "См. <a href=\\"{0}\\">помощь</a>"\n'
BOLD = 'msgid "<b>Hi</b> {user}"\nmsgstr "{1}"\n'
FORMS2 = (
    'msgid "one file"\nmsgid_plural "%(n)s files"\n'
    'msgstr[0] "%(n)s файл"\nmsgstr[1] "%(n)s файла"\n'
)


@pytest.mark.parametrize(
    "base, head",
    [
        pytest.param(
            {"locale/ru/LC_MESSAGES/app.po": _po(3, ONE)},
            {"locale/ru/LC_MESSAGES/app.po": None, "locale/ru/LC_MESSAGES/app2.po": _po(2, FORMS2)},
            id="a renamed catalogue keeps the base's plural count",
        ),
        pytest.param(
            {"locale/ru/LC_MESSAGES/app.po": _po(3, LINK.format("/help"))},
            {"locale/ru/LC_MESSAGES/app.po": _po(3, LINK.format("javascript:alert(1)"))},
            id="a javascript: href",
        ),
        pytest.param(
            {"locale/ru/LC_MESSAGES/app.po": _po(3, BOLD.replace("{1}", "<b>Привет</b> {user}"))},
            {
                "locale/ru/LC_MESSAGES/app.po": _po(
                    3, BOLD.replace("{1}", '<b onmouseover=\\"alert(1)\\">Привет</b> {user}')
                )
            },
            id="an event handler added",
        ),
        pytest.param(
            {"locale/ru/LC_MESSAGES/app.po": _po(3, BOLD.replace("{1}", "<b>Привет</b> {user}"))},
            {
                "locale/ru/LC_MESSAGES/app.po": _po(
                    3, BOLD.replace("{1}", "<b>Привет</b> {user:{user}}")
                )
            },
            id="a field nested in a format spec",
        ),
    ],
)
def test_a_catalogue_cannot_slip_past_its_source(run_json, git_repo: Repo, base, head):
    """Attack 5's F5: a rename escaped the base's count; attributes and nested fields unread."""
    story(git_repo, {"README.md": "# Demo\n", **base}, head)
    code, report = run_json("--base", "main", "--title", "i18n: update Russian")
    assert statuses(report)["translation-consistent"] == "fail", report


DOCOPT = '"""Usage: tool [--mode=<m>]\n\nOptions:\n  --mode=<m>  Mode [default: recieve].\n"""\n'


@pytest.mark.parametrize(
    "reads, fixed",
    [
        pytest.param(
            "import docopt\n\nARGS = docopt.docopt(__doc__)\n", False, id="docopt(__doc__)"
        ),
        pytest.param("WORDS = __doc__.split()\n", False, id="__doc__.split()"),
        pytest.param("import sys\n\nARGS = sys.argv\n", True, id="near miss: __doc__ unread"),
    ],
)
def test_fix_never_edits_a_docstring_the_module_reads(run_cli, git_repo: Repo, reads, fixed):
    """Attack 5's F10: ``[default: recieve]`` is the value docopt hands the program."""
    story(git_repo, {"README.md": "# Demo\n"}, {"tool.py": DOCOPT + "\n" + reads}, "Add a tool")
    code, out, err = run_cli("fix", "--only", "spelling-clean")
    written = (git_repo.path / "tool.py").read_text()
    assert ("[default: receive]" in written) is fixed, written


@pytest.mark.parametrize(
    "path, text, check",
    [
        pytest.param(
            "docs/g.rst",
            RST_HEAD + ".. include:: ../../../../../../etc/passwd\n\n.. \x00 a comment\n",
            "docs-valid",
            id="a reST include beside a NUL",
        ),
        pytest.param(
            "docs/g.md",
            "# G\n\n```{include} ../../../../etc/passwd\n```\n\n<!-- \x00 -->\n",
            "docs-valid",
            id="a MyST include beside a NUL",
        ),
        pytest.param("examples/demo.py", "def f(:\n# \x00\n", "examples-valid", id="an example"),
        pytest.param(
            "locale/ru/LC_MESSAGES/app.po",
            _po(3, FORMS2) + "# \x00\n",
            "translation-consistent",
            id="a catalogue",
        ),
        pytest.param(
            "docs/g.rst",
            RST_HEAD + ".. include:: ../../../../../../etc/passwd\n\n.." + "\n   pad" * 450_000,
            "docs-valid",
            id="a page padded past --max-file-size",
        ),
    ],
)
def test_a_nul_byte_or_padding_never_turns_errors_into_a_warning(
    run_json, git_repo: Repo, path, text, check
):
    """Attack 5's F17/F18: the "not checked" warning was itself the switch-off: Ready."""
    story(
        git_repo,
        {"README.md": "# Demo\n", "locale/ru/LC_MESSAGES/app.po": _po(3, ONE)},
        {path: text},
    )
    code, report = run_json("--base", "main", "--only", check)
    assert code == 1 and statuses(report)[check] == "fail", report


@pytest.mark.parametrize(
    "ci, detached, refused",
    [
        pytest.param("true", False, True, id="CI, on a branch"),
        pytest.param(None, True, True, id="a detached checkout"),
        pytest.param(None, False, False, id="near miss: the project's own branch trunk"),
    ],
)
def test_baseline_never_trusts_a_checkout_with_no_default_branch(
    run_cli, git_repo: Repo, monkeypatch, ci, detached, refused
):
    """Attack 5's F21: ``baseline`` recorded a contribution's findings under its own rules."""
    git_repo.write(".mergeready.yaml", "ignore:\n  - codes: [MR201, MR401]\n")
    git_repo.write("pkg/mod.py", '"""Mod."""\n\n\ndef sub(a):\n    return a\n')
    git_repo.commit("a contribution")
    git_repo.git("branch", "-m", "main", "trunk")
    if detached:
        git_repo.git("checkout", "-q", "--detach")
    if ci:
        monkeypatch.setenv("CI", ci)
    code, out, err = run_cli("baseline")
    assert (code == 2 and "record the baseline at its tip" in err) is refused, err
    assert (git_repo.path / ".mergeready-baseline.json").exists() is not refused


def _notebook(source: str, language: str = "python") -> str:
    cell = {"cell_type": "code", "execution_count": None, "id": "a1", "metadata": {}}
    meta = {"kernelspec": {"name": language, "language": language, "display_name": language}}
    meta["language_info"] = {"name": language}
    nb = {"cells": [{**cell, "outputs": [], "source": source}], "metadata": meta}
    return json.dumps({**nb, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


@pytest.mark.parametrize(
    "source, language, status, said",
    [
        pytest.param("%%capture\ndef broken(:\n", "python", "fail", "", id="%%capture body"),
        pytest.param("%%timeit -n1\ndef broken(:\n", "python", "fail", "", id="%%timeit body"),
        pytest.param("def broken(:\n", "R", "pass", "not checked", id="a notebook saying R"),
        pytest.param("%%bash\nls (\n", "python", "pass", "valid", id="near miss: %%bash"),
    ],
)
def test_a_notebook_cell_python_runs_is_read(
    run_json, git_repo: Repo, source, language, status, said
):
    """Attack 5's F24: a cell under a Python-running magic, or a notebook whose metadata says
    another language, was "valid" with nothing read."""
    story(git_repo, {"README.md": "# Demo\n"}, {"examples/demo.ipynb": _notebook(source, language)})
    _, report = run_json("--base", "main", "--only", "examples-valid")
    (result,) = report["checks"]
    assert result["status"] == status and said in result["summary"], result


@pytest.mark.parametrize(
    "only, path, text, code",
    [
        pytest.param(
            "docs-valid",
            "docs/g.md",
            "# Guide\n\n" + "".join(f"[x{n}](missing-{n}.md)\n" for n in range(3_000)),
            "MR602",
            id="docs-valid: 3,000 broken links",
        ),
        pytest.param(
            "tests-meaningful",
            "tests/test_many.py",
            "def test_many():\n" + "    assert 1 == 1\n" * 3_000,
            "MR802",
            id="tests-meaningful: 3,000 tautologies",
        ),
    ],
)
def test_one_file_cannot_make_any_checks_report_grow_without_bound(
    run_json, git_repo: Repo, only, path, text, code
):
    """Attack 5's F7 in its general form: spelling-clean had a per-file cap, no other check did
    (3,000 broken links were 3,000 findings; failed before the cap)."""
    story(git_repo, {"README.md": "# Demo\n"}, {path: text})
    _, report = run_json("--base", "main", "--only", only)
    (result,) = report["checks"]
    mine = [f for f in result["findings"] if f["path"] == path]
    assert result["status"] == "fail" and len(mine) == 1_001, len(mine)
    assert {f["code"] for f in mine} == {code}, mine[-1]
    assert "2,000 more findings of this check in this file, not listed" in mine[-1]["message"]


TOWNCRIER = '[tool.towncrier]\ndirectory = "changes"\nfilename = "{0}"\n'
FIXED = {
    "pkg/__init__.py": "",
    "pkg/mod.py": '"""The module."""\n\n\ndef f():\n    """Return two."""\n    return 1 + 1\n',
    "tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 2\n",
}


@pytest.mark.parametrize(
    "towncrier, path, entry, said",
    [
        pytest.param(
            "CHANGES.rst",
            "changes/12.bugfix.rst",
            "Fixed f.\n\n.. include:: ../../../etc/passwd\n",
            "MR615",
            id="towncrier fragment: include outside",
        ),
        pytest.param(
            "CHANGES.rst",
            "changes/12.bugfix",
            "Fixed f.\n\n.. include:: ../../etc/passwd\n",
            "MR615",
            id="towncrier fragment with no suffix, read as the reST it lands in",
        ),
        pytest.param(
            "CHANGES.rst",
            "changes/12.bugfix.md",
            "Fixed f.\n\n.. raw:: html\n   :file: /etc/passwd\n",
            "MR615",
            id="a .md fragment rendered into reST is reST",
        ),
        pytest.param(
            "CHANGES.rst",
            "changes/12.bugfix.rst",
            "Fixed :func:`pkg.mod.f.\n",
            "MR601",
            id="towncrier fragment: a broken role",
        ),
        pytest.param(
            "CHANGES.md",
            "changes/12.bugfix",
            "Fixed f.\n\n```{include} ../../etc/passwd\n```\n",
            "MR615",
            id="a fragment rendered into Markdown is MyST",
        ),
        pytest.param(
            None,
            "newsfragments/12.bugfix",
            "Fixed f.\n\n.. include:: ../../etc/passwd\n",
            "MR615",
            id="no towncrier: newsfragments/, no suffix",
        ),
        pytest.param(
            None,
            "changelog.d/12.fixed.md",
            "Fixed f.\n\n:::{include} ../../etc/passwd\n:::\n",
            "MR615",
            id="no towncrier: changelog.d/*.md",
        ),
        pytest.param(
            None,
            "CHANGES.rst",
            "Changes\n=======\n\n- Fixed f.\n\n.. include:: ../etc/passwd\n",
            "MR615",
            id="the changelog file itself",
        ),
        pytest.param(
            "CHANGES.rst",
            "changes/12.bugfix.rst",
            "Fixed :func:`pkg.mod.f` returning one (see ``docs/usage.rst``).\n",
            "",
            id="near miss: a plain fragment",
        ),
        pytest.param(
            None,
            "CHANGES.rst",
            "Changes\n=======\n\n- Fixed :func:`pkg.mod.f`.\n",
            "",
            id="near miss: a plain changelog line",
        ),
    ],
)
def test_a_changelog_entry_is_read_as_the_page_it_lands_in(
    run_json, git_repo: Repo, towncrier, path, entry, said
):
    """Attack 5's F9: a fragment (or the changelog) is published by the docs build, yet with no
    docs type declared docs-valid never ran on it: an include of /etc/passwd was Ready."""
    base = {
        "README.md": "# Demo\n",
        "pkg/__init__.py": "",
        "pkg/mod.py": FIXED["pkg/mod.py"].replace("1 + 1", "1"),
    }
    if towncrier:
        base["pyproject.toml"] = TOWNCRIER.format(towncrier)
    story(git_repo, base, {**FIXED, path: entry})
    code, report = run_json("--base", "main", "--title", "fix: f returns two")
    found = [f["code"] for f in codes_of(report, "docs-valid")]
    assert (said in found) if said else code == 0, report
    assert code == (1 if said else 0), report


def codes_of(report: dict, check: str) -> list[dict]:
    return [f for c in report["checks"] if c["id"] == check for f in c["findings"]]


CONF = 'project = "demo"\nextensions = {0}\nsource_suffix = {1}\n'
AUTODOC = CONF.format('["sphinx.ext.autodoc"]', '".rst"')
PLAIN = CONF.format("[]", '".rst"')
SUFFIXES = CONF.format("[]", '{".rst": "restructuredtext", ".txt": "restructuredtext"}')
DOC = '"""The module.\n\n{0}\n"""\n\n\ndef f():\n    """Return two."""\n    return 1 + 1\n'


def _nb_cell(kind: str, source: str) -> str:
    cell = {"cell_type": kind, "id": "c1", "metadata": {}, "source": source}
    meta = {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}}
    nb = {"cells": [cell], "metadata": meta, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1) + "\n"


OUT, OUT_MD = ".. include:: ../../etc/passwd\n", "```{include} ../../etc/passwd\n```\n"
RAW = ".. raw:: html\n   :file: /etc/passwd"
STATIC = PLAIN + 'html_static_path = ["{0}"]\n'
HIDE = PLAIN + "exclude_patterns = ['**']\n"
ELSEWHERE = [  # (row, base conf.py, changed path, its text, the code docs-valid reports or "")
    ("F22 autodoc: a docstring's include", AUTODOC, "pkg/mod.py", DOC.format(OUT), "MR615"),
    ("F22 autodoc: a docstring's raw :file:", AUTODOC, "pkg/mod.py", DOC.format(RAW), "MR615"),
    ("near miss F22: docs that publish no docstring", PLAIN, "pkg/mod.py", DOC.format(OUT), ""),
    ("near miss F22: a plain docstring", AUTODOC, "pkg/mod.py", DOC.format(":func:`f`"), ""),
    ("F23 a .txt page by source_suffix", SUFFIXES, "docs/guide.txt", RST_HEAD + OUT, "MR615"),
    ("F23 a .txt page: sphinx-lint", SUFFIXES, "docs/guide.txt", RST_HEAD + ":func:`f.\n", "MR601"),
    ("near miss F23: a .txt the build does not read", PLAIN, "docs/guide.txt", RST_HEAD + OUT, ""),
    ("F23 an included .rst.inc", PLAIN, "docs/snippet.rst.inc", OUT, "MR615"),
    (
        "F25 a notebook's markdown cell",
        PLAIN,
        "docs/t.ipynb",
        _nb_cell("markdown", OUT_MD),
        "MR615",
    ),
    ("F25 a notebook's raw cell", PLAIN, "docs/t.ipynb", _nb_cell("raw", OUT), "MR615"),
    ("near miss F25: a code cell", PLAIN, "docs/t.ipynb", _nb_cell("code", "open('../../x')"), ""),
    (
        "F26 html_static_path outside",
        STATIC.format("../../../etc"),
        "docs/conf.py",
        STATIC,
        "MR615",
    ),
    ("F26 html_extra_path absolute", PLAIN, "docs/conf.py", STATIC.format("/etc"), "MR615"),
    (
        "F26 a conf.py change is code the build runs",
        PLAIN,
        "docs/conf.py",
        STATIC.format("_t"),
        "MR616",
    ),
    ("F26 exclude_patterns", PLAIN, "docs/conf.py", HIDE, "exclude_patterns changes"),
    ("F26 a local extension beside conf.py", PLAIN, "docs/_ext/hook.py", "X = 1\n", "MR616"),
]


@pytest.mark.parametrize("row, conf, path, text, said", ELSEWHERE, ids=[r[0] for r in ELSEWHERE])
def test_what_else_the_docs_build_reads_or_runs_is_read(
    run_json, git_repo: Repo, row, conf, path, text, said
):
    """Attack 5's F22, F23, F25, F26: a docstring autodoc publishes, a page by another suffix, an
    included .inc, a notebook's markdown and raw cells and the build's own conf.py were never
    read by docs-valid (the includes of /etc/passwd were Ready)."""
    base = {"README.md": "# Demo\n", "docs/conf.py": conf, "docs/index.rst": "Demo\n====\n"}
    base |= {"pkg/__init__.py": "", "pkg/mod.py": DOC.format("Doc.").replace("1 + 1", "1")}
    head, title = {path: text.replace("{0}", "../../../home")}, "docs: guide"
    if path.endswith("mod.py"):  # a bug fix with its test (no changelog: docs-valid runs anyway)
        head["tests/test_mod.py"], title = FIXED["tests/test_mod.py"], "fix: f returns two"
    story(git_repo, base, head)
    code, report = run_json("--base", "main", "--title", title)
    found = [f["code"] for f in codes_of(report, "docs-valid")]
    said_in = said in found or any(said in f["message"] for f in codes_of(report, "docs-valid"))
    assert said_in if said else not {"MR615", "MR601"} & set(found), report
    status = [c["status"] for c in report["checks"] if c["id"] == "docs-valid"]
    assert ("fail" in status) is (said in ("MR615", "MR601")), report
