"""Tests a contribution switches back on by deleting them from a list of excluded tests.

Keras runs its OpenVINO backend against every op test except those named in
``keras/src/backend/openvino/excluded_concrete_tests.txt``; a fix that deletes
``aug_mix_test.py::AugMixTest::test_random_augment_randomness`` from that list makes an existing
test run and fail if the fix is wrong. That is a test changed with the code. Only a deleted line
that is a pytest node id (``file.py::Class::test_name``) naming a test function that exists at
head, in a test file of that name, counts: a list edit that names no real test is nothing.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from typing import Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import first_match

NODE_ID: Final = re.compile(
    r"\s{0,8}([\w.-]{1,200}\.py)::((?:\w{1,200}::){0,4}(test\w{0,200}))\s{0,8}"
)
_LINES: Final = 5000  # lines of an exclusion list read


def reenabled_tests(contribution: Contribution, tests: Sequence[str]) -> list[str]:
    """The test node ids the contribution deletes from a list of excluded tests.

    Args:
        contribution: The contribution.
        tests: The test globs.

    Returns:
        ``file.py::Class::test_name`` of each deleted entry whose test exists at head.
    """
    found: list[str] = []
    for f in contribution.files:
        if f.status != "modified" or f.path.endswith(".py"):
            continue
        before, after = contribution.base_text(f.path), contribution.head_text(f.path)
        if before is None or after is None:
            continue
        kept = set(after.splitlines()[:_LINES])
        for line in before.splitlines()[:_LINES]:
            m = NODE_ID.fullmatch(line)
            if m and line not in kept and _exists(contribution, m.group(1), m.group(3), tests):
                found.append(line.strip())
    return found


def _exists(contribution: Contribution, name: str, test: str, tests: Sequence[str]) -> bool:
    """Whether a test file of that name at head defines that test function."""
    for path in sorted(contribution.head_paths()):
        if path.rsplit("/", 1)[-1] != name or not first_match(path, tests):
            continue
        tree = contribution.head_python(path)
        if tree is not None and any(
            isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == test
            for n in ast.walk(tree)
        ):
            return True
    return False
