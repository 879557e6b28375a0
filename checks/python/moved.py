"""A definition moved between modules: the base's, not new (issue 23: mne #14168's move).

A public function moved from ``coreg.py`` to ``transforms.py`` with the same parameters is
not new public API, and the docstring gaps it brings were the project's at the base. The
definition counts as moved when another changed module defined that name at the top at the
base and no longer does at the head.
"""

from __future__ import annotations

import ast

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def moved_from(contribution: Contribution, f: ChangedFile, qualname: str) -> ast.Module | None:
    """Find the base module a definition of a changed file was moved from.

    Args:
        contribution: The contribution.
        f: The changed file that defines it now.
        qualname: The definition's dotted name (its top-level name is looked for).

    Returns:
        The other module's base tree, or None when no changed module gave the name up.
    """
    name = qualname.split(".", 1)[0]
    given_up = contribution.once("moved:given-up", lambda: _given_up(contribution))
    return next((base for path, base in given_up.get(name, ()) if path != f.path), None)


def _given_up(contribution: Contribution) -> dict[str, list[tuple[str, ast.Module]]]:
    """Each top-level name changed modules defined at the base and no longer at the head.

    Built once per contribution (asked per definition of every changed module, one scan of
    every other module each time was quadratic on a refactor: 25 % of Keras's history).
    """
    out: dict[str, list[tuple[str, ast.Module]]] = {}
    for g in contribution.files:
        if g.status == "added" or not g.path.endswith(".py"):
            continue
        base = contribution.base_python(g.old_path or g.path)
        if base is None:
            continue
        head = contribution.head_python(g.path) if g.exists else None
        kept = _names(head) if head is not None else frozenset()
        for name in _names(base) - kept:
            out.setdefault(name, []).append((g.path, base))
    return out


def _names(tree: ast.Module) -> frozenset[str]:
    return frozenset(n.name for n in tree.body if isinstance(n, _DEFINITIONS))
