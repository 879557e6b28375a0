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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from mergeready.checks.changelog.mechanism import (
    NO_TOWNCRIER,
    Entry,
    Mechanism,
    Places,
    Towncrier,
    base_state,
    file_entries,
    fragment_kind,
    fragments,
    mechanism,
    type_of,
)
from mergeready.checks.changelog.practice import library_module, writing
from mergeready.checks.contribution import Contribution
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
        return skipped(
            "no changelog mechanism found at the base (no CHANGELOG*, CHANGES*, HISTORY*, "
            "NEWS*, changelog.d/, newsfragments/ or [tool.towncrier], and no file or folder "
            "that a third of its last merged code contributions wrote to)"
        )
    if mech.created:
        return _created(contribution, mech)
    added, empty = fragments(contribution, mech)
    findings += [_not_counted(p, mech) for p in empty]
    for entry in added:
        findings += _fragment_type(entry, contribution.types, mech, options)
    practice = _practice(contribution, mech) if options.learn_from_history else None
    if added:
        if practice:
            return skipped(f"{practice} (the fragment {added[0].path} is not asked for)", findings)
        return passed(f"changelog fragment {added[0].path} added{_learned(mech)}", findings)
    entries, states = _file_entries(contribution, mech, findings)
    if entries:
        if practice:
            return skipped(
                f"{practice} (the entry in {entries[0].path} is not asked for)", findings
            )
        return passed(f"entry added to {entries[0].path}{_learned(mech)}", findings)
    if not mech.dirs and all(s in ("released", "pointer") for s in states.values()):
        path = next((p for p, s in states.items() if s == "released"), mech.files[0])
        return skipped(
            f"{path} has no unreleased section at the base (its sections are dated releases): "
            "the project writes its changelog when it releases",
            findings,
        )
    if practice:
        return skipped(practice, findings)
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
            hint=_hint(contribution, mech, options),
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
    # Contributions as the history groups them (a rebase-merged series counts once).
    series = contribution.recent_changes(200)
    code = [(paths, frozenset[str]()) for paths in series if any(map(library_module, paths))]
    if len(code) < 20:
        return None
    with_entry = writing(code, mech.files, mech.dirs)
    if with_entry * 5 >= len(code):
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
            findings.append(
                Finding(
                    "MR302",
                    "warning",
                    f"entry added under the released section {released[1]!r}",
                    f.path,
                    released[0],
                    hint="move it under the unreleased section"
                    if states[path] == "open"
                    else "add an 'Unreleased' section at the top and put the entry there",
                )
            )
    return entries, states


def _not_counted(path: str, mech: Mechanism) -> Finding:
    """MR303 for a fragment towncrier never reads (its type unknown, or a sub-folder), else
    MR304 for one that shows no text (empty, a comment, zero-width characters)."""
    kind = fragment_kind(path, mech.dirs[0]) if mech.dirs else None
    if (
        mech.fragment_types
        and path.startswith(mech.dirs[0] + "/")
        and kind not in mech.fragment_types
    ):
        return Finding(
            "MR303",
            "warning",
            f"fragment type {kind!r} is not one of the project's towncrier types: towncrier "
            "never reads it, so it does not count",
            path,
            hint=f"use one of: {', '.join(mech.fragment_types)}",
        )
    return Finding(
        "MR304",
        "warning",
        "empty changelog fragment does not count",
        path,
        hint="describe the change in it",
    )


