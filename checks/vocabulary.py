"""The engine's words: contribution types, diff kinds, title readings, changelog states.

Each is a ``Literal`` declared here once; the tuples the code iterates are read from it with
``get_args``, and mypy (strict, so ``strict_equality``) rejects a comparison with a word that
is not one of them. The rules loader, the classifier, the titles reader, diffkind and the
changelog mechanism all take their words from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

ContributionType = Literal[
    "bugfix",
    "feature",
    "performance",
    "code",
    "docs",
    "example",
    "tests",
    "translation",
    "maintenance",
]
TYPES: Final[tuple[ContributionType, ...]] = get_args(ContributionType)
DECLARED_CODE_TYPES: Final[tuple[ContributionType, ...]] = (
    "bugfix",
    "feature",
    "performance",
    "maintenance",
)
# Order in which a file's area is decided: the first type whose paths match wins.
AREA_ORDER: Final[tuple[ContributionType, ...]] = (
    "translation",
    "example",
    "tests",
    "maintenance",
    "docs",
)

DiffKind = Literal["none", "docstrings", "annotations", "exports", "text", "moved", "code"]
"""What kind of change a Python file's diff is, from least to most (``diffkind.kind``)."""
KINDS: Final[tuple[DiffKind, ...]] = get_args(DiffKind)

TitleReading = Literal["explicit", "natural", "docs-claim", "weak-docs-claim", "tooling-claim"]
"""How a title or subject declares a type (``titles.read_title``)."""

ChangelogState = Literal["open", "released", "flat", "pointer", "unread"]
"""How a changelog file is kept at the base (``changelog.mechanism.base_state``)."""

EntryState = Literal["open", "released", "flat", "release"]
"""Where a contribution's lines went in a changelog file (``changelog.mechanism.file_entries``):
an open section, a released one, a file without sections, or a new release section."""


@dataclass(frozen=True)
class TypeRule:
    """How one contribution type is recognised, and which checks it requires."""

    name: str
    require: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
