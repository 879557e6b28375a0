"""The layers of configuration and how they merge: precedence is data (``Rank``), not labels."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mergeready.rules.schema import CHECK_OPTIONS


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
    extends: bool = False
    """Its lists add to the effective list, whichever layer set it (a tool's word lists)."""


def merge_layers(layers: list[Layer]) -> dict[str, Any]:
    """Merge the layers by rank; each key remembers the layer that set it.

    Args:
        layers: The layers, in any order (within one rank, their order is kept).

    Returns:
        The merged rules mapping, with ``__origins__``: each leaf key's layer origin.
    """
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    additions: list[tuple[str, list[Any], str]] = []
    for layer in sorted(layers, key=lambda x: x.rank):  # stable: a chain keeps its order
        _merge(merged, layer.data, layer, origins, "", additions)
    for path, items, origin in additions:
        *parents, key = path.split(".")
        into = merged
        for part in parents:
            if not isinstance(into.get(part), dict):
                into[part] = {}  # a block the project left empty (``spelling-clean:``)
            into = into[part]
        below = into[key] if key in into else _default(path)
        into[key] = list(dict.fromkeys([*items, *(below or ())]))
        origins[path] = f"{origin} + {origins[path]}" if path in origins else origin
    merged["profile"] = merged.get("profile") or "default"
    merged["__origins__"] = origins
    return merged


def _merge(
    into: dict[str, Any],
    data: Mapping[str, Any],
    layer: Layer,
    origins: dict[str, str],
    prefix: str,
    additions: list[tuple[str, list[Any], str]],
) -> None:
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value, layer, origins, path + ".", additions)
            continue
        if layer.extends and isinstance(value, list):
            additions.append((path, value, layer.origin))  # applied once every layer is in
            continue
        into[key] = _copy(value)
        for leaf in _leaves(value, path):
            origins[leaf] = layer.origin


def _default(path: str) -> Any:
    """The ``Options`` default of ``checks.<id>.<key>``, which a tool's list extends."""
    _, check_id, key = path.split(".", 2)
    fields = {f.name: f for f in dataclasses.fields(CHECK_OPTIONS[check_id].options)}
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
