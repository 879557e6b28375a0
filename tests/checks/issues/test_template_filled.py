"""template-filled: issue forms and Markdown templates read from the default branch, filled."""

from __future__ import annotations

import json

import pytest
from helpers import issue_two_uses

FORM = """name: Bug report
description: Something does not work
title: "[Bug]: "
labels: [bug]
body:
  - type: markdown
    attributes: {value: "Thanks for taking the time!"}
  - type: textarea
    id: what
    attributes:
      label: What happened?
      value: A bug happened!
    validations: {required: true}
  - type: textarea
    id: code
    attributes:
      label: Code
      placeholder: "# Your code here"
    validations: {required: true}
  - type: textarea
    id: more
    attributes:
      label: Anything else?
  - type: checkboxes
    id: terms
    attributes:
      label: Checks
      options:
        - label: I have searched the existing issues
          required: true
        - label: I would like to fix it
"""
MARKDOWN = """---
name: Feature request
about: Suggest an idea
title: "ENH: "
labels: enhancement
---

## Is your feature request related to a problem?

A clear and concise description of what the problem is.

## Describe the solution you'd like

A clear and concise description of what you want to happen.

## Additional context

Add any other context or screenshots about the feature request here.
"""


def form_body(what="`clip(-1)` returns -1", code="```python\nclip(-1)\n```", box="X", more=""):
    return (
        f"### What happened?\n\n{what}\n\n### Code\n\n{code}\n\n### Anything else?\n\n"
        f"{more or '_No response_'}\n\n### Checks\n\n"
        f"- [{box}] I have searched the existing issues\n"
        "- [ ] I would like to fix it\n"
    )


@pytest.fixture
def project(git_repo):
    git_repo.write(".github/ISSUE_TEMPLATE/bug.yml", FORM)
    git_repo.write(".github/ISSUE_TEMPLATE/feature.md", MARKDOWN)
    git_repo.write(".github/ISSUE_TEMPLATE/config.yml", "blank_issues_enabled: false\n")
    git_repo.commit("templates")
    return git_repo


def _issue(run_cli, title, body, *extra):
    code, out, err = run_cli(
        "issue",
        "--only",
        "template-filled",
        "--title",
        title,
        "--body",
        body,
        "--format",
        "json",
        *extra,
    )
    assert code in (0, 1), err
    report = json.loads(out)
    found = [(f["code"], f["severity"]) for c in report["checks"] for f in c["findings"]]
    return code, report, found, err


FORM_CASES = [
    ("filled", "[Bug]: clip returns negatives", form_body(), 0, []),
    ("value left", "[Bug]: clip", form_body(what="A bug happened!"), 1, [("IR102", "error")]),
    (
        "placeholder left",
        "[Bug]: clip",
        form_body(code="```python\n# Your code here\n```"),
        1,
        [("IR102", "error")],
    ),
    ("heading alone", "[Bug]: clip", form_body(code="# Your code here"), 1, [("IR101", "error")]),
    ("no response", "[Bug]: clip", form_body(code="_No response_"), 1, [("IR101", "error")]),
    ("optional field empty", "[Bug]: clip", form_body(more=""), 0, []),
    ("box not ticked", "[Bug]: clip", form_body(box=" "), 1, [("IR104", "error")]),
    ("title at its prefix", "[Bug]: ", form_body(), 1, [("IR103", "error")]),
    ("empty title", "", form_body(), 1, [("IR103", "error")]),
]


@pytest.mark.parametrize(
    "name, title, body, code, expected", FORM_CASES, ids=[c[0] for c in FORM_CASES]
)
def test_issue_form(project, run_cli, name, title, body, code, expected):
    status, report, found, _ = _issue(run_cli, title, body)
    assert found == expected
    assert status == code
    assert report["types"][0]["type"] == "bug"
    assert report["types"][0]["evidence"][0] == "template: .github/ISSUE_TEMPLATE/bug.yml"


