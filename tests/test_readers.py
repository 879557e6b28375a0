"""Readers that went blind (issue 22): what a reader cannot read is read another way or said.

Each row is a file a contributor can write so that a reader sees nothing — a notebook on one
line or in nbformat 3, a NUL byte in a page or an example, a ``Plural-Forms`` header changed
with the entries, ``%PDF-`` typed at the top of a page, a hostile charset or notebook — run
through the real command on a real repository.
"""

from __future__ import annotations

import json

import pytest
from helpers import codes, statuses, story

NB4 = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "a1",
            "metadata": {},
            "outputs": [],
            "source": ["def f(:\n", "    return 1\n"],
        },
        {"cell_type": "markdown", "id": "b2", "metadata": {}, "source": ["Teh prose.\n"]},
    ],
    "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "P"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}
NB3 = {
    "metadata": {"name": ""},
    "nbformat": 3,
    "nbformat_minor": 0,
    "worksheets": [
        {
            "metadata": {},
            "cells": [
                {
                    "cell_type": "code",
                    "collapsed": False,
                    "input": ["def f(:\n", "    return 1\n"],
                    "language": "python",
                    "metadata": {},
                    "outputs": [],
                },
                {"cell_type": "markdown", "metadata": {}, "source": ["Teh prose.\n"]},
            ],
        }
    ],
}


@pytest.mark.parametrize(
    "notebook",
    [
        pytest.param(json.dumps(NB4), id="nbformat 4 on one line"),
        pytest.param(json.dumps(NB3, indent=1), id="nbformat 3 worksheets"),
        pytest.param(json.dumps(NB3), id="nbformat 3 on one line"),
    ],
)
def test_notebooks_on_one_line_or_in_nbformat_3_are_read_cell_by_cell(git_repo, run_json, notebook):
    story(git_repo, {"README.md": "# Demo\n"}, {"examples/demo.ipynb": notebook})
    code, report = run_json("--base", "main", "--title", "docs: a demo notebook")
    assert code == 1
    found = codes(report)
    assert "MR707" in found, report  # the code cell that does not parse
    assert "MR401" in found, report  # "Teh" in the markdown cell


NUL = "# Page\n\nTeh words \x00 and [a link](missing.md).\n"


def test_a_nul_byte_makes_a_page_or_an_example_not_checked_never_valid(git_repo, run_json):
    story(
        git_repo,
        {"README.md": "# Demo\n"},
        {"docs/page.md": NUL, "examples/demo.py": "print(1)\x00\ndef f(:\n"},
    )
    code, report = run_json("--base", "main", "--title", "docs: pages")
    checks = {c["id"]: c for c in report["checks"]}
    assert "MR610" in [f["code"] for f in checks["docs-valid"]["findings"]]
    assert "MR719" in [f["code"] for f in checks["examples-valid"]["findings"]]
    # attack 5's F17: the warning was the switch-off. The page is read past its NUL (the docs
    # build reads it), so its broken link is still an error; Python will not run the example.
    assert "MR602" in [f["code"] for f in checks["docs-valid"]["findings"]], checks
    for name in ("docs-valid", "examples-valid"):
        assert checks[name]["status"] == "fail", checks[name]


PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n'
    '"Language: {language}\\n"\n"Plural-Forms: nplurals={n}; plural={rule};\\n"\n\n'
    'msgid "Keep"\nmsgstr "Garder"\n\n'
)
RULE3 = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"
TWO = 'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d fajl"\nmsgstr[1] "%d fajla"\n'
CATALOGUE = "app/locale/hr/LC_MESSAGES/django.po"


def _po(n: int, rule: str, language: str = "hr", charset: str = "UTF-8") -> str:
    return PO.format(charset=charset, language=language, n=n, rule=rule)


@pytest.mark.parametrize(
    "base, head, expected",
    [
        # the header moves from 3 forms to 2 with the 2-form entry it lets in
        (_po(3, RULE3), _po(2, "(n != 1)") + TWO, ["MR505", "MR505"]),
        (_po(3, RULE3), _po(3, RULE3) + TWO, ["MR505"]),  # no header change: the entry
        (_po(2, "(n != 1)"), _po(2, "(n != 1)") + TWO, []),  # the base's own count: fine
        # a new catalogue is held to its language's count where every table agrees
        (None, _po(2, "(n != 1)") + TWO, ["MR505", "MR505"]),
        # the path names Croatian (locale/hr/): a header naming French does not lower its count
        (None, _po(2, "(n != 1)", language="fr") + TWO, ["MR505", "MR505"]),
    ],
)
def test_a_changed_plural_forms_header_is_judged_by_the_base(
    git_repo, run_json, base, head, expected
):
    story(
        git_repo,
        {"README.md": "# Demo\n", **({CATALOGUE: base} if base else {})},
        {CATALOGUE: head},
    )
    code, report = run_json("--base", "main", "--title", "i18n: Croatian")
    assert [c for c in codes(report) if c.startswith("MR5")] == expected, report


@pytest.mark.parametrize("charset", ["undefined", "punycode", "utf-7", "unicode_escape", "idna"])
def test_a_hostile_charset_is_a_finding_on_the_catalogue_not_an_internal_error(
    git_repo, run_json, charset
):
    story(git_repo, {"README.md": "# Demo\n"}, {CATALOGUE: _po(3, RULE3, charset=charset) + TWO})
    code, report = run_json("--base", "main", "--title", "i18n: Croatian")
    assert code == 1
    assert "MR515" in codes(report) and "MR505" in codes(report), report


