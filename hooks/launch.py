"""The ``mergeready`` command's entry point: ``--version`` answered before anything loads.

The command line (``cli.py``) imports the parser's modules, which load the engine's model and
formats; ``mergeready --version`` needs none of that, so it is answered here and every other
command is handed to ``cli.main``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from mergeready.hooks import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``mergeready`` command.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The command's exit status.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        print(f"mergeready {__version__}")
        return 0
    # start-up: the command line loads the engine's model and formats; --version needs neither
    from mergeready.hooks.cli import main as command

    return command(args)
