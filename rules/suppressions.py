"""Validation of the rules' ``ignore:`` list and ``inline-suppressions`` switch.

``ignore:`` is a list of mappings with ``codes`` (finding codes every check declares, or the
engine's), optional ``paths`` (globs) and ``reason``; each problem names the file, the key and,
for a misspelt key or code, the nearest valid one.
"""

from __future__ import annotations

from typing import Any, Final

from mergeready.checks.errors import MergereadyError
from mergeready.checks.post import suppressions
from mergeready.checks.registry import CHECKS
from mergeready.rules.suggest import suggest

ENTRY_KEYS: Final = ("codes", "paths", "reason")


def known_codes() -> list[str]:
    """Return every finding code: each check's ``CODES`` and the engine's.

    Returns:
        The codes, sorted.
    """
    codes = set(suppressions.CODES)
    for spec in CHECKS.values():
        codes |= set(spec.load().CODES)
    return sorted(codes)


def validate_suppressions(key: str, value: Any, name: str) -> None:
    """Check ``ignore:`` or ``inline-suppressions:`` of one rules mapping.

    Args:
        key: ``ignore`` or ``inline-suppressions``.
        value: Its value.
        name: Where it came from, for messages.

    Raises:
        MergereadyError: On the first problem, with the file, the key and a suggestion.
    """
    if key == "inline-suppressions":
        if not isinstance(value, bool):
            raise MergereadyError(f"{name}: inline-suppressions must be true or false")
        return
    if not isinstance(value, list):
        raise MergereadyError(
            f"{name}: ignore must be a list of {{codes: [...], paths: [...], reason: ...}}"
        )
    codes = known_codes()
    for n, entry in enumerate(value):
        _entry(entry, f"ignore[{n}]", name, codes)


def _codes(listed: Any, where: str, name: str, codes: list[str]) -> None:
    """Check an entry's ``codes``: a non-empty list of finding codes mergeready has."""
    if not isinstance(listed, list) or not listed:
        raise MergereadyError(f"{name}: {where}.codes must list at least one finding code")
    for code in listed:
        if str(code).upper() not in codes:
            raise MergereadyError(
                f"{name}: unknown finding code {code!r} in {where}.codes"
                f"{suggest(str(code).upper(), codes)}"
            )


def _entry(entry: Any, where: str, name: str, codes: list[str]) -> None:
    """Check one ``ignore:`` entry."""
    if not isinstance(entry, dict):
        raise MergereadyError(f"{name}: {where} must be a mapping with codes and paths")
    for k in entry:
        if k not in ENTRY_KEYS:
            raise MergereadyError(f"{name}: unknown key '{where}.{k}'{suggest(str(k), ENTRY_KEYS)}")
    _codes(entry.get("codes"), where, name, codes)
    paths = entry.get("paths", [])
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise MergereadyError(f"{name}: {where}.paths must be a list of globs")
    if "reason" in entry and not isinstance(entry["reason"], str):
        raise MergereadyError(f"{name}: {where}.reason must be text")
