"""What a changelog entry shows a reader: an entry that shows nothing is not an entry.

An HTML comment (``<!-- -->``), an empty bullet (``-``), zero-width and other format characters,
and markup alone render as nothing; a line or fragment made only of them says nothing about the
change; nor does a line that shows only what the base's file already showed (re-spaced,
re-bulleted, moved). No regular expression: each helper is one pass over its text.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

_OPEN, _CLOSE = "<!--", "-->"


def says_something(text: str) -> bool:
    """Tell whether text shows a reader at least one letter or digit once comments are dropped.

    Args:
        text: A changelog line or a whole fragment.

    Returns:
        False for an empty bullet, a comment, zero-width characters or markup alone.
    """
    return any(ch.isalnum() and unicodedata.category(ch) != "Cf" for ch in uncommented(text))


def rendered(line: str) -> str:
    """Return what a changelog line shows, for comparing lines: no comment, bullet or spacing.

    Args:
        line: One line of a changelog file or fragment.

    Returns:
        Its words, single-spaced, without a leading ``-``/``*``/``+`` bullet; ``""`` for a
        Markdown link reference definition (``[#12]: https://…``) or a reST comment or target
        (``.. _label:``), which render nothing.
    """
    words = " ".join(uncommented(line).split())
    if words.startswith("[") and "]: " in words and "](" not in words.split("]: ", 1)[0]:
        return ""
    if words.startswith(".. ") and "::" not in words:
        return ""
    return words.lstrip("-*+ ") if words[:2] in ("- ", "* ", "+ ") else words


def fresh_lines(lines: Sequence[str], base: Sequence[str]) -> Counter[str]:
    """Count the rendered texts that ``lines`` show more often than ``base`` does.

    A line edited only in its spacing or bullet, or moved from elsewhere in the file, shows
    nothing new; a second copy of a line the base keeps is new.

    Args:
        lines: The file's lines at head.
        base: The same file's lines at the base (empty when it is new).

    Returns:
        Each new rendered text and how many new copies of it there are.
    """
    counts = Counter(filter(None, map(rendered, lines)))
    counts.subtract(Counter(filter(None, map(rendered, base))))
    return +counts


def not_new(lines: Sequence[str], base: Sequence[str], touches: Callable[[int], bool]) -> set[int]:
    """Return the added lines that render nothing, or only what the base file already shows.

    Args:
        lines: The file's lines at head.
        base: The same file's lines at the base.
        touches: Whether the contribution added or changed a line (1-based).

    Returns:
        The numbers of those lines; of repeated lines, the last copies are the new ones.
    """
    fresh = fresh_lines(lines, base)
    out: set[int] = set()
    for n in range(len(lines), 0, -1):
        if touches(n):
            text = rendered(lines[n - 1])
            if text and fresh[text] > 0:
                fresh[text] -= 1
            else:
                out.add(n)
    return out


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
