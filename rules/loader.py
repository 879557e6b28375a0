"""Build the effective policy: the one place mergeready's and the tools' configuration is read.

``load_policy`` reads every file through one reader at the trusted revision and records each
read, so the cache key is the digest of exactly what was read. The layers, lowest first:

1. the shipped profile chain (``default`` under ``strict``),
2. the tools' own settings (codespell, pydocstyle/ruff convention, towncrier; ``rules.tools``;
   pytest's naming, ``rules.pytest_settings``; linguist flags, ``rules.attributes``),
3. the project's file (``.mergeready.yaml``, ``.mergeready.yml``, ``[tool.mergeready]``),
4. the command line (``--profile``).

A higher layer's value replaces a lower one's key by key (mappings merge deeply, a list
replaces); a tool's list is *added* to the effective list, whichever layer set it (its words are
ignored by the tool itself too). A check's ``Options`` is built and validated here when a
project, tool or command-line layer sets any of its keys (so a bad value fails the load, whether
or not the check runs); the others, which only the shipped profiles set, are built the first time
they are asked for (``LazyOptions``), so a run imports only the modules of the checks it uses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from mergeready.checks.attributes import NO_ATTRIBUTES
from mergeready.checks.changelog.mechanism import NO_TOWNCRIER, Towncrier
from mergeready.checks.errors import MergereadyError, OptionError, check_declared
from mergeready.checks.issues.registry import ISSUE_TYPES, IssueTypeRule
from mergeready.checks.paths import CONFIG_FILES, SOURCE_FILES, TEST_FILES
from mergeready.checks.testing.pytest_config import Collection
from mergeready.checks.vocabulary import TYPES, TypeRule
from mergeready.rules import tools
from mergeready.rules.attributes import from_lines, gitattributes
from mergeready.rules.files import TOP_KEYS, parse_pyproject, parse_yaml, profiles, shipped
from mergeready.rules.layers import Layer, Rank, merge_layers
from mergeready.rules.policy import LazyOptions, Policy
from mergeready.rules.pytest_settings import pytest_settings
from mergeready.rules.schema import CHECK_OPTIONS, TYPE_KEYS, validate
from mergeready.rules.sources import SHIPPED, Reader, Recorder
from mergeready.rules.suggest import suggest

MAX_DEPTH = 5
__all__ = [
    "CONFIG_FILES",
    "TOP_KEYS",
    "TYPE_KEYS",
    "load",
    "load_policy",
    "parse_pyproject",
    "parse_yaml",
    "profiles",
    "shipped",
    "validate",
]


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
    base = merge_layers(layers)
    layers += _tool_layers(recorder, base, where)
    policy = _build(merge_layers(layers), layers, recorder.read)
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
    return _build(merge_layers(layers), layers, recorder.read)


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
    checks = merged.get("checks", {})
    layers: list[Layer] = []

    def add(source: str, data: dict[str, Any], extends: bool = False) -> None:
        layers.append(Layer(Rank.TOOLS, f"{source} @ {where}", data, extends=extends))

    if (checks.get("spelling-clean") or {}).get("codespell-config", True) is not False:
        extra, source = tools.codespell_settings(read)
        if extra:
            add(source, {"checks": {"spelling-clean": extra}}, extends=True)
    convention, source = tools.docstring_convention(read)
    if convention:
        add(source, {"checks": {"docstrings-complete": {"convention": convention}}}, extends=True)
    linting, source = tools.docstring_linting(read)
    if linting:
        add(source, {"checks": {"docstrings-complete": linting}}, extends=True)
    towncrier, source = tools.towncrier_settings(read)
    if towncrier is not None:
        dirs = {"fragment-dirs": [towncrier.directory, *towncrier.others]}
        add(source, {"checks": {"changelog-updated": dirs}}, extends=True)
        add(
            source,
            {
                "towncrier": {
                    "directory": towncrier.directory,
                    "types": [*towncrier.types],
                    "sections": [*towncrier.sections],
                    "silent": [*towncrier.silent],
                    "rendered": towncrier.rendered,
                    "markup": towncrier.markup,
                }
            },
        )
    # what checks are handed in their Options (never YAML keys: schema.FROM_TOOLS)
    pytest, source = pytest_settings(read)
    if pytest:
        add(source, {"pytest": pytest})
    attributes, source = gitattributes(read)
    if attributes.linguist:
        add(source, {"attributes": {"linguist": [str(rule) for rule in attributes.linguist]}})
    return layers


def _rule(merged: dict[str, Any], section: str, name: str) -> dict[str, tuple[str, ...]]:
    """One type's rule of a merged section (``types``, ``issue-types``) as keyword arguments."""
    block = merged.get(section, {}).get(name) or {}
    return {k.replace("-", "_"): tuple(v or ()) for k, v in block.items()}