def test_markdown_template_untouched(project, run_cli):
    body = MARKDOWN.split("---\n", 2)[2]
    code, report, found, _ = _issue(run_cli, "ENH: ", body)
    assert found == [("IR103", "error"), ("IR105", "error")] and code == 1
    assert report["types"][0]["type"] == "feature"


def test_markdown_section_left_at_its_text(project, run_cli):
    body = (
        "## Is your feature request related to a problem?\n\nI cannot clip ints.\n\n"
        "## Describe the solution you'd like\n\n"
        "A clear and concise description of what you want to happen.\n"
    )
    code, _, found, _ = _issue(run_cli, "ENH: clip ints", body)
    assert found == [("IR102", "error")] and code == 1


def test_markdown_template_filled_without_the_optional_section(project, run_cli):
    body = (
        "## Is your feature request related to a problem?\n\nI cannot clip ints.\n\n"
        "## Describe the solution you'd like\n\n`clip` accepts ints.\n"
    )
    assert _issue(run_cli, "ENH: clip ints", body)[2] == []


def test_templates_come_from_the_default_branch_not_the_working_tree(project, run_cli):
    project.branch("mine")
    project.write(".github/ISSUE_TEMPLATE/bug.yml", FORM.replace("A bug happened!", "Fine."))
    project.commit("my template")
    assert _issue(run_cli, "[Bug]: clip", form_body(what="Fine."))[2] == []
    code, _, found, _ = _issue(run_cli, "[Bug]: clip", form_body(what="A bug happened!"))
    assert found == [("IR102", "error")] and code == 1


def test_malformed_template_is_a_warning_for_issue_and_exit_2_for_rules(git_repo, run_cli):
    git_repo.write(".github/ISSUE_TEMPLATE/bug.yml", "name: Bug\nbody: [\n")
    git_repo.write(".github/ISSUE_TEMPLATE/other.yml", "name: Other\n")
    git_repo.commit("broken")
    code, _, _, err = _issue(run_cli, "clip fails", "clip(-1) returns -1 but the docs say it is 0")
    assert code == 0
    assert "warning: .github/ISSUE_TEMPLATE/bug.yml: line 3: not valid YAML" in err
    code, out, err = run_cli("rules")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and ".github/ISSUE_TEMPLATE/bug.yml" in err
    assert "Traceback" not in err


