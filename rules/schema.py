"""Validating one rules mapping: every key, type, check id and option's kind of value.

The values themselves (a regular expression that compiles, a known dictionary) are each check's
``Options`` to validate; the loader builds them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from mergeready.checks.errors import MergereadyError, declared_choices
from mergeready.checks.issues.registry import ISSUE_CHECKS, ISSUE_TYPES, IssueTypeRule
from mergeready.checks.registry import CHECKS, CheckSpec
from mergeready.checks.vocabulary import TYPES, TypeRule
from mergeready.rules.files import TOP_KEYS, shipped
from mergeready.rules.suggest import suggest
from mergeready.rules.suppressions import validate_suppressions

TYPE_KEYS = tuple(f.name for f in dataclasses.fields(TypeRule) if f.name != "name")
ISSUE_TYPE_KEYS = tuple(f.name for f in dataclasses.fields(IssueTypeRule) if f.name != "name")
CHECK_OPTIONS: Mapping[str, CheckSpec] = {**CHECKS, **ISSUE_CHECKS}
"""Every check whose options a ``checks:`` block may set: the contribution and issue checks."""
FROM_TOOLS = ("pytest", "towncrier", "attributes")
"""``Options`` fields the loader fills from the project's tool files at the base: not YAML keys."""


def validate(data: Mapping[str, Any], name: str) -> None:
    """Check every key, type, check id and value of one rules mapping.

    Args:
        data: The mapping.
        name: Where it came from, for messages.

    Raises:
        MergereadyError: On the first problem, naming the file, the key and a suggestion.
    """
    for key, value in data.items():
        if key not in TOP_KEYS:
            raise MergereadyError(f"{name}: unknown key {key!r}{suggest(str(key), TOP_KEYS)}")
        if key == "profile" and value is not None:
            shipped(value)
        elif key in ("source", "changelog"):
            _strings(value, name, key)
        elif key in _BLOCKS:
            _mapping(value, name, key)
            for inner, block in value.items():
                _BLOCKS[key](inner, block, name)
        elif key in ("ignore", "inline-suppressions"):
            validate_suppressions(key, value, name)


def _mapping(value: Any, name: str, key: str) -> None:
    if not isinstance(value, Mapping):
        raise MergereadyError(f"{name}: {key} must be a mapping, not {type(value).__name__}")


def _strings(value: Any, name: str, key: str) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MergereadyError(f"{name}: {key} must be a list of strings")


@dataclass(frozen=True)
class _Section:
    """A mapping of types to rules: ``types`` (contributions) or ``issue-types`` (reports)."""

    key: str
    word: str  # how a message names one of its types
    types: tuple[str, ...]
    keys: tuple[str, ...]
    checks: Mapping[str, CheckSpec]


_TYPES = _Section("types", "contribution type", TYPES, TYPE_KEYS, CHECKS)
_ISSUE_TYPES = _Section("issue-types", "report type", ISSUE_TYPES, ISSUE_TYPE_KEYS, ISSUE_CHECKS)


def _type_rule(type_name: Any, rule: Any, name: str, section: _Section = _TYPES) -> None:
    where = f"{section.key}.{type_name}"
    if type_name not in section.types:
        raise MergereadyError(
            f"{name}: unknown {section.word} '{where}'{suggest(str(type_name), section.types)}"
        )
    if rule is None:
        return
    _mapping(rule, name, where)
    for key, value in rule.items():
        if key not in section.keys:
            raise MergereadyError(
                f"{name}: unknown key '{where}.{key}'{suggest(str(key), section.keys)}"
            )
        _strings(value, name, f"{where}.{key}")
        if key == "require":
            for check_id in value:
                _known_check(check_id, name, f"{where}.require", section.checks)


def _known_check(
    check_id: Any, name: str, key: str, table: Mapping[str, CheckSpec] = CHECKS
) -> None:
    if check_id not in table:
        raise MergereadyError(
            f"{name}: unknown check {check_id!r} in {key}{suggest(str(check_id), list(table))}"
        )


def _check_options(check_id: Any, options: Any, name: str) -> None:
    _known_check(check_id, name, "checks", CHECK_OPTIONS)
    if options is None:
        return
    _mapping(options, name, f"checks.{check_id}")
    fields = {
        f.name.replace("_", "-"): f
        for f in dataclasses.fields(CHECK_OPTIONS[check_id].options)
        if f.name not in FROM_TOOLS
    }
    declared = declared_choices(CHECK_OPTIONS[check_id].options)
    for key, value in options.items():
        where = f"checks.{check_id}.{key}"
        if key not in fields:
            raise MergereadyError(
                f"{name}: unknown option {where!r}{suggest(str(key), list(fields))}"
            )
        literal = key.replace("-", "_") in declared
        problem = _value_problem(str(fields[key].type), value, literal)
        if problem:
            raise MergereadyError(f"{name}: {where} must be {problem}")


def _value_problem(annotation: str, value: Any, literal: bool = False) -> str:
    """Return what a value should be, or an empty string when it fits the annotation.

    A ``Literal`` field (``literal``) takes a string, or a list of strings for a tuple of
    them; which words it accepts is the loader's to check, with a suggestion.
    """
    fits, expected = _KINDS.get(_kind(annotation, literal), (_anything, ""))
    return "" if fits(value) else expected


def _kind(annotation: str, literal: bool) -> str:
    """The kind of value an ``Options`` field's annotation asks for (a key of ``_KINDS``)."""
    if annotation.startswith("tuple"):
        return "strings"
    if literal or annotation in ("str", "str | None"):
        return "optional string" if annotation.endswith("None") else "string"
    if annotation.startswith("Mapping") and annotation != "Mapping[str, str]":
        return "Mapping of lists"
    return annotation


def _anything(value: Any) -> bool:
    return True


def _is_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _mapping_of(value: Any, fits: Callable[[Any], bool]) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and fits(v) for k, v in value.items()
    )


_KINDS: Final[Mapping[str, tuple[Callable[[Any], bool], str]]] = {
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "int": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "a whole number",
    ),
    "string": (lambda v: isinstance(v, str), "a string"),
    "optional string": (lambda v: v is None or isinstance(v, str), "a string"),
    "strings": (_is_strings, "a list of strings"),
    "Mapping[str, str]": (
        lambda v: _mapping_of(v, lambda x: isinstance(x, str)),
        "a mapping of strings to strings",
    ),
    "Mapping of lists": (
        lambda v: _mapping_of(v, _is_strings),
        "a mapping of names to lists of strings",
    ),
}
"""Each kind of option value: whether a YAML value fits it, and what to say when not."""


def _issue_type_rule(type_name: Any, rule: Any, name: str) -> None:
    _type_rule(type_name, rule, name, _ISSUE_TYPES)


_BLOCKS: Final[Mapping[str, Callable[[Any, Any, str], None]]] = {
    "types": _type_rule,
    "issue-types": _issue_type_rule,
    "checks": _check_options,
}
"""The mappings of the rules whose every entry is validated on its own, and how."""
