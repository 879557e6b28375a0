"""pytest's naming rules, read as data from the project's configuration at the trusted revision.

``python_files``, ``python_classes``, ``python_functions``, ``testpaths`` and ``norecursedirs``
come from ``pytest.ini``, ``.pytest.ini``, ``pyproject.toml`` (``[tool.pytest.ini_options]`` or
``[tool.pytest]``), ``tox.ini`` (``[pytest]``) or ``setup.cfg`` (``[tool:pytest]``), in pytest's
order of precedence; nothing in them is executed. ``pytest_collection`` takes a reader of files
at the trusted revision, so the rules loader can own the reading.
"""

from __future__ import annotations

import configparser
import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

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


_KEYS: Final = ("python_files", "python_classes", "python_functions", "testpaths", "norecursedirs")


@dataclass(frozen=True)
class Collection:
    """pytest's naming rules for test files, classes and functions."""

    files: tuple[str, ...] = DEFAULT_FILES
    classes: tuple[str, ...] = DEFAULT_CLASSES
    functions: tuple[str, ...] = DEFAULT_FUNCTIONS
    testpaths: tuple[str, ...] = ()
    norecursedirs: tuple[str, ...] = DEFAULT_NORECURSE

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
        """
        name = path.rsplit("/", 1)[-1]
        if name == "conftest.py" or not name.endswith(".py"):
            return False
        return any(fnmatch.fnmatch(path if "/" in p else name, p) for p in self.files)

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


def pytest_collection(read: Callable[[str], str | None]) -> tuple[Collection, str]:
    """Read the project's pytest naming settings, as data (the rules loader may own this).

    Args:
        read: Reads a file at the trusted revision (None when it does not exist).

    Returns:
        The collection rules, and the file they came from (empty for pytest's defaults).
    """
    for name, section in (("pytest.ini", "pytest"), (".pytest.ini", "pytest")):
        text = read(name)
        if text is not None:  # pytest.ini wins even without a [pytest] section
            return _from_ini(text, name, section), name
    text = read("pyproject.toml")
    table = _pyproject_table(text) if text and "pytest" in text else None
    if table is not None:
        return _collection({k: table.get(k) for k in _KEYS}), "pyproject.toml"
    for name, section in (("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
        text = read(name)
        if text and f"[{section}]" in text:
            return _from_ini(text, name, section), name
    return Collection(), ""


def _from_ini(text: str, name: str, section: str) -> Collection:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=name)
    except configparser.Error:
        return Collection()
    if not parser.has_section(section):
        return Collection()
    return _collection({k: parser.get(section, k, fallback=None) for k in _KEYS})


def _pyproject_table(text: str) -> dict[str, object] | None:
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        tool = tomllib.loads(text).get("tool", {})
    except (tomllib.TOMLDecodeError, AttributeError):
        return None
    pytest = tool.get("pytest") if isinstance(tool, dict) else None
    if not isinstance(pytest, dict):
        return None
    ini = pytest.get("ini_options")
    return ini if isinstance(ini, dict) else pytest


def _collection(values: dict[str, object]) -> Collection:
    def names(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
        if isinstance(value, str):
            return tuple(value.split()) or default
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(v for item in value for v in item.split()) or default
        return default

    return Collection(
        names(values.get("python_files"), DEFAULT_FILES),
        names(values.get("python_classes"), DEFAULT_CLASSES),
        names(values.get("python_functions"), DEFAULT_FUNCTIONS),
        names(values.get("testpaths"), ()),
        names(values.get("norecursedirs"), DEFAULT_NORECURSE),
    )
