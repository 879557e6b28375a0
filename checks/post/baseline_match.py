"""Which findings a baseline holds: a copy never hides behind the original it repeats.

A finding on a line the contribution leaves as it was is matched to an entry of its file (or,
code that moved, of any file) as before. A finding on a line the contribution adds or changes
is held only when the finding it repeats is gone from the base's lines: for each key, the
findings held on added lines never exceed the entries recorded under that file and key minus
the findings with that key that the file's unchanged lines still carry. Those are counted by
running the same check once more on the whole of each such file (``Contribution.whole``) and
keying what it finds on unchanged lines, so "moved" and "edited" mean one thing — the old one
is gone — whatever the check. A line moved within its file, or edited in place inside the same
definition (the key is the definition and the message), is held; a new copy beside the
original, or a second copy of a line both of which stay, is new. Outside a definition the key
holds the line's text, so an edited line is new text and its finding new.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from mergeready.checks.contribution import Contribution
from mergeready.checks.model import Finding
from mergeready.checks.post.baseline_keys import Key, Keyer
from mergeready.checks.registry import CHECKS

Place = tuple[str | None, Key]
Found = tuple[str, Finding, Key]
"""A finding with the check that reported it and its key."""


class Match:
    """Matches one result's findings to a baseline's entries, each entry at most once."""

    def __init__(self, contribution: Contribution, entries: Sequence[Mapping[str, Any]]):
        """Count the entries by file and key, and by key alone (for code that moved).

        Args:
            contribution: The contribution.
            entries: The baseline's entries (read from the base).
        """
        self.contribution = contribution
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
            if n not in held and may_move(self.contribution, f) and self.moved[key] > 0:
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
            if room[spot] > 0 and self._take(spot):
                room[spot] -= 1
                held.add(n)

    def _take(self, place: Place) -> bool:
        if self.exact[place] <= 0:
            return False
        self.exact[place] -= 1
        self.moved[place[1]] -= 1
        return True

    def _added(self, f: Finding) -> bool:
        """Whether a finding is on a line the contribution adds or changes."""
        if self.contribution.mode == "all" or f.path is None or f.line is None:
            return False
        changed = self.contribution.file(f.path)
        return changed is not None and changed.touches(f.line)

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


def may_move(contribution: Contribution, f: Finding) -> bool:
    """Tell whether a finding may match an entry recorded under another path (moved code).

    In a contribution only code the base already had may: a line the contribution adds that
    repeats a baselined finding is new code, and its finding is new.

    Args:
        contribution: The contribution.
        f: The finding.

    Returns:
        True for a finding on a line the contribution did not add (or in an audit).
    """
    if f.path is None:
        return False
    if contribution.mode == "all":
        return True
    if f.line is None:
        return False
    changed = contribution.file(f.path)
    return changed is None or not changed.touches(f.line)


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
