"""The table of checks by id: the single source of check metadata.

Each row names a check's id, the hundred of finding codes it owns (so inserting a check never
renumbers another's codes) and its family: the check is the module named after its id (``-``
for ``_``) in the family's package, ``mergeready.checks.<family>.<id_with_underscores>``. A
module is imported only when its check is used (or its options are validated), so
``mergeready --version`` imports none. ``MR0xx`` is reserved for
findings of the engine itself (``ENGINE_CODES``).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Final, Protocol, cast

from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import CheckResult

ENGINE_CODES: Final = {
    "MR010": "the contribution's mergeready configuration is invalid",
    "MR020": "an inline suppression the contribution adds is not honoured",
    "MR030": "the contribution adds entries to the baseline, which is read from the base",
}


class CheckOptions(Protocol):
    """A check's ``Options``: a frozen dataclass whose fields are its YAML keys."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


class CheckModule(Protocol):
    """What a check's module holds: ``CODES``, ``Options`` and ``check``."""

    CODES: Mapping[str, str]
    Options: type[CheckOptions]

    def check(self, contribution: Contribution, options: Any) -> CheckResult:
        """Decide the check for one contribution (see a check module's own ``check``).

        Args:
            contribution: The contribution, told its types.
            options: The check's ``Options``.

        Returns:
            The check's result.
        """


@dataclass(frozen=True)
class CheckSpec:
    """Where a check lives: its id, its module and the prefix of its finding codes."""

    id: str
    module: str
    prefix: str

    def load(self) -> CheckModule:
        """Import the check's module.

        Returns:
            The module, which holds ``check``, ``Options`` and ``CODES``.
        """
        module: CheckModule = cast("CheckModule", importlib.import_module(self.module))
        return module

    @property
    def options(self) -> type[CheckOptions]:
        """The check's frozen ``Options`` dataclass."""
        return self.load().Options

    @property
    def codes(self) -> Mapping[str, str]:
        """The check's finding codes and what each means (its module's ``CODES``)."""
        return self.load().CODES

    @property
    def function(self) -> Callable[[Contribution, Any], CheckResult]:
        """The check's ``check(contribution, options)`` function."""
        return self.load().check

    @property
    def description(self) -> str:
        """The one-line description: the first line of the check function's docstring."""
        return (self.load().check.__doc__ or "").strip().split("\n", 1)[0]


def _spec(check_id: str, prefix: str, family: str) -> CheckSpec:
    module = f"mergeready.checks.{family}.{check_id.replace('-', '_')}"
    return CheckSpec(check_id, module, prefix)


CHECKS: Final[Mapping[str, CheckSpec]] = {
    spec.id: spec
    for spec in (
        _spec("tests-present", "MR1", "testing"),
        _spec("tests-meaningful", "MR8", "testing"),
        _spec("docstrings-complete", "MR2", "docstrings"),
        _spec("changelog-updated", "MR3", "changelog"),
        _spec("spelling-clean", "MR4", "spelling"),
        _spec("translation-consistent", "MR5", "translation"),
        _spec("docs-valid", "MR6", "docs"),
        _spec("examples-valid", "MR7", "examples"),
        _spec("claims", "MR9", "claims"),
    )
}
"""Every check, in the order they run and are reported."""


def select(
    text: str | None, option: str = "--only", table: Mapping[str, Any] = CHECKS
) -> tuple[str, ...]:
    """Parse a comma-separated list of check ids (``--only``).

    Args:
        text: The ids, or None.
        option: The option's name, for the message.
        table: The checks the ids may name (default: the contribution checks).

    Returns:
        The ids.

    Raises:
        MergereadyError: If an id is not a check, naming the nearest one.
    """
    ids = tuple(x.strip() for x in (text or "").split(",") if x.strip())
    for check_id in ids:
        if check_id not in table:
            import difflib  # start-up: only the error needs it

            close = difflib.get_close_matches(check_id, list(table), n=1)
            valid = ", ".join(table)
            tail = f"; did you mean {close[0]!r}?" if close else f"; expected one of: {valid}"
            raise MergereadyError(f"{option}: unknown check {check_id!r}{tail}")
    return ids
