"""Build the effective policy: the one place mergeready's and the tools' configuration is read.

``load_policy`` reads every file through one reader at the trusted revision and records each
read, so the cache key is the digest of exactly what was read. The layers, lowest first:

1. the shipped profile chain (``default`` under ``strict``),
2. the tools' own settings (codespell, pydocstyle/ruff convention, towncrier; ``rules.tools``),
3. the project's file (``.mergeready.yaml``, ``.mergeready.yml``, ``[tool.mergeready]``),
4. the command line (``--profile``).

A higher layer's value replaces a lower one's key by key (mappings merge deeply, a list
replaces); a tool's list *extends* the lists below it. Every check's ``Options`` is built and
validated here, whether or not the check will run.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml
from mergeready.checks.classify import TYPES, TypeRule
from mergeready.checks.errors import MergereadyError, OptionError
from mergeready.checks.registry import CHECKS
from mergeready.rules.policy import Policy
from mergeready.rules.sources import SHIPPED, Reader, Recorder, shipped_text
from mergeready.rules.suggest import suggest

TOP_KEYS = ("profile", "source", "changelog", "types", "checks")
TYPE_KEYS = tuple(f.name for f in dataclasses.fields(TypeRule) if f.name != "name")
CONFIG_FILES = (".mergeready.yaml", ".mergeready.yml")
MAX_DEPTH = 5


class Rank(enum.IntEnum):
    """The precedence of a layer: a higher rank overrides a lower one."""

    PROFILE = 0
    TOOLS = 1
    PROJECT = 2
    COMMAND_LINE = 3


@dataclass(frozen=True)
class Layer:
    """One source of configuration: its rank, where it came from, and its rules mapping."""

    rank: Rank
    origin: str
    data: Mapping[str, Any]


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


def shipped(profile: str, read: Reader | None = None) -> dict[str, Any]:
    """Read a shipped profile's own file.

    Args:
        profile: The profile's name.
        read: The recorder to read it through (default: read it directly).

    Returns:
        Its mapping.

    Raises:
        MergereadyError: If no such profile ships.
    """
    names = profiles()
    if not isinstance(profile, str) or profile not in names:
        raise MergereadyError(f"unknown profile {profile!r}{suggest(str(profile), names)}")
    text = (read or (lambda n: shipped_text(n[len(SHIPPED) :])))(f"{SHIPPED}{profile}.yaml")
    return parse_yaml(text or "", f"profile {profile}")


_MEMO: dict[tuple[str | None, str | None], list[tuple[str, Policy]]] = {}


def load_policy(
    read: Reader,
    *,
    config: str | None = None,
    profile: str | None = None,
    where: str = "working tree",
) -> Policy:
    """Build the effective policy from the files at the trusted revision.

    A policy built earlier in this process for the same request is reused when every file it
    read still reads the same (``history`` checks many commits with one configuration).

    Args:
        read: Reads a file at the trusted revision (None when it does not exist).
        config: A rules file named with ``--config``, if any.
        profile: A shipped profile named with ``--profile``, if any.
        where: The trusted revision, for messages (``1a2b3c4d5e6f`` or ``working tree``).

    Returns:
        The validated policy, with the files it was built from.

    Raises:
        MergereadyError: If the named file is missing or any configuration is invalid.
    """
    for known_where, known in _MEMO.get((config, profile), ()):
        if all(read(name) == text for name, text in known.read if not name.startswith(SHIPPED)):
            if known_where == where:
                return known
            suffix, other = f" @ {known_where}", f" @ {where}"
            origins = {k: v.replace(suffix, other) for k, v in known.origins.items()}
            return dataclasses.replace(known, origins=MappingProxyType(origins))
    recorder = Recorder(read)
    layers = _project_layers(recorder, config, profile, where)
    base = _merge_layers(layers)
    layers += _tool_layers(recorder, base, where)
    policy = _build(_merge_layers(layers), layers, recorder.read)
    known_policies = _MEMO.setdefault((config, profile), [])
    known_policies[:] = [*known_policies[-7:], (where, policy)]
    return policy


def load(
    project: Mapping[str, Any] | None = None,
    project_name: str = "",
    profile: str | None = None,
) -> Policy:
    """Build a policy from a project mapping already in hand (no file, no tool settings).

    Args:
        project: The project's configuration mapping, if any.
        project_name: Where it came from (``.mergeready.yaml @ 1a2b3c4d``), for messages.
        profile: A profile that overrides the one the project names.

    Returns:
        The validated policy.

    Raises:
        MergereadyError: If any key, type, check id or value is not valid.
    """
    recorder = Recorder(lambda name: None)
    layers = _layers(recorder, project, project_name, profile)
    return _build(_merge_layers(layers), layers, recorder.read)


def _project_layers(
    read: Recorder, config: str | None, profile: str | None, where: str
) -> list[Layer]:
    """Read mergeready's own file at the trusted revision; return it with the profiles."""
    for name in [config] if config else list(CONFIG_FILES):
        text = read(name)
        if text is not None:
            origin = f"{name} @ {where}"
            return _layers(read, parse_yaml(text, origin), origin, profile)
        if config:
            raise MergereadyError(
                f"--config {config}: no such file at {where}; name a file committed in the "
                "repository"
            )
    text = read("pyproject.toml")
    table = parse_pyproject(text, f"pyproject.toml @ {where}") if text else None
    return _layers(read, table, f"pyproject.toml [tool.mergeready] @ {where}", profile)


