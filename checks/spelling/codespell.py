"""The adapter to codespell: its dictionaries and word rules, loaded once per process.

codespell's only stable API is its ``main()``; this module reads codespell's shipped dictionary
files (``codespell_lib/data/dictionary*.txt``, lines of ``wrong->right[, reason]``) and applies
codespell's word, URI and ``codespell:ignore`` rules itself. Parsing the 65,000-line main dictionary
costs more than the rest of a small check, so a parsed dictionary is kept between runs in a compact
form (``compact``/``expand``) by a ``DictionaryStore`` that ``hooks`` installs (``use_store``): an
entry is stamped with the digest of codespell's version file and of the dictionary file it came
from, and an entry whose stamp or shape does not match is parsed again, never trusted. The data is
found without importing ``codespell_lib`` (its import costs more than reading the file). The
version range is pinned in ``pyproject.toml`` and ``tests/checks/spelling/test_spelling_clean.py``
covers this adapter against the installed codespell, so an upstream change of the data format
fails the tests, not users.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Final, Protocol

from mergeready.checks import lazyre
from mergeready.checks.errors import MergereadyError

WORD: Final = lazyre.compile(r"[\w\-'’]+")
# Linear on any line: an e-mail's local part starts only where a run of its characters starts
# (``\b`` would let every ``.`` in ``a.a.a.a…`` start a scan to the end of the run).
URI: Final = lazyre.compile(
    r"\b(?:https?|[ts]?ftp|file|git|smb)://\S+|(?<![\w.%+-])[.%+-]*\w[\w.%+-]*@[\w.-]+\b"
)
IGNORE_TAG: Final = lazyre.compile(r"[^\w\s]\s*codespell:ignore(?!-)\b(\s+(?P<words>[\w,]*))?")
_FILES: Final = {"clear": "dictionary.txt"}
_MAGIC: Final = "mergeready-dictionary 1\n"


class DictionaryStore(Protocol):
    """Where parsed dictionaries are kept between runs, outside the work tree."""

    def read(self, name: str) -> bytes | None:
        """Return the stored entry for a dictionary, if there is one (not yet checked).

        Args:
            name: The dictionary's name.

        Returns:
            The entry's bytes, or None.
        """

    def write(self, name: str, data: bytes) -> None:
        """Store an entry for a dictionary; a failure is ignored.

        Args:
            name: The dictionary's name.
            data: The packed entry.
        """


_STORE: list[DictionaryStore] = []


def use_store(store: DictionaryStore | None) -> None:
    """Keep parsed dictionaries in this store from now on (None: parse them every run).

    Args:
        store: The store.
    """
    _STORE[:] = [store] if store is not None else []


@functools.lru_cache(maxsize=1)
def _data() -> Path | None:
    """codespell's data folder, found without importing ``codespell_lib``."""
    try:
        spec = find_spec("codespell_lib")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@functools.lru_cache(maxsize=1)
def dictionaries() -> tuple[str, ...]:
    """List the dictionaries the installed codespell ships.

    Returns:
        Their names (``clear``, ``rare``, ``informal``, …), sorted.
    """
    package = _data()
    try:
        files = [f.name for f in (package / "data").iterdir()] if package else []
    except OSError:
        return ()
    names = {n[len("dictionary_") : -4] for n in files if n.startswith("dictionary_")}
    return tuple(sorted(names | ({"clear"} if "dictionary.txt" in files else set())))


@functools.lru_cache(maxsize=16)
def regex_problem(pattern: str | None) -> str:
    """Say why a regular expression does not compile.

    Args:
        pattern: The expression, or None.

    Returns:
        The problem, or an empty string when it compiles (or there is none).
    """
    try:
        re.compile(pattern or "")
    except re.error as exc:
        return str(exc)
    return ""


@functools.lru_cache(maxsize=8)
def dictionary(name: str) -> dict[str, str]:
    """Load one of codespell's shipped dictionaries.

    Args:
        name: ``clear``, ``rare``, ``informal``, ``code``, ``names``, ``usage``, …

    Returns:
        Each misspelling (lower case) mapped to codespell's raw correction text; ``fixes``
        turns that into suggestions for the few words that are found.

    Raises:
        MergereadyError: If codespell does not ship that dictionary.
    """
    raw, stamp = _read(name)
    store = _STORE[0] if _STORE else None
    kept = expand(store.read(f"codespell-{name}"), stamp) if store is not None else None
    if kept is not None:
        return kept
    text = raw.decode("utf-8")
    pairs = (line.split("->", 1) for line in text.lower().splitlines() if "->" in line)
    words = {key.strip(): data for key, data in pairs}
    packed = compact(words, stamp) if store is not None else None
    if store is not None and packed is not None:
        store.write(f"codespell-{name}", packed)
    return words


def _read(name: str) -> tuple[bytes, str]:
    """A dictionary file's bytes, and the stamp of those bytes and codespell's version file."""
    filename = _FILES.get(name, f"dictionary_{name}.txt")
    package = _data()
    try:
        if package is None or "/" in name or name.startswith("."):
            raise FileNotFoundError(name)
        raw = (package / "data" / filename).read_bytes()
        stamped = package / "_version.py"
        version = stamped.read_bytes() if stamped.exists() else b""
    except OSError as exc:
        raise MergereadyError(
            f"codespell has no dictionary {name!r}; use clear, rare, informal, code, names or usage"
        ) from exc
    return raw, hashlib.sha256(hashlib.sha256(version).digest() + raw).hexdigest()


