"""Python programs without a ``.py`` name: shebang scripts and the scripts a package installs.

``bin/tool`` with ``#!/usr/bin/env python3`` is Python source as much as ``tool.py`` is, and
a file the base's ``setup.py`` installs on ``PATH`` (``scripts=[...]``, read from its syntax
tree, never run) is shipped code whatever its name. (``setup.cfg``'s ``scripts`` and
``[tool.setuptools] script-files`` are configuration: checks never parse it themselves, and
the rules loader does not hand it over yet.) The classifier and tests-present count both as
changed code, never as docs or maintenance.
"""

from __future__ import annotations

import ast
from typing import Any

from mergeready.checks.contribution import Contribution

_INTERPRETERS = ("python", "pypy")


def shipped_script(contribution: Contribution, path: str) -> bool:
    """Tell whether a changed file is a Python program or a script the package installs.

    Args:
        contribution: The contribution.
        path: A changed file's path.

    Returns:
        True for a file without a suffix whose first line (at head, else at the base) is a
        ``python``/``pypy`` shebang, and for a file the base's ``setup.py`` lists as a script.
    """
    if path in installed_scripts(contribution):
        return True
    name = path.rsplit("/", 1)[-1]
    if "." in name.lstrip("."):
        return False
    text = contribution.head_text(path) or contribution.base_text(path) or ""
    return python_shebang(text.split("\n", 1)[0])


def python_shebang(line: str) -> bool:
    """Tell whether a first line starts a Python interpreter (``#!/usr/bin/env -S python3 -u``).

    Args:
        line: The file's first line.

    Returns:
        True when the program the shebang runs (after ``env`` and its options) is named
        ``python*`` or ``pypy*``.
    """
    if not line.startswith("#!"):
        return False
    words = line[2:].split()
    if words and words[0].rsplit("/", 1)[-1] == "env":
        words = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
    return bool(words) and words[0].rsplit("/", 1)[-1].startswith(_INTERPRETERS)


def installed_scripts(contribution: Contribution) -> frozenset[str]:
    """The files the base's ``setup.py`` installs as scripts (read once, from the base).

    Args:
        contribution: The contribution.

    Returns:
        Paths relative to the repository root; empty when the base lists none.
    """
    found: frozenset[str] = contribution.once("installed-scripts", lambda: _read(contribution))
    return found


def _read(contribution: Contribution) -> frozenset[str]:
    names: list[Any] = []
    tree = contribution.base_python("setup.py")
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.keyword) and node.arg == "scripts":
            names += _literal(node.value)
    return frozenset(n.removeprefix("./") for n in names if isinstance(n, str))


def _literal(node: ast.expr) -> list[Any]:
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return []
    return list(value) if isinstance(value, (list, tuple)) else []
