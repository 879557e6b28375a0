"""A changelog file's headings and release sections, and the section entries go to."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Final

from mergeready.checks import lazyre

UNRELEASED: Final = lazyre.compile(
    r"(?i)\b(unreleased|upcoming|in progress|in development|main|master|dev|development|next)\b"
)
DATE: Final = lazyre.compile(
    r"\d{4}-\d{2}-\d{2}|\d{1,2} \w{3,9} \d{4}|\w{3,9} \d{1,2},? \d{4}|\(\d{4}"
)
VERSION: Final = lazyre.compile(r"\bv?\d+\.\d+")
MD_HEADING: Final = lazyre.compile(r"^(#{1,6})[ \t]+(\S.{0,300})")
RST_UNDERLINE: Final = lazyre.compile(r"^([=\-~^\"'`#*+])\1{2,}[ \t]*$")


def headings(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """Return (line index, level, title) of each Markdown or reST heading.

    Args:
        lines: The file's lines.

    Returns:
        The headings in order; reST levels follow the order underline characters appear.
    """
    out: list[tuple[int, int, str]] = []
    rst_levels: list[str] = []
    for i, line in enumerate(lines):
        m = MD_HEADING.match(line)
        if m:
            out.append((i, len(m.group(1)), m.group(2).strip()))
        elif i > 0 and _underlines(line, lines[i - 1]):
            over = i > 1 and lines[i - 2].strip() == line.strip()
            char = ("over" if over else "") + line.strip()[0]
            if char not in rst_levels:
                rst_levels.append(char)
            out.append((i - 1, rst_levels.index(char) + 1, lines[i - 1].strip()))
    return out


def _underlines(line: str, above: str) -> bool:
    """Whether a line is a reST underline of the non-empty title above it (2 characters short
    at most)."""
    return bool(
        RST_UNDERLINE.match(line)
        and above.strip()
        and not RST_UNDERLINE.match(above)
        and len(line.strip()) >= len(above.strip()) - 2
    )


def _is_document_title(heads: Sequence[tuple[int, int, str]]) -> bool:
    """Whether the first heading, above every other one, titles the document, not a release."""
    return (
        len(heads) > 1
        and heads[0][1] < min(h[1] for h in heads[1:])
        and not (VERSION.search(heads[0][2]) or UNRELEASED.search(heads[0][2]))
    )


def sections(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """Return (first, last, title) line numbers (1-based) of the release sections.

    A first heading above every other one is the document's title ("Changelog") unless it
    names a release itself (Sphinx's "Release 9.1.0 (in development)" alone at the top).

    Args:
        lines: The file's lines.

    Returns:
        The release sections, subsections included in their range.
    """
    heads = headings(lines)
    if _is_document_title(heads):
        heads = heads[1:]
    if not heads:
        return []
    level = min(h[1] for h in heads)
    tops = [h for h in heads if h[1] == level]
    out = []
    for n, (i, _, title) in enumerate(tops):
        end = tops[n + 1][0] if n + 1 < len(tops) else len(lines)
        out.append((i + 1, end, title))
    return out


def open_title(lines: Sequence[str]) -> str | None:
    """Return the title of the section entries go to: Unreleased/dev, or an undated top one.

    Args:
        lines: The changelog's lines (at the base).

    Returns:
        The section's title, or None when every section is a dated release.
    """
    found = sections(lines)
    for _, _, title in found:
        if UNRELEASED.search(title):
            return title
        if DATE.search(title):
            break  # an "Unreleased" heading below a dated release is a stale one
    if found and not DATE.search(found[0][2]):
        return found[0][2]
    return None


def subsection(heads: Sequence[tuple[int, int, str]], line: int, first: int) -> str | None:
    """Return the title of the subsection a line is in, within a release section.

    Args:
        heads: The file's headings, as ``headings`` returns them.
        line: The 1-based line.
        first: The 1-based line of the release section's heading.

    Returns:
        The nearest heading's title between the two, or None.
    """
    at = bisect.bisect_left(heads, (line - 1,)) - 1
    if at >= 0 and first < heads[at][0] + 1 < line:
        return heads[at][2]
    return None
