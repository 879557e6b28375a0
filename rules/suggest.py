"""The nearest valid name, for error messages that say what to write instead."""

from __future__ import annotations

from collections.abc import Sequence


def suggest(word: str, choices: Sequence[str]) -> str:
    """Return the tail of an error message that names the nearest valid choice.

    Args:
        word: What was written.
        choices: What is valid.

    Returns:
        ``; did you mean 'x'?``, or the list of valid choices when none is close.
    """
    import difflib  # start-up: only an error message needs it

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else f"; expected one of: {', '.join(choices)}"
