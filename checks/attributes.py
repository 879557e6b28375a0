"""The base's ``.gitattributes`` linguist flags, as a frozen value the rules loader builds.

GitHub's linguist reads ``linguist-generated`` and ``linguist-vendored`` from
``.gitattributes``; so does mergeready, **at the trusted revision** (``rules.attributes`` reads
the file, never the contribution's copy). A generated file is no code change for tests-present,
docstrings-complete or the classifier; a vendored or generated file is not the project's prose
for spelling-clean. Checks receive the value in their ``Options`` (field ``attributes``).
"""

from __future__ import annotations

from dataclasses import dataclass

from mergeready.checks.paths import matches

GENERATED = "linguist-generated"
VENDORED = "linguist-vendored"


@dataclass(frozen=True)
class LinguistRule:
    """One line's setting of a linguist attribute: ``gen/** linguist-generated``."""

    pattern: str
    attribute: str
    value: bool

    def __str__(self) -> str:
        """Write the rule back as a ``.gitattributes`` line would (``x -linguist-vendored``)."""
        return f"{self.pattern} {'' if self.value else '-'}{self.attribute}"


@dataclass(frozen=True)
class Attributes:
    """The linguist settings of the base's ``.gitattributes``, in file order."""

    linguist: tuple[LinguistRule, ...] = ()

    def generated(self, path: str) -> bool:
        """Tell whether the last ``linguist-generated`` line matching a path marks it generated.

        A pattern naming a folder (``gen`` or ``gen/``) covers the files in it.

        Args:
            path: A repository path.

        Returns:
            True when marked generated.
        """
        marked = False
        for rule in self.linguist:
            if rule.attribute == GENERATED and (
                matches(path, rule.pattern) or matches(path, rule.pattern.rstrip("/") + "/**")
            ):
                marked = rule.value
        return marked

    def excluded(self, path: str) -> bool:
        """Tell whether the last linguist line matching a path marks it vendored or generated.

        Args:
            path: A repository path.

        Returns:
            True when excluded from the project's own prose.
        """
        verdict = False
        for rule in self.linguist:
            pattern = rule.pattern
            if matches(path, pattern) or (
                pattern.endswith("/**") and path.startswith(pattern[:-2])
            ):
                verdict = rule.value
        return verdict

    def settings(self) -> dict[str, tuple[str, ...]]:
        """Return the settings as ``mergeready rules`` shows them.

        Returns:
            ``{"linguist": (line, ...)}``.
        """
        return {"linguist": tuple(map(str, self.linguist))}


NO_ATTRIBUTES = Attributes()
"""The settings of a base without ``.gitattributes`` (the ``Options`` default)."""