def _towncrier(found: dict[str, Any] | None) -> Towncrier:
    """The base's towncrier settings a layer recorded, or none."""
    if not found:
        return NO_TOWNCRIER
    return Towncrier(
        found["directory"],
        tuple(found["types"]),
        tuple(found.get("sections", ())),
        silent=tuple(found.get("silent", ())),
        rendered=found.get("rendered", "NEWS.rst"),
        markup=found.get("markup", "rst"),
    )


def _build(
    merged: dict[str, Any], layers: list[Layer], read: tuple[tuple[str, str | None], ...]
) -> Policy:
    origins: dict[str, str] = merged.pop("__origins__")
    types: dict[str, TypeRule] = {
        name: TypeRule(name=name, **_rule(merged, "types", name)) for name in TYPES
    }
    issue_types = {
        name: IssueTypeRule(name=name, **_rule(merged, "issue-types", name)) for name in ISSUE_TYPES
    }
    source = tuple(merged.get("source") or ())
    tests = types["tests"].paths
    pytest = Collection.from_settings(merged.get("pytest") or {})
    towncrier = _towncrier(merged.get("towncrier"))
    attributes = from_lines((merged.get("attributes") or {}).get("linguist") or ())
    defaults = {
        "source": source,
        "tests": tests,
        "pytest": pytest,
        "towncrier": towncrier,
        "attributes": attributes,
    }
    blocks = merged.get("checks", {})
    options = LazyOptions(
        tuple(CHECK_OPTIONS),
        lambda check_id: _options(check_id, blocks.get(check_id) or {}, defaults, origins),
    )
    for check_id in _configured(origins):
        options[check_id]  # noqa: B018 - built now: a bad value fails the load
    return Policy(
        profile=str(merged["profile"]),
        types=MappingProxyType(types),
        issue_types=MappingProxyType(issue_types),
        source=source,
        changelog=tuple(merged.get("changelog") or ()),
        tests=tests,
        options=options,
        origins=MappingProxyType(origins),
        read=read,
        pytest=pytest,
        towncrier=towncrier,
        attributes=attributes,
        ignore=merged.get("ignore"),
        inline_suppressions=bool(merged.get("inline-suppressions", False)),
    )


def _configured(origins: Mapping[str, str]) -> list[str]:
    """The checks some of whose options a layer other than a shipped profile sets."""
    named = {
        key.split(".")[1]
        for key, origin in origins.items()
        if key.startswith("checks.") and not origin.startswith("profile ")
    }
    return [check_id for check_id in CHECK_OPTIONS if check_id in named]


def _options(
    check_id: str, block: Mapping[str, Any], defaults: Mapping[str, Any], origins: Mapping[str, str]
) -> Any:
    """Build and validate one check's ``Options``; ``source``/``tests`` default to the policy's."""
    cls = CHECK_OPTIONS[check_id].options
    names = _shared_fields(cls)
    values = {k: v for k, v in defaults.items() if k in names}
    values.update({k.replace("-", "_"): _frozen(v) for k, v in block.items()})
    try:
        options = cls(**values)
        check_declared(options)
        return options
    except OptionError as exc:
        where = f"checks.{check_id}.{exc.key}"
        origin = origins.get(where) or origins.get(f"checks.{check_id}") or "the rules"
        tail = suggest(exc.word, exc.choices) if exc.choices else ""
        raise MergereadyError(f"{origin}: {where} {exc.problem}{tail}") from exc
    except (TypeError, ValueError) as exc:
        raise MergereadyError(f"checks.{check_id}: {exc}") from exc


def _shared_fields(cls: Any) -> set[str]:
    """The fields of a check's ``Options`` that the policy fills (they default to the shared value).

    A field opts in by defaulting to the shared value: the globs (``paths.SOURCE_FILES``,
    ``paths.TEST_FILES``) or what the tools' files at the base say (pytest, towncrier, linguist).
    """
    shared = {
        "source": SOURCE_FILES,
        "tests": TEST_FILES,
        "pytest": Collection(),
        "towncrier": NO_TOWNCRIER,
        "attributes": NO_ATTRIBUTES,
    }
    return {f.name for f in dataclasses.fields(cls) if shared.get(f.name) == f.default}


def _frozen(value: Any) -> Any:
    """Turn YAML lists into tuples and mappings into read-only mappings of tuples."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value
