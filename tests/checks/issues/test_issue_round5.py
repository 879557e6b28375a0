"""Issue 24, fifth round: each new rule through ``mergeready issue`` in a real repository, with
an issue form, with a Markdown template, and with no template at all.

Personal data (a person's e-mail address, a phone number) fails a report wherever it is
written, and the finding never repeats it; an address that is nobody's (a no-reply, a reserved
domain, a role, the package metadata's author) is not personal data. A section that renders
empty (``&nbsp;``, ``<br>``, ``<p></p>``) is empty.
"""

from __future__ import annotations

import base64
import json

import pytest
from helpers import issue_two_uses
from test_issue_third_round import form_body, issue_in_repo, markdown_body

PROSE = "I call `proj.clip(-1)` and it returns -1; I expected 0, as the docs say."
CODE = "```python\nimport proj\nproj.clip(-1)\n```"
ADDRESS = "ana.lima" + "@" + "gmail.com"
GIT_CONFIG = f"{PROSE}\n\n```\n$ git config --list\nuser.name=Ana Lima\nuser.email={ADDRESS}\n```"
NOREPLY = f"{PROSE}\n\nCommitted as 1234+ana@users.noreply.github.com, see ana@example.com."
GITHUB = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
SLACK = "https://hooks.slack.com/services/" + "T0AB12CD3/B4EF56GH7/" + "a1B2c3D4e5F6g7H8i9J0k1L2"
DISCORD = "https://discord.com/api/webhooks/" + "123456789012345678/" + "aB3_-x" * 12
B64 = base64.b64encode(f"x{GITHUB}~~".encode()).decode()
TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "fit.py", line 3, in <module>\n'
    "    model.fit(x)\n"
    "ValueError: shapes differ\n"
)
CUT = TRACEBACK.replace("ValueError: shapes differ", "TypeError: in user code:")
VAGUE_LINE = "A bug has been reported here. Details to be provided by me later."
COPIED = (
    "Could you open a new issue for this?\n\n"
    "_Originally posted by @maintainer in https://github.com/org/proj/issues/1#issuecomment-2_"
)
PHONE = f"{PROSE}\n\nCall me if needed, phone: +44 20 7946 0958"


def bodies(what: str, code: str = CODE) -> list[tuple[str | None, str]]:
    """The same report without a template, in the form's shape, in the Markdown template's."""
    return [
        (None, f"{what}\n\n{code}"),
        ("form", form_body(what, code)),
        ("markdown", markdown_body(what, code)),
    ]


