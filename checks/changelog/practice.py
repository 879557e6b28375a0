"""Where a project's merged code contributions put changelog entries, learned from its history.

Names find the usual places (``CHANGELOG*``, ``changelog.d/``, ``[tool.towncrier]``); a project
may keep its notes anywhere else: ``doc/whats-new.rst`` or ``doc/releases/changelog-dev.md``
under an unreleased heading, a folder of per-change files (``docs/build/unreleased/``), or a
release file each contribution creates and the release removes (``RELEASE.rst``). The base's
last merged changes that touched a library module say which: a prose file that at least a third
of them changed (and that the base has), a folder in which at least a third of them created a
new prose file, or one prose path that at least a third of them created. Fewer than ``SAMPLE``
such changes teach nothing.
"""

from __future__ import annotations

import collections
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.merged import several

SAMPLE: Final = 10  # merged code changes needed before the history says anything
HISTORY: Final = 200  # merged changes read
_PROSE: Final = (".md", ".rst", ".txt", ".markdown")
_NOT_LIBRARY: Final = frozenset(
    {"__init__.py", "__version__.py", "_version.py", "version.py", "setup.py", "conftest.py"}
)


@dataclass(frozen=True)
class Learned:
    """The changelog places the base's history shows, and what showed them."""

    files: tuple[str, ...] = ()  # files at the base the contributions add entries to
    dirs: tuple[str, ...] = ()  # folders each contribution adds a new file to
    created: tuple[str, ...] = ()  # files each contribution creates (the release removes them)
    evidence: str = ""
    count: int = 0  # the merged code contributions that wrote there

    @property
    def found(self) -> bool:
        """True when the history shows a place."""
        return bool(self.files or self.dirs or self.created)


def library_module(path: str) -> bool:
    """Tell whether a path is a library module: not a test, docs, packaging, a version or init.

    Args:
        path: A path in the repository.

    Returns:
        True for a ``.py`` file of the library itself.
    """
    name = path.rsplit("/", 1)[-1]
    folders = path.split("/")[:-1]
    return (
        path.endswith(".py")
        and not any(f in ("tests", "test", "testing", "docs", "doc") for f in folders)
        and not any("test" in f for f in folders)
        and not name.startswith("test_")
        and not name.endswith("_test.py")
        and name not in _NOT_LIBRARY
    )


def _prose(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.lower().endswith(_PROSE) and not any(
        "test" in part for part in path.lower().split("/")[:-1]
    )


def learn(contribution: Contribution) -> Learned:
    """Learn where the base's merged code contributions put their changelog entries.

    Args:
        contribution: The contribution (its base's history is read).

    Returns:
        The places, with the evidence line (``learned from 37 of the last 40 merged code
        contributions @ <base sha>``); empty when the history shows none.
    """
    found: Learned = contribution.once("changelog-practice", lambda: _learn(contribution))
    return found


def code_changes(
    contribution: Contribution, limit: int = HISTORY
) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The base's last merged changes that touched a library module (paths, added paths).

    Args:
        contribution: The contribution (its base's history is read).
        limit: How many merged changes to read.

    Returns:
        Those changes, newest first.
    """
    return [c for c in contribution.recent_history(limit) if any(map(library_module, c[0]))]


def by_several(contribution: Contribution, limit: int = HISTORY) -> bool:
    """Tell whether the base's merged code changes come from several people (``merged.several``).

    Args:
        contribution: The contribution (its base's history is read).
        limit: How many merged changes to read.

    Returns:
        True when at least three distinct authors wrote them.
    """
    merged = contribution.merged(limit)
    return several([c for c in merged if any(map(library_module, c.paths))])


def writing(
    changes: Sequence[tuple[frozenset[str], frozenset[str]]],
    files: Sequence[str],
    dirs: Sequence[str],
) -> int:
    """Count the changes that touched one of the files or a file in one of the folders.

    Args:
        changes: Merged changes (``code_changes``).
        files: Changelog files.
        dirs: Fragment folders.

    Returns:
        How many of the changes wrote there.
    """
    wanted, prefixes = set(files), tuple(d + "/" for d in dirs)
    return sum(
        1 for paths, _ in changes if paths & wanted or any(p.startswith(prefixes) for p in paths)
    )


def _learn(contribution: Contribution) -> Learned:
    code = code_changes(contribution)
    if len(code) < SAMPLE:
        return Learned()
    base = contribution.base_paths()
    touched: collections.Counter[str] = collections.Counter()
    created: collections.Counter[str] = collections.Counter()
    folders: collections.Counter[str] = collections.Counter()
    for paths, added in code:
        touched.update(p for p in paths if _prose(p))
        created.update(p for p in added if _prose(p))
        folders.update({p.rpartition("/")[0] for p in added if _prose(p) and "/" in p})
    least = -(-len(code) // 3)
    rev = (contribution.trusted_rev or "")[:10]

    def said(count: int, what: str) -> str:
        return (
            f"{what}: learned from {count} of the last {len(code)} merged code contributions"
            f" @ {rev}"
        )

    path, count = max(created.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0))
    if count >= least:
        return Learned(
            created=(path,), evidence=said(count, f"each contribution creates {path}"), count=count
        )
    folder, count = max(folders.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0))
    distinct = len({p for _, added in code for p in added if p.rpartition("/")[0] == folder})
    if count >= least and distinct * 2 >= count:
        return Learned(
            dirs=(folder,), evidence=said(count, f"a new file in {folder}/"), count=count
        )
    path, count = max(touched.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0))
    if count >= least and path in base and created[path] * 2 < count:
        return Learned(files=(path,), evidence=said(count, f"an entry in {path}"), count=count)
    return Learned()
