"""The effective policy: a shipped profile merged with the project's own configuration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from mergeready.checks.classify import TypeRule
from mergeready.checks.registry import CHECKS


@dataclass(frozen=True)
class Policy:
    """What each contribution type requires, how types are recognised, and check options."""

    profile: str
    types: Mapping[str, TypeRule]
    source: tuple[str, ...]
    changelog: tuple[str, ...]
    checks: Mapping[str, Mapping[str, Any]]
    origins: Mapping[str, str] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def required(self) -> dict[str, tuple[str, ...]]:
        """For each type, the ids of the checks it requires."""
        return {name: rule.require for name, rule in self.types.items()}

    def options(self, check_id: str) -> Any:
        """Build a check's ``Options`` from the policy.

        Args:
            check_id: The check's id.

        Returns:
            An instance of the check's frozen ``Options`` dataclass.
        """
        values = {k.replace("-", "_"): _frozen(v) for k, v in self.checks.get(check_id, {}).items()}
        return CHECKS[check_id].options(**values)

    def all_options(self) -> dict[str, Any]:
        """Build every check's ``Options``.

        Returns:
            The options by check id.
        """
        return {check_id: self.options(check_id) for check_id in CHECKS}


def _frozen(value: Any) -> Any:
    """Turn YAML lists into tuples and mappings into read-only mappings of tuples."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value
