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
import re
from collections.abc import Sequence
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.classify.entry_points import entry_points_changed
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
    if entry_points_changed(contribution, f):
        return True
    if tuple(configured) != SOURCE_FILES:
        return False
    if f.kind == "file" and not first_match(posixpath.basename(f.path), COMPILED):
        return package_data(contribution, f)
    return in_package(contribution, f.path)


def package_data(contribution: Contribution, f: ChangedFile) -> bool:
    """Tell whether a changed non-Python file is data a module of its package reads by name.

    ``src/pkg/allowed_hosts.txt`` read through ``Path(__file__).with_name("allowed_hosts.txt")``
    is behaviour (attack 4's 18): the file sits in a package folder and a module of that folder
    (at the base) names it. ``py.typed``, a release's ``VERSION`` file, files no module names
    and assets in a folder that is no package (``pkg/static/``) are not.

    Args:
        contribution: The contribution.
        f: A changed file.

    Returns:
        True when a module of the file's package names it.
    """
    name = posixpath.basename(f.path)
    if f.kind != "file" or name in _NOT_DATA or name.endswith((".py", ".pyi")):
        return False
    if not in_package(contribution, f.path) or _version_file(contribution, f):
        return False
    return name in _module_text(contribution, posixpath.dirname(f.path))


_NOT_DATA: Final = frozenset({"py.typed", "__init__.py"})
_VERSION_FILE: Final = re.compile(r"v?[0-9]{1,9}(?:[.-][0-9A-Za-z]{1,20}){0,6}\s*")


def _version_file(contribution: Contribution, f: ChangedFile) -> bool:
    """True for a release's version file (``scrapy/VERSION``: ``2.18.0``), read like
    ``__version__``: a ``VERSION`` or ``version.txt`` holding a version number on both sides."""
    if posixpath.basename(f.path).lower() not in ("version", "version.txt"):
        return False
    texts = (contribution.base_text(f.old_path or f.path), contribution.text(f))
    return all(t is not None and _VERSION_FILE.fullmatch(t[:200]) for t in texts)


_MODULES: Final = 64  # a package's modules read to find the names of its data files
_CHARS: Final = 200_000  # of each


def _module_text(contribution: Contribution, package: str) -> str:
    """The base's text of the package's own modules (its folder's ``*.py``), read once."""

    def load() -> str:
        prefix = f"{package}/"
        modules = sorted(
            p
            for p in contribution.base_paths()
            if p.startswith(prefix) and p.endswith(".py") and "/" not in p[len(prefix) :]
        )[:_MODULES]
        return "\n".join((contribution.base_text(p) or "")[:_CHARS] for p in modules)

    text: str = contribution.once(f"packaged:modules:{package}", load)
    return text


TOOLING: Final = frozenset({"setup.py", "noxfile.py", "conftest.py"})
"""File names the default rules read as tooling wherever they are (attack 4's 32)."""


def package_module(contribution: Contribution, path: str, tests: Sequence[str]) -> bool:
    """Tell whether a file named like tooling is a module of a package.

    ``src/pkg/setup.py``, ``src/pkg/noxfile.py`` and ``src/pkg/conftest.py`` are importable
    library modules (``pkg.setup``): tooling only at the top or outside the packages. A
    ``conftest.py`` is pytest's wherever pytest collects tests below it (a test file under its
    folder at the base, as ``astropy/conftest.py``) or a test glob names its folder.

    Args:
        contribution: The contribution.
        path: A changed file's path.
        tests: The test globs.

    Returns:
        True for a tooling name in a package folder that holds no tests.
    """
    if posixpath.basename(path) not in TOOLING or not in_package(contribution, path):
        return False
    if posixpath.basename(path) != "conftest.py":
        return True
    folders = [g for g in tests if g != "conftest.py"]
    if first_match(path, folders):
        return False
    prefix = posixpath.dirname(path) + "/"
    return not any(
        p.startswith(prefix) and first_match(p, folders) for p in contribution.base_paths()
    )


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
