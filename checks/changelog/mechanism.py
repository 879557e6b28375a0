"""A project's changelog as it keeps it, read at the base: files, fragment types, sections.

The mechanism (which files and fragment directories exist, which towncrier types the project
defines) is decided at the trusted revision, so a contribution that deletes or moves the
changelog, or invents a fragment directory, cannot switch the check off or satisfy it. What the
contribution adds is then read against that mechanism: a fragment's type, or the section (and
the subsection, as Sphinx's "Bugs fixed" or Keep a Changelog's "### Fixed") an entry lands in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mergeready.checks import lazyre
from mergeready.checks.changelog import practice
from mergeready.checks.changelog.places import DEFAULT_SILENT_TYPES as DEFAULT_SILENT_TYPES
from mergeready.checks.changelog.places import DEFAULT_TOWNCRIER_TYPES as DEFAULT_TOWNCRIER_TYPES
from mergeready.checks.changelog.places import NO_PLACES as NO_PLACES
from mergeready.checks.changelog.places import NO_TOWNCRIER as NO_TOWNCRIER
from mergeready.checks.changelog.places import Places as Places
from mergeready.checks.changelog.places import Towncrier as Towncrier
from mergeready.checks.changelog.sections import (
    DATE,
    MD_HEADING,
    RST_UNDERLINE,
    UNRELEASED,
    VERSION,
    headings,
    open_title,
    sections,
    subsection,
)
from mergeready.checks.changelog.visible import (
    commented_lines,
    fresh_lines,
    not_new,
    says_something,
)
from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import decode, git_lines
from mergeready.checks.paths import matches
from mergeready.checks.vocabulary import ChangelogState, EntryState

_FILES: Final = lazyre.compile(
    r"(?i)^(changelog|changes|history|news|release[-_]?notes)(\.(md|rst|txt|markdown))?$"
)
_RELEASES: Final = lazyre.compile(r"(?i)^releases?(\.(md|rst|txt|markdown))?$")
# What a fragment's type or a changelog subsection's title says about the contribution.
_WORD_TYPES: Final = (
    ("performance", lazyre.compile(r"(?i)\b(performance|perf|speed ?ups?|optimi[sz]ations?)\b")),
    ("bugfix", lazyre.compile(r"(?i)\b(bug ?fix(es)?|fix(es|ed)?|bugs?( fixed)?)\b")),
    (
        "feature",
        lazyre.compile(r"(?i)\b(feat|features?( added)?|added|add|new|enhancements?|api)\b"),
    ),
    ("docs", lazyre.compile(r"(?i)\b(docs?|documentation)\b")),
    (
        "code",
        lazyre.compile(
            r"(?i)\b(changed?|changes|removed|removals?|deprecat\w{0,9}|breaking|incompatible)\b"
        ),
    ),
    (
        "maintenance",
        lazyre.compile(
            r"(?i)\b(misc\w{0,12}|trivial|internal|chore|maintenance|vendor(ed)?|packaging|"
            r"build|ci|contrib|dependencies|infrastructure|testing|tests?)\b"
        ),
    ),
)


@dataclass(frozen=True)
class Mechanism:
    """The changelog mechanism a project has at the base."""

    files: tuple[str, ...] = ()
    dirs: tuple[str, ...] = ()
    fragment_types: tuple[str, ...] = ()  # the project's towncrier types; () when not towncrier
    created: tuple[str, ...] = ()  # a release file each contribution creates (RELEASE.rst)
    learned: str = ""  # the history that showed the place, when names did not
    sections: tuple[str, ...] = ()  # towncrier's section folders inside its directory (dirs[0])
    silent: tuple[str, ...] = ()  # towncrier types whose fragments may be empty (``misc``)

    @property
    def found(self) -> bool:
        """True when the project keeps a changelog file or fragment directory."""
        return bool(self.files or self.dirs or self.created)


@dataclass(frozen=True)
class Entry:
    """What the contribution added to the changelog."""

    path: str
    line: int | None = None
    kind: str | None = None  # the fragment type or subsection title, when it says one


def type_of(word: str) -> str | None:
    """Map a fragment type or a changelog (sub)section title to a contribution type.

    Args:
        word: ``bugfix``, ``Bugs fixed``, ``### Added``, ``Performance``…

    Returns:
        The contribution type, or None when the word says none.
    """
    for name, pattern in _WORD_TYPES:
        if pattern.search(word[:200]):
            return name
    return None


def mechanism(
    contribution: Contribution,
    fragment_dirs: Sequence[str],
    file_globs: Sequence[str] = (),
    towncrier: Towncrier = NO_TOWNCRIER,
    learn: bool = True,
) -> Mechanism:
    """Read the project's changelog mechanism at the trusted revision.

    Args:
        contribution: The contribution.
        fragment_dirs: Directories that hold fragments when they exist at the base.
        file_globs: Globs of changelog files; empty means the usual names at the top
            (and in ``docs/``).
        towncrier: The base's towncrier configuration (its directory counts even before the
            first fragment creates it).
        learn: When no name finds a mechanism and no globs pin one, learn it from the base's
            merged history (``changelog.practice``).

    Returns:
        The mechanism.
    """
    paths = contribution.base_paths()
    directory, types = towncrier.directory, towncrier.types
    dirs = ([directory] if directory else []) + list(fragment_dirs)
    found = [d for d in dict.fromkeys(dirs) if any(p.startswith(d + "/") for p in paths)]
    if directory and directory not in found and found is not None:
        found.insert(0, directory)  # towncrier creates its directory on the first fragment
    if file_globs:
        files = [p for p in sorted(paths) if any(matches(p, g) for g in file_globs)]
    else:
        top = [p for p in sorted(paths) if p.count("/") <= (1 if p.startswith("docs/") else 0)]
        files = [p for p in top if _FILES.match(p.rsplit("/", 1)[-1])]
        # RELEASE.md is release notes when its headings name versions, else a how-to-release.
        files += [
            p for p in top if _RELEASES.match(p.rsplit("/", 1)[-1]) and _versioned(contribution, p)
        ]
    if learn and not file_globs and _unused(contribution, files, found):
        learned = practice.learn(contribution)
        if learned.found:
            return Mechanism(
                learned.files, learned.dirs, (), learned.created, learned=learned.evidence
            )
    if not directory:
        return Mechanism(tuple(files), tuple(found))
    return Mechanism(
        tuple(files), tuple(found), types, sections=towncrier.sections, silent=towncrier.silent
    )


def _unused(contribution: Contribution, files: Sequence[str], dirs: Sequence[str]) -> bool:
    """True when names found no mechanism, or one that no recent merged code change wrote to
    (alembic keeps a ``CHANGES`` pointer; its notes go to ``docs/build/unreleased/``)."""
    if not files and not dirs:
        return True
    code = practice.code_changes(contribution)
    unused = len(code) >= practice.SAMPLE and practice.writing(code, files, dirs) == 0
    return unused and practice.by_several(contribution)  # not one contributor's (issue 22)


def _versioned(contribution: Contribution, path: str) -> bool:
    """True when most of a file's release-level headings name a version."""
    text = contribution.trusted_text(path) or ""
    found = sections(text.splitlines()[:5000])
    return len(found) >= 2 and sum(bool(VERSION.search(t)) for *_, t in found) * 2 > len(found)


