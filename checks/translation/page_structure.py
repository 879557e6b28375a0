"""The structure a translated page must keep: code blocks, link targets, headings per level.

Headings come from the one Markdown/reST reader (``checks/text/markup.py``: ATX and setext
headings, adorned reST titles, level = order of first use of each adornment), as docs-valid
reads them. Code and links are read here. Markdown: fenced blocks (```` ``` ```` or ``~~~``)
and indented blocks (four spaces after a blank line, outside lists); inline, reference, HTML,
angle-bracket and bare links. reStructuredText: ``::`` literal blocks and
``code-block``/``code``/``sourcecode`` directives; ```text <target>`_``, ``.. _name: target``,
``:doc:``/``:ref:``/``:download:`` targets, ``image``/``figure``/``include``/``literalinclude``
arguments. A YAML front matter block is skipped (it holds the translated title). Every pattern
is bounded and linear.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mergeready.checks.text.blocks import opens_fence
from mergeready.checks.text.markup import scan_markdown
from mergeready.checks.text.rst import scan_rst

_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_CODE_SPAN = re.compile(r"`[^`\n]{0,2000}`")
_MD_LINKS = (
    re.compile(r"\]\([ ]{0,3}<?([^()\s<>]{1,2000})"),
    re.compile(r"^ {0,3}\[[^\]\n]{1,500}\]:[ \t]{0,10}<?([^\s<>]{1,2000})"),
)
_HTML = re.compile(r"""(?:href|src)[ ]{0,3}=[ ]{0,3}["']([^"'\s]{1,2000})["']""", re.I)
_AUTO = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]{1,2000})>")
_BARE = re.compile(r"(?<![(<\[\"'=`/\w])https?://[^\s<>()\[\]\"'`]{1,2000}")
_ADORN = re.compile(r"^([=\-`:'\"~^_*+#<>.])\1{2,}[ \t]*$")
_DIRECTIVE = re.compile(r"^([ \t]*)\.\.[ \t]+([\w:-]{1,40})::[ \t]*(.*)$")
_RST_LINKS = (
    re.compile(r"`[^`<\n]{0,500}<([^<>`\s]{1,2000})>`_"),
    re.compile(r"^\.\.[ \t]+_[^:\n]{1,200}:[ \t]{0,10}(\S{1,2000})"),
    re.compile(r":(?:doc|ref|download):`(?:[^`<\n]{0,500}<([^<>`\s]{1,500})>|([^`<>\s]{1,500}))`"),
)
_Lines = list[tuple[int, str]]  # (line, text)
_CODE_DIRECTIVES = ("code-block", "code", "sourcecode")
_LINK_DIRECTIVES = ("image", "figure", "include", "literalinclude")


@dataclass(frozen=True)
class Page:
    """A page's code blocks (at their first line), link targets and heading lines by level."""

    code: tuple[tuple[int, str], ...]
    links: tuple[tuple[int, str], ...]
    headings: Mapping[int, list[int]] = field(default_factory=dict)
    last_line: int = 1


def read_page(text: str, rst: bool) -> Page:
    """Read a page's structure.

    Args:
        text: The page.
        rst: True for reStructuredText, False for Markdown.

    Returns:
        The page's code blocks, links and headings.
    """
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    code: list[tuple[int, str]] = []
    links: list[tuple[int, str]] = []
    (_rst if rst else _markdown)(lines, code, links)
    headings: dict[int, list[int]] = {}
    for heading in (scan_rst(text) if rst else scan_markdown(text)).headings:  # the one reader
        headings.setdefault(heading.level, []).append(heading.line)
    return Page(tuple(code), tuple(links), headings, max(len(lines), 1))


def _markdown(lines: Sequence[str], code: _Lines, links: _Lines) -> None:
    i, n = _front_matter(lines), len(lines)
    in_list, blank, text = False, True, False
    while i < n:
        line = lines[i]
        fence = opens_fence(line, 0, True)  # the one rule, at most three columns in
        if fence:
            indent, mark = len(fence.group(1)), fence.group(2)
            j = i + 1
            while j < n and not _closes(lines[j], mark):
                j += 1
            code.append((i + 2, _block(lines[i + 1 : j], indent)))
            i, blank, text = j + 1, False, False
            continue
        if not line.strip():
            i, blank, text = i + 1, True, False
            continue
        indented = line.startswith(("    ", "\t"))
        if indented and blank and not in_list:
            j = i
            while j < n and (not lines[j].strip() or lines[j].startswith(("    ", "\t"))):
                j += 1
            code.append((i + 1, _block(lines[i:j], 4)))
            i, blank, text = j, True, False
            continue
        if _LIST.match(line):
            in_list = True
        elif blank and not line.startswith((" ", "\t")):
            in_list = False
        atx, setext = _ATX.match(line), _SETEXT.match(line)
        if not (atx or (setext and text)):  # a heading's links are not compared
            _md_links(line, i + 1, links)
        text = not atx and not (setext and text) and not _LIST.match(line)
        i, blank = i + 1, False


def _md_links(line: str, number: int, links: _Lines) -> None:
    line = _CODE_SPAN.sub(" ", line)
    found = [m.group(1) for regex in (*_MD_LINKS, _HTML, _AUTO) for m in regex.finditer(line)]
    _add(links, number, found, line)


def _add(links: _Lines, number: int, found: list[str], line: str) -> None:
    """Add a line's targets, and its bare URLs that are not already one of them."""
    bare = [m.group(0).rstrip(".,;:!?") for m in _BARE.finditer(line)]
    links += [(number, t) for t in [*found, *(u for u in bare if u not in found)]]


def _front_matter(lines: Sequence[str]) -> int:
    if lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() in ("---", "..."):
                return j + 1
    return 0


def _closes(line: str, mark: str) -> bool:
    stripped = line.lstrip(" ")
    return (
        len(line) - len(stripped) <= 3
        and stripped.startswith(mark[0] * len(mark))
        and not stripped.rstrip().strip(mark[0])
    )


def _block(lines: Sequence[str], indent: int) -> str:
    body = [line.rstrip() for line in lines]
    while body and not body[-1]:
        body.pop()
    width = min((len(x) - len(x.lstrip()) for x in body if x), default=0)
    cut = min(indent, width) if indent < 4 else width
    return "\n".join(x[cut:] for x in body)


def _rst(lines: Sequence[str], code: _Lines, links: _Lines) -> None:
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        directive = _DIRECTIVE.match(line)
        literal = line.rstrip().endswith("::") and not directive
        if directive and directive.group(2) in _LINK_DIRECTIVES and directive.group(3).strip():
            _add(links, i + 1, [directive.group(3).strip()], "")
        if literal or (directive and directive.group(2) in _CODE_DIRECTIVES):
            depth = len(line) - len(line.lstrip())
            j = i + 1
            while j < n and (not lines[j].strip() or (directive and _option(lines[j], depth))):
                j += 1
            k = j
            while k < n and (
                not lines[k].strip() or len(lines[k]) - len(lines[k].lstrip()) > depth
            ):
                k += 1
            if k > j:
                code.append((j + 1, _block(lines[j:k], 99)))
                _rst_links(line, i + 1, links)
                i = k
                continue
        if not _ADORN.match(line):  # an adornment line holds no link
            _rst_links(line, i + 1, links)
        i += 1


def _option(line: str, depth: int) -> bool:
    stripped = line.lstrip()
    return len(line) - len(stripped) > depth and stripped.startswith(":")


def _rst_links(line: str, number: int, links: _Lines) -> None:
    found = [next(g for g in m.groups() if g) for r in _RST_LINKS for m in r.finditer(line)]
    _add(links, number, found, line)
