"""The share of the public API that has a docstring, as interrogate measures it.

For a whole-tree audit (``check --all --fail-under N``): every public module, class, function
and method in docstrings-complete's scope (its ``source``, ``exclude``, export and ``__all__``
options) counts once, and is documented when it has a docstring (``__init__`` also when its class
has one). Files that cannot be parsed are not counted.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from mergeready.checks.contribution import Contribution
from mergeready.checks.docstrings.docstrings_complete import Options, applies
from mergeready.checks.python.public_api import in_scope


@dataclass(frozen=True)
class Coverage:
    """How many public definitions there are, and how many have a docstring."""

    documented: int
    total: int

    @property
    def percent(self) -> float:
        """The documented share, in percent; 100 when there is nothing to document."""
        return 100.0 * self.documented / self.total if self.total else 100.0


def coverage(contribution: Contribution, options: Options) -> Coverage:
    """Measure docstring coverage of the public API in the contribution's files.

    Args:
        contribution: The contribution (``--all``: every tracked file).
        options: docstrings-complete's options.

    Returns:
        The counts.
    """
    documented = total = 0
    for f in contribution.files:
        if not applies(f, options):
            continue
        tree, _ = contribution.python(f)
        if tree is None:
            continue
        if options.modules and tree.body:
            total += 1
            documented += ast.get_docstring(tree) is not None
        for scope in in_scope(tree, f, options.export_decorators, options.use_all):
            total += 1
            has = ast.get_docstring(scope.node) is not None
            if not has and scope.owner is not None and scope.node.name in options.class_documents:
                has = ast.get_docstring(scope.owner) is not None
            documented += has
    return Coverage(documented, total)
