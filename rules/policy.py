"""The effective policy: what is required, how types are recognised, each check's options."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mergeready.checks.attributes import NO_ATTRIBUTES, Attributes
from mergeready.checks.changelog.changelog_updated import Options as ChangelogOptions
from mergeready.checks.changelog.mechanism import NO_TOWNCRIER, Places, Towncrier
from mergeready.checks.testing.pytest_config import Collection
from mergeready.rules.sources import digest_of

if TYPE_CHECKING:
    from mergeready.checks.issues.kinds import IssueTypeRule
    from mergeready.checks.vocabulary import TypeRule


@dataclass(frozen=True)
class Policy:
    """The one representation of the effective policy, built by ``rules.loader``.

    ``options`` holds every check's validated ``Options``; ``origins`` says for each key the
    layers set (``types.bugfix.require``) which file or profile set it; ``read`` is every file
    the loader read to build it, with its text (None: it does not exist), in order.
    ``pytest``, ``towncrier`` and ``attributes`` are what the project's own tool files at the
    trusted revision say (pytest's naming, ``[tool.towncrier]``, ``.gitattributes``' linguist
    flags); the loader hands them to every check whose ``Options`` has that field.
    """

    profile: str
    types: Mapping[str, TypeRule]
    source: tuple[str, ...]
    changelog: tuple[str, ...]
    tests: tuple[str, ...]
    options: Mapping[str, Any]
    origins: Mapping[str, str] = field(default_factory=dict)
    ignore: Any = None  # the rules' ``ignore:`` entries (paths × codes)
    inline_suppressions: bool = False
    read: tuple[tuple[str, str | None], ...] = ()
    pytest: Collection = Collection()
    towncrier: Towncrier = NO_TOWNCRIER
    attributes: Attributes = NO_ATTRIBUTES
    issue_types: Mapping[str, IssueTypeRule] = field(default_factory=dict)

    @property
    def changelog_places(self) -> Places:
        """Where changelog-updated looks for the changelog, for the classifier."""
        options = self.options["changelog-updated"]
        assert isinstance(options, ChangelogOptions)  # the loader builds every check's Options
        return options.places

    @property
    def required(self) -> dict[str, tuple[str, ...]]:
        """For each type, the ids of the checks it requires."""
        return {name: rule.require for name, rule in self.types.items()}

    @property
    def digest(self) -> str:
        """A digest of exactly the files the loader read (the cache key's configuration part)."""
        return digest_of(self.read)

    def value(self, key: str) -> Any:
        """Look up one key of the policy as the rules write it.

        Args:
            key: A dotted key: ``source``, ``types.bugfix.require``,
                ``checks.spelling-clean.ignore-words``, ``pytest.python-files``.

        Returns:
            The effective value (None when there is no such key).
        """
        head, _, rest = key.partition(".")
        data: Any = {
            "profile": self.profile,
            "source": self.source,
            "changelog": self.changelog,
            "types": self.types,
            "issue-types": self.issue_types,
            "checks": self.options,
            "ignore": self.ignore,
            "inline-suppressions": self.inline_suppressions,
            "pytest": self.pytest.settings(),
            "towncrier": self.towncrier.settings(),
            "attributes": self.attributes.settings(),
        }.get(head)
        for part in rest.split(".") if rest else ():
            if dataclasses.is_dataclass(data) and not isinstance(data, type):
                data = getattr(data, part.replace("-", "_"), None)
            elif isinstance(data, Mapping):
                data = data.get(part)
            else:
                return None
        return data
