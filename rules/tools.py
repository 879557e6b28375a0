"""The tools' own settings that mergeready honours, read as plain data at the trusted revision.

Projects that already run codespell keep their word lists in ``[tool.codespell]`` of
``pyproject.toml``, ``[codespell]`` of ``setup.cfg`` or ``.codespellrc``. mergeready honours
``ignore-words-list``, ``ignore-regex`` and ``skip`` from those files **at the base revision**
(never the contribution's copy), parsed as TOML or INI text — nothing in them is executed.
``checks: {spelling-clean: {codespell-config: false}}`` turns this off. Likewise the docstring
convention a project gives pydocstyle or ruff (``convention = "numpy"`` in ``pyproject.toml``,
``setup.cfg``, ``tox.ini`` or ``.pydocstyle*``), and the fragment directory and fragment types
of ``[tool.towncrier]`` (``towncrier.toml`` or ``pyproject.toml``). Each returns one layer of
the policy (``loader.Rank.TOOLS``): above the profile, below the project's own file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final, get_args

from mergeready.checks.changelog.mechanism import (
    DEFAULT_SILENT_TYPES,
    DEFAULT_TOWNCRIER_TYPES,
    Towncrier,
)
from mergeready.checks.docstrings.sections import Convention
from mergeready.rules.codespell_hook import hook_settings

FILES = (".codespellrc", "setup.cfg")


def codespell_settings(read: Callable[[str], str | None]) -> tuple[dict[str, Any], str]:
    """Collect the project's codespell settings.

    Args:
        read: Reads a file from the trusted revision (None when it does not exist).

    Returns:
        ``ignore-words``, ``ignore-regex`` and ``skip`` as spelling-clean options (only those
        found), and the files they came from.
    """
    found: dict[str, str] = {}
    sources: list[str] = []
    words_where = _pyproject_codespell(read("pyproject.toml"), found, sources)
    for name in FILES:
        section = _ini_section(read(name), name, "codespell")
        if section is not None:
            found.update(section)
            sources.append(f"{name} [codespell]")
            words_where = f"ignore-words-list in {name}" if _has_words(section) else words_where
    hook, where = hook_settings(read)
    if hook:
        _add_hook(hook, found)
        sources.append(where)
        words_where = where if _has_words(hook) else words_where
    options = _options(found)
    if words_where:
        options["ignore-words-where"] = words_where
    return options, ", ".join(sources)


def _pyproject_codespell(pyproject: str | None, found: dict[str, str], sources: list[str]) -> str:
    """Add ``[tool.codespell]`` of ``pyproject.toml`` to what is found; where its words are."""
    if not (pyproject and "[tool.codespell]" in pyproject):
        return ""
    table = _toml_table(pyproject)
    if not table:
        return ""
    found.update({k: str(v) for k, v in table.items()})
    sources.append("pyproject.toml [tool.codespell]")
    return "ignore-words-list in [tool.codespell] of pyproject.toml" if _has_words(found) else ""


def _add_hook(hook: dict[str, str], found: dict[str, str]) -> None:
    """Add the codespell pre-commit hook's arguments: word lists and skips add up, a regex
    replaces."""
    for key, value in hook.items():
        joined = key != "ignore-regex" and found.get(key)
        found[key] = f"{found[key]},{value}" if joined else value


def _has_words(found: dict[str, str]) -> bool:
    return bool(found.get("ignore-words-list") or found.get("ignore_words_list"))


CONVENTIONS: Final = get_args(Convention)  # the words docstrings-complete declares
PYDOCSTYLE_FILES = (
    "setup.cfg",
    "tox.ini",
    ".pydocstyle",
    ".pydocstyle.ini",
    ".pydocstylerc",
    ".pydocstylerc.ini",
)


def docstring_convention(read: Callable[[str], str | None]) -> tuple[str | None, str]:
    """Find the docstring convention the project gives pydocstyle or ruff.

    Args:
        read: Reads a file from the trusted revision (None when it does not exist).

    Returns:
        The convention (``pep257``, ``google`` or ``numpy``) or None, and where it was found.
    """
    pyproject = read("pyproject.toml")
    if pyproject and "convention" in pyproject:
        tool = _toml_tool(pyproject)
        for where, table in (
            ("[tool.ruff.lint.pydocstyle]", tool.get("ruff", {}).get("lint", {})),
            ("[tool.ruff.pydocstyle]", tool.get("ruff", {})),
            ("[tool.pydocstyle]", {"pydocstyle": tool.get("pydocstyle", {})}),
        ):
            section = table.get("pydocstyle") if isinstance(table, dict) else None
            value = section.get("convention") if isinstance(section, dict) else None
            if value in CONVENTIONS:
                return str(value), f"pyproject.toml {where}"
    for name in PYDOCSTYLE_FILES:
        value = (_ini_section(read(name), name, "pydocstyle") or {}).get("convention")
        if value in CONVENTIONS:
            return value, f"{name} [pydocstyle]"
    return None, ""


def _ini_section(text: str | None, name: str, section: str) -> dict[str, str] | None:
    """Return one section of an INI file as data, or None when it is absent or unreadable."""
    if not text or f"[{section}]" not in text:
        return None
    import configparser  # start-up: its parser compiles patterns at import; few runs read INI

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=name)
    except configparser.Error:
        return None
    return dict(parser.items(section)) if parser.has_section(section) else None


@functools.lru_cache(maxsize=8)
def _toml_tool(text: str) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        tool = tomllib.loads(text).get("tool", {})
    except (tomllib.TOMLDecodeError, AttributeError, RecursionError, MemoryError):
        return {}
    return tool if isinstance(tool, dict) else {}


def _toml_table(text: str) -> dict[str, Any] | None:
    table = _toml_tool(text).get("codespell")
    return table if isinstance(table, dict) else None


def _split(value: str) -> list[str]:
    return [x.strip() for x in value.replace("\n", ",").split(",") if x.strip()]


def _glob(pattern: str) -> str:
    pattern = pattern.removeprefix("./")
    return "**/" + pattern[2:] if pattern.startswith("*/") else pattern


def _options(found: dict[str, str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    words = found.get("ignore-words-list") or found.get("ignore_words_list")
    if words:
        options["ignore-words"] = _split(words)
    regex = found.get("ignore-regex") or found.get("ignore_regex")
    if regex:
        options["ignore-regex"] = regex
    skip = found.get("skip")
    if skip:
        options["skip"] = [_glob(p) for p in _split(skip)]
    return options


def towncrier_settings(read: Callable[[str], str | None]) -> tuple[Towncrier | None, str]:
    """Read the base's ``[tool.towncrier]``: its fragment directory and fragment types.

    ``towncrier.toml`` is read first, then ``pyproject.toml``, as towncrier does.

    Args:
        read: Reads a file from the trusted revision (None when it does not exist).

    Returns:
        The settings (the directory is ``newsfragments`` when the table names none; the types
        are towncrier's defaults when it defines none), or None when the project has no
        ``[tool.towncrier]``; and where they were found.
    """
    for name in ("towncrier.toml", "pyproject.toml"):
        text = read(name)
        if not text or "towncrier" not in text:
            continue
        table = _toml_tool(text).get("towncrier")
        if isinstance(table, dict):
            return _towncrier(table), f"{name} [tool.towncrier]"
    return None, ""


def _towncrier(table: dict[str, Any]) -> Towncrier:
    """The fragment directory and types a ``[tool.towncrier]`` table gives (or their defaults).

    Without ``directory``, a table that names its ``package`` keeps its fragments in that
    package's ``newsfragments`` folder, and each section's in its sub-package's
    (Twisted: ``src/twisted/newsfragments``, ``src/twisted/conch/newsfragments``), as
    towncrier reads them; otherwise in ``directory`` (default ``newsfragments``) and the
    sections' folders inside it.
    """
    types, sections = _fragment_types(table.get("type")), _sections(table.get("section"))
    silent = _silent_types(table.get("type"))
    page = _rendered(table)
    directory = table.get("directory")
    if isinstance(directory, str) and directory.strip("/"):
        return Towncrier(
            directory.strip("/"), types, sections, silent=silent, rendered=page[0], markup=page[1]
        )
    package = _package_folder(table)
    if package is None:
        return Towncrier(
            "newsfragments", types, sections, silent=silent, rendered=page[0], markup=page[1]
        )
    others = tuple(f"{package}/{s}/newsfragments" for s in sections)
    return Towncrier(
        f"{package}/newsfragments", types, (), others, silent, rendered=page[0], markup=page[1]
    )


def _rendered(table: dict[str, Any]) -> tuple[str, str]:
    """The file towncrier renders fragments into (``filename``, default ``NEWS.rst``) and its
    markup: the file's suffix, else the ``template``'s (``*.md``, ``*.md.jinja``), else reST."""
    name = table.get("filename")
    name = name.strip().lstrip("/") if isinstance(name, str) and name.strip() else "NEWS.rst"
    template = table.get("template")
    hint = template if isinstance(template, str) else ""
    own = name.lower().endswith((".rst", ".rest", ".txt", ".md", ".markdown"))
    markup = "md" if _markdown(name) or (not own and _markdown(hint)) else "rst"
    return name, markup


def _markdown(name: str) -> bool:
    """A file name (or a template's, ``*.md.jinja``) that says Markdown."""
    low = name.lower()
    for tail in (".jinja2", ".jinja", ".j2"):
        low = low.removesuffix(tail)
    return low.endswith((".md", ".markdown"))


def _package_folder(table: dict[str, Any]) -> str | None:
    """The folder of the ``package`` a towncrier table names (under ``package_dir``)."""
    package, where = table.get("package"), table.get("package_dir", "")
    if not isinstance(package, str) or not isinstance(where, str):
        return None
    parts = [*where.strip("/").split("/"), *package.strip().split(".")]
    parts = [p for p in parts if p and p != "."]
    if not parts or ".." in parts or not package.strip():
        return None
    return "/".join(parts)


def _sections(sections: Any) -> tuple[str, ...]:
    """The folders of the ``[[tool.towncrier.section]]`` entries (the main section's ``""`` left
    out: its fragments sit in the directory itself)."""
    paths = (
        str(s.get("path") or "").strip().strip("/")
        for s in (sections if isinstance(sections, list) else ())
        if isinstance(s, dict)
    )
    return tuple(dict.fromkeys(p for p in paths if p and ".." not in p.split("/")))


def _silent_types(kinds: Any) -> tuple[str, ...]:
    """The types whose fragments' text towncrier never shows (``showcontent = false``), or
    towncrier's default (``misc``) when no type is configured."""
    configured = [k for k in (kinds if isinstance(kinds, list) else ()) if isinstance(k, dict)]
    if not configured:
        return DEFAULT_SILENT_TYPES
    return tuple(
        str(k.get("directory") or k.get("name") or "").strip()
        for k in configured
        if k.get("showcontent") is False
    )


def _fragment_types(kinds: Any) -> tuple[str, ...]:
    """The names of the ``[[tool.towncrier.type]]`` entries, or towncrier's defaults."""
    names = (
        str(k.get("directory") or k.get("name") or "").strip()
        for k in (kinds if isinstance(kinds, list) else ())
        if isinstance(k, dict)
    )
    return tuple(t for t in names if t) or DEFAULT_TOWNCRIER_TYPES


# pydocstyle's codes for a missing docstring (module, class, method, function, package,
# magic method, nested class, __init__), as ruff, flake8-docstrings and pydocstyle number them.
MISSING_DOCSTRING = ("D100", "D101", "D102", "D103", "D104", "D105", "D106", "D107")
_LINTER_TABLES = ("interrogate", "pydoclint", "darglint", "pydocstyle", "docformatter")
_INI_LINTERS = ("pydocstyle", "darglint", "pydoclint")


def docstring_linting(read: Callable[[str], str | None]) -> tuple[dict[str, Any], str]:
    """Find whether the project lints docstrings, and which missing-docstring codes it ignores.

    Read as data at the trusted revision: ruff (``pyproject.toml``, ``ruff.toml``,
    ``.ruff.toml``), flake8 with flake8-docstrings, pydocstyle, interrogate, pydoclint and
    darglint settings. scrapy selects ruff's ``D`` rules and ignores ``D100``–``D107``: it
    asks for well-formed docstrings, not for a docstring on every definition.

    Args:
        read: Reads a file from the trusted revision (None when it does not exist).

    Returns:
        docstrings-complete options (``project-linter``: where a docstring linter is
        configured; ``project-ignores``: the missing-docstring codes it ignores), and where
        they came from.
    """
    linters: list[str] = []
    ignored: set[str] = set()
    pyproject = read("pyproject.toml")
    tool = _toml_tool(pyproject) if pyproject else {}
    ruff_tables = [("pyproject.toml [tool.ruff]", tool.get("ruff"))]
    ruff_tables += [(name, _toml_root(read(name))) for name in ("ruff.toml", ".ruff.toml")]
    for name, table in ruff_tables:
        if isinstance(table, dict):
            _ruff(table, name, linters, ignored)
    linters += [
        f"pyproject.toml [tool.{t}]" for t in _LINTER_TABLES if isinstance(tool.get(t), dict)
    ]
    for name in ("setup.cfg", "tox.ini", ".flake8"):
        _ini_linting(read(name), name, linters, ignored)
    return _linting_options(linters, ignored), ", ".join(dict.fromkeys(linters))


def _linting_options(linters: list[str], ignored: set[str]) -> dict[str, Any]:
    """docstrings-complete's ``project-linter`` and ``project-ignores`` from what was found."""
    if not linters:
        return {}
    missing = [c for c in MISSING_DOCSTRING if any(c.startswith(i) for i in ignored)]
    return {"project-linter": linters[0], **({"project-ignores": missing} if missing else {})}


def _ini_linting(text: str | None, name: str, linters: list[str], ignored: set[str]) -> None:
    """Read flake8's and the INI docstring linters' sections of one file."""
    section = _ini_section(text, name, "flake8") or {}
    selected = _codes(section.get("select", "")) | _codes(section.get("extend-select", ""))
    if "docstring-convention" in section or any(_docstring_rule(c) for c in selected):
        linters.append(f"{name} [flake8]")
    ignored |= _codes(section.get("ignore", "")) | _codes(section.get("extend-ignore", ""))
    for linter in _INI_LINTERS:
        found = _ini_section(text, name, linter)
        if found is not None:
            linters.append(f"{name} [{linter}]")
            ignored |= _codes(found.get("ignore", "")) | _codes(found.get("add-ignore", ""))


def _ruff(table: dict[str, Any], name: str, linters: list[str], ignored: set[str]) -> None:
    """Read ruff's selected and ignored rules from its table (top level or ``lint``)."""
    for where in (table, table.get("lint")):
        if isinstance(where, dict):
            if any(s == "ALL" or _docstring_rule(s) for s in _listed(where, "select")):
                linters.append(name)
            ignored.update(_listed(where, "ignore"))


def _listed(table: dict[str, Any], key: str) -> set[str]:
    """The codes a ruff table lists under ``key`` and ``extend-<key>``."""
    return {str(x) for k in (key, f"extend-{key}") for x in table.get(k) or ()}


def _docstring_rule(code: str) -> bool:
    """``D``, ``D1``, ``D417``: a pydocstyle rule or group (not ``DJ`` or ``DTZ``)."""
    return code[:1] == "D" and code[1:].isdigit() or code == "D"


def _codes(value: str) -> set[str]:
    return {x.split("#")[0].strip() for x in _split(value) if x.strip()}


def _toml_root(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
        return None
    return data if isinstance(data, dict) else None
