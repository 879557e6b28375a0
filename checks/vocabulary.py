"""The engine's words: the contribution types and how a type is recognised.

Every module that names a contribution type takes it from here, so the rules loader, the
classifier and the titles reader agree on one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

TYPES: Final = (
    "bugfix",
    "feature",
    "performance",
    "code",
    "docs",
    "example",
    "tests",
    "translation",
    "maintenance",
)
DECLARED_CODE_TYPES: Final = ("bugfix", "feature", "performance", "maintenance")
# Order in which a file's area is decided: the first type whose paths match wins.
AREA_ORDER: Final = ("translation", "example", "tests", "maintenance", "docs")


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
