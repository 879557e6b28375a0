"""Tokens by the shape vendors share, not by a list of vendors: a short prefix, then randomness.

Most services now issue tokens as a short lettered prefix, a separator, maybe a second short
word, and a long random run (``shpat_…``, ``dop_v1_…``, ``dckr_pat_…``, ``lin_api_…``,
``PMAK-…``, ``NRAK-…``, ``rzp_live_…``, SendGrid's ``SG.….…``). A word counts as one when a
run of at least 14 letters and digits, mixing both and close to random (Shannon entropy of at
least 3.3 bits a character), follows one to three short parts that start with a lettered
prefix. Hashes that name their algorithm (``sha256_…``), identifiers (words, no long random
run), UUIDs (no part of 14) and wheel names are not. No regular expression: one pass a word.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterator
from typing import Final

_WORD_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_SEPARATORS: Final = "_.-"
_NOT_VENDORS: Final = frozenset(
    {"sha", "sha1", "sha224", "sha256", "sha384", "sha512", "md5", "blake2b", "hash", "commit",
     "rev", "build", "run", "job", "id", "uuid", "tmp", "test", "pytest", "v", "git"}
)  # fmt: skip
_HEX: Final = frozenset("0123456789abcdef")
_MAX_WORD: Final = 400


def vendor_token(line: str) -> str | None:
    """Name the kind of the first vendor-prefixed token on a line, if any.

    Args:
        line: One line of a report (bounded by the caller).

    Returns:
        What was found (never the token), or None.
    """
    if line.lstrip().startswith(("PuTTY-User-Key-File-", "Private-Lines:")):
        return "a PuTTY private key"
    return next((k for w, is_word in _pieces(line) if is_word and (k := _kind(w))), None)


def masked(text: str) -> str:
    """Return text with every vendor-prefixed token masked after its first four characters.

    The report's output never repeats what ``vendor_token`` found.

    Args:
        text: A line of output quoting the report.

    Returns:
        The line, masked.
    """
    return "".join(w[:4] + "****" if is_word and _kind(w) else w for w, is_word in _pieces(text))


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    """The text as runs of word characters and of the rest, in order; a run is one to judge
    (``True``) when it is a word of at most ``_MAX_WORD`` characters."""
    for is_word, chars in itertools.groupby(text, _WORD_CHARS.__contains__):
        piece = "".join(chars)
        yield piece, is_word and len(piece) <= _MAX_WORD


def _kind(word: str) -> str | None:
    word = word.strip(_SEPARATORS)
    if len(word) == 34 and word[:2] in ("AC", "SK") and _random(word[2:], hex_only=True):
        return "a Twilio key or account id"
    parts = _split(word)
    if _prefix(parts[0]) and _random(_run(parts[1:4])):
        return "a vendor-prefixed access token"
    return None


def _prefix(first: str) -> bool:
    return 2 <= len(first) <= 10 and first.isalpha() and first.lower() not in _NOT_VENDORS


def _run(parts: list[str]) -> str:
    """The first part of 14 characters or more after at most two short ones (8 or fewer)."""
    for k, part in enumerate(parts):
        if len(part) >= 14:
            return part
        if len(part) > 8 or k == 2:
            break
    return ""


def _split(word: str) -> list[str]:
    parts, start = [], 0
    for k, ch in enumerate(word):
        if ch in _SEPARATORS:
            parts.append(word[start:k])
            start = k + 1
    parts.append(word[start:])
    return parts


def _random(run: str, hex_only: bool = False) -> bool:
    """True for letters and digits mixed (two of each at least) near randomness."""
    if not run.isalnum() or not run.isascii() or (hex_only and not set(run) <= _HEX):
        return False
    digits = sum(ch.isdigit() for ch in run)
    if digits < 2 or len(run) - digits < 2:
        return False
    counts = Counter(run).values()
    return -sum(c / len(run) * math.log2(c / len(run)) for c in counts) >= 3.3
