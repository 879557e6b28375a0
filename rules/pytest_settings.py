"""pytest's naming settings, read as data from the project's files at the trusted revision.

``python_files``, ``python_classes``, ``python_functions``, ``testpaths`` and ``norecursedirs``
come from ``pytest.toml``, ``.pytest.toml`` (pytest 9), ``pytest.ini``, ``.pytest.ini``,
``pyproject.toml`` (``[tool.pytest.ini_options]`` or
``[tool.pytest]``), ``tox.ini`` (``[pytest]``) or ``setup.cfg`` (``[tool:pytest]``), in pytest's
order of precedence (the first file that configures pytest wins, and ``pytest.ini`` does even
without a ``[pytest]`` section); nothing in them is executed. The loader turns them into
``checks.pytest_config.Collection`` on the policy, which tests-meaningful, tests-present and
claims receive in their ``Options``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

KEYS: Final = ("python_files", "python_classes", "python_functions", "testpaths", "norecursedirs")


def pytest_settings(read: Callable[[str], str | None]) -> tuple[dict[str, list[str]], str]:
    """Read the project's pytest naming settings.

    Args:
        read: Reads a file at the trusted revision (None when it does not exist).

    Returns:
        The settings the winning file gives (``python-files`` → its patterns; only those it
        sets), and that file (empty when no file configures pytest).
    """
    found = _pytest_toml(read)
    return found if found is not None else _before_pytest_9(read)


def _before_pytest_9(read: Callable[[str], str | None]) -> tuple[dict[str, list[str]], str]:
    """The files every pytest reads: ``pytest.ini``, ``pyproject.toml``, ``tox.ini``, ``setup.cfg``
    (after ``pytest.toml``, which pytest 9 reads first)."""
    for name, section in (("pytest.ini", "pytest"), (".pytest.ini", "pytest")):
        text = read(name)
        if text is not None:  # pytest.ini wins even without a [pytest] section
            return _from_ini(text, name, section), name
    text = read("pyproject.toml")
    table, where = _pyproject_table(text) if text and "pytest" in text else (None, "")
    if table is not None:
        return _settings({k: table.get(k) for k in KEYS}), f"pyproject.toml {where}"
    for name, section in (("tox.ini", "pytest"), ("setup.cfg", "tool:pytest")):
        text = read(name)
        if text and f"[{section}]" in text:
            return _from_ini(text, name, section), f"{name} [{section}]"
    return {}, ""


def _pytest_toml(read: Callable[[str], str | None]) -> tuple[dict[str, list[str]], str] | None:
    """pytest >= 9 reads ``pytest.toml`` (or ``.pytest.toml``) first, even when empty."""
    for name in ("pytest.toml", ".pytest.toml"):
        text = read(name)
        if text is not None:
            table = _toml(text).get("pytest")
            values = {k: table.get(k) for k in KEYS} if isinstance(table, dict) else {}
            return _settings(values), name
    return None


def _from_ini(text: str, name: str, section: str) -> dict[str, list[str]]:
    import configparser  # start-up: its parser compiles patterns at import; few runs read INI

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=name)
    except configparser.Error:
        return {}
    if not parser.has_section(section):
        return {}
    return _settings({k: parser.get(section, k, fallback=None) for k in KEYS})


def _toml(text: str) -> dict[str, object]:
    """A TOML document's top-level table, or an empty one when it does not parse."""
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, AttributeError, RecursionError, MemoryError):
        return {}


def _pyproject_table(text: str) -> tuple[dict[str, object] | None, str]:
    tool = _toml(text).get("tool", {})
    pytest = tool.get("pytest") if isinstance(tool, dict) else None
    if not isinstance(pytest, dict):
        return None, ""
    ini = pytest.get("ini_options")
    if isinstance(ini, dict):
        return ini, "[tool.pytest.ini_options]"
    return pytest, "[tool.pytest]"


def _settings(values: dict[str, object]) -> dict[str, list[str]]:
    """Keep each setting given as a string or a list of strings, split on whitespace."""
    out: dict[str, list[str]] = {}
    for key, value in values.items():
        if isinstance(value, str):
            names = value.split()
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            names = [v for item in value for v in item.split()]
        else:
            continue
        if names:
            out[key.replace("_", "-")] = names
    return out
