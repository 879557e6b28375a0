"""Which findings a baseline holds: it forgives what an audit recorded, never new code.

A finding on code the contribution leaves as it was is matched to an entry of its file (or,
code that moved, of any file) as before. A finding on code the contribution adds or changes —
its line, or any line of the Python definition it is in (a re-signed ``def`` is asked anew,
even when its first line stays) — is held only when it moved: the contribution removed a line
of the same text (spaces aside) from that file, each removed line pairing with one added line,
and the finding it repeats is gone from the base's lines: per file and key, the findings held
on such code never exceed the entries recorded under that file and key minus the findings the
file's unchanged lines still carry. Those are counted by running the same check once more on
the whole of each such file (``Contribution.whole``) and keying what it finds on unchanged
lines. So a line or a definition moved within its file (or re-indented) is held; a new copy
beside the original, a third copy of two, or an edited line or definition is new: what an edit
asks for is the check's own rule (spelling-clean carries over a misspelling the edited line
had; docstrings-complete asks a re-signed definition for its documentation).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import git_lines
from mergeready.checks.model import Finding
from mergeready.checks.post.baseline_keys import Key, Keyer
from mergeready.checks.registry import CHECKS

Place = tuple[str | None, Key]
Found = tuple[str, Finding, Key]
"""A finding with the check that reported it and its key."""


class Match:
    """Matches one result's findings to a baseline's entries, each entry at most once."""

    def __init__(
        self, contribution: Contribution, entries: Sequence[Mapping[str, Any]], keyer: Keyer
    ):
        """Count the entries by file and key, and by key alone (for code that moved).

        Args:
            contribution: The contribution.
            entries: The baseline's entries (read from the base).
            keyer: The findings' keys, spans and lines at head.
        """
        self.contribution, self.keyer = contribution, keyer
        self.removed: dict[str, Counter[str]] = {}
        self.recorded = Counter(exact(e) for e in entries)
        self.exact = Counter(self.recorded)
        self.moved = Counter(loose(e) for e in entries)

    def held(self, found: Sequence[Found], options: Mapping[str, Any]) -> set[int]:
        """Return the indexes of the findings the baseline holds.

        Args:
            found: The findings, with their checks and keys.
            options: Each check's options, to count what unchanged lines still carry.

        Returns:
            The indexes into ``found`` of the held findings.
        """
        held: set[int] = set()
        added: list[int] = []
        for n, (_, f, key) in enumerate(found):  # first where they were: a copy elsewhere is new
            place = where(self.contribution, f)
            if place is None:
                continue
            if self._added(f):
                added.append(n)
            elif self._take((place, key)):
                held.add(n)
        if added:
            self._hold_added(found, added, held, options)
        for n, (_, f, key) in enumerate(found):  # then what moved to another file
            if n not in held and self._may_move(f) and self.moved[key] > 0:
                self.moved[key] -= 1
                held.add(n)
        return held

    def _hold_added(
        self, found: Sequence[Found], added: list[int], held: set[int], options: Mapping[str, Any]
    ) -> None:
        """Hold the findings on added lines that the room left for their keys allows."""
        room = self._room(found, added, held, options)
        for n in added:
            spot = (where(self.contribution, found[n][1]), found[n][2])
            if room[spot] > 0 and self._paired(found[n][1]) and self._take(spot):
                room[spot] -= 1
                held.add(n)

    def _take(self, place: Place) -> bool:
        if self.exact[place] <= 0:
            return False
        self.exact[place] -= 1
        self.moved[place[1]] -= 1
        return True

    def _added(self, f: Finding) -> bool:
        """Whether a finding is on code the contribution adds or changes: its line, or any
        line of the Python definition it is in (a re-signed ``def`` asks anew)."""
        if self.contribution.mode == "all" or f.path is None or f.line is None:
            return False
        changed = self.contribution.file(f.path)
        if changed is None:
            return False
        span = self.keyer.span(f.path, f.line)
        return changed.touches(f.line) or (span is not None and changed.touches_range(*span))

    def _may_move(self, f: Finding) -> bool:
        """Whether a finding may match an entry recorded under another path: in a contribution
        only on code the base already had, never on code the contribution adds or changes."""
        if f.path is None or (self.contribution.mode != "all" and f.line is None):
            return False
        return not self._added(f)

    def _paired(self, f: Finding) -> bool:
        """Whether a finding's line moved: the contribution removed a line of the same text
        (spaces aside) from the file (or the file it was renamed from); each removed line pairs
        with one added line. An edited line is new code, whatever the check finds on it."""
        assert f.path is not None and f.line is not None
        if f.path not in self.removed:
            self.removed[f.path] = self._removed_lines(f.path)
        pool = self.removed[f.path]
        text = self.keyer.text(f.path, f.line)
        if pool[text] <= 0:
            return False
        pool[text] -= 1
        return True

    def _removed_lines(self, path: str) -> Counter[str]:
        """The texts (spaces aside) of the lines the contribution removed from a file."""
        changed = self.contribution.file(path)
        base = self.contribution.base_text(changed.old_path or path) if changed else None
        if changed is None or base is None:
            return Counter()
        removed = Counter("".join(line.split()) for line in git_lines(base))
        count = len(git_lines(self.contribution.head_text(path) or ""))
        kept = (n for n in range(1, count + 1) if not changed.touches(n))
        removed.subtract(self.keyer.text(path, n) for n in kept)
        return removed

    def _room(
        self, found: Sequence[Found], added: list[int], held: set[int], options: Mapping[str, Any]
    ) -> Counter[Place]:
        """For each file and key, how many findings on added lines the baseline may hold: its
        entries minus the findings unchanged lines still carry."""
        before = Counter((where(self.contribution, found[n][1]), found[n][2]) for n in held)
        still, blocked = self._still(found, added, options)
        room: Counter[Place] = Counter()
        for n in added:
            place = (where(self.contribution, found[n][1]), found[n][2])
            left = self.recorded[place] - max(still[place], before[place])
            if place[0] not in blocked and left > 0:
                room[place] = left
        return room

    def _still(
        self, found: Sequence[Found], added: list[int], options: Mapping[str, Any]
    ) -> tuple[Counter[Place], set[str | None]]:
        """What the unchanged lines of the files with candidates still carry, and the files
        whose check cannot be run again (nothing on their added lines is held)."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for n in added:
            check, f, key = found[n]
            if self.exact[(where(self.contribution, f), key)] > 0 and f.path:
                wanted[check].add(f.path)
        still: Counter[Place] = Counter()
        blocked: set[str | None] = set()
        for check, paths in wanted.items():
            places = self._unchanged(check, paths, options)
            if places is None:
                blocked.update(where(self.contribution, found[n][1]) for n in added)
            still.update(places or ())
        return still, blocked

    def _unchanged(
        self, check: str, paths: set[str], options: Mapping[str, Any]
    ) -> list[Place] | None:
        """The places of what one check finds on the unchanged lines of whole files; None
        when the check cannot be run again."""
        if check not in CHECKS or check not in options:
            return None
        whole = self.contribution.whole(paths)
        keyer = Keyer(whole)
        outcome = CHECKS[check].function(whole, options[check])
        return [
            (where(self.contribution, f, added=True), keyer.key(f))
            for f in outcome.findings
            if f.path in paths and f.line is not None and not self._added(f)
        ]