GREETING = 'msgid "Hello {name}"\nmsgstr "Bonjour {name}"\n'
UTF7_FIELD = 'msgid "Hello {name}"\nmsgstr "Salut {name} +AHs-name.__class__+AH0-"\n'
UTF8_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    "head, expected",
    [
        # attack 4's 09: gettext decodes UTF-7, so +AHs-...+AH0- is an added {name.__class__} field
        (UTF8_HEADER.replace("UTF-8", "UTF-7") + UTF7_FIELD, ["MR515"]),
        # a comment naming UTF-8 above the header is not the header
        ("# charset=UTF-8\n" + UTF8_HEADER.replace("UTF-8", "UTF-7") + UTF7_FIELD, ["MR515"]),
        # nor is another entry's text, before the header
        (
            'msgid "charset=UTF-8"\nmsgstr "x"\n\n' + UTF8_HEADER.replace("UTF-8", "UTF-7"),
            ["MR515"],
        ),
        # a Content-Type split over two strings is one header line
        (
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; "\n"charset=UTF-7\\n"\n\n' + GREETING,
            ["MR515"],
        ),
        # two Content-Type lines: the hostile one is not hidden behind the harmless one
        (
            UTF8_HEADER.replace("\\n", "\\nContent-Type: text/plain; charset=UTF-7\\n", 1)
            + GREETING,
            ["MR515"],
        ),
        # near misses: UTF-7 only in a comment or in a context's empty msgid is not the header
        ("# charset=UTF-7\n" + UTF8_HEADER + GREETING, []),
        (
            'msgctxt "c"\nmsgid ""\nmsgstr "Content-Type: x; charset=UTF-7"\n\n'
            + UTF8_HEADER
            + GREETING,
            [],
        ),
        (UTF8_HEADER + GREETING, []),
    ],
)
def test_the_charset_is_the_header_entrys_content_type(git_repo, run_json, head, expected):
    path = "app/locale/fr/LC_MESSAGES/django.po"
    story(git_repo, {path: UTF8_HEADER + GREETING}, {path: head})
    code, report = run_json("--base", "main", "--title", "i18n: French")
    assert [c for c in codes(report) if c.startswith("MR515")] == expected, report
    assert code == (1 if expected else 0), codes(report)


HOSTILE_NOTEBOOKS = {
    "a number too long for Python": '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, '
    '"cells": [{"cell_type": "code", "execution_count": ' + "9" * 5000 + ', "source": ""}]}',
    "a cell_type that is an object": '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, '
    '"cells": [{"cell_type": {"x": 1}, "source": "x"}]}',
    "a source list of numbers": '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": '
    '[{"cell_type": "code", "id": "a", "metadata": {}, "outputs": [], "execution_count": null,'
    ' "source": [1, 2, null]}]}',
}


@pytest.mark.parametrize("text", HOSTILE_NOTEBOOKS.values(), ids=HOSTILE_NOTEBOOKS.keys())
def test_hostile_notebook_data_is_a_finding_not_an_internal_error(git_repo, run_cli, text):
    story(git_repo, {"README.md": "# Demo\n"}, {"examples/demo.ipynb": text})
    code, out, err = run_cli("check", "--base", "main", "--format", "json", "--title", "docs: nb")
    assert code == 1 and "internal error" not in err, err
    report = json.loads(out)
    assert statuses(report)["examples-valid"] == "fail"
    assert {"MR702", "MR703"} & set(codes(report)), report


@pytest.mark.parametrize(
    "start, spelled",
    [
        ("%PDF-1.7\n", True),
        ("GIF89a\n", True),
        ("OTTO\n", True),
        ("BZh91AY&SY\n", True),
        # attack 4's 29: magic bytes that are not UTF-8 themselves, in a short page
        ("\udcff\udcd8\udcff\udce0\n", True),  # JPEG
        ("\udcd0\udccf\x11\udce0\udca1\udcb1\x1a\udce1\n", True),  # OLE
        ("\udcff\udcd8\udcff\udce0" + "\x00\udcff" * 300 + "\n", False),  # a real JPEG
        ("%PDF-1.7\n%\udce2\udce3\udccf\udcd3\n" + "\udcff" * 600 + "\n", False),  # a real PDF
    ],
)
def test_magic_bytes_typed_at_the_top_of_a_page_do_not_hide_it(git_repo, run_json, start, spelled):
    data = (start + "Teh words of the page.\n").encode("utf-8", "surrogateescape")
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/page.md": data})
    code, report = run_json("--base", "main", "--title", "docs: a page", "--only", "spelling-clean")
    assert ("MR401" in codes(report)) is spelled, report


def test_a_nul_byte_makes_a_translated_page_not_checked_never_consistent(git_repo, run_json):
    config = (
        "checks:\n  translation-consistent:\n"
        '    translated-docs: {"docs/{lang}/**": "docs/en/**"}\n'
    )
    story(
        git_repo,
        {
            ".mergeready.yaml": config,
            "docs/en/install.md": "# Install\n\n```\npip install x\n```\n",
        },
        {"docs/fr/install.md": "# Installer\n\x00\n```\nrm -rf /\n```\n"},
    )
    code, report = run_json("--base", "main", "--title", "Traduction française")
    (check,) = [c for c in report["checks"] if c["id"] == "translation-consistent"]
    # attack 5's F17: read past its NUL, the changed code block is an error, never a warning
    assert "MR520" in [f["code"] for f in check["findings"]], check
    assert check["status"] == "fail", check
