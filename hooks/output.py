"""Writing what the command prints: to standard output that may go away, or to a file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mergeready.hooks.writes import write_file

EXIT_PASS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2  # ready, not ready, cannot tell (DESIGN)


def emit(text: str) -> None:
    """Write to standard output; a reader that went away (``| head``) changes no exit status.

    Args:
        text: What to write.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def silence_stdout() -> None:
    """Point standard output at the null device, so the exit's flush cannot fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (captured output)
        pass


def write(path: str, text: str, root: Path | None) -> None:
    """Write a report to the file ``--output`` names, never through a link the checkout holds.

    Args:
        path: The file.
        text: The report.
        root: The repository's work tree (``hooks/writes.py`` guards what lies inside it).

    Raises:
        MergereadyError: If the file cannot be written, or would be written through a link
            or into ``.git``.
    """
    write_file(path, text, root=root, what="--output")