def fragment_kind(path: str, directory: str) -> str | None:
    """Return a fragment's type: ``123.bugfix.rst`` → ``bugfix``; ``bugfix/123.md`` too.

    Args:
        path: The fragment's path.
        directory: The fragment directory it is in.

    Returns:
        The type word, or None when the name carries none.
    """
    rest = path[len(directory) + 1 :]
    if "/" in rest:
        return rest.split("/", 1)[0].lower()
    parts = rest.split(".")
    words = [p.lower() for p in parts[1:] if not p.isdigit()]
    if words and words[-1] in ("md", "rst", "txt", "markdown"):
        words = words[:-1]  # ``123.rst`` names no type (a per-change file, not towncrier's)
    return words[-1] if words else None


def fragments(contribution: Contribution, mech: Mechanism) -> tuple[list[Entry], list[str]]:
    """Return the non-empty fragments the contribution adds, and the empty ones.

    Args:
        contribution: The contribution.
        mech: The mechanism at the base.

    Returns:
        The fragments added in the base's fragment directories, and the paths of empty ones.
    """
    out: list[Entry] = []
    empty: list[str] = []
    for f in contribution.files:
        directory = _fragment_directory(f, mech)
        if directory is None:
            continue
        text = contribution.text(f)
        kind = fragment_kind(f.path, fragment_folder(f.path, mech))
        if not _read_by_towncrier(f, mech, kind) or not (
            (text is not None and says_something(text) and _new_text(contribution, f, text, mech))
            or _silent(f, mech, kind)
        ):
            empty.append(f.path)
            continue
        out.append(Entry(f.path, None, kind))
    return out, empty


