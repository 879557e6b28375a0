"""examples-valid: examples nothing read (issue 22, attack 6's F14).

A notebook whose ``language_info`` named another language while its kernel is Python, example
programs named ``.pyw``, ``.py3``, ``.PY`` or only a ``python`` shebang, and an example padded
past ``--max-file-size`` were Ready with their code unread. Each row builds a real repository,
runs the real command, and the rows marked F14 failed before the change (watched: exit 0).
"""

from __future__ import annotations

import json

import pytest
from helpers import codes, story

BAD = "import os\ndef main(:\n    print(os.getcwd())\n"


def _notebook(meta: dict[str, object], source: str = BAD) -> str:
    cell = {"cell_type": "code", "id": "a1", "metadata": {}, "execution_count": None}
    cell |= {"outputs": [], "source": source.splitlines(keepends=True)}
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": meta, "cells": [cell]})


PY3 = {"name": "python3", "display_name": "Python 3", "language": "python"}


@pytest.mark.parametrize(
    "path, text, found",
    [
        pytest.param(
            "examples/demo.ipynb",
            _notebook({"kernelspec": PY3, "language_info": {"name": "R"}}),
            "MR707",
            id="F14 language_info R on a python3 kernel",
        ),
        pytest.param(
            "examples/demo.ipynb",
            _notebook({"kernelspec": {"name": "python3", "display_name": "P", "language": "R"}}),
            "MR707",
            id="F14 a python3 kernel that says R",
        ),
        pytest.param("examples/demo.pyw", BAD, "MR701", id="F14 .pyw"),
        pytest.param("examples/demo.py3", BAD, "MR701", id="F14 .py3"),
        pytest.param("examples/demo.PY", BAD, "MR701", id="F14 .PY"),
        pytest.param("examples/demo", "#!/usr/bin/env python3\n" + BAD, "MR701", id="F14 shebang"),
        pytest.param(
            "examples/demo.ipynb",
            _notebook({"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}}),
            None,
            id="near miss: an R kernel is not parsed as Python (MR719 warning)",
        ),
        pytest.param("examples/demo", "#!/bin/sh\necho (\n", None, id="near miss: a shell script"),
        pytest.param("examples/demo.pyx", BAD, None, id="near miss: Cython"),
        pytest.param("examples/demo.pyw", "print(1)\n", None, id="near miss: a valid .pyw"),
    ],
)
def test_an_example_by_any_python_name_is_parsed(run_json, git_repo, path, text, found):
    """F14: examples are read by the name and kernel Python runs them under."""
    story(git_repo, {"README.md": "# Demo\n"}, {path: text}, "Add a demo example")
    code, report = run_json("--base", "main", "--only", "examples-valid")
    if found is None:
        assert code == 0 and not {"MR701", "MR707"} & set(codes(report)), report
    else:
        assert found in codes(report) and code == 1, report


@pytest.mark.parametrize(
    "path, text",
    [
        pytest.param("examples/demo.py", "x = 1\n" + "# pad\n" * 400, id="F14 module"),
        pytest.param(
            "examples/demo.ipynb",
            _notebook({"kernelspec": PY3}, "x = 1\n" + "# pad\n" * 400),
            id="F14 notebook",
        ),
    ],
)
def test_an_example_past_the_size_limit_is_an_error(run_json, git_repo, path, text):
    """F14: an example padded past ``--max-file-size`` is an MR719 error in a contribution (it
    was a warning, Ready); under ``--all`` (an audit of the tree) it stays a warning."""
    story(git_repo, {"README.md": "# Demo\n"}, {path: text}, "Add a demo example")
    code, report = run_json("--base", "main", "--only", "examples-valid", "--max-file-size", "1000")
    severities = [
        f["severity"] for c in report["checks"] for f in c["findings"] if f["code"] == "MR719"
    ]
    assert code == 1 and severities == ["error"], report
    git_repo.checkout("main")
    git_repo.git("merge", "-q", "--ff-only", "topic")
    code, report = run_json("--all", "--only", "examples-valid", "--max-file-size", "1000")
    severities = [
        f["severity"] for c in report["checks"] for f in c["findings"] if f["code"] == "MR719"
    ]
    assert code == 0 and severities == ["warning"], report
