"""The one reader of a report's Markdown: its lines, sections, code blocks, links and images.

A report is untrusted text: it is read, never rendered or run. Only the first ``MAX_BODY``
characters are read (the command says when it cut a report) and every line is cut at
``MAX_LINE`` characters before any pattern sees it, so each regular expression below runs on
bounded input and none of them can backtrack over a shared run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Final

MAX_BODY: Final = 65_536
"""Characters of a report's body that are read; GitHub's own limit for an issue body."""
MAX_LINE: Final = 2_000
_FENCE: Final = re.compile(r"[ ]{0,3}(`{3,}|~{3,})[ \t]*([\w+.#-]{0,40})")
_HEADING: Final = re.compile(r"[ ]{0,3}(#{1,6})[ \t]+(.{0,300})")
_BOLD: Final = re.compile(r"[ ]{0,3}(?:\*\*|__)([^*_\n]{1,120})(?:\*\*|__)[ \t]*:?[ \t]*")
_LABEL: Final = re.compile(r"[ ]{0,3}([A-Za-z][A-Za-z /()'-]{1,60}):[ \t]*")
_LINK: Final = re.compile(r"https?://[^\s<>()\[\]\"'`]{1,2000}")
_IMAGE: Final = re.compile(
    r"!\[|<img[ \t>]|user-images\.githubusercontent\.com|/user-attachments/assets/", re.I
)
_NON_WORD: Final = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Block:
    """A code block: its language (empty when unsaid), first line number and its lines."""

    language: str
    line: int
    lines: tuple[str, ...]
    fenced: bool = True

    @property
    def text(self) -> str:
        """The block's text."""
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Section:
    """A part of the report under one heading (a form's ``### Label``, ``**Bold**``, ``Label:``)."""

    heading: str
    line: int
    lines: tuple[str, ...]

    @property
    def key(self) -> str:
        """The heading as words: lower case, punctuation and emoji dropped."""
        return words(self.heading)

    @property
    def content(self) -> str:
        """The section's text, stripped."""
        return "\n".join(self.lines).strip()


def words(text: str, limit: int = MAX_LINE) -> str:
    """Reduce text to its words: lower case, single spaces, no punctuation.

    Args:
        text: Any text.
        limit: How many of its characters are read.

    Returns:
        The words joined by single spaces.
    """
    return " ".join(_NON_WORD.sub(" ", text[:limit].lower()).split())


class Text:
    """A report's body, read once: lines, code blocks, sections, prose, links and images."""

    def __init__(self, body: str) -> None:
        """Read a body.

        Args:
            body: The report's body (already capped at ``MAX_BODY``).
        """
        self.lines: tuple[str, ...] = tuple(
            line[:MAX_LINE] for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        )
        self._code_lines: set[int] = set()
        self.blocks: tuple[Block, ...] = self._blocks()

    def _blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        fence: tuple[str, str, int, list[str]] | None = None
        indented: list[str] = []
        start = 0
        for n, line in enumerate(self.lines, 1):
            if fence is not None:
                marker, language, first, body = fence
                if line.strip().startswith(marker) and not line.strip().strip(marker[0]):
                    blocks.append(Block(language, first, tuple(body)))
                    self._code_lines.add(n)
                    fence = None
                else:
                    body.append(line)
                    self._code_lines.add(n)
                continue
            opened = _FENCE.match(line)
            if opened:
                fence = (opened.group(1), opened.group(2).lower(), n + 1, [])
                self._code_lines.add(n)
                continue
            if (line.startswith("    ") or line.startswith("\t")) and (
                indented or n == 1 or not self.lines[n - 2].strip()
            ):
                if not indented:
                    start = n
                indented.append(line[4:] if line.startswith("    ") else line[1:])
                self._code_lines.add(n)
                continue
            if indented and not line.strip():
                indented.append("")
                continue
            if indented:
                blocks.append(Block("", start, tuple(indented), False))
                indented = []
        if fence is not None:  # an unclosed fence runs to the end, as GitHub renders it
            blocks.append(Block(fence[1], fence[2], tuple(fence[3])))
        if indented:
            blocks.append(Block("", start, tuple(indented), False))
        return tuple(b for b in blocks if any(x.strip() for x in b.lines))

    @cached_property
    def prose(self) -> tuple[tuple[int, str], ...]:
        """The lines outside code blocks, with their numbers."""
        return tuple((n, line) for n, line in enumerate(self.lines, 1) if n not in self._code_lines)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """The report's sections, in order; text before the first heading is not one."""
        found: list[Section] = []
        heading: tuple[str, int] | None = None
        body: list[str] = []
        for n, line in enumerate(self.lines, 1):
            title = None if n in self._code_lines else heading_of(line)
            if title is not None:
                if heading is not None:
                    found.append(Section(heading[0], heading[1], tuple(body)))
                heading, body = (title[0], n), ([title[1]] if title[1] else [])
            elif heading is not None:
                body.append(line)
        if heading is not None:
            found.append(Section(heading[0], heading[1], tuple(body)))
        return tuple(found)

    @cached_property
    def links(self) -> tuple[tuple[int, str], ...]:
        """Every http(s) address in the report, with its line number."""
        return tuple(
            (n, m.group(0)) for n, line in enumerate(self.lines, 1) for m in _LINK.finditer(line)
        )

    @cached_property
    def images(self) -> tuple[int, ...]:
        """The numbers of the lines that show an image (a screenshot)."""
        return tuple(n for n, line in self.prose if _IMAGE.search(line))

    @property
    def plain(self) -> str:
        """The prose of the report as one text."""
        return "\n".join(line for _, line in self.prose)


def heading_of(line: str) -> tuple[str, str] | None:
    """Read a line as a heading: ``## Title``, ``**Title**`` or ``Title:`` alone at its start.

    Args:
        line: One line (at most ``MAX_LINE`` characters).

    Returns:
        The heading and what follows it on the same line, or None when it is not one.
    """
    match = _HEADING.match(line)
    if match:
        return match.group(2).strip().strip("#").strip(), ""
    match = _BOLD.match(line)
    if match:
        return match.group(1).strip(), line[match.end() :].strip()
    match = _LABEL.match(line)
    if match and len(match.group(1).split()) <= 5:
        return match.group(1).strip(), line[match.end() :].strip()
    return None
