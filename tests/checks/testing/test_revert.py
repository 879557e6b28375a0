"""Issue 22, attack 4 (37): a revert takes tests of the code out with the code.

A contribution whose source files only lose lines asks no new test when a test file related to
a changed module (named after it, importing it, changed with it by history) loses test code: a
test function or one of its statements. A removed comment, blank line, import or docstring, or
a test of another module, is no revert: removing an authorisation guard with them is a change
to test like any other. Every row runs the real command on a real temporary repository.
"""

from __future__ import annotations

import pytest
from helpers import story

ADMIN = (
    "def delete_all(user):\n"
    "    if not user.is_admin:\n"
    "        raise PermissionError('admins only')\n"
    "    return True\n"
    "\n"
    "\n"
    "def list_all(user):\n"
    "    return [user]\n"
)
TEST_ADMIN = (
    "# Tests of the admin actions.\n"
    "import os\n"
    "import sys\n"
    "\n"
    "import pytest\n"
    "from pkg.admin import delete_all, list_all\n"
    "\n"
    "\n"
    "def test_delete_all_asks_an_admin():\n"
    '    """Only admins delete."""\n'
    "    with pytest.raises(PermissionError):\n"
    "        delete_all(object())\n"
    "    assert os.sep\n"
    "\n"
    "\n"
    "def test_delete_all():\n"
    "    assert delete_all(type('U', (), {'is_admin': True})())\n"
    "\n"
    "\n"
    "def test_list_all():\n"
    "    assert list_all(1) == [1]\n"
    "    assert list_all(2)\n"
)
TEST_OTHER = (
    "# A note about these tests.\n"
    "from pkg.ops import clip\n"
    "\n"
    "\n"
    "def test_clip():\n"
    "    assert clip(0) == 0\n"
    "\n"
    "\n"
    "def test_clip_one():\n"
    "    assert clip(1) == 1\n"
)
BASE = {
    "pkg/__init__.py": "",
    "pkg/admin.py": ADMIN,
    "pkg/ops.py": "def clip(x):\n    return max(x, 0)\n",
    "tests/test_admin.py": TEST_ADMIN,
    "tests/test_other.py": TEST_OTHER,
}
NO_GUARD = {
    "pkg/admin.py": ADMIN.replace(ADMIN.splitlines(True)[1] + ADMIN.splitlines(True)[2], "")
}


def without(path: str, text: str, *lines: str) -> dict[str, str]:
    for line in lines:
        assert line in text, line
        text = text.replace(line, "", 1)
    return {path: text}


NOT_A_REVERT = [
    (
        "a comment of an unrelated test",
        without("tests/test_other.py", TEST_OTHER, "# A note about these tests.\n"),
    ),
    (
        "a test of an unrelated module",
        without(
            "tests/test_other.py", TEST_OTHER, "\n\ndef test_clip_one():\n    assert clip(1) == 1\n"
        ),
    ),
    (
        "a comment of the module's test",
        without("tests/test_admin.py", TEST_ADMIN, "# Tests of the admin actions.\n"),
    ),
    (
        "a blank line of the module's test",
        {
            "tests/test_admin.py": TEST_ADMIN.replace(
                "\n\n\ndef test_delete_all():", "\n\ndef test_delete_all():"
            )
        },
    ),
    (
        "an unused import of the module's test",
        without("tests/test_admin.py", TEST_ADMIN, "import sys\n"),
    ),
    (
        "a docstring of the module's test",
        without("tests/test_admin.py", TEST_ADMIN, '    """Only admins delete."""\n'),
    ),
    ("an unrelated test file deleted", {"tests/test_other.py": None}),
    # attack 5's F19: a test of another function of the same module is no test of the guard
    (
        "an assertion of another function's test",
        without("tests/test_admin.py", TEST_ADMIN, "    assert list_all(2)\n"),
    ),
    (
        "another function's test",
        without(
            "tests/test_admin.py",
            TEST_ADMIN,
            "\n\ndef test_list_all():\n    assert list_all(1) == [1]\n    assert list_all(2)\n",
        ),
    ),
]
REVERTS = [
    (
        "the module's test of the guard",
        without(
            "tests/test_admin.py",
            TEST_ADMIN,
            '\n\ndef test_delete_all_asks_an_admin():\n    """Only admins delete."""\n'
            "    with pytest.raises(PermissionError):\n        delete_all(object())\n"
            "    assert os.sep\n",
        ),
    ),
    (
        "the check of the guard in the module's test",
        without(
            "tests/test_admin.py",
            TEST_ADMIN,
            "    with pytest.raises(PermissionError):\n        delete_all(object())\n",
        ),
    ),
    ("the module's test file deleted", {"tests/test_admin.py": None}),
]


def _run(git_repo, run_json, head):
    story(git_repo, BASE, {**NO_GUARD, **head}, message="Simplify delete_all")
    code, report = run_json("--only", "tests-present", "--title", "Simplify delete_all")
    (check,) = report["checks"]
    return code, check


@pytest.mark.parametrize("name, head", NOT_A_REVERT, ids=[r[0] for r in NOT_A_REVERT])
def test_lines_that_are_no_test_of_the_module_make_no_revert(git_repo, run_json, name, head):
    code, check = _run(git_repo, run_json, head)
    assert (code, check["status"]) == (1, "fail"), check


@pytest.mark.parametrize("name, head", REVERTS, ids=[r[0] for r in REVERTS])
def test_the_modules_tests_taken_out_with_its_code_are_a_revert(git_repo, run_json, name, head):
    code, check = _run(git_repo, run_json, head)
    assert (code, check["status"]) == (0, "skip") and "a revert" in check["summary"], check
