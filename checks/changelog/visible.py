"""What a changelog entry shows a reader: an entry that shows nothing is not an entry.

An HTML comment (``<!-- -->``), an empty bullet (``-``), zero-width and other format characters,
and markup alone render as nothing; a line or fragment made only of them says nothing about the
change. No regular expression: each helper is one pass over its text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

_OPEN, _CLOSE = "<!--", "-->"


def says_something(text: str) -> bool:
    """Tell whether text shows a reader at least one letter or digit once comments are dropped.

    Args:
        text: A changelog line or a whole fragment.

    Returns:
        False for an empty bullet, a comment, zero-width characters or markup alone.
    """
    return any(ch.isalnum() and unicodedata.category(ch) != "Cf" for ch in uncommented(text))


def uncommented(text: str) -> str:
    """Return text without its HTML comments (an unclosed one runs to the end).

    Args:
        text: An entry's text.

    Returns:
        The text with every ``<!-- … -->`` taken out.
    """
    out: list[str] = []
    start = 0
    while True:
        opened = text.find(_OPEN, start)
        if opened < 0:
            out.append(text[start:])
            return "".join(out)
        out.append(text[start:opened])
        closed = text.find(_CLOSE, opened + len(_OPEN))
        if closed < 0:
            return "".join(out)
        start = closed + len(_CLOSE)


def commented_lines(lines: Sequence[str]) -> set[int]:
    """Return the 1-based numbers of the lines that sit wholly inside a multi-line HTML comment.

    Args:
        lines: A file's lines.

    Returns:
        The numbers of the lines between an unclosed ``<!--`` and its ``-->``, both included.
    """
    inside: set[int] = set()
    open_at: int | None = None
    for n, line in enumerate(lines, 1):
        if open_at is not None:
            inside.add(n)
            if _CLOSE in line:
                open_at = None
            continue
        rest = line[line.rfind(_OPEN) :] if _OPEN in line else ""
        if rest and _CLOSE not in rest[len(_OPEN) :]:
            open_at = n
            inside.add(n)
    return inside