def _layers(
    read: Recorder, project: Mapping[str, Any] | None, origin: str, profile: str | None
) -> list[Layer]:
    """Validate the project's mapping; return the profile chain, the project, the command line."""
    layers: list[Layer] = []
    if project:
        validate(project, origin)
        layers.append(Layer(Rank.PROJECT, origin, project))
    if profile is not None:
        shipped(profile)
        layers.append(Layer(Rank.COMMAND_LINE, "--profile", {"profile": profile}))
    name = profile or (project or {}).get("profile") or "default"
    chain: list[Layer] = []
    while name and name not in [layer.origin[len("profile ") :] for layer in chain]:
        data = shipped(name, read)  # shipped profiles are validated by the test suite
        chain.insert(0, Layer(Rank.PROFILE, f"profile {name}", data))
        name = data.get("profile")
    return chain + layers


def _tool_layers(read: Recorder, merged: Mapping[str, Any], where: str) -> list[Layer]:
    """Read the tools' settings that the layers above allow; one layer per tool."""
    from mergeready.rules import tools

    checks = merged.get("checks", {})
    layers = []
    if (checks.get("spelling-clean") or {}).get("codespell-config", True) is not False:
        extra, source = tools.codespell_settings(read)
        if extra:
            data = {"checks": {"spelling-clean": extra}}
            layers.append(Layer(Rank.TOOLS, f"{source} @ {where}", data))
    convention, source = tools.docstring_convention(read)
    if convention:
        data = {"checks": {"docstrings-complete": {"convention": convention}}}
        layers.append(Layer(Rank.TOOLS, f"{source} @ {where}", data))
    directory, source = tools.towncrier_directory(read)
    if directory:
        data = {"checks": {"changelog-updated": {"fragment-dirs": [directory]}}}
        layers.append(Layer(Rank.TOOLS, f"{source} @ {where}", data))
    return layers


def _merge_layers(layers: list[Layer]) -> dict[str, Any]:
    """Merge the layers by rank; each key remembers the layer that set it (``origins``)."""
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for layer in sorted(layers, key=lambda x: x.rank):  # stable: a chain keeps its order
        _merge(merged, layer.data, layer, origins, "")
    merged["profile"] = merged.get("profile") or "default"
    merged["__origins__"] = origins
    return merged


def _merge(
    into: dict[str, Any],
    data: Mapping[str, Any],
    layer: Layer,
    origins: dict[str, str],
    prefix: str,
) -> None:
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value, layer, origins, path + ".")
            continue
        if layer.rank == Rank.TOOLS and isinstance(value, list):
            below = into[key] if key in into else _default(path)
            value = list(dict.fromkeys([*value, *(below or ())]))
        into[key] = _copy(value)
        for leaf in _leaves(value, path):
            origins[leaf] = layer.origin


def _default(path: str) -> Any:
    """The ``Options`` default of ``checks.<id>.<key>``, which a tool's list extends."""
    _, check_id, key = path.split(".", 2)
    fields = {f.name: f for f in dataclasses.fields(CHECKS[check_id].options)}
    found = fields[key.replace("-", "_")]
    if found.default is not dataclasses.MISSING:
        return found.default
    return found.default_factory() if found.default_factory is not dataclasses.MISSING else ()


def _copy(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _leaves(value: Any, path: str) -> list[str]:
    if isinstance(value, Mapping) and value:
        return [leaf for k, v in value.items() for leaf in _leaves(v, f"{path}.{k}")]
    return [path]


def _build(
    merged: dict[str, Any], layers: list[Layer], read: tuple[tuple[str, str | None], ...]
) -> Policy:
    origins: dict[str, str] = merged.pop("__origins__")
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
    source = tuple(merged.get("source") or ())
    tests = types["tests"].paths
    defaults = {"source": source, "tests": tests}
    options = {
        check_id: _options(
            check_id, merged.get("checks", {}).get(check_id) or {}, defaults, origins
        )
        for check_id in CHECKS
    }
    return Policy(
        profile=str(merged["profile"]),
        types=MappingProxyType(types),
        source=source,
        changelog=tuple(merged.get("changelog") or ()),
        tests=tests,
        options=MappingProxyType(options),
        origins=MappingProxyType(origins),
        read=read,
    )


def _options(
    check_id: str, block: Mapping[str, Any], defaults: Mapping[str, Any], origins: Mapping[str, str]
) -> Any:
    """Build and validate one check's ``Options``; ``source``/``tests`` default to the policy's."""
    cls = CHECKS[check_id].options
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: v for k, v in defaults.items() if k in names}
    values.update({k.replace("-", "_"): _frozen(v) for k, v in block.items()})
    try:
        return cls(**values)
    except OptionError as exc:
        where = f"checks.{check_id}.{exc.key}"
        origin = origins.get(where) or origins.get(f"checks.{check_id}") or "the rules"
        tail = suggest(exc.word, exc.choices) if exc.choices else ""
        raise MergereadyError(f"{origin}: {where} {exc.problem}{tail}") from exc
    except (TypeError, ValueError) as exc:
        raise MergereadyError(f"checks.{check_id}: {exc}") from exc


def _frozen(value: Any) -> Any:
    """Turn YAML lists into tuples and mappings into read-only mappings of tuples."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value


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
    if annotation.startswith("Mapping"):
        ok = isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
            for k, v in value.items()
        )
        return "" if ok else "a mapping of names to lists of strings"
    return ""