def _new_text(contribution: Contribution, f: ChangedFile, text: str, mech: Mechanism) -> bool:
    """True when a fragment shows text its base version (or the fragment it came from) did not;
    a file moved in from outside the fragment directories was not shown before."""
    old = f.old_path or f.path
    shown = f.status != "added" and old.startswith(tuple(d + "/" for d in mech.dirs))
    base = contribution.base_data(old) if shown else None
    return base is None or bool(fresh_lines(git_lines(text), git_lines(decode(base))))


def fragment_folder(path: str, mech: Mechanism) -> str:
    """The folder a fragment's name is read in: a towncrier section's folder, else its directory.

    Args:
        path: The fragment's path.
        mech: The mechanism at the base.

    Returns:
        ``newsfragments/core`` for ``newsfragments/core/12.bugfix.rst`` when ``core`` is a
        section's folder, else the fragment directory the path is in (``""`` when none).
    """
    directory = next((d for d in mech.dirs if path.startswith(d + "/")), "")
    if directory and directory == mech.dirs[0]:
        rest = path[len(directory) + 1 :]
        section = next((s for s in mech.sections if rest.startswith(s + "/")), None)
        if section is not None:
            return f"{directory}/{section}"
    return directory


def _silent(f: ChangedFile, mech: Mechanism, kind: str | None) -> bool:
    """True for a fragment of a type whose text towncrier never shows (its ``misc``, or a type
    configured with ``showcontent = false``): Twisted's empty ``12219.misc`` is its entry."""
    return (
        bool(kind) and kind in mech.silent and f.path.startswith(tuple(d + "/" for d in mech.dirs))
    )


def _read_by_towncrier(f: ChangedFile, mech: Mechanism, kind: str | None) -> bool:
    """False for a fragment in towncrier's directory that towncrier never reads: a type it does
    not know (the defaults when none is configured), or a sub-folder that is not a type's."""
    if not mech.fragment_types or not f.path.startswith(mech.dirs[0] + "/"):
        return True
    return kind in mech.fragment_types


def _fragment_directory(f: ChangedFile, mech: Mechanism) -> str | None:
    """The base's fragment directory a changed file is a fragment in, if it is one.

    A file added, renamed, copied or modified with an added line, in a fragment directory,
    whose name is not hidden, private, a template or a README.
    """
    if f.status not in ("added", "renamed", "copied", "modified") or f.kind != "file":
        return None
    directory = next((d for d in mech.dirs if f.path.startswith(d + "/")), None)
    name = f.path.rsplit("/", 1)[-1]
    if directory is None or name.startswith((".", "_", "template", "README")):
        return None
    if f.status == "modified" and not f.added_lines:
        return None
    return directory


