"""A base test restated is no new test evidence (attack 4's 55).

A bug fix whose only test change rewords a test's docstring, renames it or adds an assertion
message has no test that can fail for the fix: tests-present fails. A real change to the test's
body, decorators or arguments counts, and so does a test added beside the old one.
"""

from __future__ import annotations

import pytest
from helpers import statuses, story

LIB = {"pkg/__init__.py": "", "pkg/ops.py": "def clip(x):\n    return max(x, 0)\n"}
FIX = {"pkg/ops.py": "def clip(x):\n    return max(x, 0) if x == x else 0\n"}
TEST = (
    "from pkg.ops import clip\n\n\n"
    'def test_clip():\n    """Clip clips."""\n    assert clip(-1) == 0\n'
)


@pytest.mark.parametrize(
    "test, expected",
    [
        (TEST.replace("Clip clips.", "Clip clips negative numbers."), "fail"),  # docstring only
        (TEST.replace("== 0\n", "== 0, 'clipped'\n"), "fail"),  # an assertion message only
        (TEST.replace("def test_clip", "def test_clip_nan"), "fail"),  # renamed only
        # near misses: the body changed, a decorator added, a new test beside the old one
        (TEST.replace("clip(-1) == 0", "clip(float('nan')) == 0"), "pass"),
        (
            TEST.replace(
                "def test_clip():", "@pytest.mark.parametrize('v', [-1])\ndef test_clip(v):"
            ).replace("clip(-1)", "clip(v)"),
            "pass",
        ),
        (TEST + "\n\ndef test_nan():\n    assert clip(float('nan')) == 0\n", "pass"),
    ],
)
def test_a_restated_base_test_is_no_evidence(git_repo, run_json, test, expected):
    story(git_repo, {**LIB, "tests/test_ops.py": TEST}, {**FIX, "tests/test_ops.py": test})
    _, report = run_json("--base", "main", "--title", "Fix clip of NaN")
    assert statuses(report)["tests-present"] == expected, report["checks"]
