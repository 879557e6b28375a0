"""What a contribution's words declare: title, subjects, branch, bodies, labels, changelog."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mergeready.checks import lazyre
from mergeready.checks.changelog.mechanism import base_state, file_entries, fragments, type_of
from mergeready.checks.contribution import Contribution
from mergeready.checks.titles import (
    body_types,
    branch_type,
    is_noise,
    merged_branch,
    read_title,
)
from mergeready.checks.vocabulary import DECLARED_CODE_TYPES, KINDS, EntryState, TypeRule

if TYPE_CHECKING:
    from mergeready.checks.changelog.mechanism import Entry, Mechanism

_MERGE_PR = lazyre.compile(r"^Merge (?:pull request|PR) #?\d+")
RELEASE_TITLE = lazyre.compile(
    r"(?i)^(release|releasing|prepar\w{0,5} (the )?release|bump version|version|v?\d{1,4}\.\d)"
)


def title_of(contribution: Contribution) -> tuple[str | None, str]:
    """Return the contribution's title and where it came from.

    The explicit title wins; otherwise a merge commit of a pull request gives the pull
    request's title from its body, and a single commit its subject. Several commits and no
    title give none: every subject then counts alike, whatever their order.

    Args:
        contribution: The contribution.

    Returns:
        The title (or None) and its source (``title`` or ``commit <sha>``).
    """
    if contribution.title:
        return contribution.title.strip(), "title"
    commits = contribution.commits
    for commit in commits:
        if _MERGE_PR.match(commit.message.lstrip()):
            subject = subject_of(commit.message)
            if subject:
                return subject, f"commit {commit.sha[:8]}"
    own = [(c, subject_of(c.message)) for c in commits]
    own = [(c, s) for c, s in own if s]
    if len(own) == 1:
        return own[0][1], f"commit {own[0][0].sha[:8]}"
    return None, ""


def subject_of(message: str) -> str | None:
    """Return the subject a person gave a commit: a merged pull request's title, not 'Merge …'.

    Args:
        message: The full commit message.

    Returns:
        The subject, or None for a plain branch merge.
    """
    lines = [line.strip() for line in message.strip().splitlines()]
    if not lines:
        return None
    if _MERGE_PR.match(lines[0]):
        return next((line for line in lines[1:] if line), None)
    if lines[0].startswith("Merge ") and (" into " in lines[0] or "branch" in lines[0]):
        return None
    return lines[0]


# How strongly a signal declares a type: a label, then a title's prefix or tag (TITLE + 2),
# the changelog fragment or section, the title's words, a commit's prefix, a branch, a body.
LABEL, STRONG, TITLE, COMMIT, HINT, WEAK = 6, 4, 3, 2, 2, 1


@dataclass
class Signals:
    """Every signal read, by type: its strongest strength and its evidence."""

    strength: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)

    explicit: set[str] = field(default_factory=set)

    def add(self, name: str, strength: int, evidence: str, explicit: bool = False) -> None:
        """Record a signal for a type (an empty name is no signal).

        Args:
            name: The type.
            strength: How strongly the signal declares it.
            evidence: Where it was read, for the report.
            explicit: True for a declaration (a prefix, tag, label), not a guessed word.
        """
        if not name:
            return
        self.strength[name] = max(self.strength.get(name, 0), strength)
        self.evidence.setdefault(name, []).append(evidence)
        if explicit:
            self.explicit.add(name)


def read_title_claims(
    text: str,
    where: str,
    rules: Mapping[str, TypeRule],
    signals: Signals,
    strength: int,
    kinds: Mapping[str, str],
    evidence: dict[str, list[str]],
    only_changelog: bool = False,
) -> bool:
    """Read the title, checking its claims against what the diff changes.

    Args:
        text: The title.
        where: Where it was read, for the evidence.
        rules: The type rules by name.
        signals: The signals read so far; the title's are added.
        strength: How strongly a word of the title declares a type.
        kinds: What each changed source file's diff changes.
        evidence: The evidence by type; a claim the diff contradicts adds to it.
        only_changelog: Only changelog files changed (a typo fixed in one is docs).

    Returns:
        True when the title is a docs claim (a typo fix) that the diff bears out, so changed
        string literals are the typo, not code.
    """
    worst = max((KINDS.index(k) for k in kinds.values()), default=0)
    readings = read_title(text, rules)
    if any(h == "explicit" for _, h in readings) and ("docs", "docs-claim") in readings:
        # "fix: typo in README": on a diff that changes no source file the prefix's code type
        # has nothing to fix (a typo fix asks no test or changelog entry); on source the
        # prefix says what it says, as before.
        code = (*DECLARED_CODE_TYPES, "code")
        keep = (lambda r: r[1] == "explicit") if kinds else (lambda r: r[0] not in code)
        readings = list(filter(keep, readings))
    for name, how in readings:
        if how == "explicit":
            signals.add(name, strength + 2, where, explicit=True)
            if name == "docs" and worst <= KINDS.index("text"):
                return True  # docs: a help text or message reworded, not code
        elif how in ("natural", "tooling-claim"):
            signals.add(name, strength, where)
            if how == "tooling-claim" and worst > KINDS.index("annotations"):
                evidence.setdefault("code", []).append(
                    "source code changed beyond annotations, formatting and comments"
                )
        elif worst <= KINDS.index("text") or how == "docs-claim":
            # A typo or docs fix: docs, and code too when code changed beyond text; a typo
            # fixed only in tests is a tests change.
            if kinds or only_changelog or any(evidence.get(t) for t in _PROSE_AREAS):
                evidence.setdefault("docs", []).insert(0, where)
            return worst <= KINDS.index("text")
        # A weak docs claim ("Fix raw markup printed …") that code changes disprove: read on.
    return False


_PROSE_AREAS = ("docs", "example", "translation")


def read_commits(
    contribution: Contribution, title: str | None, rules: Mapping[str, TypeRule], signals: Signals
) -> None:
    """Read every commit subject: explicit prefixes count, words count less than a title.

    Args:
        contribution: The contribution.
        title: The title read already (a subject equal to it is not read twice), or None.
        rules: The type rules by name.
        signals: The signals read so far; the subjects' are added.
    """
    for commit in contribution.commits:
        subject = subject_of(commit.message)
        if not subject or subject == title or is_noise(subject):
            continue
        where = f"commit {commit.sha[:8]}: {subject}"
        for name, how in read_title(subject, rules):
            if how == "explicit":
                signals.add(name, COMMIT + 1, where, explicit=True)
            elif how == "natural" and name in (*DECLARED_CODE_TYPES, "code"):
                signals.add(name, COMMIT if title is None else WEAK, where)


def read_branch(
    contribution: Contribution, rules: Mapping[str, TypeRule], signals: Signals
) -> None:
    """Read the branch's name and those of the branches its merge commits merged.

    Args:
        contribution: The contribution.
        rules: The type rules by name.
        signals: The signals read so far; the branches' hints are added.
    """
    branches = [contribution.branch] if contribution.branch else []
    for commit in contribution.commits:
        named = merged_branch(commit.message.lstrip())
        if named:
            branches.append(named)
    for branch in branches:
        name = branch_type(branch, rules)
        if name:
            signals.add(name, HINT, f"branch: {branch}")


def read_bodies(contribution: Contribution, signals: Signals) -> None:
    """Read the pull request's body and the commits' bodies (closing keywords, phrases).

    Args:
        contribution: The contribution.
        signals: The signals read so far; the bodies' weak ones are added.
    """
    bodies = [("body", contribution.body or "")]
    bodies += [
        (f"commit {c.sha[:8]}", c.message.split("\n", 1)[1])
        for c in contribution.commits
        if "\n" in c.message
    ]
    for where, text in bodies:
        for name, phrase in body_types(text):
            signals.add(name, WEAK, f"{where}: {phrase!r}")


def read_changelog(
    contribution: Contribution, mech: Mechanism, signals: Signals, changed: bool
) -> None:
    """Read the type the contribution's own changelog fragment or section says.

    A fix, feature or performance fragment (or entry under such a section) declares its type
    outright, a ``misc`` or ``removal`` one only hints at one. It is not read for a release or
    for a change to the changelog alone (release notes are no contribution type).

    Args:
        contribution: The contribution.
        mech: The changelog mechanism at the base.
        signals: The signals read so far; the changelog's are added.
        changed: True when source code changed (a weak kind then counts too).
    """
    if not mech.found:
        return
    added, _ = fragments(contribution, mech)
    _read_fragments(added, mech, signals, changed)
    if added:
        return
    for path in mech.files:
        _read_section(contribution, path, signals, changed)


def _fragment_level(name: str, strong: bool, no_perf: bool) -> int:
    """How strongly a fragment's type declares it: a strong type outright, unless outranked."""
    return HINT if not strong or (no_perf and name != "docs") else STRONG


