"""The code in a reST page, line by line, as ``fix``'s guard must keep it (see ``page_code``).

Every directive's line and options, the body of every directive that is not prose
(``code-block``, ``code``, ``sourcecode``, ``literalinclude``, ``doctest`` and any name it does
not know), ``::`` literal blocks (indented or quoted), doctest blocks (``>>>`` to the next blank
line), hyperlink targets, and in prose lines every backtick span (literals, roles, links) and
reference name (``name_``).
"""

from __future__ import annotations

from typing import Final

from mergeready.checks.post.page_code import Piece, closing_ticks, url_end
from mergeready.checks.text.blocks import columns, run
from mergeready.checks.text.markup import lines_of

_PROSE_DIRECTIVES: Final = frozenset(
    {
        "admonition", "attention", "caution", "danger", "error", "hint", "important", "note",
        "tip", "warning", "seealso", "versionadded", "versionchanged", "deprecated", "topic",
        "sidebar", "rubric", "epigraph", "highlights", "pull-quote", "compound", "container",
        "only", "glossary", "centered", "hlist", "tab", "tab-item", "dropdown", "card",
    }
)  # fmt: skip
"""reST directives whose body is prose; any other directive's body is left alone as code."""


def rst_code(text: str) -> list[Piece]:
    """Return the code of a reST page, line by line.

    Args:
        text: The page.

    Returns:
        Each code line whole and each inline piece of code of a prose line, with its number.
    """
    lines = lines_of(text)
    out: list[Piece] = []
    i = 0
    while i < len(lines):
        line, number = lines[i], i + 1
        body = line.strip()
        if body.startswith(".."):
            i = _rst_explicit(lines, i, out)
            continue
        if body.startswith(">>>"):
            while i < len(lines) and lines[i].strip():
                out.append((i + 1, lines[i]))
                i += 1
            continue
        _rst_inline(line, number, out)
        i += 1
        if body.endswith("::"):
            i = _literal_block(lines, i, columns(line), out)
    return out


def _block_end(lines: list[str], i: int, indent: int) -> int:
    """The index after the block of lines from ``i`` indented deeper than ``indent``."""
    end = i
    while end < len(lines) and (not lines[end].strip() or columns(lines[end]) > indent):
        end += 1
    while end > i and not lines[end - 1].strip():
        end -= 1
    return end


def _literal_block(lines: list[str], i: int, indent: int, out: list[Piece]) -> int:
    """Take the literal block after a paragraph ending in ``::`` as code; the index after it."""
    k = i
    while k < len(lines) and not lines[k].strip():
        k += 1
    if k == len(lines):
        return k
    if columns(lines[k]) > indent:
        end = _block_end(lines, k, indent)
    else:  # a quoted literal block: to the next blank line
        end = k
        while end < len(lines) and lines[end].strip():
            end += 1
    out.extend((n + 1, lines[n]) for n in range(k, end) if lines[n].strip())
    return end


def _rst_explicit(lines: list[str], i: int, out: list[Piece]) -> int:
    """Take a directive, target or comment that starts at ``i``; return where to go on."""
    line = lines[i]
    out.append((i + 1, line))  # its line: a directive's name and argument, a target
    head = line.strip()[2:].strip()
    name = head.split("::", 1)[0].strip() if "::" in head else ""
    if name.startswith("|") and "|" in name[1:]:  # a substitution definition
        name = name[name.index("|", 1) + 1 :].strip()
    indent = columns(line)
    end = _block_end(lines, i + 1, indent)
    if not name:  # a comment (prose) or a target (its line is already code)
        return i + 1
    if name.lower() in _PROSE_DIRECTIVES:
        k = i + 1
        while k < end and lines[k].strip().startswith(":"):  # options
            out.append((k + 1, lines[k]))
            k += 1
        return k
    out.extend((n + 1, lines[n]) for n in range(i + 1, end) if lines[n].strip())
    return end


def _rst_inline(line: str, number: int, out: list[Piece]) -> None:
    """Collect a reST prose line's backtick spans (with their role) and reference names."""
    i = 0
    while (start := line.find("`", i)) >= 0:
        end = run(line, start, "`")
        close = closing_ticks(line, end, end - start)
        role = start
        while role > 0 and (line[role - 1].isalnum() or line[role - 1] in ":-_."):
            role -= 1  # :func:`name`
        stop = run(line, len(line) if close < 0 else close, "_")
        out.append((number, line[role:stop]))
        if close < 0:
            return
        i = stop
    out.extend((number, name) for name in _reference_names(line))
    out.extend((number, url) for url in _urls(line))


def _urls(line: str) -> list[str]:
    """The bare URLs of a line."""
    found, k = [], 0
    while k < len(line):  # a URL is skipped whole: each character is looked at once
        end = url_end(line, k) if k == 0 or not line[k - 1].isalnum() else k
        if end > k and line[k] != "]":
            found.append(line[k:end])
        k = max(end, k + 1)
    return found


def _reference_names(line: str) -> list[str]:
    """The reference names of a line: ``word_`` or ``word__`` before a space or the end."""
    names = []
    for k, c in enumerate(line):
        after = line[k + 1 : k + 2]
        if c == "_" and k and line[k - 1].isalnum() and not (after.isalnum() or after == "_"):
            start = k
            while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "-."):
                start -= 1
            names.append(line[start : k + 1])
    return names
