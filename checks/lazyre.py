"""Regular expressions compiled on first use: the one door for a module's pattern constants.

``re.compile`` of a module's patterns at import is most of what an empty ``check`` spends
importing the engine (issue 26: ``checks/titles.py`` alone compiles 27). A constant written
``NAME: Final = lazyre.compile(r"…", re.I)`` is compiled the first time it is used, once: its
first call compiles the pattern and puts the compiled pattern's own methods on the instance, so
every later call goes straight to ``re`` (no wrapper in the loop). ``tests/test_regex_linear.py``
audits ``lazyre.compile`` calls as it audits ``re.compile``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, AnyStr, Generic

_METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class Pattern(Generic[AnyStr]):
    """A pattern compiled on first use; it answers what ``re.Pattern`` answers."""

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        """Keep the pattern's text and flags; nothing is compiled yet.

        Args:
            pattern: the regular expression's text.
            flags: ``re`` flags.
        """
        self._source: AnyStr = pattern
        self._flags = flags
        self._compiled: re.Pattern[AnyStr] | None = None

    @property
    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern (compiled now if it was not yet).

        Returns:
            The ``re.Pattern``.
        """
        if self._compiled is None:
            compiled = re.compile(self._source, self._flags)
            for name in _METHODS:  # later calls go straight to the compiled pattern
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return self._compiled

    @property
    def pattern(self) -> AnyStr:
        """The pattern's text, as given."""
        return self._source

    @property
    def flags(self) -> int:
        """The flags, as ``re`` reports them (with ``re.UNICODE`` for a text pattern)."""
        return self.compiled.flags

    @property
    def groups(self) -> int:
        """How many capturing groups the pattern has."""
        return self.compiled.groups

    @property
    def groupindex(self) -> Any:
        """The named groups and their numbers."""
        return self.compiled.groupindex

    def match(
        self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1
    ) -> re.Match[AnyStr] | None:
        """Match at the start, as ``re.Pattern.match``.

        Args:
            string: the text to match.
            pos: where matching starts.
            endpos: where matching stops.

        Returns:
            The match at ``pos``, or None.
        """
        return self.compiled.match(string, pos, endpos)

    def search(
        self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1
    ) -> re.Match[AnyStr] | None:
        """Find the first match, as ``re.Pattern.search``.

        Args:
            string: the text to match.
            pos: where matching starts.
            endpos: where matching stops.

        Returns:
            The first match, or None.
        """
        return self.compiled.search(string, pos, endpos)

    def fullmatch(
        self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1
    ) -> re.Match[AnyStr] | None:
        """Match the whole span, as ``re.Pattern.fullmatch``.

        Args:
            string: the text to match.
            pos: where matching starts.
            endpos: where matching stops.

        Returns:
            The match of the whole span, or None.
        """
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(
        self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1
    ) -> Iterator[re.Match[AnyStr]]:
        """Iterate over the matches, as ``re.Pattern.finditer``.

        Args:
            string: the text to match.
            pos: where matching starts.
            endpos: where matching stops.

        Returns:
            The matches, one by one.
        """
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: AnyStr, pos: int = 0, endpos: int = 2**63 - 1) -> list[Any]:
        """List the matches, as ``re.Pattern.findall``.

        Args:
            string: the text to match.
            pos: where matching starts.
            endpos: where matching stops.

        Returns:
            The matched strings (or group tuples).
        """
        return self.compiled.findall(string, pos, endpos)

    def sub(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> AnyStr:
        """Replace the matches, as ``re.Pattern.sub``.

        Args:
            repl: the replacement, or a function of the match.
            string: the text to match.
            count: at most this many replacements (0: all).

        Returns:
            The text with the matches replaced.
        """
        return self.compiled.sub(repl, string, count)

    def subn(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> tuple[AnyStr, int]:
        """Replace the matches and count them, as ``re.Pattern.subn``.

        Args:
            repl: the replacement, or a function of the match.
            string: the text to match.
            count: at most this many replacements (0: all).

        Returns:
            The text with the matches replaced, and how many were.
        """
        return self.compiled.subn(repl, string, count)

    def split(self, string: AnyStr, maxsplit: int = 0) -> list[AnyStr | Any]:
        """Split at the matches, as ``re.Pattern.split``.

        Args:
            string: the text to match.
            maxsplit: at most this many splits (0: all).

        Returns:
            The pieces between the matches.
        """
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"lazyre.compile({self._source!r})"


def compile(pattern: AnyStr, flags: int = 0) -> Pattern[AnyStr]:  # noqa: A001 - re's own name
    """Declare a pattern, compiled the first time it is used.

    Args:
        pattern: The pattern, as for ``re.compile``.
        flags: Its flags (``re.I``, ``re.M``…).

    Returns:
        The pattern; it answers ``match``, ``search``, ``finditer``… as ``re.Pattern`` does.
    """
    return Pattern(pattern, flags)
