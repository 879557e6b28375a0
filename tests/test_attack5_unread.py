"""Issue 22, attack 5 F17/F18: a contributed file a check needs but cannot read fails that check.

One NUL byte (git calls the file binary; docutils, Sphinx, Python and msgfmt still read it) or
padding past ``--max-file-size`` used to turn a docs page's, an example's or a catalogue's errors
into an MR610/MR719/MR514 warning — the run Ready — or, for a catalogue, into nothing at all.
Now the check that needed the file fails: "not checked" is an error of that check. Each row
failed before the fix (exit 0, Ready).
"""

from __future__ import annotations

import json

import pytest
from helpers import story

ESCAPE = ".. include:: ../../../../../../etc/passwd\n"
RU = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
    '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
)
PO = "locale/ru/LC_MESSAGES/app.po"
TWO_FORMS = 'msgid "one file"\nmsgid_plural "%(n)d files"\nmsgstr[0] "x"\nmsgstr[1] "y"\n\n'
PAD = "# pad\n" * 2000  # past the --max-file-size the rows pass (10,000 bytes)

ROWS = [
    # (path, base text, head bytes, title, the check that must fail, its code)
    (
        "docs/guide.rst",
        None,
        b"Guide\n=====\n\n" + ESCAPE.encode() + b"\n.. \x00 c\n",
        "docs: guide",
        "docs-valid",
        "MR610",
    ),
    (
        "docs/guide.md",
        None,
        b"# Guide\n\n```{include} ../x\n```\n\n<!-- \x00 -->\n",
        "docs: guide",
        "docs-valid",
        "MR610",
    ),
    (
        "docs/guide.rst",
        None,
        ("Guide\n=====\n\n" + ESCAPE + "\n.." + "\n   pad" * 2000).encode(),
        "docs: guide",
        "docs-valid",
        "MR610",
    ),
    (
        "examples/demo.py",
        None,
        b"def broken(:\n    pass\n# \x00\n",
        "docs: example",
        "examples-valid",
        "MR719",
    ),
    (
        "examples/demo.py",
        None,
        ("def broken(:\n    pass\n" + PAD).encode(),
        "docs: example",
        "examples-valid",
        "MR719",
    ),
    (
        PO,
        RU + 'msgid "a"\nmsgstr "b"\n',
        (RU + TWO_FORMS + "# \x00\n").encode(),
        "i18n: ru",
        "translation-consistent",
        "MR514",
    ),
    (
        PO,
        RU + 'msgid "a"\nmsgstr "b"\n',
        (RU + TWO_FORMS + PAD).encode(),
        "i18n: ru",
        "translation-consistent",
        "MR514",
    ),
]
IDS = ["rst NUL", "myst NUL", "rst padded", "example NUL", "example padded", "po NUL", "po padded"]


@pytest.mark.parametrize(("path", "base", "head", "title", "check", "code"), ROWS, ids=IDS)
def test_a_contributed_file_its_check_cannot_read_fails_that_check(
    git_repo, run_cli, path, base, head, title, check, code
):
    story(git_repo, {"README.md": "# R\n", **({path: base} if base else {})}, {path: head}, title)
    exit_code, out, err = run_cli(
        "check", "--base", "main", "--no-cache", "--format", "json", "--title", title,
        "--max-file-size", "10000",
    )  # fmt: skip
    report = json.loads(out)
    assert exit_code == 1, (err, out[:1000])
    result = {c["id"]: c for c in report["checks"]}[check]
    assert result["status"] == "fail", result
    assert any(f["code"] == code and f["severity"] == "error" for f in result["findings"]), result


def test_a_git_lfs_pointer_stays_a_warning(git_repo, run_cli):
    # its content is not in the repository at all: said, not an error of the contribution
    pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\nsize 12\n"
    story(git_repo, {"README.md": "# R\n"}, {"docs/guide.md": pointer}, "docs: guide")
    exit_code, out, err = run_cli("check", "--base", "main", "--no-cache", "--format", "json")
    result = {c["id"]: c for c in json.loads(out)["checks"]}["docs-valid"]
    assert [f["severity"] for f in result["findings"] if f["code"] == "MR610"] == ["warning"]
