"""Issue 23, round 3: rules found by grouping the corpus's disagreements by cause.

Each row builds a real repository and runs the real command (``mergeready check --format
json``); none names a project, and each says which kind of contribution it came from.
"""

from __future__ import annotations

import pytest
from helpers import statuses, story, types

CORE = "def area(r):\n    return r * r\n"
TEST = "from pkg.core import area\n\n\ndef test_area():\n    assert area(2) == 4\n"


@pytest.mark.parametrize(
    "python_files, test_path, expected",
    [
        # Found on an example-gallery tool: ``python_files = "tests/*.py"`` in pyproject.toml.
        # pytest matches a pattern with a ``/`` against the file's absolute path with ``*/``
        # before it (``fnmatch_ex``), so pkg/tests/test_core.py is collected: its test counts.
        ("tests/*.py", "pkg/tests/test_core.py", "pass"),
        ("tests/*.py", "tests/test_core.py", "pass"),
        # near misses: a file the pattern does not reach is still not collected
        ("tests/*.py", "pkg/checks/test_core.py", "fail"),
        ("pkg/tests/*.py", "other/tests/test_core.py", "fail"),
    ],
    ids=["nested", "top", "other-folder", "anchored-folder"],
)
def test_a_python_files_pattern_with_a_folder_matches_like_pytest(
    git_repo, run_json, python_files, test_path, expected
):
    base = {
        "pyproject.toml": f'[tool.pytest.ini_options]\npython_files = "{python_files}"\n',
        "pkg/__init__.py": "",
        "pkg/core.py": CORE,
    }
    head = {"pkg/core.py": CORE.replace("r * r", "r * r * 1"), test_path: TEST}
    story(git_repo, base, head, "Fix area")
    _, report = run_json("--base", "main")
    assert statuses(report)["tests-present"] == expected
    assert types(report)[0] == "bugfix"