def where(contribution: Contribution, f: Finding, *, added: bool = False) -> str | None:
    """Return the path a finding's baseline entry would have; None when no entry may hold it.

    A contribution's finding with no line is about the contribution itself (no test changed
    for a module, no changelog entry): a requirement every contribution meets anew, never
    waived by an entry an audit recorded. A renamed file's entries are under its old path.

    Args:
        contribution: The contribution.
        f: The finding.
        added: Place it as a finding on an added line would be (the recount's findings on
            unchanged lines, compared with those).

    Returns:
        The path, or None.
    """
    if contribution.mode == "all":
        return f.path
    if f.path is None or f.line is None:
        return None
    changed = contribution.file(f.path)
    if changed is not None and changed.old_path and (added or changed.touches(f.line)):
        return changed.old_path
    return f.path


def exact(e: Mapping[str, Any]) -> Place:
    """Return an entry's file and key.

    Args:
        e: A baseline entry.

    Returns:
        Its path and key.
    """
    return e.get("path"), loose(e)


def loose(e: Mapping[str, Any]) -> Key:
    """Return an entry's key.

    Args:
        e: A baseline entry.

    Returns:
        Its code, symbol and content digest.
    """
    return Key(str(e.get("code")), str(e.get("symbol") or ""), str(e.get("content") or ""))
