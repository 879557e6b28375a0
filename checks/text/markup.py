"""Line-based readers of Markdown and reST pages: headings, anchors, links and code blocks.

Nothing here renders a page or runs a directive: each reader walks git's lines once, with
regular expressions that are anchored or free of overlapping quantifiers, so a page of any
shape is read in linear time. Line numbers are git's (1-based, split on newlines only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from mergeready.checks import lazyre
from mergeready.checks.text.blocks import (
    BLOCK_START,
    block_language,
    columns,
    enter_list,
    opens_fence,
    without_options,
)

_ATX: Final = lazyre.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT: Final = lazyre.compile(r" {0,3}(=+|-+)[ \t]*$")
_REFDEF: Final = lazyre.compile(r" {0,3}\[([^\]\n]{1,999})\]:[ \t]*<?([^\s>]+)")
_HTML_ATTR: Final = lazyre.compile(
    r"\b(src|href|id|name)[ \t]*=[ \t]*[\"']([^\"'\s>]{1,2000})[\"']"
)
MYST_LABEL: Final = lazyre.compile(r"\(([\w.:-]{1,200})\)=[ \t]*$")
_MYST_DOC: Final = lazyre.compile(r"\{(doc|ref|download)\}`([^`\n]{1,500})`")
_MYST_PATH: Final = lazyre.compile(r"\{(include|literalinclude|image|figure)\}[ \t]+(\S{1,1000})")
HTTP: Final = lazyre.compile(r"http://[^\s<>()\[\]\"'`]{1,2000}")
PYTHON: Final = frozenset(
    {"python", "py", "python3", "py3", "pycon", "python-console", "ipython", "ipython3"}
)
CONSOLE: Final = frozenset({"pycon", "python-console", "doctest"})


@dataclass(frozen=True)
class Heading:
    """A section title, its level and where it is."""

    line: int
    level: int
    text: str
    style: str = ""
    short: bool = False


@dataclass(frozen=True)
class Link:
    """A link, image, include or document reference and its raw target."""

    line: int
    column: int
    target: str
    kind: str


@dataclass(frozen=True)
class Block:
    """A code block: its language, first content line and code (dedented)."""

    line: int
    language: str
    code: str
    info: str = ""


@dataclass
class Page:
    """What one page holds, as the checks need it."""

    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    ids: list[tuple[int, str]] = field(default_factory=list)
    unclosed: list[int] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    http: list[tuple[int, int, str]] = field(default_factory=list)


def label_name(raw: str) -> str:
    """Return a reST label as Sphinx keys it: quotes dropped, lower case, spaces collapsed.

    ``.. _`name`:`` defines the label ``name``.

    Args:
        raw: The label as written between ``.. _`` and ``:``.

    Returns:
        The label.
    """
    if len(raw) > 1 and raw.startswith("`") and raw.endswith("`"):
        raw = raw[1:-1]
    return " ".join(raw.lower().split())


def lines_of(text: str) -> list[str]:
    """Split a text into git's lines (at newlines only), a trailing carriage return dropped.

    Args:
        text: The text.

    Returns:
        The lines; line ``n`` is at index ``n - 1``.
    """
    return [x[:-1] if x.endswith("\r") else x for x in text.split("\n")]


def _mask_code_spans(line: str) -> str:
    """Blank out inline code spans, so links shown as code are not read as links.

    ``line`` may be a paragraph's lines joined: a span runs across lines (its line breaks stay).
    """
    if "`" not in line:
        return line
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", line)][:200]
    chars = list(line)
    i = 0
    while i < len(runs):
        start, end = runs[i]
        size = end - start
        match = next((j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == size), None)
        if match is None:
            i += 1
            continue
        for k in range(start, runs[match][1]):
            chars[k] = " " if chars[k] != "\n" else "\n"
        i = match + 1
    return "".join(chars)


MAX_TARGET: Final = 2_000
"""A link target longer than this is not read as one (no relative link is that long)."""


def _inline_links(line: str, number: int) -> list[Link]:
    """Find ``[text](target)`` and ``![alt](target)`` in one line, left to right.

    Linear in the line's length: where each target ends, the ``>`` that closes an angle-bracket
    target and the ``[`` that opens each link text are looked up in tables built once, not
    scanned for again from every ``](`` (a hostile line of 20,000 ``](`` took minutes).
    """
    out: list[Link] = []
    pos = line.find("](")
    if pos == -1:
        return out
    ends = _target_ends(line)
    n = len(line)
    next_gt = [n] * (n + 1)  # the first ">" at or after i (n: none)
    for i in range(n - 1, -1, -1):
        next_gt[i] = i if line[i] == ">" else next_gt[i + 1]
    last_open = [-1] * (n + 1)  # the last "[" before i
    for i in range(n):
        last_open[i + 1] = i if line[i] == "[" else last_open[i]
    while pos != -1:
        start = pos + 2
        while start < n and line[start] in " \t":
            start += 1
        if start < n and line[start] == "<":
            end = next_gt[start]
            target = line[start + 1 : end] if end < n and end - start <= MAX_TARGET else ""
        else:
            # no copy of a target longer than any link's: ``[a](`` repeated would copy the
            # rest of the line from every ``](`` (quadratic memory)
            target = line[start : ends[start]] if ends[start] - start <= MAX_TARGET else ""
        opener = last_open[pos]
        kind = "image" if opener > 0 and line[opener - 1] == "!" else "link"
        if target:
            out.append(Link(number, start + 1, target, kind))
        pos = line.find("](", pos + 2)
    return out


def _target_ends(line: str) -> list[int]:
    """For each start, where a link target starting there ends: whitespace or an unmatched ``)``.

    With ``depth[i]`` the count of ``(`` minus ``)`` before ``i``, a target from ``s`` ends at
    the first whitespace, or at the ``)`` just before the first ``k > s`` whose depth is below
    ``depth[s]`` (a stack of the next smaller depth, right to left), whichever comes first.
    """
    n = len(line)
    depth = [0] * (n + 1)
    for i, c in enumerate(line):
        depth[i + 1] = depth[i] + (c == "(") - (c == ")")
    below = [n + 1] * (n + 1)
    stack: list[int] = []
    for i in range(n, -1, -1):
        while stack and depth[stack[-1]] >= depth[i]:
            stack.pop()
        below[i] = stack[-1] if stack else n + 1
        stack.append(i)
    ends = [n] * (n + 1)
    space = n
    for i in range(n - 1, -1, -1):
        if line[i].isspace():
            space = i
        ends[i] = min(space, below[i] - 1)
    return ends


def scan_markdown(text: str) -> Page:
    """Read a Markdown page.

    Args:
        text: The page.

    Returns:
        Its headings, links, fenced code blocks, explicit ids and unclosed fences.
    """
    page = Page()
    lines = lines_of(text)
    i, previous_text = 0, False
    if lines and lines[0].strip() == "---":  # front matter
        end = next((k for k in range(1, len(lines)) if lines[k].strip() in ("---", "...")), None)
        if end is not None:
            i = end + 1
    in_comment = False
    lists: list[int] = []  # the content column of each open list item
    spans: dict[int, str] = {}  # a paragraph's lines, its code spans across lines blanked
    while i < len(lines):
        line, number = lines[i], i + 1
        if in_comment:
            in_comment = "-->" not in line
            i += 1
            continue
        enter_list(lists, line, previous_text)
        fence = opens_fence(line, lists[-1] if lists else 0, previous_text)
        if fence:
            i = _fenced(page, lines, i, fence)
            previous_text = False
            continue
        if i not in spans:
            spans.update(_paragraph_spans(lines, i))
        spanned = spans.pop(i, line)
        if "<!--" in line:  # a comment that stays open, unless it is shown as code
            visible = _mask_code_spans(spanned)
            in_comment = "<!--" in visible and "-->" not in visible.split("<!--", 1)[1]
        _markdown_line(page, line, number, spanned)
        setext = _SETEXT.match(line)
        if setext and previous_text and not line.lstrip().startswith("- "):
            level = 1 if setext.group(1)[0] == "=" else 2
            page.headings.append(Heading(number - 1, level, lines[i - 1].strip()))
            previous_text = False
        else:
            atx = _ATX.match(line)
            if atx:
                title = line[atx.end() :].strip().rstrip("#").strip()
                page.headings.append(Heading(number, len(atx.group(1)), title))
            stripped = line.strip()
            previous_text = bool(stripped) and not atx and not _starts_block(line)
        i += 1
    return page


def _paragraph_spans(lines: list[str], i: int) -> dict[int, str]:
    """Blank the code spans of the paragraph that starts at ``i`` (CommonMark: a span runs
    across the paragraph's lines; a lazy ```` ``` ```` line opens one, not a fence), keyed by
    line index. Each line is read once: the next paragraph starts where this one stops."""
    j = i + 1
    while j < len(lines) and lines[j].strip() and not _interrupts(lines[j]):
        j += 1
    if _html_block(lines[i]):
        j = i + 1  # an HTML block (``<!-- … -->``) is no paragraph: its backticks pair with none
    if j - i < 2:
        return {i: lines[i]}
    if not any("`" in x for x in lines[i:j]):  # every line of it as it is: none read twice
        return dict(zip(range(i, j), lines[i:j]))
    return dict(zip(range(i, j), _mask_code_spans("\n".join(lines[i:j])).split("\n")))


def _interrupts(line: str) -> bool:
    """Whether a line ends the paragraph before it: a fence, a heading, a list item, a quote or
    an HTML block."""
    return bool(
        opens_fence(line, 0, True)
        or _ATX.match(line)
        or (columns(line) < 4 and BLOCK_START.match(line.lstrip()))
        or _html_block(line)
    )


def _html_block(line: str) -> bool:
    """Whether a line starts an HTML block (a comment, a tag), which ends a paragraph."""
    body = line.lstrip(" ")
    return (
        len(line) - len(body) < 4 and body[:1] == "<" and (body[1:2].isalpha() or body[1:2] in "/!")
    )


def _mask_comments(line: str) -> str:
    """Blank out each ``<!-- … -->`` of a line, in one left-to-right pass (linear)."""
    out, i = [], 0
    while (start := line.find("<!--", i)) != -1:
        end = line.find("-->", start + 4)
        if end == -1:
            break  # no comment closes on this line, so none after this one does either
        out += [line[i:start], " " * (end + 3 - start)]
        i = end + 3
    return "".join(out) + line[i:]


def _starts_block(line: str) -> bool:
    stripped = line.lstrip()
    if len(line) - len(stripped) >= 4:
        return True
    return bool(BLOCK_START.match(stripped))


def _markdown_line(page: Page, line: str, number: int, spanned: str) -> None:
    """Collect one text line's links, images, ids and ``http://`` targets (``spanned``: the line
    with its paragraph's code spans across lines blanked)."""
    if "<!--" in line:
        line, spanned = _mask_comments(line), _mask_comments(spanned)
    masked = _mask_code_spans(spanned)
    page.links.extend(_inline_links(masked, number))
    ref = _REFDEF.match(masked)
    if ref:
        page.links.append(Link(number, ref.start(2) + 1, ref.group(2), "link"))
    for m in _HTML_ATTR.finditer(masked):
        if m.group(1) == "name" and not re.match(
            r"<a\s", masked[masked.rfind("<", 0, m.start()) :]
        ):
            continue  # a form field's name, not an anchor
        if m.group(1) in ("id", "name"):
            page.ids.append((number, m.group(2)))
        else:
            kind = "image" if m.group(1) == "src" else "link"
            page.links.append(Link(number, m.start(2) + 1, m.group(2), kind))
    for m in _MYST_DOC.finditer(line):
        if masked[m.start() : m.start() + 1] == "{":  # a role, not `{download}` shown as code
            page.links.append(Link(number, m.start(2) + 1, role_target(m.group(2)), m.group(1)))
    stripped = line.lstrip(" ")
    if stripped.startswith(":::"):  # a MyST colon fence: ``:::{include} path`` reads a file
        _myst_directive(page, number, stripped.lstrip(":").lstrip(), len(line) - len(stripped))
    label = MYST_LABEL.match(line.strip())
    if label:
        page.ids.append((number, label.group(1)))
    for m in HTTP.finditer(masked):
        page.http.append((number, m.start() + 1, m.group().rstrip(".,;:")))


def _fenced(page: Page, lines: list[str], i: int, fence: re.Match[str]) -> int:
    """Read a fenced block from its opening line; return the index after it."""
    indent, marks, info = fence.group(1), fence.group(2), fence.group(3).strip()
    closer = re.compile(r"[ \t]*" + re.escape(marks[0]) + "{" + str(len(marks)) + r",}[ \t]*$")
    end = next((k for k in range(i + 1, len(lines)) if closer.match(lines[k])), None)
    if end is None:
        page.unclosed.append(i + 1)
        end = len(lines)
    language = block_language(info)
    _myst_directive(page, i + 1, info, len(indent) + len(marks) + fence.group(3).index(info))
    body = [x[len(indent) :] if x.startswith(indent) else x.lstrip() for x in lines[i + 1 : end]]
    if info.startswith("{") and not info.startswith("{."):
        body = without_options(body)
    page.blocks.append(Block(i + 2, language, "\n".join(body), info))
    return end + 1


def _myst_directive(page: Page, number: int, info: str, column: int) -> None:
    """MyST's ``{include}`` and its kin read a file: record the target as a link."""
    myst = _MYST_PATH.match(info)
    if myst:
        kind = "include" if "include" in myst.group(1) else myst.group(1)
        page.links.append(Link(number, column + myst.start(2) + 1, myst.group(2), kind))


def role_target(content: str) -> str:
    """Return the target of a role's content: ``text <target>`` or ``target``.

    Args:
        content: What is between the role's backquotes.

    Returns:
        The target.
    """
    content = content.strip()
    if content.endswith(">") and "<" in content:
        return content[content.rfind("<") + 1 : -1].strip()
    return content.lstrip("~!")
