"""Issue 24, third round: each new rule through ``mergeready issue`` in a real repository, with
an issue form, with a Markdown template, and with no template at all.

A rule that only the project's template may make an error (a screenshot of the error where the
template asks for code) is an error with the template and a warning without; a rule every
maintainer asks for (the error a report says it gets; a leaked password) is an error everywhere;
and a complete prose report is complete everywhere.
"""

from __future__ import annotations

import json

import pytest

FORM = """name: Bug report
description: Something does not work
labels: [bug]
body:
  - type: textarea
    id: what
    attributes: {label: What happened?}
    validations: {required: true}
  - type: textarea
    id: code
    attributes: {label: Code to reproduce}
    validations: {required: true}
"""
MARKDOWN = """---
name: Bug report
about: Something does not work
labels: bug
---

## What happened?

A clear and concise description of what the bug is.

## Code to reproduce

Paste a minimal example here.
"""
PICTURE = "fit stops at epoch 1 with this error:\n\n![error](https://x.org/e.png)"
UNSHOWN = "It worked in 1.1, but now I get an error when I call clip on a list."
PASSWORD = 'I connect with `db.login("ana", "correcthorse42")` and clip returns -1; I expected 0.'
PROSE = "I call `proj.clip(-1)` and it returns -1; I expected 0, as the docs say."
CODE = "```python\nimport proj\nproj.clip(-1)\n```"
ELIDED = "```python\nimport proj\nframe = proj.frame(...)\nproj.clip(frame)\n```"
ERRING = (
    "With proj 1.2.0, `proj.clip(x)` fails; I expected it to clip.\n\n"
    "AttributeError: module 'extlib.core' has no attribute 'clip'"
)


def form_body(what: str, code: str = "_No response_") -> str:
    return f"### What happened?\n\n{what}\n\n### Code to reproduce\n\n{code}\n"


def markdown_body(what: str, code: str = "") -> str:
    return f"## What happened?\n\n{what}\n\n## Code to reproduce\n\n{code}\n"


CASES = [
    # name, template, title, body, exit status, (code, severity) pairs that must be found
    ("picture of the error, no template", None, "fit stops", PICTURE, 0, [("IR206", "warning")]),
    (
        "picture of the error, a form asking for code",
        "form",
        "fit stops",
        form_body(PICTURE),
        1,
        [("IR206", "error")],
    ),
    (
        "picture of the error, a Markdown template asking for code",
        "markdown",
        "fit stops",
        markdown_body(PICTURE),
        1,
        [("IR206", "error")],
    ),
    (
        "error said, never shown, no template",
        None,
        "clip on lists",
        UNSHOWN,
        1,
        [("IR403", "error")],
    ),
    (
        "error said, never shown, a form",
        "form",
        "clip on lists",
        form_body(UNSHOWN, CODE),
        1,
        [("IR403", "error")],
    ),
    (
        "error said, never shown, a Markdown template",
        "markdown",
        "clip on lists",
        markdown_body(UNSHOWN, CODE),
        1,
        [("IR403", "error")],
    ),
    (
        "password by position, no template",
        None,
        "clip returns -1",
        PASSWORD,
        1,
        [("IR602", "error")],
    ),
    (
        "password by position, a form",
        "form",
        "clip returns -1",
        form_body(PASSWORD, CODE),
        1,
        [("IR602", "error")],
    ),
    (
        "password by position, a Markdown template",
        "markdown",
        "clip returns -1",
        markdown_body(PASSWORD, CODE),
        1,
        [("IR602", "error")],
    ),
    (
        "elided data, no template",
        None,
        "clip returns -1",
        f"{PROSE}\n\n{ELIDED}",
        0,
        [("IR207", "warning")],
    ),
    (
        "elided data, a form",
        "form",
        "clip returns -1",
        form_body(PROSE, ELIDED),
        0,
        [("IR207", "warning")],
    ),
    (
        "elided data, a Markdown template",
        "markdown",
        "clip returns -1",
        markdown_body(PROSE, ELIDED),
        0,
        [("IR207", "warning")],
    ),
    ("the erring package, no template", None, "clip fails", ERRING, 0, [("IR308", "warning")]),
    (
        "the erring package, a form",
        "form",
        "clip fails",
        form_body(ERRING, CODE),
        0,
        [("IR308", "warning")],
    ),
    (
        "the erring package, a Markdown template",
        "markdown",
        "clip fails",
        markdown_body(ERRING, CODE),
        0,
        [("IR308", "warning")],
    ),
    ("a complete prose report, no template", None, "clip returns -1", PROSE, 0, []),
    ("a complete report, a form", "form", "clip returns -1", form_body(PROSE, CODE), 0, []),
    (
        "a complete report, a Markdown template",
        "markdown",
        "clip returns -1",
        markdown_body(PROSE, CODE),
        0,
        [],
    ),
]


def issue_in_repo(git_repo, run_cli, template, title, body):
    """Run ``mergeready issue --format json`` in a repository with the form, the Markdown
    template or no template; return the exit status, stdout and stderr."""
    git_repo.write("pyproject.toml", '[project]\nname = "proj"\nversion = "1.2.0"\n')
    if template == "form":
        git_repo.write(".github/ISSUE_TEMPLATE/bug.yml", FORM)
    elif template == "markdown":
        git_repo.write(".github/ISSUE_TEMPLATE/bug_report.md", MARKDOWN)
    git_repo.commit("initial")
    return run_cli("issue", "--title", title, "--body", body, "--format", "json")


@pytest.mark.parametrize(
    "name, template, title, body, status, expected", CASES, ids=[c[0] for c in CASES]
)
def test_each_rule_with_and_without_a_template(
    git_repo, run_cli, name, template, title, body, status, expected
):
    code, out, err = issue_in_repo(git_repo, run_cli, template, title, body)
    assert code == status, (out, err)
    report = json.loads(out)
    found = {(f["code"], f["severity"]) for c in report["checks"] for f in c["findings"]}
    assert set(expected) <= found, found
    assert "correcthorse42" not in out
    if template is not None:
        assert any(
            e.startswith("template: .github/") for t in report["types"] for e in t["evidence"]
        )


DOCS_CASES = [
    (
        "only a picture",
        "The `Attention` layer's page is not rendering.\n\n![s](https://x.org/s.png)",
        ["IR107"],
    ),
    ("no link at all", "keras.io is not up to date: many features are missing.", ["IR107"]),
    (
        "the page linked",
        "The page https://keras.io/api/layers/attention/ shows raw LaTeX under Call arguments.",
        [],
    ),
]


@pytest.mark.parametrize("name, body, expected", DOCS_CASES, ids=[c[0] for c in DOCS_CASES])
def test_a_docs_report_is_asked_which_page(git_repo, run_cli, name, body, expected):
    """keras#20297, keras#20761: which part of which page; a warning, never the verdict."""
    from mergeready.checks.issues import template_filled
    from mergeready.checks.issues.report import IssueReport

    title = "Docs: the attention page"
    report = IssueReport.of(title, body).with_types({"docs"})
    result = template_filled.check(report, template_filled.Options())
    assert result.status == "pass" and [f.code for f in result.findings] == expected
    git_repo.write("README.md", "# proj\n")
    git_repo.commit("initial")
    code, out, err = run_cli("issue", "--title", title, "--body", body, "--format", "json")
    assert code == 0, (out, err)
    found = [f["code"] for c in json.loads(out)["checks"] for f in c["findings"]]
    assert [c for c in found if c == "IR107"] == expected
