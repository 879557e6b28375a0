"""duplicate-prone: a title that is only an exception, or says nothing, gets a hint."""

from __future__ import annotations

from helpers import issue_two_uses

CASES = [
    ("specific", "clip returns negatives for ints", "b", "pass", []),
    ("exception only", "ValueError", "b", "pass", ["IR701"]),
    ("exception with colon", "TypeError:", "b", "pass", ["IR701"]),
    ("tagged exception", "[Bug]: ValueError", "b", "pass", ["IR701"]),
    ("dotted exception", "tf.errors.InvalidArgumentError", "b", "pass", ["IR701"]),
    ("exception with context", "ValueError in clip for ints", "b", "pass", []),
    ("vague", "Bug: not working, please help", "b", "pass", ["IR702"]),
    ("vague with a number", "BUG:300", "b", "pass", ["IR702"]),
]
test_check_function, test_through_the_command = issue_two_uses("duplicate-prone", CASES)
