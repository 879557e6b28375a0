"""pytest's naming rules: which files, classes and functions it collects as tests.

The value is built by the rules loader (``rules.pytest_settings`` reads ``python_files``,
``python_classes``, ``python_functions``, ``testpaths`` and ``norecursedirs`` from the project's
files at the trusted revision) and reaches tests-meaningful, tests-present and claims in their
``Options`` (field ``pytest``); no check reads a configuration file.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from mergeready.checks.model import Finding

DEFAULT_FILES: Final = ("test_*.py", "*_test.py")


DEFAULT_CLASSES: Final = ("Test",)


DEFAULT_FUNCTIONS: Final = ("test",)


DEFAULT_NORECURSE: Final = (
    "*.egg",
    ".*",
    "_darcs",
    "build",
    "CVS",
    "dist",
    "node_modules",
    "venv",
    "{arch}",
)


@dataclass(frozen=True)
class Collection:
    """pytest's naming rules for test files, classes and functions."""

    files: tuple[str, ...] = DEFAULT_FILES
    classes: tuple[str, ...] = DEFAULT_CLASSES
    functions: tuple[str, ...] = DEFAULT_FUNCTIONS
    testpaths: tuple[str, ...] = ()
    norecursedirs: tuple[str, ...] = DEFAULT_NORECURSE

    @classmethod
    def from_settings(cls, settings: Mapping[str, Sequence[str]]) -> Collection:
        """Build the rules from pytest's settings; a setting not given keeps pytest's default.

        Args:
            settings: ``python-files``, ``python-classes``, ``python-functions``,
                ``testpaths``, ``norecursedirs`` (each a list of patterns), as the project sets.

        Returns:
            The rules.
        """
        return cls(
            tuple(settings.get("python-files") or DEFAULT_FILES),
            tuple(settings.get("python-classes") or DEFAULT_CLASSES),
            tuple(settings.get("python-functions") or DEFAULT_FUNCTIONS),
            tuple(settings.get("testpaths") or ()),
            tuple(settings.get("norecursedirs") or DEFAULT_NORECURSE),
        )

    def settings(self) -> dict[str, tuple[str, ...]]:
        """Return the rules as pytest's settings, as ``mergeready rules`` shows them.

        Returns:
            ``python-files`` and the other settings, each with its patterns.
        """
        return {
            "python-files": self.files,
            "python-classes": self.classes,
            "python-functions": self.functions,
            "testpaths": self.testpaths,
            "norecursedirs": self.norecursedirs,
        }

    def outside(self, path: str) -> bool:
        """Tell whether pytest's own discovery never reaches a file.

        ``testpaths`` and ``norecursedirs`` say where the project keeps data or examples rather
        than its tests.

        Args:
            path: A repository path.

        Returns:
            True when a folder on the way is skipped or the file is outside every test path.
        """
        if self.testpaths and not any(
            fnmatch.fnmatch(path, f"{t.rstrip('/')}/*") or path == t for t in self.testpaths
        ):
            return True
        parts = path.split("/")[:-1]
        for i, name in enumerate(parts):
            folder = "/".join(parts[: i + 1])
            for pattern in self.norecursedirs:
                if fnmatch.fnmatch(folder if "/" in pattern else name, pattern.rstrip("/")):
                    return True
        return False

    def collects_file(self, path: str) -> bool:
        """Tell whether pytest would collect a file as a test module.

        Args:
            path: A repository path.

        Returns:
            True when its name (or path, for patterns with ``/``) matches ``python_files``.
            pytest matches a pattern with a ``/`` against the absolute path with ``*/`` before
            it (``fnmatch_ex``): ``tests/*.py`` collects ``pkg/tests/test_x.py`` too.
        """
        name = path.rsplit("/", 1)[-1]
        if name == "conftest.py" or not name.endswith(".py"):
            return False
        return any(
            fnmatch.fnmatch(name, p)
            if "/" not in p
            else fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path, f"*/{p.lstrip('/')}")
            for p in self.files
        )

    def collects_class(self, name: str) -> bool:
        """Tell whether a class name matches ``python_classes`` (a prefix or a glob).

        Args:
            name: The class name.

        Returns:
            True on a match.
        """
        return _prefix_or_glob(name, self.classes)

    def collects_function(self, name: str) -> bool:
        """Tell whether a function name matches ``python_functions`` (a prefix or a glob).

        Args:
            name: The function name.

        Returns:
            True on a match.
        """
        return _prefix_or_glob(name, self.functions)


def _prefix_or_glob(name: str, patterns: Sequence[str]) -> bool:
    return any(
        fnmatch.fnmatchcase(name, p) if any(c in p for c in "*?[") else name.startswith(p)
        for p in patterns
    )


# Files that make pytest treat their folder as a virtualenv and never enter it (pytest's
# ``_in_venv``: ``pyvenv.cfg`` since 8.1, a conda environment's ``conda-meta/history`` since
# 8.3, the activation scripts before); ``--collect-in-virtualenv`` is off by default.
_VENV_MARKS: Final = (
    "pyvenv.cfg",
    "conda-meta/history",
    *(
        f"{d}/{a}"
        for d in ("bin", "Scripts")
        for a in (
            "activate",
            "activate.csh",
            "activate.fish",
            "Activate",
            "Activate.bat",
            "Activate.ps1",
        )
    ),
)


def in_virtualenv(path: str, tracked: Container[str]) -> Finding | None:
    """Tell whether a folder on a test file's way is one pytest takes for a virtualenv.

    Args:
        path: A test file's repository path.
        tracked: Every path at head.

    Returns:
        The warning that names the file marking the folder, or None when no folder is marked.
    """
    parts = path.split("/")[:-1]
    for i in range(1, len(parts) + 1):
        for mark in (f"{'/'.join(parts[:i])}/{m}" for m in _VENV_MARKS):
            if mark in tracked:
                return Finding(
                    "MR803",
                    "warning",
                    f"pytest never enters the folder of {path}: {mark} makes it a virtualenv "
                    "(--collect-in-virtualenv is off), so its tests do not count",
                    path,
                    hint=f"move the test out of that folder, or drop {mark.rpartition('/')[2]}",
                )
    return None
