"""The one error type that the command line turns into exit status 2."""

from __future__ import annotations


class MergereadyError(Exception):
    """A usage, configuration or repository problem, told in one line that says what to do."""
