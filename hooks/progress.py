r"""A progress bar on a terminal's standard error, for runs that take more than a moment.

It appears only when standard error is a terminal, outside CI, without ``--quiet``, and once
the run has taken longer than ``MERGEREADY_PROGRESS_DELAY`` seconds (default 2): a quick
``check`` draws nothing. It redraws one line with ``\r`` and clears it when the run ends, so
it never mixes with a report on standard output (which may be a file or a pipe).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from typing import Final, TextIO

from mergeready.hooks.notes import in_ci

DELAY: Final = 2.0  # seconds before a run is long enough to show progress
_WIDTH: Final = 30


def wants_progress(
    environ: Mapping[str, str], quiet: bool = False, stream: TextIO | None = None
) -> bool:
    """Tell whether to draw a progress bar: on a terminal, not in CI, not with ``--quiet``.

    Args:
        environ: The environment (``CI``, ``GITHUB_ACTIONS``).
        quiet: ``--quiet``.
        stream: Where the bar goes (default standard error).

    Returns:
        True when the bar should be drawn.
    """
    stream = sys.stderr if stream is None else stream
    return not quiet and stream.isatty() and in_ci(environ) is None


class Progress:
    """A one-line bar that a long run redraws: ``[####......] 3/7 docstrings-complete``."""

    def __init__(self, environ: Mapping[str, str], stream: TextIO | None = None) -> None:
        """Start the clock.

        Args:
            environ: The environment (``MERGEREADY_PROGRESS_DELAY``, seconds before the bar
                shows; 0 shows it at once).
            stream: Where to draw (default standard error).
        """
        self.stream = sys.stderr if stream is None else stream
        try:
            self.delay = float(environ.get("MERGEREADY_PROGRESS_DELAY", DELAY))
        except ValueError:
            self.delay = DELAY
        self.start = time.monotonic()
        self.drawn = 0

    def __call__(self, done: int, total: int, what: str = "") -> None:
        """Redraw the bar, once the run has taken longer than the delay.

        Args:
            done: Steps finished.
            total: All steps.
            what: What is being done now (a check id), if anything.
        """
        elapsed = time.monotonic() - self.start
        if not self.drawn and elapsed < self.delay:
            return
        filled = _WIDTH * done // max(total, 1)
        line = f"  [{'#' * filled}{'.' * (_WIDTH - filled)}] {done}/{total}"
        if what:
            line += f"  {what}"
        line = line[:120]
        self.stream.write("\r" + line.ljust(self.drawn))
        self.stream.flush()
        self.drawn = max(self.drawn, len(line))

    def close(self) -> None:
        """Clear the bar's line, when one was drawn."""
        if self.drawn:
            self.stream.write("\r" + " " * self.drawn + "\r")
            self.stream.flush()
            self.drawn = 0


def start(environ: Mapping[str, str] | None = None, quiet: bool = False) -> Progress | None:
    """Return a progress bar when one should be drawn, else None.

    Args:
        environ: The environment (default ``os.environ``).
        quiet: ``--quiet``.

    Returns:
        The bar, or None.
    """
    environ = os.environ if environ is None else environ
    return Progress(environ) if wants_progress(environ, quiet) else None
