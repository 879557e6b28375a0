r"""What on a line is code, not prose: spelling-clean does not read it as English.

- Inline code between backticks (`` `{mape:.2f}` `` in a comment, a docstring or Markdown).
- In Python, a string literal without whitespace (``"fro"``, ``"abc,cd->abd"``, ``"mape"``,
  a dotted name): a key, an equation or an identifier, never a sentence.
- In Python, a name the project already uses in code (at the base; in a whole-tree audit, the
  file itself): ``mape = MAPE = …`` is the project's word. A name only the contribution
  introduces is still read, so a misspelt new function is reported.

Positions are git's lines and 1-based columns; a Python file whose lines Python's tokenizer
would number differently (a ``\r``, a form feed) gets no Python spans, only the backticks.
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Final

BACKTICKS: Final = re.compile(r"`[^`\n]{1,200}`")
_ODD: Final = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_MAX: Final = 2_000_000  # characters of Python tokenized for its names and strings

Spans = dict[int, list[tuple[int, int]]]


def identifiers(text: str | None, tokens: list[tokenize.TokenInfo] | None = None) -> frozenset[str]:
    """Return the names a Python text uses, lower-cased, with their ``_``-separated parts.

    Args:
        text: Python source, or None.
        tokens: Its tokens, when already read (``tokens(text)``).

    Returns:
        The names (``val_mape`` gives ``val_mape``, ``val`` and ``mape``); empty when the text
        does not tokenize.
    """
    names: set[str] = set()
    for tok in tokens if tokens is not None else _tokens(text):
        if tok.type == tokenize.NAME:
            lower = tok.string.lower()
            names.add(lower)
            names.update(p for p in lower.split("_") if p)
    return frozenset(names)


def python_spans(
    text: str, known: frozenset[str], tokens: list[tokenize.TokenInfo] | None = None
) -> Spans:
    """Find the code on each line of a Python text: bare strings and names the project uses.

    Args:
        text: Python source (git's lines).
        known: The names the project already uses (``identifiers`` of the base).
        tokens: Its tokens, when already read (``tokens(text)``).

    Returns:
        For each line number, ``(first, last)`` 1-based columns of code.
    """
    spans: Spans = {}
    for tok in tokens if tokens is not None else _tokens(text):
        (row, col), (end_row, end_col) = tok.start, tok.end
        if row != end_row:
            continue
        if tok.type == tokenize.STRING and not any(c.isspace() for c in _body(tok.string)):
            spans.setdefault(row, []).append((col + 1, end_col))
        elif tok.type == tokenize.NAME and tok.string.lower() in known:
            spans.setdefault(row, []).append((col + 1, end_col))
    return spans


def in_code(line: str, column: int, word: str, spans: list[tuple[int, int]] | None) -> bool:
    """Tell whether a word found at a column is code: in backticks, or in a code span.

    Args:
        line: The line.
        column: The word's 1-based column.
        word: The word.
        spans: The line's Python code spans, if any.

    Returns:
        True when the word lies inside code.
    """
    last = column + len(word) - 1  # 1-based, inclusive
    for first, end in spans or ():
        if first <= column and last <= end:
            return True
    if "`" in line:
        start, stop = column - 1, column - 1 + len(word)  # the word's 0-based slice
        for m in BACKTICKS.finditer(line):
            if m.start() < start and stop < m.end():
                return True
    return False


def _body(literal: str) -> str:
    """A string literal's text between its prefix and quotes."""
    start = next((i for i, c in enumerate(literal) if c in "'\""), 0)
    quote = literal[start : start + 3] if literal[start : start + 3] in ('"""', "'''") else None
    width = 3 if quote else 1
    return literal[start + width : len(literal) - width]


def tokens(text: str | None) -> list[tokenize.TokenInfo]:
    """Tokenize Python source on git's lines.

    Args:
        text: Python source, or None.

    Returns:
        The tokens; none when the text is empty, too large, has lines Python numbers
        differently from git, or does not tokenize.
    """
    return _tokens(text)


def _tokens(text: str | None) -> list[tokenize.TokenInfo]:
    if not text or len(text) > _MAX or any(c in text for c in _ODD):
        return []
    try:
        return list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []
