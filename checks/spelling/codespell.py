"""The adapter to codespell: its dictionaries and word rules, loaded once per process.

codespell's only stable API is its ``main()``; this module reads codespell's shipped dictionary
files (``codespell_lib/data/dictionary*.txt``, lines of ``wrong->right[, reason]``) and applies
codespell's word, URI and ``codespell:ignore`` rules itself. The version range is pinned in
``pyproject.toml`` and ``tests/checks/spelling/test_spelling_clean.py`` covers this adapter
against the installed codespell, so an upstream change of the data format fails the tests, not
users.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources
from typing import Final

from mergeready.checks.errors import MergereadyError

WORD: Final = re.compile(r"[\w\-'’]+")
# Linear on any line: an e-mail's local part starts only where a run of its characters starts
# (``\b`` would let every ``.`` in ``a.a.a.a…`` start a scan to the end of the run).
URI: Final = re.compile(
    r"\b(?:https?|[ts]?ftp|file|git|smb)://\S+|(?<![\w.%+-])[.%+-]*\w[\w.%+-]*@[\w.-]+\b"
)
IGNORE_TAG: Final = re.compile(r"[^\w\s]\s*codespell:ignore(?!-)\b(\s+(?P<words>[\w,]*))?")
_FILES: Final = {"clear": "dictionary.txt"}


@functools.lru_cache(maxsize=1)
def dictionaries() -> tuple[str, ...]:
    """List the dictionaries the installed codespell ships.

    Returns:
        Their names (``clear``, ``rare``, ``informal``, …), sorted.
    """
    try:
        files = [f.name for f in resources.files("codespell_lib").joinpath("data").iterdir()]
    except (FileNotFoundError, ModuleNotFoundError):
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
    filename = _FILES.get(name, f"dictionary_{name}.txt")
    try:
        text = resources.files("codespell_lib").joinpath("data", filename).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise MergereadyError(
            f"codespell has no dictionary {name!r}; use clear, rare, informal, code, names or usage"
        ) from exc
    pairs = (line.split("->", 1) for line in text.lower().splitlines() if "->" in line)
    return {key.strip(): data for key, data in pairs}


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
                found = tuple(_case(word, x) for x in fixes(self.words[lower]))
                out.append((word, found, m.start() + 1))
        return out


def _case(word: str, fix: str) -> str:
    if word == word.capitalize():
        return fix.capitalize()
    if word == word.upper() and len(word) > 1:
        return fix.upper()
    return fix
