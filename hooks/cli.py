"""The ``mergeready`` command: the parser and ``main``, the one place an error becomes exit 2."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from mergeready.checks.errors import MergereadyError
from mergeready.hooks import (
    __version__,
    arguments,
    baseline,
    check_command,
    dictionaries,
    fix,
    history_command,
    issue,
    org_command,
)
from mergeready.hooks.formats.escape import visible
from mergeready.hooks.output import EXIT_ERROR, silence_stdout
from mergeready.hooks.rules_command import rules


def _parser() -> argparse.ArgumentParser:

    p = arguments.Parser(prog="mergeready", description="Is this contribution ready to merge?")
    p.add_argument("--version", action="version", version=f"mergeready {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=arguments.Parser)
    check_command.add_parser(sub)
    history_command.add_parser(sub)
    issue.add_parser(sub)
    fix.add_parser(sub)
    baseline.add_parser(sub)
    org_command.add_parser(sub)
    r = sub.add_parser("rules", help="print the effective policy and where each value came from")
    r.add_argument("--config", help="rules file in the repository")
    r.add_argument("--profile", help="shipped profile to use instead of the configured one")
    r.add_argument("--base", help="read the configuration from this revision")
    r.add_argument("--repo", default=".", help="the repository (default: current directory)")
    return p


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
        args = _parser().parse_args(argv)
        command = args.command
        dictionaries.install(os.environ)
        commands: dict[str, Callable[[argparse.Namespace], int]] = {
            "check": check_command.run,
            "rules": rules,
            "history": history_command.run,
            "issue": issue.run,
            "fix": fix.run,
            "baseline": baseline.run,
            "org": org_command.run,
        }
        if args.command in commands:
            return commands[args.command](args)
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
