"""A contribution that changes mergeready's own configuration gets that configuration checked.

The contribution's ``.mergeready.yaml`` (or ``[tool.mergeready]`` in ``pyproject.toml``, or the
``--config`` file) is never used: configuration comes from the base. But a broken one would
land and then break every later run, so the new text is validated (never applied) and every
problem is an ``MR010`` error finding on that file, in an engine-level ``configuration``
check that every type of the contribution requires.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any, Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import MAX_CONFIG
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import CheckResult, Evidence, Finding, Result, TypeMatch, TypeVerdict
from mergeready.checks.paths import PR_TEMPLATES, TEMPLATE_DIR
from mergeready.checks.post.baseline import PATH as BASELINE
from mergeready.checks.text.bounds import MAX_TEMPLATE
from mergeready.rules import loader

CHECK_ID: Final = "configuration"
CODE: Final = "MR010"
_TOO_LARGE: Final = (
    f"more than the {MAX_CONFIG:,} mergeready reads of a configuration file (whatever "
    "--max-file-size says); once merged every run would stop at it"
)


def findings(
    contribution: Contribution, config: str | None, names: tuple[str, ...]
) -> list[Finding]:
    """Validate the configuration files the contribution changes, as data.

    Args:
        contribution: The contribution (its configuration is read from the base).
        config: The ``--config`` file, if one was named.
        names: mergeready's default configuration file names.

    Returns:
        One error finding per changed configuration file that would not load.
    """
    if contribution.mode == "all" or contribution.config_rev is None:
        return []  # the configuration in use is this very text: loading it validated it
    wanted = [config] if config else [*names, "pyproject.toml"]
    out = []
    for f in contribution.files:
        if f.path not in wanted or not f.exists:
            continue
        text, size = contribution.config_text_at_head(f)
        if text is None:  # larger than any configuration is read: once merged, every run stops
            out.append(Finding(CODE, "error", f"{size:,} bytes: {_TOO_LARGE}", f.path))
            continue
        for message, line in problems(f.path, text, pyproject=f.path == "pyproject.toml"):
            out.append(
                Finding(
                    CODE,
                    "error",
                    message,
                    f.path,
                    line,
                    hint="fix it before it lands: once merged it would break every later run "
                    "(this contribution is still checked with the base's configuration)",
                )
            )
    return out


def unreadable(
    contribution: Contribution, read: Sequence[str], names: tuple[str, ...]
) -> list[Finding]:
    """Every changed file the base reads as configuration that could not be read once merged.

    The files the rules loader read at the base (tool settings, ``.gitattributes``, codespell
    files), the issue forms and templates, the pull request templates and the baseline: one
    that holds a NUL byte or is larger than any configuration is read would, once merged, stop
    every later run or be dropped, so it is an error here, never "not checked" (a warning that
    leaves the run Ready would let it land). mergeready's own files are :func:`findings`'.

    Args:
        contribution: The contribution.
        read: The files the rules loader read (or looked for) at the base.
        names: mergeready's own configuration file names (left to :func:`findings`).

    Returns:
        One error finding per such file.
    """
    if contribution.mode == "all" or contribution.config_rev is None:
        return []
    wanted = {*read, *PR_TEMPLATES, BASELINE} - {*names, "pyproject.toml"}
    out = []
    for f in contribution.files:
        if not f.exists or not (f.path in wanted or f.path.startswith(f"{TEMPLATE_DIR}/")):
            continue
        why = _why_unreadable(f.path, *contribution.config_text_at_head(f))
        if why is None:
            continue
        out.append(
            Finding(
                CODE,
                "error",
                f"{f.path} is configuration the base reads; {why}",
                f.path,
                hint=_UNREADABLE,
            )
        )
    return out


def _why_unreadable(path: str, text: str | None, size: int) -> str | None:
    """Why a configuration file at head could not be read once merged (None: it can)."""
    if text is None:
        return f"{size:,} bytes: {_TOO_LARGE}" if size else None
    if "\0" in text:
        return f"holds a NUL byte (at character {text.index(chr(0)):,}), so no tool reads it"
    if len(text) > MAX_TEMPLATE and path.startswith(TEMPLATE_DIR):
        return f"larger than the {MAX_TEMPLATE:,} characters an issue template is read to"
    return None


_UNREADABLE: Final = (
    "it cannot be read, so it cannot be judged ready: once merged it would stop every later "
    "run or be left out; remove the bytes"
)


def problems(path: str, text: str, pyproject: bool) -> list[tuple[str, int | None]]:
    """Every problem of a changed configuration file, each with its line when it can be found.

    The loader stops at the first problem; so the file is validated as a whole, then (when it
    fails) piece by piece, each ``checks``/``types``/``issue-types`` entry's each key and each
    other top-level key alone, so that one run names every mistake.

    Args:
        path: The file's path.
        text: Its text, as the contribution has it.
        pyproject: Whether it is ``pyproject.toml`` (its ``[tool.mergeready]`` table).

    Returns:
        ``(message, line)`` per problem, in the file's order; empty when it loads.
    """
    where = f"{path} (as this contribution changes it)"
    try:
        table = loader.parse_pyproject(text, where) if pyproject else loader.parse_yaml(text, where)
    except MergereadyError as exc:
        return [(str(exc), None)]
    if table is None:
        return []
    name = f"{where} [tool.mergeready]" if pyproject else where
    whole = _error(table, name)
    if whole is None:
        return []
    return _piece_problems(table, name, text, pyproject) or [(whole, None)]


def _piece_problems(
    table: dict[str, Any], name: str, text: str, pyproject: bool
) -> list[tuple[str, int | None]]:
    """The problems of the table's pieces, each loaded alone: each message once, with the
    line of the key it names (none in ``pyproject.toml``)."""
    found: list[tuple[str, int | None]] = []
    for keys, piece in itertools.islice(_pieces(table), MAX_PIECES):
        message = _error(piece, name)
        if message is not None and message not in (m for m, _ in found):
            found.append((message, None if pyproject else _line(text, _named(keys, message))))
    return found


def _named(keys: list[str], message: str) -> list[str]:
    """The key a message names (``'types.bugfx'``, not its ``require``), else the piece's."""
    return next(
        (keys[:n] for n in range(len(keys), 1, -1) if f"'{'.'.join(keys[:n])}'" in message), keys
    )