def _read_fragments(
    added: Sequence[Entry], mech: Mechanism, signals: Signals, changed: bool
) -> None:
    """Read the type each added fragment says."""
    # A project whose fragment types cannot say "performance" files speed-ups as fixes or
    # features: then the fragment does not outweigh a title that says performance.
    no_perf = "performance" in signals.strength and not any(
        type_of(t) == "performance" for t in mech.fragment_types
    )
    for entry in added:
        name = type_of(entry.kind or "")
        strong = name in ("bugfix", "feature", "performance", "docs")
        if name and (strong or changed):
            signals.add(
                name, _fragment_level(name, strong, no_perf), f"fragment: {entry.path}", strong
            )


def _read_section(contribution: Contribution, path: str, signals: Signals, changed: bool) -> None:
    """Read the kinds of the entries the contribution adds to an open section of a changelog."""
    f = contribution.file(path)
    if f is None or not f.exists or base_state(contribution, path) != "open":
        return
    entries, _, state = file_entries(contribution, f)
    if not _release_notes(state, entries):
        _read_entries(entries[:5], path, signals, changed)


def _release_notes(state: EntryState, entries: Sequence[Entry]) -> bool:
    """True for a release's section: its entries sit under several kinds, or under none."""
    named = {type_of(e.kind or "") for e in entries}
    # A release collects every kind of change. A new version section whose entries all sit
    # under one kind ("Bug fixes") is a contribution starting the next release's notes with
    # its own entry (found on keras-tuner #954).
    return state == "release" and (len(named) != 1 or None in named)


def _read_entries(entries: Sequence[Entry], path: str, signals: Signals, changed: bool) -> None:
    """Read the type each entry's kind (its section heading) says, when source code changed.

    An entry under "Fixes" or "Enhancements" beside a change to docstrings, pages or examples
    only describes that change ("[DOC] add an example to plot_design_matrix_correlation"
    with an Enhancements entry): no code type's requirement could apply to it.
    """
    for entry in entries:
        name = type_of(entry.kind or "")
        strong = name in ("bugfix", "feature", "performance")
        if name and changed:
            where = f"changelog: {path} under {entry.kind!r}"
            signals.add(name, STRONG if strong else HINT, where, strong)


def read_labels(
    contribution: Contribution, rules: Mapping[str, TypeRule], signals: Signals
) -> None:
    """Read the pull request's labels: a rule's label declares its type outright.

    Args:
        contribution: The contribution.
        rules: The type rules by name (their labels).
        signals: The signals read so far; the labels' are added.
    """
    wanted = {label.strip().lower() for label in contribution.labels}
    for name, rule in rules.items():
        for x in rule.labels:
            if x.lower() in wanted:
                signals.add(name, LABEL, f"label: {x}", explicit=True)
