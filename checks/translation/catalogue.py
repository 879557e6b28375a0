r"""gettext catalogues read with polib, on git's lines, and the entries a contribution touched.

polib is imported only when a catalogue is parsed. It is handed the catalogue's lines (split
on ``\n`` only, as git numbers them, with a CR before it dropped) wrapped in an object that is
not a string, so polib never takes contributed text for a file name and never reads the file
system. Text is decoded with the charset the catalogue's header names, else UTF-8, else Latin-1.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from mergeready.checks.translation.po_charset import charset, usable

_NPLURALS = re.compile(r"nplurals\s{0,5}=\s{0,5}(\d{1,2})")
_LINE = re.compile(r"\(line (\d{1,9})\)")
_KEYWORD = re.compile(r"msgctxt|msgid_plural|msgid|msgstr(?:\[\d{1,3}\])?")


@dataclass(frozen=True)
class Entry:
    """One message of a catalogue, as the checks compare it."""

    msgctxt: str | None
    msgid: str
    msgid_plural: str
    msgstr: tuple[str, ...]
    flags: frozenset[str]
    line: int
    msgstr_lines: tuple[int, ...]
    flag_line: int

    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies the message in its catalogue: context and msgid."""
        return self.msgctxt, self.msgid

    @property
    def fuzzy(self) -> bool:
        """True when the entry is marked ``#, fuzzy`` (gettext does not use it)."""
        return "fuzzy" in self.flags

    @property
    def content(self) -> tuple[Any, ...]:
        """What the contribution may change: plural source, translations and flags."""
        return self.msgid_plural, self.msgstr, self.flags


@dataclass(frozen=True)
class Catalogue:
    """A parsed catalogue: its live entries, its obsolete ones and its plural count."""

    entries: tuple[Entry, ...]
    obsolete: tuple[Entry, ...]
    nplurals: int | None
    lines: tuple[str, ...] = field(default=(), repr=False, compare=False)
    language: str | None = None  # the header's Language, lower case, ``pt_br`` as ``pt-br``

    def header_line(self, name: str) -> int | None:
        """Return the line of a header field (``Plural-Forms``), if the catalogue has one.

        Args:
            name: The field's name.

        Returns:
            The 1-based line, or None.
        """
        key = f'"{name}:'
        return next((n for n, line in enumerate(self.lines, 1) if line.startswith(key)), None)

    def by_key(self) -> dict[tuple[str | None, str], Entry]:
        """Index the live entries by context and msgid (the first of duplicates wins).

        Returns:
            The entries by key.
        """
        out: dict[tuple[str | None, str], Entry] = {}
        for e in self.entries:
            out.setdefault(e.key, e)
        return out


class ParseError(Exception):
    """The catalogue does not parse; ``line`` says where, when known."""

    def __init__(self, message: str, line: int | None) -> None:
        """Keep the message and the line.

        Args:
            message: What is wrong.
            line: The 1-based line, or None.
        """
        super().__init__(message)
        self.line = line


def decode(data: bytes) -> str:
    """Decode a catalogue with its header's charset, else UTF-8, else Latin-1.

    Args:
        data: The raw bytes.

    Returns:
        The text, a BOM dropped.
    """
    names = [name] if (name := charset(data)) is not None and usable(name) else []
    for name in [*names, "utf-8"]:
        try:
            return data.decode(name).lstrip("\ufeff")
        except (LookupError, UnicodeError, ValueError):
            continue
    return data.decode("latin-1")


class _Lines:
    """Lines handed to polib: not a string, so polib never treats them as a path."""

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = list(lines)

    def splitlines(self) -> list[str]:
        return self._lines

    def __bool__(self) -> bool:
        return True


def parse(text: str) -> Catalogue:
    """Parse a catalogue's text.

    Args:
        text: The decoded catalogue.

    Returns:
        The catalogue.

    Raises:
        ParseError: If it does not parse, with the line where it stops.
    """
    import polib

    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    _check_quotes(lines)
    try:
        # References and comments are not compared: blank them (keeping the line count) so
        # polib, the slow part, skips them.
        lines_as_file: Any = _Lines(["" if _comment(line) else line for line in lines])
        po: Any = polib.pofile(lines_as_file, encoding="utf-8")
    except Exception as exc:  # polib raises OSError, but a bad file may raise anything
        raise _parse_error(str(exc)) from None
    live: list[Entry] = []
    obsolete: list[Entry] = []
    for e in po:
        (obsolete if e.obsolete else live).append(_entry(e))
    m = _NPLURALS.search(str(po.metadata.get("Plural-Forms", "")))
    nplurals = int(m.group(1)) if m else None
    language = str(po.metadata.get("Language", "")).strip().lower().replace("_", "-") or None
    return Catalogue(tuple(live), tuple(obsolete), nplurals, tuple(lines), language)


def _parse_error(said: str) -> ParseError:
    """polib's complaint as one message and the line it names (if it names one)."""
    message = said.split(":", 1)[-1].strip() if ":" in said else "syntax error"
    m = _LINE.search(said)
    return ParseError(message or "syntax error", int(m.group(1)) if m else None)


STANDARD_PLURALS: Final = {
    **dict.fromkeys("ja ko zh vi th".split(), 1),
    **dict.fromkeys("en de nl sv da nb nn no fi et bg el eo".split(), 2),
    **dict.fromkeys("hr sr bs lv".split(), 3),
    "sl": 4,
}
"""The plural count of a language where gettext's manual and CLDR agree (French, Spanish,
Russian or Polish are left out: catalogues of either count are in use)."""


