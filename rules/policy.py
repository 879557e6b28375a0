"""The effective policy: what is required, how types are recognised, each check's options."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mergeready.checks.attributes import NO_ATTRIBUTES, Attributes
from mergeready.checks.changelog.mechanism import NO_TOWNCRIER, Places, Towncrier
from mergeready.checks.testing.pytest_config import Collection
from mergeready.rules.sources import digest_of

if TYPE_CHECKING:
    from mergeready.checks.issues.registry import IssueTypeRule
    from mergeready.checks.vocabulary import TypeRule


@dataclass(frozen=True)
class Policy:
    """The one representation of the effective policy, built by ``rules.loader``.

    ``options`` holds every check's validated ``Options`` (``LazyOptions``: each built on first
    use, or by the loader when a project or tool layer sets it); ``origins`` says for each key the
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
        # start-up: changelog-updated's module loads when the classifier asks, not with the policy
        from mergeready.checks.changelog.changelog_updated import Options as ChangelogOptions

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


class LazyOptions(Mapping[str, Any]):
    """Every check's ``Options`` by id, each built the first time it is asked for.

    Building a check's ``Options`` imports its module (and compiles its patterns); a run that
    never asks for a check's options never imports it. Built values are kept.
    """

    def __init__(self, ids: Sequence[str], build: Callable[[str], Any]) -> None:
        """Hold the ids and the builder.

        Args:
            ids: Every check id, in registry order.
            build: Builds one check's validated ``Options`` (raises on a bad value).
        """
        self._ids = tuple(ids)
        self._build = build
        self._built: dict[str, Any] = {}

    def __getitem__(self, check_id: str) -> Any:
        """Return one check's ``Options``, building it on first use.

        Args:
            check_id: The check's id.

        Returns:
            The check's ``Options``.

        Raises:
            KeyError: If no check has that id.
        """
        if check_id not in self._built:
            if check_id not in self._ids:
                raise KeyError(check_id)
            self._built[check_id] = self._build(check_id)
        return self._built[check_id]

    def built(self) -> tuple[str, ...]:
        """Say which checks' ``Options`` were built so far, in the order they were.

        Returns:
            Their ids.
        """
        return tuple(self._built)

    def __iter__(self) -> Iterator[str]:
        """Iterate over every check id, in registry order."""
        return iter(self._ids)

    def __len__(self) -> int:
        """Return how many checks there are."""
        return len(self._ids)
