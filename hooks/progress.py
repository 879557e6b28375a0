r"""A progress bar on a terminal's standard error, for runs that take more than a moment.

It appears only when standard error is a terminal, outside CI, without ``--quiet``, and once
the run has taken longer than ``MERGEREADY_PROGRESS_DELAY`` seconds (default 2): a quick
``check`` draws nothing. Within a check it moves with each file the check reads (the runner
tells it through ``Contribution.watch``), so one long check is not a still bar. It redraws
one line with ``\r`` and clears it when the run ends, so it never mixes with a report on
standard output (which may be a file or a pipe).
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
_INTERVAL: Final = 0.1  # seconds between redraws within one step, when the bar has not grown


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
        self.start = self.when = time.monotonic()
        self.drawn = 0
        self.last = (-1, -1)  # the bar's fill and step when last drawn

    def __call__(self, done: float, total: int, what: str = "") -> None:
        """Redraw the bar, once the run has taken longer than the delay.

        A step's start is always drawn; within a step (``done`` a fraction: the files a check
        has read) the line is redrawn only when the bar grows or a tenth of a second has
        passed, so a check reading thousands of files does not write thousands of lines.

        Args:
            done: Steps finished, and the share of the current one.
            total: All steps.
            what: What is being done now (a check id, and how many files it has read).
        """
        now = time.monotonic()
        if not self.drawn and now - self.start < self.delay:
            return
        filled = min(_WIDTH, int(_WIDTH * done / max(total, 1)))
        step = int(done)
        within = done != step  # a step's start or end is always drawn
        if within and (filled, step) == self.last and now - self.when < _INTERVAL:
            return
        self.last, self.when = (filled, step), now
        line = f"  [{'#' * filled}{'.' * (_WIDTH - filled)}] {step}/{total}"
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
