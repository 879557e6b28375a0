"""The table of checks by id; each check module is imported only when it is used."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable, Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.model import CheckResult


@dataclass(frozen=True)
class CheckSpec:
    """Where a check lives: its id and its module."""

    id: str
    module: str

    def load(self) -> ModuleType:
        """Import the check's module.

        Returns:
            The module, which holds ``check``, ``Options`` and ``CODES``.
        """
        return importlib.import_module(self.module)

    @property
    def options(self) -> type[Any]:
        """The check's frozen ``Options`` dataclass."""
        cls: type[Any] = self.load().Options
        return cls

    @property
    def function(self) -> Callable[[Contribution, Any], CheckResult]:
        """The check's ``check(contribution, options)`` function."""
        fn: Callable[[Contribution, Any], CheckResult] = self.load().check
        return fn


def _spec(check_id: str) -> CheckSpec:
    return CheckSpec(check_id, "mergeready.checks." + check_id.replace("-", "_"))


CHECKS: Final[Mapping[str, CheckSpec]] = {
    spec.id: spec
    for spec in map(
        _spec,
        (
            "tests-present",
            "tests-meaningful",
            "docstrings-complete",
            "changelog-updated",
            "spelling-clean",
            "translation-consistent",
            "docs-valid",
            "examples-valid",
            "claims",
        ),
    )
}
