"""Glob patterns over repository paths, as the rules and checks write them.

A pattern without ``/`` matches the file's name in any folder (``*.md``, ``conftest.py``); one
with ``/`` matches from the repository root, where ``**`` spans any number of folders
(``docs/**``, ``**/locale/**``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Final

TEST_FILES: Final = (
    "tests/**",
    "testing/**",
    "test/**",
    "t/**",
    "*_tests/**",
    "*-tests/**",
    "typing-examples/**",
    "test_*.py",
    "*_test.py",
    "conftest.py",
)
# Python files that are not the project's library code: examples, docs, tooling.
NOT_LIBRARY: Final = (
    "examples/**",
    "example/**",
    "docs/**",
    "doc/**",
    "benchmarks/**",
    ".github/**",
    "setup.py",
    "noxfile.py",
)


@functools.lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def matches(path: str, pattern: str) -> bool:
    """Tell whether a repository path matches one glob.

    Args:
        path: A path relative to the repository root, with ``/`` separators.
        pattern: The glob.

    Returns:
        True on a match.
    """
    if "/" not in pattern.rstrip("/"):
        return _compile(pattern).match(path.rsplit("/", 1)[-1]) is not None
    return _compile(pattern.lstrip("/")).match(path) is not None


def first_match(path: str, patterns: Iterable[str]) -> str | None:
    """Return the first glob that matches a path.

    Args:
        path: A path relative to the repository root.
        patterns: The globs, in order.

    Returns:
        The matching glob, or None.
    """
    return next((p for p in patterns if matches(path, p)), None)


def module_name(path: str) -> str:
    """Return the dotted module name of a Python file (``src/pkg/mod.py`` → ``pkg.mod``).

    Args:
        path: A path relative to the repository root.

    Returns:
        The dotted name, with a leading ``src``/``lib`` folder and ``__init__`` dropped.
    """
    parts = path.rsplit(".", 1)[0].split("/")
    if parts and parts[0] in ("src", "lib") and len(parts) > 1:
        parts = parts[1:]
    if parts and parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)
