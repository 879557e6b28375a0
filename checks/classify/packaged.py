"""Code a package imports or builds though no source glob names it.

A symlink or a submodule (gitlink) in a Python package folder changes what ``import pkg``
runs (``src/pkg/ops.py -> ../../examples/ops_alt.py``, a vendored ``src/pkg/ext`` moved to
another commit), and a compiled-language file there (``src/pkg/_speedups.c``) is the
package's code whether or not the project's history has taught mergeready its extension.
The classifier and tests-present count each as changed code (attack 4's 15, 16, 23); a
package folder is one whose ``__init__.py`` the base has or the contribution adds. A
project whose configuration names its source files (``source:``) has said what its code is:
then nothing is added, as nothing is learned from its history either.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import SOURCE_FILES, first_match

COMPILED: Final = (
    "*.c", "*.h", "*.cc", "*.cpp", "*.cxx", "*.hh", "*.hpp", "*.pyx", "*.pxd", "*.pxi",
    "*.rs", "*.go", "*.f", "*.f90", "*.for", "*.cu", "*.m", "*.mm", "*.swift", "*.zig",
    "*.so", "*.pyd", "*.pyc", "*.dylib", "*.dll",
)  # fmt: skip
"""Compiled languages a Python package builds extensions from, and the binaries Python imports
from a package folder (``ops.cpython-311-x86_64-linux-gnu.so`` shadows ``ops.py``; a
sourceless ``ops.pyc`` replaces it: attack 4's 17)."""


def packaged_code(contribution: Contribution, f: ChangedFile, configured: Sequence[str]) -> bool:
    """Tell whether a changed file is package code that no source glob may name.

    Args:
        contribution: The contribution.
        f: A changed file.
        configured: The configured source globs (package code counts only with the default).

    Returns:
        True for a symlink, a submodule or a compiled-language file whose folder is a Python
        package at the base or at the head.
    """
    if tuple(configured) != SOURCE_FILES:
        return False
    if f.kind == "file" and not first_match(posixpath.basename(f.path), COMPILED):
        return False
    return in_package(contribution, f.path)


def in_package(contribution: Contribution, path: str) -> bool:
    """Tell whether a path's folder holds an ``__init__.py`` at the base or at the head.

    Args:
        contribution: The contribution.
        path: A changed file's path.

    Returns:
        True when the folder is a Python package at either side.
    """
    folder = posixpath.dirname(path)
    if not folder:
        return False
    init = f"{folder}/__init__.py"
    return init in contribution.base_paths() or init in _head_paths(contribution)


def _head_paths(contribution: Contribution) -> frozenset[str]:
    """The changed paths that exist at the head, read once per run (an audit has thousands)."""
    paths: frozenset[str] = contribution.once(
        "packaged:head-paths", lambda: frozenset(f.path for f in contribution.files if f.exists)
    )
    return paths
