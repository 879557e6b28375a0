"""changelog-updated: the project's changelog mechanism was updated for this contribution.

Either a new, non-empty towncrier-style fragment in a fragment directory the project has at the
base (``changelog.d/``, ``changelog/``, ``newsfragments/``, or the directory ``[tool.towncrier]``
names) whose type fits the contribution's type, or added lines in the unreleased section of
``CHANGELOG*``, ``CHANGES*``, ``HISTORY*`` or ``NEWS*``: the section titled
Unreleased/main/dev/in development, or else an undated top section, subsections ("Bugs fixed",
"### Fixed") included. The mechanism is read at the base: deleting or moving the changelog
does not switch the check off. A changelog whose sections are all dated releases at the base is
written when the project releases, so the check is skipped with that reason, as it is when the
project has no mechanism. The same holds when the base's history shows that contributions do
not add entries (under one in five of its last merged library changes touched the changelog;
``learn-from-history``). A configured label (``skip-changelog``) skips the check; a
``Changelog: skip`` line in a commit message or the pull request body, written by the
contributor, skips it only when the base configuration sets ``allow-skip-trailer: true``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from mergeready.checks.changelog.hints import fragment_type, missing_hint, not_counted
from mergeready.checks.changelog.mechanism import (
    NO_TOWNCRIER,
    Entry,
    Mechanism,
    Places,
    Towncrier,
    base_state,
    file_entries,
    fragments,
    mechanism,
)
from mergeready.checks.changelog.practice import library_module, writing
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.merged import several
from mergeready.checks.model import CheckResult, Finding, failed, passed, skipped
from mergeready.checks.vocabulary import ChangelogState

HOOK: Final = {  # its entry in .pre-commit-hooks.yaml (tests/test_consistency.py compares)
    "id": "mergeready-changelog",
    "description": "The branch adds a changelog entry or fragment.",
    "stages": ("pre-push",),
}
CODES: Final = {
    "MR301": "no entry under the unreleased section and no changelog fragment",
    "MR302": "an entry was added under an already released version",
    "MR303": "the changelog fragment's type does not fit the contribution type",
    "MR304": "a changelog fragment is empty",
    "MR305": "a 'Changelog: skip' line was ignored: the project does not let contributors skip",
}
_TRAILER = re.compile(r"(?im)^[ \t]*changelog[ \t]*:[ \t]*(skip|none|no)\b")
FRAGMENT_TYPES: Final = MappingProxyType(
    {
        "bugfix": ("bugfix", "fix", "fixed", "bug", "bugfixes"),
        "feature": ("feature", "feat", "added", "enhancement", "new", "features", "api"),
        "performance": ("performance", "perf", "feature", "enhancement", "changed"),
        "docs": ("doc", "docs", "documentation"),
        "maintenance": (
            "misc",
            "trivial",
            "internal",
            "chore",
            "maintenance",
            "removal",
            "deprecation",
            "vendor",
            "changed",
            "packaging",
            "build",
            "ci",
            "contrib",
        ),
        "code": (
            "feature",
            "bugfix",
            "misc",
            "changed",
            "change",
            "removal",
            "deprecation",
            "breaking",
            "fix",
            "added",
        ),
    }
)


@dataclass(frozen=True)
class Options:
    """Options of changelog-updated (the keys of its block in the rules)."""

    skip_labels: tuple[str, ...] = ("skip-changelog", "no-changelog")
    fragment_dirs: tuple[str, ...] = (
        "changelog.d",
        "changelog",
        "newsfragments",
        "changes",
        "news",
        "docs/changelog.d",
    )
    files: tuple[str, ...] = ()
    fragment_types: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: FRAGMENT_TYPES)
    allow_skip_trailer: bool = False
    learn_from_history: bool = True
    towncrier: Towncrier = NO_TOWNCRIER  # the base's [tool.towncrier], from the rules loader

    @property
    def places(self) -> Places:
        """Where the changelog is kept, as the classifier reads it."""
        return Places(self.fragment_dirs, self.files, self.towncrier, self.learn_from_history)


def check(contribution: Contribution, options: Options) -> CheckResult:
    """The project's changelog was updated in its unreleased section, or by a fragment.

    Args:
        contribution: The contribution, told its types.
        options: This check's options.

    Returns:
        The check's result.
    """
    reason, findings = _skip_reason(contribution, options)
    if reason:
        return skipped(reason)
    mech = configured_mechanism(contribution, options)
    if not mech.found:
        return skipped(_NO_MECHANISM)
    if mech.created:
        return _created(contribution, mech)
    added, empty = fragments(contribution, mech)
    findings += _fragment_findings(contribution.types, mech, options, added, empty)
    practice = _practice(contribution, mech) if options.learn_from_history else None
    if added:
        path = added[0].path
        return _found(
            practice, f"the fragment {path}", f"changelog fragment {path} added", mech, findings
        )
    entries, states = _file_entries(contribution, mech, findings)
    if entries:
        path = entries[0].path
        return _found(practice, f"the entry in {path}", f"entry added to {path}", mech, findings)
    if _unjudged(mech, states):
        return _unjudged_skip(contribution, mech, states, findings)
    if practice:
        return skipped(practice, findings)
    return _missing(contribution, mech, options, findings)


_NO_MECHANISM: Final = (
    "no changelog mechanism found at the base (no CHANGELOG*, CHANGES*, HISTORY*, "
    "NEWS*, changelog.d/, newsfragments/ or [tool.towncrier], and no file or folder "
    "that a third of its last merged code contributions wrote to)"
)


def _fragment_findings(
    types: Sequence[str],
    mech: Mechanism,
    options: Options,
    added: Sequence[Entry],
    empty: Sequence[str],
) -> list[Finding]:
    """MR303/MR304 for fragments that do not count, then MR303 for types that do not fit."""
    findings = [not_counted(p, mech) for p in empty]
    for entry in added:
        findings += fragment_type(entry, types, mech, options)
    return findings


def _found(
    practice: str | None, what: str, summary: str, mech: Mechanism, findings: list[Finding]
) -> CheckResult:
    """An entry was found: it passes, unless the history shows entries are not asked for."""
    if practice:
        return skipped(f"{practice} ({what} is not asked for)", findings)
    return passed(f"{summary}{_learned(mech)}", findings)


def _unjudged(mech: Mechanism, states: Mapping[str, ChangelogState]) -> bool:
    """True when a changelog file is too large to read at the base (the entry may be in it), or
    the changelog is files only and none has an unreleased section at the base."""
    if "unread" in states.values():
        return True
    return not mech.dirs and all(s in ("released", "pointer") for s in states.values())


def _unjudged_skip(
    contribution: Contribution,
    mech: Mechanism,
    states: Mapping[str, ChangelogState],
    findings: list[Finding],
) -> CheckResult:
    """Skipped: a changelog file was too large to read, or is written when the project releases."""
    unread = next((p for p, s in states.items() if s == "unread"), None)
    if unread is not None:  # neither absent nor released
        return skipped(
            f"{unread} is too large to read at the base ({contribution.trusted_too_large(unread)} "
            "bytes, over --max-file-size): whether this contribution needs an entry there is not "
            "judged",
            findings,
        )
    path = next((p for p, s in states.items() if s == "released"), mech.files[0])
    return skipped(
        f"{path} has no unreleased section at the base (its sections are dated releases): "
        "the project writes its changelog when it releases",
        findings,
    )


def _missing(
    contribution: Contribution, mech: Mechanism, options: Options, findings: list[Finding]
) -> CheckResult:
    """MR301: no entry where the project keeps them (a deleted changelog said so)."""
    target = f"{mech.dirs[0]}/" if mech.dirs else mech.files[0]
    gone = [p for p in mech.files if (c := contribution.file(p)) is not None and not c.exists]
    findings.insert(
        0,
        Finding(
            "MR301",
            "error",
            f"no changelog entry for this contribution in {target}"
            + (f" ({gone[0]} is deleted by the contribution)" if gone else ""),
            None if mech.dirs else mech.files[0],
            hint=missing_hint(contribution, mech, options),
        ),
    )
    return failed(
        (
            f"no changelog fragment added in {target}"
            if mech.dirs
            else f"no entry under the unreleased section of {target}"
        )
        + _learned(mech),
        findings,
    )


def _learned(mech: Mechanism) -> str:
    """The history that showed where entries go, for a summary (empty when names did)."""
    return f" ({mech.learned})" if mech.learned else ""


def _created(contribution: Contribution, mech: Mechanism) -> CheckResult:
    """A project whose contributions each create a release file: this one must too."""
    for path in mech.created:
        f = contribution.file(path)
        text = contribution.text(f) if f is not None and f.exists else None
        if text and text.strip() and f is not None and f.added_lines:
            return passed(f"release file {path} written{_learned(mech)}")
    path = mech.created[0]
    finding = Finding(
        "MR301",
        "error",
        f"no {path} for this contribution: the project's merged contributions each create one",
        path,
        hint=f"create {path} describing the change, as the project's merged contributions do",
    )
    return failed(f"no release file {path} written{_learned(mech)}", [finding])


def _practice(contribution: Contribution, mech: Mechanism) -> str | None:
    """Say so when the base's history shows contributions do not add entries.

    Among the last 200 merged changes of the base, those that changed a library module (not a
    test, a package ``__init__`` or a version file, which releases touch): when at least 20
    did and under one in five of them touched the changelog, the project writes its changelog
    itself (at release time), and asking a contributor for an entry is noise. Projects that
    ask for entries show far more (towncrier projects: most fixes and features).
    """
    # Contributions as the history groups them (a series counts once), and of several people:
    # a habit of one contributor or two is not the project's (``merged.several``).
    series = [c for c in contribution.merged(200) if any(map(library_module, c.paths))]
    code = [(c.paths, c.added) for c in series]
    if len(code) < 20:
        return None
    with_entry = writing(code, mech.files, mech.dirs)
    silent = [c for c in series if not writing([(c.paths, c.added)], mech.files, mech.dirs)]
    if with_entry * 5 >= len(code) or not several(silent):
        return None
    where = ", ".join((*mech.files, *(d + "/" for d in mech.dirs))[:2])
    return (
        f"the project writes its changelog itself: {with_entry} of its last {len(code)} "
        f"merged source changes touched {where}"
    )


def _skip_reason(contribution: Contribution, options: Options) -> tuple[str | None, list[Finding]]:
    """Return why the check is skipped (a label, or an allowed trailer), and notes."""
    wanted = {label.lower() for label in options.skip_labels}
    for label in contribution.labels:
        if label.lower() in wanted:
            return f"skipped by label {label!r}", []
    where = _trailer_in(contribution)
    if where is None:
        return None, []
    if options.allow_skip_trailer:
        return f"skipped by 'Changelog: skip' in {where}", []
    note = Finding(
        "MR305",
        "warning",
        f"'Changelog: skip' in {where} is ignored: the project's configuration does not let "
        "a contribution skip its own check",
        hint="ask a maintainer for a skip label, or set allow-skip-trailer: true in the base "
        "configuration",
    )
    return None, [note]


def _trailer_in(contribution: Contribution) -> str | None:
    """Where a ``Changelog: skip`` line is: the pull request body, or the first commit saying it."""
    if contribution.body and _TRAILER.search(contribution.body[:100_000]):
        return "the pull request body"
    for commit in contribution.commits:
        if _TRAILER.search(commit.message[:100_000]):
            return f"commit {commit.sha[:8]}"
    return None


def _file_entries(
    contribution: Contribution, mech: Mechanism, findings: list[Finding]
) -> tuple[list[Entry], dict[str, ChangelogState]]:
    """Return the entries added to the base's changelog files, and each file's base state."""
    entries: list[Entry] = []
    states = {path: base_state(contribution, path) for path in mech.files}
    moved = {f.old_path: f for f in contribution.files if f.old_path}
    for path in mech.files:
        f = contribution.file(path) or moved.get(path)
        if f is None or not f.exists:
            continue
        found, released, _ = file_entries(contribution, f)
        entries += found
        if released and not found:
            findings.append(_misplaced(f.path, released, states[path]))
    return entries, states


def _misplaced(path: str, released: tuple[int, str], state: ChangelogState) -> Finding:
    """MR302: the entry went under a released section (its line and heading in ``released``)."""
    return Finding(
        "MR302",
        "warning",
        f"entry added under the released section {released[1]!r}",
        path,
        released[0],
        hint="move it under the unreleased section"
        if state == "open"
        else "add an 'Unreleased' section at the top and put the entry there",
    )


def configured_mechanism(contribution: Contribution, options: Options) -> Mechanism:
    """The changelog mechanism at the base, as this check's options configure it.

    Args:
        contribution: The contribution.
        options: changelog-updated's options (fragment folders, files, towncrier, learning).

    Returns:
        The mechanism.
    """
    return mechanism(
        contribution,
        options.fragment_dirs,
        options.files,
        options.towncrier,
        options.learn_from_history,
    )