def compact(words: dict[str, str], stamp: str) -> bytes | None:
    """Pack a parsed dictionary for the store: a stamped header, then the keys and the values.

    Args:
        words: The dictionary.
        stamp: The digest of codespell's version and the dictionary file it came from.

    Returns:
        The entry, or None when a word holds a character the form uses as a separator.
    """
    keys, values = "\n".join(words), "\n".join(words.values())
    if "\0" in keys or "\0" in values or any("\n" in v for v in words.values()):
        return None
    return f"{_MAGIC}{stamp}\n{len(words)}\n{keys}\0{values}".encode()


def expand(data: bytes | None, stamp: str) -> dict[str, str] | None:
    """Unpack a stored dictionary, if it is well formed and has this stamp.

    Args:
        data: The stored entry, or None.
        stamp: The stamp the current dictionary file gives.

    Returns:
        The dictionary, or None for a missing, stale or malformed entry.
    """
    if not data:
        return None
    try:
        text = data.decode()
    except UnicodeDecodeError:
        return None
    magic, _, rest = text.partition("\n")
    kept, _, rest = rest.partition("\n")
    count, _, rest = rest.partition("\n")
    keys, sep, values = rest.partition("\0")
    if f"{magic}\n" != _MAGIC or kept != stamp or not sep or not count.isdigit():
        return None
    pairs = keys.split("\n"), values.split("\n")
    if not len(pairs[0]) == len(pairs[1]) == int(count):
        return None
    return dict(zip(*pairs, strict=True))


def fixes(data: str) -> tuple[str, ...]:
    """Turn codespell's correction text into suggestions.

    Args:
        data: ``right`` or ``right1, right2,`` or ``right, reason`` (a comma means the last
            field is a reason, as in codespell).

    Returns:
        The suggested words (none when codespell gives only a reason).
    """
    parts = [x.strip() for x in data.split(",")]
    if len(parts) > 1:
        parts = parts[:-1]
    return tuple(x for x in parts if x)


class Speller:
    """Finds misspellings in lines of text."""

    def __init__(
        self,
        words: dict[str, str],
        ignore: frozenset[str],
        ignore_regex: re.Pattern[str] | None,
    ) -> None:
        """Build a speller.

        Args:
            words: Misspellings and their fixes.
            ignore: Lower-case words never reported.
            ignore_regex: Text matching it is not checked.
        """
        self.words, self.ignore, self.ignore_regex = words, ignore, ignore_regex
        self.keys = frozenset(words) - ignore

    @staticmethod
    @functools.lru_cache(maxsize=16)
    def get(names: Sequence[str], ignore_words: Sequence[str], ignore_regex: str | None) -> Speller:
        """Return a speller for these dictionaries and ignores (cached per process).

        Args:
            names: Dictionary names.
            ignore_words: Words never reported.
            ignore_regex: A regular expression of text that is never checked.

        Returns:
            The speller.

        Raises:
            MergereadyError: If the regular expression is not valid.
        """
        words: dict[str, str] = {}
        for name in names:
            words.update(dictionary(name))
        try:
            regex = re.compile(ignore_regex) if ignore_regex else None
        except re.error as exc:
            raise MergereadyError(
                f"checks.spelling-clean.ignore-regex is not a valid regular expression: {exc}"
            ) from exc
        return Speller(words, frozenset(w.lower() for w in ignore_words), regex)

    def suspects(self, text: str) -> frozenset[str]:
        """Return the known misspellings that occur anywhere in a text, in one fast pass.

        Args:
            text: A whole file or message.

        Returns:
            The lower-case misspellings present (usually none, so most text needs no more work).
        """
        return frozenset(WORD.findall(text.lower())) & self.keys

    def line(self, line: str, inline: bool = True) -> list[tuple[str, tuple[str, ...], int]]:
        """Return the misspellings in one line.

        Args:
            line: The text.
            inline: Honour a ``codespell:ignore`` comment in the line.

        Returns:
            ``(word, fixes, column)`` for each misspelling; columns are 1-based.
        """
        extra: set[str] = set()
        if inline and "codespell:ignore" in line:
            m = IGNORE_TAG.search(line)
            if m:
                extra = {w.lower() for w in (m.group("words") or "").split(",") if w}
                if not extra:
                    return []
        if self.ignore_regex is not None:
            line = self.ignore_regex.sub(lambda m: " " * len(m.group()), line)
        if "://" in line or "@" in line:
            line = URI.sub(lambda m: " " * len(m.group()), line)
        out = []
        for m in WORD.finditer(line):
            word = m.group()
            lower = word.lower()
            if lower in self.words and lower not in self.ignore and lower not in extra:
                if m.start() > 0 and line[m.start() - 1] == "\\" and lower[1:] not in self.words:
                    continue  # a string escape such as \nto, as codespell skips it
                if _case_class(line, m.start(), lower, self.words):
                    continue  # a regex's ``[Rr]equires``: the word is "requires"
                found = tuple(_case(word, x) for x in fixes(self.words[lower]))
                out.append((word, found, m.start() + 1))
        return out


def _case_class(line: str, start: int, lower: str, words: Mapping[str, str]) -> bool:
    """True when a word follows a regex class of one letter in both cases (``[Rr]equires``)
    and that letter makes it a word codespell does not flag."""
    if start < 4 or line[start - 1] != "]" or line[start - 4] != "[":
        return False
    upper, low = line[start - 3], line[start - 2]
    return upper.lower() == low and upper != low and (low + lower) not in words


def _case(word: str, fix: str) -> str:
    if word == word.capitalize():
        return fix.capitalize()
    if word == word.upper() and len(word) > 1:
        return fix.upper()
    return fix
