"""Glob patterns over repository paths, as the rules and checks write them.

A pattern without ``/`` matches the file's name in any folder (``*.md``, ``conftest.py``); one
with ``/`` matches from the repository root, where ``**`` spans any number of folders
(``docs/**``, ``**/locale/**``).
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Final

CONFIG_FILES: Final = (".mergeready.yaml", ".mergeready.yml")
"""mergeready's own configuration files (``[tool.mergeready]`` in ``pyproject.toml`` too)."""
SOURCE_FILES: Final = ("*.py", "*.pyi", "*.pyx")
"""The default of the policy's ``source`` (rules/default.yaml says the same; a test keeps it)."""
TEST_FILES: Final = (
    "tests/**",
    "**/tests/**/*.py",
    "Tests/**",
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
"""The default test globs, ``types.tests.paths`` in rules/default.yaml (a test keeps them equal)."""
PR_TEMPLATES: Final = (
    ".github/pull_request_template.md",
    ".github/PULL_REQUEST_TEMPLATE.md",
    "pull_request_template.md",
    "PULL_REQUEST_TEMPLATE.md",
    "docs/pull_request_template.md",
    ".github/PULL_REQUEST_TEMPLATE/pull_request_template.md",
)
"""Where a pull request template may be, in order (the claims check reads the first)."""
TEMPLATE_DIR: Final = ".github/ISSUE_TEMPLATE"
"""The folder of issue forms and templates (here, not with their reader: an empty check
validates changed templates as configuration without loading the reader, 6.6 ms)."""
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


# A regex with k stars can take n**k steps on a path of n characters; paths longer than this
# (none a person writes, but a contribution can) go through the linear matcher instead.
_LONG: Final = 1024


def _tokens(pattern: str) -> list[tuple[str, str]]:
    """The glob as automaton states: ``lit``, ``one`` (?), ``star`` (*), ``all`` (**), and
    ``dirs`` (the start of ``**/``: skip it, or go on to ``all`` and ``/``)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += [("dirs", ""), ("all", ""), ("lit", "/")]  # (?:.*/)?
            i += 3
        elif pattern.startswith("**", i):
            out.append(("all", ""))
            i += 2
        elif pattern[i] in "*?":
            out.append(("star" if pattern[i] == "*" else "one", ""))
            i += 1
        else:
            out.append(("lit", pattern[i]))
            i += 1
    return out


_Tokens = list[tuple[str, str]]


def _closure(tokens: _Tokens, states: set[int]) -> frozenset[int]:
    """Add the states reachable without reading a character (a star may match nothing)."""
    todo, seen = list(states), set(states)
    while todo:
        s = todo.pop()
        if s < len(tokens) and tokens[s][0] in ("star", "all", "dirs"):
            for nxt in (s + 1, s + 3) if tokens[s][0] == "dirs" else (s + 1,):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
    return frozenset(seen)


def _step(tokens: _Tokens, states: frozenset[int], ch: str) -> frozenset[int]:
    """The states after reading one character."""
    moved = set()
    for s in states:
        if s >= len(tokens):
            continue
        kind, lit = tokens[s]
        if kind == "all" or (kind == "star" and ch != "/"):
            moved.add(s)
        elif (kind == "one" and ch != "/") or (kind == "lit" and ch == lit):
            moved.add(s + 1)
    return _closure(tokens, moved)


def _linear_match(pattern: str, text: str) -> bool:
    """Match a glob by running its automaton (built lazily as a DFA): linear in the text."""
    tokens = _tokens(pattern)
    literals = {lit for kind, lit in tokens if kind == "lit"} | {"/"}
    seen: dict[tuple[frozenset[int], str], frozenset[int]] = {}
    states = _closure(tokens, {0})
    for ch in text:
        key = (states, ch if ch in literals else "")  # every other character acts alike
        if key not in seen:
            seen[key] = _step(tokens, states, key[1] or "\0")
        states = seen[key]
        if not states:
            return False
    return len(tokens) in states


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
        path, pattern = path.rsplit("/", 1)[-1], pattern
    else:
        pattern = pattern.lstrip("/")
    if len(path) > _LONG:
        return _linear_match(pattern, path)
    return _compile(pattern).match(path) is not None


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


def absolute_module(node: ast.ImportFrom, package: Sequence[str]) -> str:
    """The absolute module an ``import from`` names (relative ones resolved from the file).

    Args:
        node: The import.
        package: The dotted parts of the importing module's package.

    Returns:
        The dotted module, or ``""`` when a relative import leaves the tree.
    """
    if not node.level:
        return node.module or ""
    if node.level - 1 > len(package):
        return ""
    base = list(package[: len(package) - (node.level - 1)])
    return ".".join([*base, *([node.module] if node.module else [])])
