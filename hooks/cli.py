"""The ``mergeready`` command: the parser and ``main``, the one place an error becomes exit 2."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, Final

from mergeready.checks.errors import MergereadyError
from mergeready.hooks import __version__, arguments, dictionaries
from mergeready.hooks.formats.escape import visible
from mergeready.hooks.output import EXIT_ERROR, silence_stdout

COMMANDS: Final = {
    "check": "check_command",
    "history": "history_command",
    "issue": "issue",
    "fix": "fix",
    "baseline": "baseline",
    "org": "org_command",
    "rules": "rules_command",
}
"""Each subcommand and the module (in ``mergeready.hooks``) that holds its ``add_parser`` and
``run``, in the order ``--help`` lists them. A run imports only the module of its command."""


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` starts with, if any (then only its parser is needed)."""
    return argv[0] if argv and argv[0] in COMMANDS else None


def _parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser: only the named subcommand's when ``argv`` names one, else all of them."""
    p = arguments.Parser(prog="mergeready", description="Is this contribution ready to merge?")
    p.add_argument("--version", action="version", version=f"mergeready {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=arguments.Parser)
    named = _command(argv)
    for name in [named] if named else COMMANDS:
        _module(name).add_parser(sub)
    return p


def _module(name: str) -> Any:
    """Import a subcommand's module (start-up: only the one a run uses is loaded)."""
    return importlib.import_module(f"mergeready.hooks.{COMMANDS[name]}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        0 when every required check passed, 1 when one failed, 2 on a usage, configuration
        or repository error.
    """
    command = None
    try:
        argv = sys.argv[1:] if argv is None else list(argv)
        args = _parser(argv).parse_args(argv)
        command = args.command
        dictionaries.install(os.environ)
        if command in COMMANDS:
            run: Callable[[argparse.Namespace], int] = _module(command).run
            return run(args)
        _parser().print_help()
        return EXIT_ERROR
    except MergereadyError as exc:
        print(f"mergeready: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # a write that ``emit`` did not make; the result is unknown
        silence_stdout()
        return EXIT_ERROR
    except KeyboardInterrupt:
        resume = "; run it again to resume from the cache" if command == "history" else ""
        print(f"mergeready: interrupted{resume}", file=sys.stderr)
        return 130
    except Exception as exc:  # a crash is exit 2, never a pass nor a check failure
        if os.environ.get("MERGEREADY_DEBUG"):
            raise

        print(
            f"mergeready: internal error: {type(exc).__name__}: {visible(str(exc))[:500]}; "
            "please report it (MERGEREADY_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _one_line(message: str) -> str:
    """Keep an error on one line: control characters (a newline in a ref or path) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