def _error(table: dict[str, Any], name: str) -> str | None:
    try:
        loader.load(table, name)
    except MergereadyError as exc:
        return str(exc)
    return None


def _pieces(table: dict[str, Any]) -> Iterator[tuple[list[str], dict[str, Any]]]:
    """Each top-level key alone; each option of each check or type alone (with the profile)."""
    keep = {"profile": table["profile"]} if "profile" in table else {}
    for key, value in table.items():
        if key in _NESTED and isinstance(value, dict) and value:
            for entry, options in value.items():
                if isinstance(options, dict) and options:
                    for option, setting in options.items():
                        piece = {key: {entry: {option: setting}}}
                        yield [key, str(entry), str(option)], {**keep, **piece}
                else:
                    yield [key, str(entry)], {**keep, key: {entry: options}}
        else:
            yield [key], {**keep, key: value}


_NESTED: Final = ("checks", "types", "issue-types")
MAX_PIECES: Final = 200  # pieces validated one by one at most: a hostile file stays cheap


def _line(text: str, keys: Sequence[str]) -> int | None:
    """The line of a nested key in block-style YAML (``checks:`` → ``  spelling-clean:`` → …)."""
    number, indent = 0, -1
    lines = text.split("\n")
    for key in keys:
        for i in range(number, len(lines)):
            stripped = lines[i].lstrip()
            depth = len(lines[i]) - len(stripped)
            if stripped.startswith("#"):
                continue
            if stripped and depth <= indent:
                return None  # left the parent's block without finding the key
            if depth > indent and stripped.split(":", 1)[0].strip().strip("'\"") == key:
                number, indent = i + 1, depth
                break
        else:
            return None
    return number or None


def apply(result: Result, problems: list[Finding]) -> Result:
    """Add the ``configuration`` check, failed, to a result when there are problems.

    Args:
        result: The result of the checks.
        problems: The findings of :func:`findings`.

    Returns:
        The result, unchanged when there are no problems; else with the failed check required
        by every type (``maintenance`` when the contribution has none).
    """
    if not problems:
        return result
    check = CheckResult(
        CHECK_ID,
        "fail",
        "the contribution's mergeready configuration is invalid or changes how mergeready runs",
        tuple(problems),
    )
    evidence = tuple(Evidence("path", p.path or "") for p in problems)
    types = result.types or (TypeMatch("maintenance", evidence),)
    by_type = {}
    for t in types:
        old = result.by_type.get(t.type, TypeVerdict((), True))
        by_type[t.type] = TypeVerdict((*old.required, CHECK_ID), False, (*old.failed, CHECK_ID))
    return replace(result, types=types, checks=(*result.checks, check), by_type=by_type)
