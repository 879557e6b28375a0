"""Where a project may keep its changelog, as its configuration and towncrier's settings say.

``mechanism`` reads these at the base (and re-exports them); ``rules.tools`` builds
``Towncrier`` from ``[tool.towncrier]``, and changelog-updated's options build ``Places``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

DEFAULT_TOWNCRIER_TYPES: Final = ("feature", "bugfix", "doc", "removal", "misc")
DEFAULT_SILENT_TYPES: Final = ("misc",)  # towncrier shows no text for these by default


@dataclass(frozen=True)
class Towncrier:
    """What the base's ``[tool.towncrier]`` configures (``rules.tools`` reads it).

    ``directory`` is None when the project does not use towncrier.
    """

    directory: str | None = None
    types: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()  # the [[tool.towncrier.section]] folders inside ``directory``
    others: tuple[str, ...] = ()  # a package layout's section folders (``pkg/sub/newsfragments``)
    silent: tuple[str, ...] = ()  # types whose text towncrier never shows (``showcontent = false``)
    rendered: str = "NEWS.rst"  # the file fragments are rendered into (``filename``)
    markup: str = "rst"  # that file's markup: "rst" or "md" (``filename``'s, else ``template``'s)

    def settings(self) -> dict[str, object]:
        """Return the configuration as ``mergeready rules`` shows it.

        Returns:
            ``directory``, ``types`` and ``sections``.
        """
        return {"directory": self.directory, "types": self.types, "sections": self.sections}


NO_TOWNCRIER: Final = Towncrier()


@dataclass(frozen=True)
class Places:
    """Where a project may keep its changelog: what the classifier needs of changelog-updated.

    ``changelog-updated``'s ``Options.places`` builds it from the check's options, so the
    classifier reads the same places the check does, typed, without reaching into its options.
    """

    fragment_dirs: tuple[str, ...] = ("changelog.d", "changelog", "newsfragments")
    files: tuple[str, ...] = ()
    towncrier: Towncrier = NO_TOWNCRIER
    learn: bool = True  # learn the place from the base's history when no name finds it


NO_PLACES: Final = Places()