def base_state(contribution: Contribution, path: str) -> ChangelogState:
    """Say how a changelog file is kept at the base.

    Args:
        contribution: The contribution.
        path: The changelog file.

    Returns:
        ``open`` (an Unreleased or undated top section takes entries), ``released`` (every
        section is a dated release: entries are written at release time), ``flat`` (a list
        without headings), ``pointer`` (a line or two that point elsewhere) or ``unread``.
    """
    text = contribution.trusted_text(path)
    if text is None and contribution.trusted_too_large(path):
        return "unread"  # over --max-file-size: neither absent nor a pointer
    lines = git_lines(text) if text else []
    if open_title(lines):
        return "open"
    if sections(lines):
        return "released"
    return "flat" if sum(1 for line in lines if line.strip()) > 2 else "pointer"


def file_entries(
    contribution: Contribution, f: ChangedFile
) -> tuple[list[Entry], tuple[int, str] | None, EntryState]:
    """Read what the contribution added to one changelog file.

    The section entries go to is decided at the base. A heading the contribution adds is a new
    open section when the base had none; renaming the base's open heading to a released
    version (``## [Unreleased]`` → ``## 0.28.0 (2024-…)``) is a release, not an entry.

    Args:
        contribution: The contribution.
        f: The changelog file, changed by the contribution.

    Returns:
        The entries added to the open section (each with its subsection), the first line added
        under a released section with that section's title, and the file's state: ``open``
        (the base has an Unreleased/undated section), ``released`` (every section at the base
        is a dated release), ``flat`` (no headings) or ``release`` (the contribution releases
        the open section).
    """
    text = contribution.text(f)
    base_data = contribution.base_data(f.old_path or f.path)
    base_lines = git_lines(decode(base_data)) if base_data is not None else []
    wanted = open_title(base_lines) if base_lines else None
    known = {t for _, _, t in sections(base_lines)}
    state: EntryState = "open" if wanted else ("released" if known else "flat")
    if text is None:
        return [], None, state
    lines = git_lines(text)
    hidden = commented_lines(lines)  # a multi-line <!-- … --> shows nothing
    hidden |= not_new(lines, base_lines, f.touches)  # respaced, re-bulleted or moved
    found = sections(lines)
    if not found:
        added = [
            n
            for n in range(1, len(lines) + 1)
            if f.touches(n) and says_something(lines[n - 1]) and n not in hidden
        ]
        return ([Entry(f.path, added[0])] if added else []), None, state
    entries: list[Entry] = []
    released: tuple[int, str] | None = None
    heads = headings(lines)
    seen_open = False  # a second open heading further down is not what the release shows
    for first, last, title in found:
        added = [
            n for n in range(first + 1, last + 1) if _added_text(lines, f, n) and n not in hidden
        ]
        is_open = _is_open(title, f.touches(first), wanted, known) and not (
            seen_open and title == wanted
        )
        seen_open = seen_open or title == wanted
        if is_open:
            entries += [Entry(f.path, n, subsection(heads, n, first)) for n in added]
        elif wanted and title not in known and f.touches(first):
            # The open heading renamed to a version, or a new version section added: a
            # release. The notes it writes are entries; the heading itself is not.
            state = "release"
            entries += [Entry(f.path, n, subsection(heads, n, first)) for n in added]
        elif added and released is None:
            released = (added[0], title)
    return entries, released, state


def _added_text(lines: Sequence[str], f: ChangedFile, n: int) -> bool:
    """True when line ``n`` is an added line of visible text that is not a heading."""
    if not (0 < n <= len(lines) and f.touches(n) and says_something(lines[n - 1])):
        return False
    if RST_UNDERLINE.match(lines[n - 1]) or MD_HEADING.match(lines[n - 1]):
        return False
    return not (n < len(lines) and RST_UNDERLINE.match(lines[n]))


def _is_open(title: str, renamed: bool, wanted: str | None, known: set[str]) -> bool:
    """Tell whether a section at head is where entries go."""
    if title == wanted:
        return True
    if title in known or not renamed:
        return False
    if wanted is None:
        return True  # the base had no open section: a section the contribution adds is one
    return bool(UNRELEASED.search(title)) or not (DATE.search(title) or VERSION.search(title))
