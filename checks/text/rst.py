"""The reST reader: section titles, labels, roles, path directives and code blocks of one page."""

from __future__ import annotations

import re
from typing import Final

from mergeready.checks.text.blocks import block_language
from mergeready.checks.text.markup import (
    CONSOLE,
    PYTHON,
    Block,
    Heading,
    Link,
    Page,
    label_name,
    lines_of,
    role_target,
    scan_markdown,
)

_DIRECTIVE: Final = re.compile(
    r"([ \t]*)\.\.[ \t]+(?:\|[^|\n]{1,200}\|[ \t]+)?([\w:-]{1,40}) ?::(?:[ \t]+(.*))?$"
)
"""A directive, as docutils reads one: ``.. name::``, also with one space before ``::``."""


RST_LABEL: Final = re.compile(r"[ \t]*\.\.[ \t]+_([^_:\n][^:\n]{0,300}):(?:[ \t]+(\S+))?")


_ROLE: Final = re.compile(r"(?<![\w:]):(doc|download|ref):`([^`\n]{1,500})`")


_RST_LINK: Final = re.compile(r"`[^`<\n]{0,500}<(https?://[^>\s]{1,2000})>`_")


_PUNCT: Final = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


_CODE_DIRECTIVES: Final = frozenset({"code-block", "code", "sourcecode", "doctest", "testcode"})


_PATH_DIRECTIVES: Final = frozenset({"image", "figure", "include", "literalinclude"})


_FILE_OPTION_DIRECTIVES: Final = frozenset({"raw", "csv-table"})
"""Directives whose ``:file:`` option docutils reads (joined to the page's folder: an absolute
path stays absolute)."""


_FILE_OPTION: Final = re.compile(r"[ \t]+:(file|url):[ \t]+(\S[^\n]{0,1000})")


_LITERAL_BODY: Final = frozenset(
    {
        *("code-block", "code", "sourcecode", "doctest", "testcode", "testoutput", "raw"),
        *("math", "csv-table", "highlight", "graphviz", "mermaid", "productionlist"),
        *("ipython", "jupyter-execute", "plot", "literalinclude", "include", "comment"),
    }
)
"""Directives whose content is not reST: code, data, or nothing. Every other directive's content
(``note``, ``only``, ``list-table``, ``admonition``, an extension's) is reST that docutils parses,
so it is read as the page's own lines (an ``include`` nested in a ``note`` is an include)."""


def scan_rst(text: str) -> Page:
    """Read a reST page.

    Args:
        text: The page.

    Returns:
        Its section titles (with their adornment style), labels, path directives, ``:doc:``
        references, Python code blocks and doctest blocks.
    """
    page = Page()
    lines = lines_of(text)
    styles: list[str] = []
    i = 0
    while i < len(lines):
        line, number = lines[i], i + 1
        # Each pattern needs its ``..`` or a backtick: most lines of prose have neither (#26).
        dots, ticks = ".." in line, "`" in line
        directive = _DIRECTIVE.match(_unbulleted(line)) if dots else None
        if directive:
            i = _directive(page, lines, i, directive)
            continue
        label = RST_LABEL.match(line) if dots else None
        if label:
            page.ids.append((number, label_name(label.group(1))))
            if label.group(2) and label.group(2).startswith("http://"):
                page.http.append((number, label.start(2) + 1, label.group(2)))
        for m in _ROLE.finditer(line) if ticks else ():
            page.links.append(Link(number, m.start(2) + 1, role_target(m.group(2)), m.group(1)))
        for m in _RST_LINK.finditer(line) if ticks else ():
            if m.group(1).startswith("http://"):
                page.http.append((number, m.start(1) + 1, m.group(1)))
        if line.lstrip().startswith(">>>") and (i == 0 or not lines[i - 1].strip()):
            end = next((k for k in range(i, len(lines)) if not lines[k].strip()), len(lines))
            code = "\n".join(x.strip() for x in lines[i:end])
            page.blocks.append(Block(number, "pycon", code))
            i = end
            continue
        i = _title(page, lines, i, styles)
    return page


def _unbulleted(line: str) -> str:
    """A line with its leading bullets blanked: ``* - .. include::`` (a list-table cell) holds
    a directive that docutils runs, at the column after the bullets."""
    i = len(line) - len(line.lstrip())
    while line[i : i + 2] in ("* ", "- ", "+ ", "• ", "#."):
        i += 2
        i += len(line) - i - len(line[i:].lstrip())
    return " " * i + line[i:] if i else line


