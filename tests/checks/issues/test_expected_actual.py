"""expected-actual: a bug report says what was expected and what happened."""

from __future__ import annotations

from helpers import issue_two_uses, judge
from mergeready.checks.issues.templates import parse

CASES = [
    ("both in prose", "t", "clip(-1) returns -1 but it should return 0.", "pass", []),
    ("both as sections", "t", "**Expected behavior**\n0\n\n**Actual behavior**\n-1", "pass", []),
    ("output shown", "t", "I expected 0.\n\n```\n-1\n```", "pass", []),
    ("neither", "t", "clip with minus one.", "pass", ["IR501", "IR502"]),
    ("only what happened", "t", "clip(-1) returns -1.", "pass", ["IR501"]),
    ("only what was expected", "t", "clip(-1) should be 0.", "pass", ["IR502"]),
    ("'wrong' is not what was expected", "t", "clip(-1) gives wrong output: -1", "pass", ["IR501"]),
    ("'incorrect' neither", "t", "clip(-1) returns an incorrect result: -1", "pass", ["IR501"]),
    ("'correct' neither", "t", "clip(-1) is not correct, it returns -1", "pass", ["IR501"]),
]
test_check_function, test_through_the_command = issue_two_uses("expected-actual", CASES)


def test_an_error_where_the_template_asks():
    form = (
        "name: Bug\nbody:\n  - type: textarea\n    attributes: {label: Expected behavior}\n"
        "    validations: {required: true}\n"
    )
    template = parse(".github/ISSUE_TEMPLATE/bug.yml", form)
    body = "### Expected behavior\n\nclip with minus one.\n"
    result = judge("expected-actual", "t", body, templates=[template])
    assert result.status == "fail"