CASES = [
    # name, template, title, body, exit status, (code, severity) pairs found, codes never found
    *[
        (
            f"a git config dump's address, {t or 'no template'}",
            t,
            "clip returns -1",
            b,
            1,
            [("IR605", "error")],
            [],
        )
        for t, b in bodies(GIT_CONFIG)
    ],
    *[
        (
            f"no-reply and reserved addresses, {t or 'no template'}",
            t,
            "clip returns -1",
            b,
            0,
            [],
            ["IR605"],
        )
        for t, b in bodies(NOREPLY)
    ],
    *[
        (
            f"a phone number, {t or 'no template'}",
            t,
            "clip returns -1",
            b,
            1,
            [("IR605", "error")],
            [],
        )
        for t, b in bodies(PHONE)
    ],
    *[
        (
            f"a complete report, {t or 'no template'}",
            t,
            "clip returns -1",
            b,
            0,
            [],
            ["IR605", "IR101"],
        )
        for t, b in bodies(PROSE)
    ],
    # a comment moved into an issue ("Reference in new issue") with nothing said after it
    *[
        (
            f"a copied comment, {t or 'no template'}",
            t,
            "next steps",
            COPIED,
            1,
            [("IR106", "error")],
            [],
        )
        for t in (None, "form", "markdown")
    ],
    (
        "a report quoting a comment, then saying its own",
        None,
        "clip returns -1",
        f"{COPIED}\n{PROSE}",
        0,
        [],
        ["IR106"],
    ),
    # a title that names nothing ("Bug report") and a one-line body say nothing (pandas#62202)
    *[
        (
            f"a vague title and one line, {t or 'no template'}",
            t,
            "Bug report",
            VAGUE_LINE,
            1,
            [("IR106", "error")],
            [],
        )
        for t in (None, "form", "markdown")
    ],
    (
        "a title that names the problem and one line",
        None,
        "clip returns -1 on lists",
        VAGUE_LINE,
        0,
        [],
        ["IR106"],
    ),
    # where the code runs: asked when neither it nor a version is said
    ("no version, no environment", None, "clip returns -1", PROSE, 0, [("IR309", "warning")], []),
    (
        "no version, a notebook named",
        None,
        "clip returns -1",
        f"{PROSE} It happens in a Jupyter notebook.",
        0,
        [],
        ["IR309"],
    ),
    (
        "no version, the system named",
        "form",
        "clip returns -1",
        form_body(f"{PROSE} On Ubuntu.", CODE),
        0,
        [],
        ["IR309"],
    ),
    (
        "a version given",
        "markdown",
        "clip returns -1",
        markdown_body(f"{PROSE} proj 1.2.0", CODE),
        0,
        [],
        ["IR309"],
    ),
    # a traceback whose exception opens its message and the report stops there
    *[
        (
            f"an error cut after 'in user code:', {t or 'no template'}",
            t,
            "fit fails",
            b,
            1,
            [("IR402", "error")],
            [],
        )
        for t, b in bodies(f"{PROSE} proj 1.2.0 on Ubuntu.\n\n{CUT}")
    ],
    (
        "the same error with its message",
        None,
        "fit fails",
        f"{PROSE} proj 1.2.0 on Ubuntu.\n\n{CUT}    ValueError: shapes differ\n",
        0,
        [],
        ["IR402"],
    ),
    (
        "a complete traceback",
        None,
        "fit fails",
        f"{PROSE} proj 1.2.0 on Ubuntu.\n\n{TRACEBACK}",
        0,
        [],
        ["IR402"],
    ),
    # a section that renders empty is empty (attack 4's 52)
    *[
        (
            f"the form's section holds only {what}",
            "form",
            "clip returns -1",
            form_body(empty, CODE),
            1,
            [("IR101", "error")],
            [],
        )
        for what, empty in (
            ("&nbsp;", "&nbsp;"),
            ("<br>", "<br>"),
            ("<p></p>", "<p></p>"),
            ("&#160;<br/>", "&#160;<br/>"),
        )
    ],
    (
        "the Markdown template's section holds only &nbsp;",
        "markdown",
        "clip returns -1",
        markdown_body("&nbsp;", CODE),
        1,
        [("IR101", "error")],
        [],
    ),
    (
        "no template, Current behavior holds only <br>",
        None,
        "clip returns -1",
        f"### Current behavior\n\n<br>\n\n### Expected behavior\n\n0\n\n{CODE}",
        1,
        [("IR101", "error")],
        [],
    ),
    (
        "a word beside &nbsp; is content",
        "form",
        "clip returns -1",
        form_body(f"&nbsp;{PROSE}", CODE),
        0,
        [],
        ["IR101"],
    ),
]


@pytest.mark.parametrize(
    "name, template, title, body, status, expected, absent", CASES, ids=[c[0] for c in CASES]
)
def test_each_rule_with_and_without_a_template(
    git_repo, run_cli, name, template, title, body, status, expected, absent
):
    code, out, err = issue_in_repo(git_repo, run_cli, template, title, body)
    assert code == status, (out, err)
    report = json.loads(out)
    found = {(f["code"], f["severity"]) for c in report["checks"] for f in c["findings"]}
    assert set(expected) <= found, found
    assert not {c for c, _ in found} & set(absent), found


