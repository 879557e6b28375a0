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
    others = (g for g in contribution.files if g.path != f.path and g.path.endswith(".py"))
    for g in others:
        base = contribution.base_python(g.old_path or g.path) if g.status != "added" else None
        if base is not None and _defines(base, name) and not _keeps(contribution, g, name):
            return base
    return None


def _keeps(contribution: Contribution, g: ChangedFile, name: str) -> bool:
    """True when a changed module still defines the name at the head."""
    head = contribution.head_python(g.path) if g.exists else None
    return head is not None and _defines(head, name)


def _defines(tree: ast.Module, name: str) -> bool:
    return any(isinstance(n, _DEFINITIONS) and n.name == name for n in tree.body)