CASES = [
    (
        "says something",
        "clip fails",
        "clip(-1) returns -1 where the docs say 0 is returned.",
        "pass",
        [],
    ),
    ("says nothing", "clip fails", "it breaks", "fail", ["IR106"]),
    ("a code block says something", "clip fails", "```\nclip(-1)\n```", "pass", []),
    ("a bare link says nothing", "clip", "https://example.org/x", "fail", ["IR106"]),
    (
        "a title that says it all, and a link",
        "API design guideline link broken for KerasCV docs",
        "[Reference](https://example.org/x)\n\ncc: @someone",
        "pass",
        [],
    ),
    (
        "a title's tag is not content",
        "Docs: clip link is dead",
        "[Reference](https://example.org/x)\n\ncc: @someone",
        "fail",
        ["IR106"],
    ),
    ("empty title", "", "clip(-1) returns -1 where the docs say 0 is returned.", "fail", ["IR103"]),
    (
        "a template left unfilled",
        "BUG: ",
        "#### Code Sample\n\n```python\n# Your code here\n```\n\n#### Problem description\n\n"
        "[this should explain **why** the current behaviour is a problem]\n\n"
        "#### Expected Output\n\n"
        "#### Versions\n\n<details>\n# Paste the output here\n</details>\n",
        "fail",
        ["IR105"],
    ),
    (
        "a template's bracketed instructions are not an answer",
        "ENH: rows",
        "#### Is your feature request related to a problem?\n\n"
        '[this should provide a description, e.g. "I wish I could [...]"]\n\n'
        "#### Describe the solution you'd like\n\n[this should describe the feature]\n\n"
        "#### API breaking implications\n\n[how this will affect the API]\n\n"
        "#### Additional context\n\nrows\n",
        "fail",
        ["IR105"],
    ),
    (
        "a link line in brackets is an answer",
        "ENH: rows",
        "#### Is your feature request related to a problem?\n\n"
        "[the docs](https://example.org/rows) say nothing on rows\n\n"
        "#### Describe the solution you'd like\n\n[a `rows()` method] that prints rows\n\n"
        "#### API breaking implications\n\nnone\n",
        "pass",
        [],
    ),
    (
        "a log line in brackets is an answer",
        "clip is 20x slower",
        "The log of 0.1 is\n\nTrain: [ 1] 0.9442 33.32% [13.62s]\n"
        "Test: [ 2] 0.8139 28.38% [14.39s]\nValid: [ 3] 0.7006 24.22% [13.76s]\n",
        "pass",
        [],
    ),
    # issue 24, third round: tensorflow#46607 (a template pasted untouched, its fields "- OS:"
    # unanswered, its code blocks only comments) and burn#1351 (a link is no "Label:")
    (
        "a pasted template's unanswered fields and comment-only blocks",
        "converter fails",
        "**System information**\n- OS Platform and Distribution (e.g., Linux Ubuntu 16.04):\n"
        "- TensorFlow version:\n\n**Command used to run the converter**\n\n```\n"
        "# Copy and paste here the exact command\n```\n\n**The output from the converter**\n\n"
        "```\n# Copy and paste the output here.\n```\n\n**Any other info / logs**\n\n"
        "Include any logs that would be helpful.\n",
        "fail",
        ["IR105"],
    ),
    (
        "answered fields are answers",
        "converter fails",
        "**System information**\n- OS Platform: Ubuntu 22.04\n- TensorFlow version: 2.14\n\n"
        "**Command used to run the converter**\n\n```\ntflite_convert --saved_model_dir m\n```\n\n"
        "**The output from the converter**\n\n```\nSegmentation fault\n```\n\n"
        "**Any other info / logs**\n\nInclude any logs that would be helpful.\n",
        "pass",
        [],
    ),
    (
        "a link opening the bug's description is its content",
        "squad dataset fails to load",
        "**Describe the bug**\nhttps://github.com/o/r/blob/0/importer.py#L105\n"
        "AttributeError: 'NoneType' object has no attribute 'id'\n\n**Expected behavior**\n\n"
        "The dataset loads.\n",
        "pass",
        [],
    ),
    (
        "the section that says what happened is empty",
        "clip is broken",
        "### Issue type\n\nBug\n\n### TensorFlow version\n\n2.14\n\n"
        "### Current behavior?\n\n---\n\n### Standalone code to reproduce the issue\n\n"
        "```shell\nclip(-1)\n```\n",
        "fail",
        ["IR101"],
    ),
    (
        "an issue form's 'No response' where the bug is described",
        "clip is broken",
        "### Describe the bug\n\n_No response_\n\n### Relevant log output\n\n_No response_\n\n"
        "### Version\n\n2.14\n",
        "fail",
        ["IR101"],
    ),
    (
        "the section that says what happened is filled",
        "clip is broken",
        "### Issue type\n\nBug\n\n### TensorFlow version\n\n2.14\n\n"
        "### Current behavior?\n\nclip(-1) returns -1\n\n"
        "### Standalone code to reproduce the issue\n\n```shell\nclip(-1)\n```\n",
        "pass",
        [],
    ),
    (
        "a help heading is not the question's section",
        "Why is clip slow?",
        "## Questions and Help\n\n### Please note that this tracker is not a help forum.\n\n"
        "We have a [forum](https://example.org/forum) for questions.\n",
        "pass",
        [],
    ),
]
test_check_function, test_through_the_command = issue_two_uses("template-filled", CASES)
