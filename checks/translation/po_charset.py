"""Which charset a gettext catalogue is decoded with: its header's, when it is a safe one.

gettext decodes a catalogue with the charset its header entry's ``Content-Type`` names. A
charset that does not read ASCII as ASCII (UTF-7, ``unicode_escape``, IDNA) would make gettext
see other text than the one judged — ``+AHs-name+AH0-`` is ``{name}`` in UTF-7 — so such a
catalogue is read as UTF-8 and translation-consistent reports it (MR515, an error).
"""

from __future__ import annotations

import codecs
import re
from typing import Final

_CHARSET: Final = re.compile(rb"charset=([A-Za-z0-9_.:-]{1,40})")


def charset(data: bytes) -> str | None:
    """Return the charset the header entry's ``Content-Type`` names, if any.

    The header is the translation of the empty msgid without a context, wherever it sits, as
    gettext reads it: a ``charset=`` in a comment, in another entry or in a line of the
    header that is not ``Content-Type`` is not the catalogue's charset. When the header names
    several, the first one that :func:`usable` rejects is returned (else the last, which is
    the one Python's gettext keeps), so a hostile one is never hidden behind a harmless one.

    Args:
        data: The raw bytes.

    Returns:
        The name as written.
    """
    named = [
        m.group(1).decode("ascii")
        for line in _header_text(data).split(b"\\n")
        if line.strip().lower().startswith(b"content-type:")
        and (m := _CHARSET.search(line)) is not None
    ]
    return next((n for n in named if not usable(n)), named[-1] if named else None)


def _header_text(data: bytes) -> bytes:
    """The header entry's msgstr as written (its strings joined, escapes left as they are)."""
    reader = _HeaderReader()
    for raw in data.splitlines():
        reader.read(raw.strip())
    return b"".join(reader.parts)


def _unquoted(text: bytes) -> bytes:
    """A string's content: what is inside its quotes (a missing closing quote is forgiven)."""
    text = text.strip()
    return text[1:-1] if len(text) > 1 and text.endswith(b'"') else text[1:]


class _HeaderReader:
    """Reads a catalogue line by line and keeps the header entry's strings."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.state = ""  # "msgid", "header" (its msgstr) or "" (anything else)
        self.context = False  # the entry has a msgctxt: its empty msgid is not the header
        self.empty = False  # the msgid read so far is empty

    def read(self, line: bytes) -> None:
        if line.startswith(b'"'):
            self._string(line)
        elif not line or line.startswith(b"#"):
            self.state = "" if not line and self.state == "header" else self.state
        else:
            self._keyword(*line.partition(b" ")[::2])

    def _string(self, line: bytes) -> None:
        if self.state == "msgid" and line != b'""':
            self.empty = False  # the msgid goes on: not the empty one
        elif self.state == "header":
            self.parts.append(_unquoted(line))

    def _keyword(self, word: bytes, rest: bytes) -> None:
        if word == b"msgid":
            self.state, self.empty = "msgid", not self.context and rest.strip() == b'""'
            self.context = False
        elif word == b"msgstr" and self.state == "msgid" and self.empty:
            self.state, self.empty = "header", False
            self.parts.append(_unquoted(rest))
        else:
            self.context = word == b"msgctxt"
            self.state = ""


_PROBE: Final = bytes(range(0x20, 0x7F)).replace(b"\\", b"") + b"\n\t\\x41\\u0041 +AGEA-.xn--ls8h"
"""Printable ASCII, and what escape codecs, IDNA and UTF-7 would read as something else."""


def usable(name: str) -> bool:
    """Tell whether a charset is a text encoding that reads ASCII as ASCII.

    ``charset=undefined`` or ``punycode`` raise while decoding, ``utf-7`` reads ``+…-`` as
    other characters, ``unicode_escape`` reads backslashes, ``idna`` reads ``xn--`` labels: a
    catalogue naming one is read as UTF-8 instead (translation-consistent says so, MR515),
    never decoded with it.

    Args:
        name: The charset's name.

    Returns:
        True when the codec exists, is a text encoding, and decodes printable ASCII unchanged.
    """
    try:
        codecs.lookup(name)
        return _PROBE.decode(name) == _PROBE.decode("ascii")
    except (LookupError, UnicodeError, ValueError, TypeError):
        return False