def test_a_personal_address_is_never_echoed_in_any_format(git_repo, run_cli):
    git_repo.write("README.md", "# proj\n")
    git_repo.commit("initial")
    for fmt in ("json", "markdown", "github", "text"):
        code, out, err = run_cli(
            "issue", "--title", "clip fails", "--body", GIT_CONFIG, "--format", fmt
        )
        assert code == 1, err
        assert ADDRESS not in out and "ana.lima" not in out and ADDRESS not in err
        assert "personal e-mail address" in out


PERSONAL = [
    ("an address in prose", "x", f"My login email: {ADDRESS}", "fail", ["IR605"]),
    ("an address in a path", "x", f'File "/srv/{ADDRESS}/x.py", line 3', "fail", ["IR605"]),
    ("a git log author", "x", f"Author: Ana Lima <{ADDRESS}>", "fail", ["IR605"]),
    ("a ccTLD address", "x", "write to dmitri" + "@" + "ya.ru", "fail", ["IR605"]),
    ("mobile number", "x", "mobile: 0151 2345 6789", "fail", ["IR605"]),
    ("noreply", "x", "from noreply@github.com", "pass", []),
    ("github's noreply", "x", "1234+ana@users.noreply.github.com", "pass", []),
    ("reserved domain", "x", "user ana@example.com and bo@corp.test", "pass", []),
    ("a role address", "x", "I wrote to support@acme.com", "pass", []),
    ("a placeholder", "x", "set EMAIL=you@yourdomain.com", "pass", []),
    ("the project's domain", "x", "security@proj.org never answered", "pass", []),
    ("a mailing list", "x", "asked on proj-users@googlegroups.com", "pass", []),
    ("package metadata", "x", "Author-email: Ana Lima <" + ADDRESS + ">", "pass", []),
    ("an ssh remote", "x", "git clone git@github.com:org/proj.git", "pass", []),
    ("a url's user", "x", "pip install git+https://ana@gitlab.com/org/proj.git", "pass", []),
    ("a version pin", "x", "npm i proj@3.0.1 and uv add proj@1.2", "pass", []),
    ("a matrix product", "x", "y = x@self.weight.T + b@w.to(device)", "pass", []),
    ("a private host's address", "x", "the server at 192.168.1.20:8080 times out", "pass", []),
    ("a number that is no phone", "x", "shape (1024, 768) took 12.5 s", "pass", []),
    ("a model's name", "x", "the mobile 1.0 224 weights and cell 3 4 5 6 7 fail", "pass", []),
    ("phone number said", "x", "my phone number +49 30 1234567", "fail", ["IR605"]),
    # a placeholder naming what goes there is no secret (CactusBot#251's config template)
    ("a placeholder token", "x", 'TOKEN = "OAuth_Token"', "pass", []),
    ("a placeholder password", "x", 'API_PASSWORD = "CactusAPI_Password"', "pass", []),
    ("a password ending in a word", "x", 'password = "hunter2_pass"', "fail", ["IR602"]),
    # attack 5's F3: credentials in shapes private-data did not know
    ("slack webhook", "x", f"posting to {SLACK} fails", "fail", ["IR601"]),
    ("discord webhook", "x", f"posting to {DISCORD} fails", "fail", ["IR601"]),
    ("pgp private key", "x", "-----BEGIN PGP PRIVATE KEY BLOCK-----", "fail", ["IR601"]),
    ("netrc line", "x", "machine example.com login ana password Zq8#hunter22", "fail", ["IR602"]),
    ("mysql -p", "x", "mysql -u root -pZq8hunter22 -h db", "fail", ["IR602"]),
    ("mysql -p asks", "x", "mysql -u root -p -h db", "pass", []),
    ("token by % format", "x", f"tok = 'ghp_%s' % '{GITHUB[4:]}'", "fail", ["IR601"]),
    ("base64 of a token behind a byte", "x", f"cred: {B64}", "fail", ["IR601"]),
]
test_check_function, test_through_the_command = issue_two_uses("private-data", PERSONAL)