def _adornment(line: str) -> str:
    stripped = line.rstrip()
    if len(stripped) >= 3 and stripped[0] in _PUNCT and stripped == stripped[0] * len(stripped):
        return stripped[0]
    return ""


def _title(page: Page, lines: list[str], i: int, styles: list[str]) -> int:
    """Record a section title starting at line index ``i``; return the next index to read."""
    line = lines[i]
    over = _adornment(line)
    if over and _overlined(lines, i, over):
        text = lines[i + 1].strip()
        _add_title(page, i + 2, text, over + over, len(lines[i + 2].rstrip()) < len(text), styles)
        return i + 3
    if not over and _may_be_underlined(lines, i):
        under = _adornment(lines[i + 1])
        if under:
            short = len(lines[i + 1].rstrip()) < len(line.rstrip())
            _add_title(page, i + 1, line.strip(), under, short, styles)
            return i + 2
    return i + 1


def _overlined(lines: list[str], i: int, over: str) -> bool:
    """Whether the adornment at ``i`` opens an overlined title (text, then the same adornment)."""
    return i + 2 < len(lines) and _adornment(lines[i + 2]) == over and bool(lines[i + 1].strip())


def _may_be_underlined(lines: list[str], i: int) -> bool:
    """Whether line ``i`` can be a title's text: unindented, after a blank line, not the last."""
    line = lines[i]
    return (
        bool(line.strip())
        and not line[0].isspace()
        and i + 1 < len(lines)
        and (i == 0 or not lines[i - 1].strip())
    )


def _add_title(
    page: Page, number: int, text: str, style: str, short: bool, styles: list[str]
) -> None:
    if style not in styles:
        styles.append(style)
    page.headings.append(Heading(number, styles.index(style) + 1, text, style, short))


def _file_options(page: Page, lines: list[str], i: int, end: int) -> None:
    """Record the ``:file:`` option of a directive's option block as an ``include-file``."""
    for k in range(i + 1, end):
        option = _FILE_OPTION.match(lines[k])
        if option:
            target = option.group(2).strip()
            if option.group(1) == "url" and not target.lower().startswith("file:"):
                continue  # a web address: no file of this machine
            if option.group(1) == "url":  # file:///etc/passwd reads /etc/passwd
                target = "/" + target[len("file:") :].lstrip("/")
            page.links.append(Link(k + 1, option.start(2) + 1, target, "include-file"))
        elif lines[k].strip() and not lines[k].lstrip().startswith(":"):
            return  # the options end where the content begins


def _directive(page: Page, lines: list[str], i: int, m: re.Match[str]) -> int:
    """Read one directive and its indented content; return the index after it."""
    indent, name, argument = len(m.group(1)), m.group(2).lower(), (m.group(3) or "").strip()
    end = i + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    while end > i + 1 and not lines[end - 1].strip():
        end -= 1
    if name in _PATH_DIRECTIVES and argument:
        column = m.start(3) + 1
        page.links.append(Link(i + 1, column, argument, "include" if "include" in name else name))
        if argument.startswith("http://"):
            page.http.append((i + 1, column, argument))
    if name in _FILE_OPTION_DIRECTIVES:
        _file_options(page, lines, i, end)
    language = block_language(argument) if name != "doctest" else "doctest"
    if name in ("testcode",):
        language = "python"
    if name in _CODE_DIRECTIVES and language in PYTHON | CONSOLE:
        k = i + 1
        while k < end and re.match(r"[ \t]+:[\w-]+:", lines[k]):
            k += 1
        content = lines[k:end]
        width = min((len(x) - len(x.lstrip()) for x in content if x.strip()), default=0)
        first = next((k + n for n, x in enumerate(content) if x.strip()), k)
        code = "\n".join(x[width:] for x in content[first - k :])
        page.blocks.append(Block(first + 1, language, code, argument))
    if name not in _LITERAL_BODY:
        return i + 1  # reST content: its lines are read as the page's own
    return max(end, i + 1)


def scan_myst(text: str) -> Page:
    """Read a Markdown page as MyST does: its ``{eval-rst}`` blocks are reST for docutils.

    Args:
        text: The page.

    Returns:
        What ``scan_markdown`` reads, with the links of each ``eval-rst`` block's reST.
    """
    page = scan_markdown(text)
    for block in page.blocks:
        if block.language in ("eval-rst", "eval_rst"):
            inner = scan_rst(block.code).links
            page.links += [Link(block.line - 1 + x.line, x.column, x.target, x.kind) for x in inner]
    return page
