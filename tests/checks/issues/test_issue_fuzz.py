"""Any title and body give a result, never an exception: the report is untrusted text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st
from mergeready.checks.issues.report import IssueReport, Project
from mergeready.checks.issues.runner import evaluate
from mergeready.rules.loader import load

SCHEMA = json.loads((Path(__file__).parents[2] / "report.schema.json").read_text())
PIECES = st.sampled_from(
    [
        "```python\n",
        "```\n",
        "    x = 1\n",
        ">>> import proj\n",
        "... \n",
        "### What happened?\n",
        "**Expected**\n",
        "Traceback (most recent call last):\n",
        '  File "x.py", line 1\n',
        "ValueError: x\n",
        "- [x] I have read\n",
        "<!-- ",
        "-->",
        "![a](b)",
        "proj 1.2.0 ",
        "latest ",
        "password='hunter2hunter2' ",
        "ghp_",
        "/home/ana/",
        "\r",
        "\x00",
        "\u2028",
        "def (",
        "%time ",
        "!pip ",
    ]
)
POLICY = load(profile="keras")


@settings(max_examples=150, deadline=None)
@given(
    title=st.text(max_size=80),
    body=st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40).map("".join),
)
def test_any_report_gives_a_result(title, body):
    project = Project(names=("proj",), releases=frozenset({"1.2.0"}), development="1.3.0.dev0")
    result = evaluate(IssueReport.of(title, body, (), (), project), POLICY)
    jsonschema.validate(result.to_json(), SCHEMA)
    assert result.types
