"""The code in a Markdown or reST page, line by line, as ``fix``'s guard must keep it.

``fix`` may correct spelling in a page only outside every kind of code: an edit is written when
the page's code — each line of a block and each inline piece of a prose line, with its line
number — is the same before and after (``fix_guard.code_unchanged``). The readers walk git's
lines once (no regular expression, so nothing to measure), follow CommonMark's and reST's rules
as closely as a line reader can, and where they cannot tell, call the text code: a misspelling
left there is still reported by ``check``, never rewritten.

Markdown: front matter, fenced blocks, indented blocks (four columns past the enclosing list
item's content, after a blank line or another code line; never a paragraph's continuation),
HTML ``<pre>``/``<code>``/``<script>``/``<style>``/``<textarea>`` blocks, and in prose lines
code spans (one that does not close on its line runs on to the paragraph's end), HTML tags with
their attributes and the content of inline ``<code>``/``<pre>``/``<kbd>``/``<samp>``/``<var>``,
link targets and reference definitions. reST pages are read by ``rst_code``.
"""

from __future__ import annotations

from typing import Final

from mergeready.checks.text.blocks import columns, list_marker, opens_fence, run
from mergeready.checks.text.markup import lines_of

Piece = tuple[int, str]
"""A line number (git's, 1-based) and a piece of code on it (a whole line or an inline span)."""

_HTML_CODE: Final = ("pre", "code", "script", "style", "textarea")
_INLINE_CODE: Final = ("code", "pre", "kbd", "samp", "var", "tt", "script", "style", "textarea")


def markdown_code(text: str) -> list[Piece]:
    """Return the code of a Markdown page, line by line.

    Args:
        text: The page.

    Returns:
        Each code line whole and each inline piece of code of a prose line, with its number.
    """
    reader = _Markdown(lines_of(text))
    i = _front_matter(reader.lines, reader.out)
    while i < len(reader.lines):
        i = reader.step(i)
    return reader.out


class _Markdown:
    """One pass over a Markdown page's lines, with what the last line opened."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.out: list[Piece] = []
        self.lists: list[int] = []  # the content column of each open list item
        self.previous = "blank"  # blank, prose, break (a heading) or code: the last line
        self.ticks = 0  # a code span that did not close: the length of its backtick run

    def step(self, i: int) -> int:
        """Read the line at ``i``; return the index of the next line to read."""
        line = self.lines[i]
        if not line.strip():
            self.previous, self.ticks = "blank", 0
            return i + 1
        indent, body = columns(line), line.lstrip()
        if self._indented_code(indent) or _quoted_code(body):
            self.out.append((i + 1, line))  # an indented block (in a quote: unsure, code)
            self.previous = "code"
            return i + 1
        container = self.lists[-1] if self.lists else 0
        end = _markdown_block(self.lines, i, (container, self.previous == "prose"), self.out)
        if end is not None:
            self.previous, self.ticks = "blank", 0
            return end
        self._list_item(indent, body)
        self.ticks = _prose_line(line, i + 1, self.ticks, self.out, body.startswith("["))
        self.previous = "break" if _ends_paragraph(body) else "prose"
        return i + 1

    def _indented_code(self, indent: int) -> bool:
        """Whether a line after a blank line, a heading or code is an indented code block:
        four columns past the content of the list item it is in (closing the ones it left)."""
        if self.previous == "prose":
            return False  # an indented line never interrupts a paragraph: it continues it
        while self.lists and indent < self.lists[-1]:
            self.lists.pop()
        return indent >= (self.lists[-1] if self.lists else 0) + 4

    def _list_item(self, indent: int, body: str) -> None:
        """Open a list item when the line starts one (closing deeper ones)."""
        marker = list_marker(body)
        if marker:
            while self.lists and self.lists[-1] > indent:
                self.lists.pop()
            self.lists.append(indent + marker)


def _quoted_code(body: str) -> bool:
    """Whether a block quote's line holds an indented code block (or may: unsure is code)."""
    if not body.startswith(">"):
        return False
    inner = body.lstrip(">")
    return columns(inner[1:] if inner.startswith(" ") else inner) >= 4


def _ends_paragraph(body: str) -> bool:
    """Whether a line is a heading or a thematic break, after which an indented line is code."""
    hashes = run(body, 0, "#")
    if hashes and body[hashes : hashes + 1] in (" ", ""):
        return True
    marks = body.replace(" ", "").replace("\t", "")
    return bool(marks) and marks[0] in "=-*_" and marks == marks[0] * len(marks)


def _front_matter(lines: list[str], out: list[Piece]) -> int:
    """Take a YAML front matter block as code; return the index after it."""
    if not lines or lines[0].strip() != "---":
        return 0
    end = next((k for k in range(1, len(lines)) if lines[k].strip() in ("---", "...")), None)
    if end is None:
        return 0
    out.extend((k + 1, lines[k]) for k in range(end + 1))
    return end + 1


