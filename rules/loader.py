"""Load, merge and validate rules: shipped profiles extended by the project's configuration."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml
from mergeready.checks.classify import TYPES, TypeRule
from mergeready.checks.errors import MergereadyError
from mergeready.checks.registry import CHECKS
from mergeready.rules.policy import Policy
from mergeready.rules.suggest import suggest

TOP_KEYS = (
    "profile",
    "source",
    "changelog",
    "types",
    "checks",
    "ignore",
    "inline-suppressions",
)
TYPE_KEYS = tuple(f.name for f in dataclasses.fields(TypeRule) if f.name != "name")
MAX_DEPTH = 5


def profiles() -> list[str]:
    """List the shipped profiles.

    Returns:
        Their names, sorted.
    """
    files = resources.files("mergeready.rules").iterdir()
    return sorted(f.name[:-5] for f in files if f.name.endswith(".yaml"))


def parse_yaml(text: str, name: str) -> dict[str, Any]:
    """Parse one rules file.

    Args:
        text: The YAML text.
        name: Where it came from, for messages.

    Returns:
        Its top-level mapping (empty for an empty file).

    Raises:
        MergereadyError: If it is not valid YAML or not a mapping.
    """
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise MergereadyError(f"{name}:{where}: {problem}; fix the YAML syntax") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MergereadyError(f"{name}: expected a mapping of keys ({', '.join(TOP_KEYS)})")
    return data


def parse_pyproject(text: str, name: str) -> dict[str, Any] | None:
    """Return the ``[tool.mergeready]`` table of a pyproject.toml, if it has one.

    Args:
        text: The TOML text.
        name: Where it came from, for messages.

    Returns:
        The table, or None when there is none.

    Raises:
        MergereadyError: If the TOML does not parse or the table is not a table.
    """
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MergereadyError(f"{name}: {exc}; fix the TOML syntax") from exc
    table = data.get("tool", {}).get("mergeready")
    if table is not None and not isinstance(table, dict):
        raise MergereadyError(f"{name}: [tool.mergeready] must be a table")
    return table


def shipped(profile: str) -> dict[str, Any]:
    """Read a shipped profile's own file.

    Args:
        profile: The profile's name.

    Returns:
        Its mapping.

    Raises:
        MergereadyError: If no such profile ships.
    """
    names = profiles()
    if not isinstance(profile, str) or profile not in names:
        raise MergereadyError(f"unknown profile {profile!r}{suggest(str(profile), names)}")
    text = resources.files("mergeready.rules").joinpath(f"{profile}.yaml").read_text("utf-8")
    return parse_yaml(text, f"profile {profile}")


def load(
    project: Mapping[str, Any] | None = None,
    project_name: str = "",
    profile: str | None = None,
) -> Policy:
    """Build the effective policy: a profile chain, then the project's file on top.

    Args:
        project: The project's configuration mapping, if any.
        project_name: Where it came from (``.mergeready.yaml @ 1a2b3c4d``), for messages.
        profile: A profile that overrides the one the project names.

    Returns:
        The validated policy.

    Raises:
        MergereadyError: If any key, type, check id or value is not valid.
    """
    layers: list[tuple[str, Mapping[str, Any]]] = []
    if project:
        validate(project, project_name)
        layers.append((project_name, project))
    name = profile or (project or {}).get("profile") or "default"
    seen: list[str] = []
    while name and name not in seen:
        data = shipped(name)
        # shipped profiles are validated by the test suite (tests/test_consistency.py), not per run
        layers.append((f"profile {name}", data))
        seen.append(name)
        name = data.get("profile")
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for origin, layer in reversed(layers):
        _merge(merged, layer, origin, origins, "")
    merged["profile"] = profile or (project or {}).get("profile") or "default"
    return _build(merged, origins)


def _merge(
    into: dict[str, Any],
    layer: Mapping[str, Any],
    origin: str,
    origins: dict[str, str],
    prefix: str,
) -> None:
    for key, value in layer.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value, origin, origins, path + ".")
        else:
            into[key] = _copy(value)
            for leaf in _leaves(value, path):
                origins[leaf] = origin


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _leaves(value: Any, path: str) -> list[str]:
    if isinstance(value, Mapping) and value:
        return [leaf for k, v in value.items() for leaf in _leaves(v, f"{path}.{k}")]
    return [path]


def _build(merged: Mapping[str, Any], origins: Mapping[str, str]) -> Policy:
    types = {
        name: TypeRule(
            name=name,
            **{
                k.replace("-", "_"): tuple(v or ())
                for k, v in (merged.get("types", {}).get(name) or {}).items()
            },
        )
        for name in TYPES
    }
    checks = {cid: dict(merged.get("checks", {}).get(cid) or {}) for cid in CHECKS}
    return Policy(
        profile=str(merged["profile"]),
        types=types,
        source=tuple(merged.get("source") or ()),
        changelog=tuple(merged.get("changelog") or ()),
        checks=checks,
        origins=dict(origins),
        data=merged,
    )


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
        elif key == "types":
            _mapping(value, name, key)
            for type_name, rule in value.items():
                _type_rule(type_name, rule, name)
        elif key == "checks":
            _mapping(value, name, key)
            for check_id, options in value.items():
                _check_options(check_id, options, name)
        elif key in ("ignore", "inline-suppressions"):
            from mergeready.rules.suppressions import validate_suppressions

            validate_suppressions(key, value, name)


def _mapping(value: Any, name: str, key: str) -> None:
    if not isinstance(value, Mapping):
        raise MergereadyError(f"{name}: {key} must be a mapping, not {type(value).__name__}")


def _strings(value: Any, name: str, key: str) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MergereadyError(f"{name}: {key} must be a list of strings")


def _type_rule(type_name: Any, rule: Any, name: str) -> None:
    if type_name not in TYPES:
        raise MergereadyError(
            f"{name}: unknown contribution type 'types.{type_name}'{suggest(str(type_name), TYPES)}"
        )
    if rule is None:
        return
    _mapping(rule, name, f"types.{type_name}")
    for key, value in rule.items():
        if key not in TYPE_KEYS:
            raise MergereadyError(
                f"{name}: unknown key 'types.{type_name}.{key}'{suggest(str(key), TYPE_KEYS)}"
            )
        _strings(value, name, f"types.{type_name}.{key}")
        if key == "require":
            for check_id in value:
                _known_check(check_id, name, f"types.{type_name}.require")


def _known_check(check_id: Any, name: str, key: str) -> None:
    if check_id not in CHECKS:
        raise MergereadyError(
            f"{name}: unknown check {check_id!r} in {key}{suggest(str(check_id), list(CHECKS))}"
        )


def _check_options(check_id: Any, options: Any, name: str) -> None:
    _known_check(check_id, name, "checks")
    if options is None:
        return
    _mapping(options, name, f"checks.{check_id}")
    fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(CHECKS[check_id].options)}
    for key, value in options.items():
        where = f"checks.{check_id}.{key}"
        if key not in fields:
            raise MergereadyError(
                f"{name}: unknown option {where!r}{suggest(str(key), list(fields))}"
            )
        problem = _value_problem(str(fields[key].type), value)
        if problem:
            raise MergereadyError(f"{name}: {where} must be {problem}")
        choices = getattr(CHECKS[check_id].load(), "CHOICES", {}).get(key.replace("-", "_"))
        for item in value if isinstance(value, list) else [value]:
            if choices and item is not None and item not in choices:
                raise MergereadyError(
                    f"{name}: {where} has unknown value {item!r}{suggest(str(item), choices)}"
                )


def _value_problem(annotation: str, value: Any) -> str:
    """Return what a value should be, or an empty string when it fits the annotation."""
    if annotation == "bool":
        return "" if isinstance(value, bool) else "true or false"
    if annotation == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return "" if ok else "a whole number"
    if annotation in ("str", "str | None"):
        if value is None and annotation.endswith("None"):
            return ""
        return "" if isinstance(value, str) else "a string"
    if annotation.startswith("tuple"):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return "" if ok else "a list of strings"
    if annotation == "Mapping[str, str]":
        ok = isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
        return "" if ok else "a mapping of strings to strings"
    if annotation.startswith("Mapping"):
        ok = isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
            for k, v in value.items()
        )
        return "" if ok else "a mapping of names to lists of strings"
    return ""
