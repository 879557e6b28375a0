"""The table of issue checks by id: what judges an issue report, and its codes.

An issue check is a module of this package with ``check(report, options)`` over an
``IssueReport`` (not a ``Contribution``), its ``Options`` and its ``CODES``. Their codes are
``IR`` and three digits, one hundred per check, so they never collide with the contribution
checks' ``MR`` codes. Modules are imported only when used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from mergeready.checks.registry import CheckSpec


def _spec(check_id: str, prefix: str) -> CheckSpec:
    return CheckSpec(check_id, "mergeready.checks.issues." + check_id.replace("-", "_"), prefix)


ISSUE_CHECKS: Final[Mapping[str, CheckSpec]] = {
    spec.id: spec
    for spec in (
        _spec("template-filled", "IR1"),
        _spec("reproduction", "IR2"),
        _spec("versions", "IR3"),
        _spec("traceback-complete", "IR4"),
        _spec("expected-actual", "IR5"),
        _spec("private-data", "IR6"),
        _spec("duplicate-prone", "IR7"),
    )
}
"""Every issue check, in the order they run and are reported."""

ISSUE_TYPES: Final = (
    "bug",
    "crash",
    "regression",
    "feature",
    "docs",
    "question",
    "performance",
    "installation",
)
"""The report types, in the order a report's types are listed (start-up: declared here, in
the light table the rules loader reads, not with the classifier in ``kinds``)."""


@dataclass(frozen=True)
class IssueTypeRule:
    """How one report type is recognised, and which issue checks it requires."""

    name: str
    require: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # title tags and prefixes: [Bug], BUG:, Feature request:
    words: tuple[str, ...] = ()  # words of the title or the body's first lines that say it
    labels: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()  # template file names (without suffix) or template names