def _markdown_block(
    lines: list[str], i: int, where: tuple[int, bool], out: list[Piece]
) -> int | None:
    """Take a fenced block or an HTML code block that starts at ``i`` as code; the index after
    it, or None when none starts there. ``where``: the content column of the list item the line
    is in, and whether it follows a paragraph's text (``markup.opens_fence``'s rule)."""
    last = _fence_end(lines, i, where)
    if last is None:
        last = _html_block_end(lines, i, lines[i].lstrip())
    if last is None:
        return None
    out.extend((k + 1, lines[k]) for k in range(i, last + 1))
    return last + 1


def _fence_end(lines: list[str], i: int, where: tuple[int, bool]) -> int | None:
    """The index of the line that closes a fence opened at ``i`` (the last line if none)."""
    opened = opens_fence(lines[i], *where)
    if opened is None:
        return None
    fence, size = opened.group(2)[0], len(opened.group(2))
    end = i + 1
    while end < len(lines):
        closing = lines[end].strip()
        after = run(closing, 0, fence)
        if after >= size and not closing[after:].strip():
            break
        end += 1
    return min(end, len(lines) - 1)


def _html_block_end(lines: list[str], i: int, body: str) -> int | None:
    """The index of the line that closes an HTML code block opened at ``i``, if one is."""
    lower = body.lower()
    for tag in _HTML_CODE:
        if lower.startswith("<" + tag) and lower[len(tag) + 1 : len(tag) + 2] in (">", " ", ""):
            end = i
            while end < len(lines) and f"</{tag}" not in lines[end].lower():
                end += 1
            return min(end, len(lines) - 1)
    return None


def _prose_line(line: str, number: int, ticks: int, out: list[Piece], reference: bool) -> int:
    """Collect a Markdown prose line's inline code; return the backtick run still open."""
    if reference and "]:" in line:  # a reference definition: its target is code
        out.append((number, line))
        return 0
    i = 0
    if ticks:  # a code span from the lines before
        i = closing_ticks(line, 0, ticks)
        out.append((number, line if i < 0 else line[:i]))
        if i < 0:
            return ticks
    while i < len(line):
        i, open_ticks = _inline(line, i, number, out)
        if open_ticks:
            return open_ticks
    return 0


def _inline(line: str, i: int, number: int, out: list[Piece]) -> tuple[int, int]:
    """Take the inline code that starts at ``i``, if any; return where to go on and the
    length of a backtick run left open (0 when none is)."""
    c = line[i]
    if c == "`":
        end = run(line, i, "`")
        close = closing_ticks(line, end, end - i)
        out.append((number, line[i:] if close < 0 else line[i:close]))
        return (len(line), end - i) if close < 0 else (close, 0)
    if c == "<":
        return _html(line, i, number, out), 0
    end = url_end(line, i) if c == "]" or i == 0 or not line[i - 1].isalnum() else i
    if end > i:  # a bare URL, or a link's target
        out.append((number, line[i:end]))
        return end, 0
    return i + 1, 0


def url_end(line: str, i: int) -> int:
    """Return the index after a URL that starts at ``i`` (``http://``, ``https://``, ``www.``).

    Args:
        line: The line.
        i: Where a URL may start.

    Returns:
        The index of the first space after it, or ``i`` when no URL starts there; for
        ``](``, the index after the link target's ``)`` (the line's end if none closes it).
    """
    if line.startswith("](", i):
        end = line.find(")", i)
        return len(line) if end < 0 else end + 1
    if not line[i : i + 8].lower().startswith(("http://", "https://", "www.")):
        return i
    end = i
    while end < len(line) and not line[end].isspace():
        end += 1
    return end


def closing_ticks(line: str, i: int, size: int) -> int:
    """Return the index after the first backtick run of exactly ``size`` from ``i``.

    Args:
        line: The line.
        i: Where to look from.
        size: The length of the run that opened a code span.

    Returns:
        The index after the closing run, or -1 when none closes the span on this line.
    """
    while (i := line.find("`", i)) >= 0:
        end = run(line, i, "`")
        if end - i == size:
            return end
        i = end
    return -1


def _html(line: str, i: int, number: int, out: list[Piece]) -> int:
    """Take an inline HTML tag (and an inline code element's content) as code."""
    end = line.find(">", i)
    if end < 0:
        out.append((number, line[i:]))  # unsure: a tag that may go on
        return len(line)
    tag = line[i + 1 : end].split(" ", 1)[0].lower()
    if tag in _INLINE_CODE:
        close = line.lower().find(f"</{tag}", end)
        end = len(line) - 1 if close < 0 else line.find(">", close)
        end = len(line) - 1 if end < 0 else end
    out.append((number, line[i : end + 1]))
    return end + 1
