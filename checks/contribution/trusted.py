"""Which lines of a whole-tree run are the trusted revision's own: ``--all`` on a branch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mergeready.checks.contribution.head import HeadReads
from mergeready.checks.contribution.store import decode
from mergeready.checks.diff import read_files

if TYPE_CHECKING:
    from mergeready.checks.changes import ChangedFile


class TrustedLines(HeadReads):
    """The audit question of ``Contribution``: is a line the project's or the contribution's."""

    config_rev: str | None

    @property
    def is_audit(self) -> bool:
        """True for a whole-tree audit (``--all`` without a base): no line is contributed.

        Comments that switch a tool off (``# noqa``, ``codespell:ignore``) are then the
        project's own, not a contributor's, and are honoured. ``--all`` on a branch is not an
        audit: only the lines the trusted revision has as they are count so (``trusted_line``).
        """
        return self.mode == "all" and self.config_rev in (None, self.head)

    def trusted_line(self, path: str, line: int) -> bool:
        """Tell whether a whole-tree run's line is the trusted revision's own, not contributed.

        In ``--all`` on a branch (the trusted revision is the default branch's tip, not the
        head) a line the trusted revision has identically in the same file, as git's diff from
        it to the head leaves it, is the project's: its inline markers count as in an audit.
        A line the branch adds or changes, a file it adds, renames or copies, is not: a marker
        moved to another file, or added to an old line, is the contribution's.

        Args:
            path: A path at the head, relative to the repository root.
            line: A 1-based line number in the file at the head.

        Returns:
            True in an audit (every line is the project's); False outside ``--all``.
        """
        if self.is_audit:
            return True
        assert self._store is not None
        store, rev = self._store, self._store.config_rev
        if self.mode != "all" or rev is None:
            return False

        def load() -> dict[str, ChangedFile]:
            files = read_files(self.root, "commits", rev, self.head, store.max_size)
            return {f.path: f for f in files}

        changed: dict[str, ChangedFile] = store.once("trusted-diff", load)
        f = changed.get(path)
        return f is None or (f.status == "modified" and not f.touches(line))

    def trusted_names(self, path: str) -> str | None:
        """A file's text at the trusted revision in ``--all`` on a branch: its names, its header.

        Args:
            path: A path relative to the repository root.

        Returns:
            The text; None in an audit, outside ``--all``, or when the trusted revision lacks
            the file (or it is binary or over the size limit).
        """
        assert self._store is not None
        store, rev = self._store, self._store.config_rev
        if self.mode != "all" or rev is None or self.is_audit or "\n" in path:
            return None

        def load() -> str | None:
            data, _ = store.reader.read(f"{rev}:{path}", store.max_size)
            return None if data is None or b"\0" in data[:8000] else decode(data)

        text: str | None = store.once(f"trusted-names:{path}", load)
        return text