def expected_plurals(head: Catalogue, base: Catalogue | None, path: str = "") -> int | None:
    """Return the plural count entries are judged by: the base's, else the language's.

    A contribution may not change the ``Plural-Forms`` it is judged by: a catalogue the base
    has keeps the base's ``nplurals``; a new one is held to its language's standard count
    when ``STANDARD_PLURALS`` knows it, else to its own header. The language is the one its
    path names (``locale/<lang>/LC_MESSAGES/…``, ``po/<lang>.po``) before the one its header
    names: a header the contribution leaves out or fakes cannot pick the count.

    Args:
        head: The catalogue at head.
        base: The catalogue at the base, if it had one.
        path: The catalogue's path.

    Returns:
        The count, or None when nothing says it.
    """
    if base is not None and base.nplurals is not None:
        return base.nplurals
    for language in (path_language(path), head.language or ""):
        standard = STANDARD_PLURALS.get(language, STANDARD_PLURALS.get(language.split("-")[0]))
        if standard is not None:
            return standard
    return head.nplurals


def path_language(path: str) -> str:
    """Return the language a catalogue's path names, lower case with ``-`` (empty if none).

    Args:
        path: ``locale/pt_BR/LC_MESSAGES/django.po`` or ``po/de.po``.

    Returns:
        ``pt-br``, ``de``; empty when the path names no language.
    """
    parts = path.split("/")
    if len(parts) >= 3 and parts[-2] == "LC_MESSAGES":
        name = parts[-3]
    elif parts[-1].endswith(".po"):
        name = parts[-1][: -len(".po")]
    else:
        return ""
    return name.split("@")[0].replace("_", "-").lower()


def _comment(line: str) -> bool:
    """A reference, extracted or translator comment: not flags, previous msgid or obsolete."""
    return line[:1] == "#" and line[1:2] in (":", ".", " ", "")


def _check_quotes(lines: Sequence[str]) -> None:
    """Reject what polib lets through but msgfmt does not: a string not closed by a quote."""
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line[:2] == "#~":
            line = line[2:].lstrip()
        if line[:1] not in ('"', "m"):
            continue  # comments, blank lines; polib rejects anything else
        quote = line.find('"')
        keyword = line[:quote].rstrip() if quote >= 0 else line
        if keyword and not _KEYWORD.fullmatch(keyword):
            raise ParseError(f"{keyword[:20]!r} is not followed by a quoted string", number)
        if not _quoted(line[quote:] if quote >= 0 else ""):
            raise ParseError("a string is not enclosed in double quotes", number)


def _quoted(rest: str) -> bool:
    if len(rest) < 2 or rest[-1] != '"':
        return False
    if rest[-2] != "\\":
        return True
    backslashes = len(rest) - 1 - len(rest[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def _entry(e: Any) -> Entry:
    start = max(int(e.linenum or 1), 1)
    if e.msgid_plural:
        forms: Mapping[int, str] = e.msgstr_plural
        msgstr = tuple(forms[k] for k in sorted(forms))
    else:
        msgstr = (e.msgstr,)
    return Entry(
        msgctxt=e.msgctxt,
        msgid=e.msgid,
        msgid_plural=e.msgid_plural or "",
        msgstr=msgstr,
        flags=frozenset(f for f in e.flags if f),
        line=start,
        msgstr_lines=(start,),
        flag_line=start,
    )


@dataclass(frozen=True)
class Touched:
    """An entry the contribution added or changed, with what it was at the base."""

    entry: Entry
    before: Entry | None
    renamed_from: Entry | None = None


def touched(head: Catalogue, base: Catalogue | None) -> list[Touched]:
    """Return the live entries of ``head`` that are new or changed since ``base``.

    A changed msgid is a new key; when a removed base entry of the same context carried the
    same, non-empty translation (and only one did), it is given as
    ``renamed_from``: the msgid changed under an unchanged msgstr.

    Args:
        head: The catalogue at head.
        base: The catalogue at the base, or None when every entry is new.

    Returns:
        The touched entries, in file order.
    """
    before = base.by_key() if base else {}
    current = head.by_key()
    removed: dict[tuple[str | None, tuple[str, ...]], list[Entry]] = {}
    for e in before.values():
        if e.key not in current and any(e.msgstr):
            removed.setdefault((e.msgctxt, e.msgstr), []).append(e)
    out = []
    for e in head.entries:
        old = before.get(e.key)
        if old is not None and old.content == e.content:
            continue
        source = None
        if old is None:
            candidates = removed.get((e.msgctxt, e.msgstr), [])
            source = candidates[0] if len(candidates) == 1 else None
        out.append(Touched(_placed(e, head.lines), old, source))
    return out


def _placed(e: Entry, lines: Sequence[str]) -> Entry:
    """Find the entry's msgstr lines and its fuzzy flag's line (only for entries judged)."""
    msgstr_lines: list[int] = []
    flag_line = e.line
    for i in range(e.line - 1, len(lines)):
        s = lines[i].strip().removeprefix("#~").strip()
        if s.startswith("msgstr"):
            msgstr_lines.append(i + 1)
        elif msgstr_lines and not s.startswith('"'):
            break
        elif s.startswith("#,") and "fuzzy" in s:
            flag_line = i + 1
    return replace(e, msgstr_lines=tuple(msgstr_lines) or (e.line,), flag_line=flag_line)


def translations(catalogue: Catalogue | None) -> frozenset[tuple[str, ...]]:
    """Every non-empty translation a catalogue holds, obsolete entries included.

    Args:
        catalogue: The catalogue, or None.

    Returns:
        The msgstr tuples.
    """
    if catalogue is None:
        return frozenset()
    return frozenset(e.msgstr for e in (*catalogue.entries, *catalogue.obsolete) if any(e.msgstr))
