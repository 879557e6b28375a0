"""The changelog entry ``mergeready fix`` writes when changelog-updated found none.

The mechanism is the one changelog-updated decided at the base (``changelog.mechanism``): a
towncrier-style fragment directory gets ``<dir>/<number>.<type>.<ext>`` with the project's own
fragment type for the contribution and the extension its fragments already use; a
``CHANGELOG*`` file gets a line under its unreleased section (in the subsection whose title fits
the contribution, when it has such subsections), in the bullet style the file already uses.
The text is the contribution's title (a conventional-commit prefix dropped).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mergeready.checks.changelog.changelog_updated import Options, configured_mechanism
from mergeready.checks.changelog.hints import fragment_path
from mergeready.checks.changelog.mechanism import Mechanism, base_state, type_of
from mergeready.checks.changelog.sections import headings, open_title, sections
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import git_lines
from mergeready.checks.post.fix_guard import entry_line, inline_inert

_PREFIX: Final = re.compile(r"^[a-z]{2,12}(\([^)\n]{0,40}\))?!?:[ \t]*")
_BULLET: Final = re.compile(r"^([ \t]{0,8})([-*+])[ \t]+\S")
_NUMBER: Final = re.compile(r"(?:^|[/_#-])(\d{1,7})(?=$|[/_.-])")


@dataclass(frozen=True)
class ChangelogEdit:
    """A changelog file to create or rewrite, or why none could be written."""

    path: str | None
    before: str | None  # the file's text at head; None when the file is new
    after: str
    problem: str = ""


def entry_title(contribution: Contribution) -> str | None:
    """Return the text of the entry: the title, else the first commit's subject.

    Args:
        contribution: The contribution.

    Returns:
        The title without a conventional-commit prefix, first letter capitalised, made one
        inert line (``fix_guard.entry_line``); None when the contribution has neither.
    """
    title = contribution.title or (contribution.commits[0].subject if contribution.commits else "")
    title = _PREFIX.sub("", entry_line(title) or "", count=1)
    title = entry_line(title) or ""  # one inert line: no heading, directive or line break
    return title[:1].upper() + title[1:] if title else None


def number_from_branch(branch: str | None) -> str | None:
    """Return a pull request or issue number a branch name carries (``fix-123-x``, ``pr/45``).

    Args:
        branch: The branch name.

    Returns:
        The number, or None when the name carries none.
    """
    m = _NUMBER.search(branch or "")
    return m.group(1) if m else None


def changelog_edit(
    contribution: Contribution, options: Options, number: str | None, title: str | None
) -> ChangelogEdit:
    """Compute the fragment or line that records the contribution in the project's changelog.

    Args:
        contribution: The contribution, told its types.
        options: changelog-updated's options.
        number: The pull request number, when known.
        title: The entry's text (``entry_title``, its spelling corrected), if any.

    Returns:
        The edit, or one whose ``problem`` says why none could be written.
    """
    if title is None:
        return ChangelogEdit(None, None, "", "no title to write: pass --title")
    mech = configured_mechanism(contribution, options)
    if mech.dirs:
        return _fragment(contribution, mech, options, number, title)
    for path in mech.files:
        if base_state(contribution, path) in ("open", "flat"):
            text = contribution.head_text(path)
            if text is None:
                continue
            kind = next((t for t in contribution.types if t in options.fragment_types), None)
            base_lines = git_lines(contribution.trusted_text(path) or "")
            line = with_reference(inline_inert(title, path), base_lines, number)
            after = add_line(text, base_lines, line, kind)
            return ChangelogEdit(path, text, after)
    return ChangelogEdit(None, None, "", "no changelog file with an unreleased section")


def _fragment(
    contribution: Contribution,
    mech: Mechanism,
    options: Options,
    number: str | None,
    title: str,
) -> ChangelogEdit:
    directory = mech.dirs[0]
    if number is None:
        return ChangelogEdit(
            None,
            None,
            "",
            f"fragments in {directory}/ are named by pull request number: pass --pr NUMBER",
        )
    path = fragment_path(contribution, mech, options, number)
    existing = contribution.head_text(path)
    if existing is not None:
        return ChangelogEdit(None, None, "", f"{path} already exists")
    return ChangelogEdit(path, None, inline_inert(title, path).rstrip() + "\n")


# How changelogs cite a pull request: MyST/Sphinx roles, then GitHub's own "#N".
_REFERENCES: Final = (
    (re.compile(r"\{pr\}`\d{1,7}`"), "{{pr}}`{n}`"),
    (re.compile(r":pr:`\d{1,7}`"), ":pr:`{n}`"),
    (re.compile(r":pull:`\d{1,7}`"), ":pull:`{n}`"),
    (re.compile(r"\(#\d{1,7}\)"), "(#{n})"),
)


def with_reference(title: str, base_lines: Sequence[str], number: str | None) -> str:
    """Cite the pull request after the entry the way the changelog's entries already do.

    Args:
        title: The entry's text.
        base_lines: The changelog's lines at the base.
        number: The pull request number, if known.

    Returns:
        The text, with `` {pr}`12` ``, `` :pr:`12` `` or `` (#12)`` after it when the file
        cites pull requests so and the number is known.
    """
    if number is None:
        return title
    sample = "\n".join(line[:300] for line in base_lines[:400])
    for pattern, form in _REFERENCES:
        if pattern.search(sample):
            return f"{title.rstrip()} {form.format(n=number)}"
    return title


def add_line(text: str, base_lines: Sequence[str], title: str, kind: str | None) -> str:
    """Add a bullet under the changelog's unreleased section, in the file's own style.

    Args:
        text: The changelog's text at head.
        base_lines: Its lines at the base (which section is open is decided there).
        title: The entry's text.
        kind: The contribution type, to pick a fitting subsection (``### Fixed``).

    Returns:
        The new text.
    """
    lines = git_lines(text)
    wanted = open_title(base_lines)
    where = next((s for s in sections(lines) if s[2] == wanted), None)
    bullets = _bullets(lines)
    if where is None:  # a flat list: the newest entry goes first
        first = next((i for i, line in enumerate(lines) if _BULLET.match(line)), len(lines))
        lines[first:first] = [f"{_mark(bullets)} {title}"]
    else:
        start, stop = _subsection(lines, where[0], where[1], kind)
        own = _bullets(lines[start:stop])
        lead = own[0].group(1) if own else ""
        at = _after_list(lines, start, stop)
        lines[at:at] = _block(lines, start, at, f"{lead}{_mark(own or bullets)} {title}")
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def _bullets(lines: Sequence[str]) -> list[re.Match[str]]:
    """The bullet lines among these lines."""
    return [m for line in lines for m in [_BULLET.match(line)] if m]


def _mark(bullets: Sequence[re.Match[str]]) -> str:
    """The bullet character the file uses (its first bullet's), else ``-``."""
    return bullets[0].group(2) if bullets else "-"


def _subsection(lines: Sequence[str], start: int, stop: int, kind: str | None) -> tuple[int, int]:
    """Where the entry goes in the open release section: the subsection that fits the
    contribution's type (``### Fixed``), else the text before the first subsection."""
    subs = [(i, t) for i, _, t in headings(lines) if start - 1 < i < stop]
    fit = next((i for i, t in subs if kind and type_of(t) == kind), None)
    if fit is None:
        return start, _next_heading(subs, start - 1, stop)
    return fit + 1, _next_heading(subs, fit, stop)


def _next_heading(subs: Sequence[tuple[int, str]], after: int, stop: int) -> int:
    """The line of the first subsection heading after ``after``, else ``stop``."""
    return next((i for i, _ in subs if i > after), stop)


def _block(lines: Sequence[str], start: int, at: int, new: str) -> list[str]:
    """The new entry, with the blank lines it needs to sit apart from what surrounds it."""
    block = [new]
    if at < len(lines) and lines[at].strip():
        block.append("")
    if not any(_BULLET.match(line) for line in lines[start:at]) and lines[at - 1].strip():
        block.insert(0, "")
    return block


def _after_list(lines: Sequence[str], start: int, stop: int) -> int:
    """Return the index after the last non-blank line of a section (after its heading)."""
    first = start
    if first < len(lines) and re.match(r"^([=\-~^\"'`#*+])\1{2,}[ \t]*$", lines[first]):
        first += 1  # a reST underline
    last = first
    for i in range(first, min(stop, len(lines))):
        if lines[i].strip():
            last = i + 1
    return last