def _fragment_type(
    entry: Entry, types: Sequence[str], mech: Mechanism, options: Options
) -> list[Finding]:
    """Warn when a fragment's type does not fit the contribution, naming one that does."""
    code_types = [t for t in types if t in options.fragment_types]
    if not code_types or not entry.kind:
        return []
    if mech.fragment_types and entry.kind not in mech.fragment_types:
        return [
            Finding(
                "MR303",
                "warning",
                f"fragment type {entry.kind!r} is not one of the project's towncrier types",
                entry.path,
                hint=f"use one of: {', '.join(mech.fragment_types)}",
            )
        ]
    fitting = {w for t in code_types for w in options.fragment_types[t]}
    if entry.kind in fitting or type_of(entry.kind) in code_types:
        return []
    wanted = code_types[0]
    better = project_type(wanted, mech, options)
    name = entry.path.rsplit("/", 1)[-1]
    stem, _, rest = name.partition(".")
    suffix = rest.rsplit(".", 1)[-1] if "." in rest else ""
    return [
        Finding(
            "MR303",
            "warning",
            f"fragment type {entry.kind!r} does not fit a {wanted} contribution",
            entry.path,
            hint=f"rename it to {stem}.{better}{'.' + suffix if suffix else ''}"
            if better
            else None,
        )
    ]


def project_type(wanted: str, mech: Mechanism, options: Options) -> str | None:
    """Return the fragment type for a contribution type, among the project's own types.

    Args:
        wanted: The contribution type.
        mech: The changelog mechanism at the base (its fragment types).
        options: The check's options (``fragment-types``).

    Returns:
        The fragment type, or None when the project has none for it.
    """
    words = options.fragment_types.get(wanted, ())
    if not mech.fragment_types:
        return words[0] if words else None
    kinds = mech.fragment_types
    general = ("change", "changed", "changes") if wanted != "docs" else ()
    return next(
        (t for t in kinds if t in words),
        next(
            (t for t in kinds if type_of(t) == wanted),
            next((t for t in kinds if t in general), None),
        ),
    )


def _hint(contribution: Contribution, mech: Mechanism, options: Options) -> str:
    """Tell the contributor where the entry goes."""
    if mech.dirs:
        path = fragment_path(contribution, mech, options, "<PR number>")
        return f"create {path} describing the change"
    return f"add a line describing the change under the Unreleased section of {mech.files[0]}"


def fragment_path(
    contribution: Contribution, mech: Mechanism, options: Options, number: str
) -> str:
    """Name the fragment this contribution would add, in the shape of the base's fragments.

    The type is the project's own word for the contribution's type (a folder of per-change
    files that carry no type gets none), the extension the one the base's fragments use.

    Args:
        contribution: The contribution, told its types.
        mech: The mechanism, with at least one fragment folder.
        options: changelog-updated's options.
        number: The pull request number, or a placeholder.

    Returns:
        The path.
    """
    directory = mech.dirs[0]
    names = [
        p[len(directory) + 1 :] for p in contribution.base_paths() if p.startswith(directory + "/")
    ]
    if mech.learned:  # per-change files: <number>.<extension>, no type in the name
        kinds = Counter("." + n.rsplit(".", 1)[1] for n in names if "." in n.lstrip("."))
        return f"{directory}/{number}{kinds.most_common(1)[0][0] if kinds else '.rst'}"
    kind = next((t for t in contribution.types if t in options.fragment_types), "feature")
    word = project_type(kind, mech, options) or (mech.fragment_types or ("feature",))[0]
    suffixes = Counter(_extension(n, mech.fragment_types) for n in names)
    del suffixes[None]
    return f"{directory}/{number}.{word}{suffixes.most_common(1)[0][0] if suffixes else '.md'}"


def _extension(name: str, types: Sequence[str]) -> str | None:
    """The extension of a fragment's file name (``.md``; ``""`` for ``123.bugfix``).

    None for what is not a fragment: dotfiles (``.gitkeep``), files in subfolders, and names
    whose second part is not one of the project's fragment types (``README.md``,
    ``template.rst``; with no types known, a fragment needs three parts).
    """
    parts = name.split(".")
    if "/" in name or name.startswith(".") or len(parts) < 2:
        return None
    if types and parts[1] not in types:
        return None
    if len(parts) == 2:
        return "" if types else None
    return "." + parts[-1] if parts[-1] and not parts[-1].isdigit() else ""


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
