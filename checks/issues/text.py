"""A report's Markdown as the issue checks read it: lines, sections, code blocks, links, images.

Fenced code blocks and ATX/setext headings come from the project's one Markdown reader
(``checks.text.markup.scan_markdown``); what reports add on top is read here: indented code
blocks, and the pseudo-headings reporters write (``**Expected behavior**``, ``Expected:``).
A report is untrusted text: it is read, never rendered or run. Only the first ``MAX_BODY``
characters are read (the command says when it cut a report) and every line is cut at
``MAX_LINE`` characters before a pattern here sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from mergeready.checks.text.markup import lines_of, scan_markdown

MAX_BODY: Final = 65_536
"""Characters of a report's body that are read; GitHub's own limit for an issue body."""
MAX_LINE: Final = 2_000
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
        page = scan_markdown(body)
        self.lines: tuple[str, ...] = tuple(line[:MAX_LINE] for line in lines_of(body))
        self._code_lines: set[int] = set()
        fenced = []
        for block in page.blocks:  # the fence's line, its code, and its closing fence
            code = tuple(block.code.split("\n"))
            self._code_lines.update(range(block.line - 1, block.line + len(code) + 1))
            fenced.append(Block(block.language, block.line, code))
        self._headings = {h.line: h.text for h in page.headings if h.line not in self._code_lines}
        self.blocks: tuple[Block, ...] = tuple(
            sorted(
                (b for b in (*fenced, *self._indented()) if any(x.strip() for x in b.lines)),
                key=lambda b: b.line,
            )
        )

    def _indented(self) -> list[Block]:
        """Indented code blocks (four spaces or a tab, after a blank line), outside fences."""
        blocks: list[Block] = []
        indented: list[str] = []
        start = 0
        for n, line in enumerate(self.lines, 1):
            if n in self._code_lines:
                continue
            if self._opens_or_continues(n, line, bool(indented)):
                start = start if indented else n
                indented.append(line[4:] if line.startswith("    ") else line[1:])
                self._code_lines.add(n)
            elif indented and not line.strip():
                indented.append("")
            elif indented:
                blocks.append(Block("", start, tuple(indented), False))
                indented = []
        if indented:
            blocks.append(Block("", start, tuple(indented), False))
        return blocks

    def _opens_or_continues(self, n: int, line: str, inside: bool) -> bool:
        """An indented line that continues a block, or opens one after a blank line."""
        if not line.startswith(("    ", "\t")):
            return False
        return inside or n == 1 or not self.lines[n - 2].strip()

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
            title = self._heading(n, line)
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

    def _heading(self, n: int, line: str) -> tuple[str, str] | None:
        if n in self._headings:
            return self._headings[n].strip("#").strip(), ""
        if n in self._code_lines:
            return None
        return heading_of(line)

    @property
    def plain(self) -> str:
        """The prose of the report as one text."""
        return "\n".join(line for _, line in self.prose)


def heading_of(line: str) -> tuple[str, str] | None:
    """Read a line as a reporter's pseudo-heading: ``**Title**`` or ``Title:`` at its start.

    A link's ``https:`` is none.

    Args:
        line: One line (at most ``MAX_LINE`` characters).

    Returns:
        The heading and what follows it on the same line, or None when it is not one.
    """
    match = _BOLD.match(line)
    if match:
        return match.group(1).strip(), line[match.end() :].strip()
    match = _LABEL.match(line)
    if match and line.startswith("//", match.end(1) + 1):
        return None  # ``https://…`` is a link, not a ``Label:``
    if match and len(match.group(1).split()) <= 5:
        return match.group(1).strip(), line[match.end() :].strip()
    return None
