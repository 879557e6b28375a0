"""pre-commit entry point: ``mergeready-precommit staged|push [check options] [FILE...]``.

``staged`` checks the index against HEAD (the pre-commit stage), restricted to the files
pre-commit passes. ``push`` checks the branch being pushed: ``PRE_COMMIT_FROM_REF`` to
``PRE_COMMIT_TO_REF`` when pre-commit provides them, else the merge-base with the default
branch. Output is one ``path:line:col: CODE message`` line per finding.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

from mergeready.hooks.cli import EXIT_ERROR
from mergeready.hooks.cli import main as cli_main


def arguments(argv: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """Translate a hook invocation into ``mergeready check`` arguments.

    Args:
        argv: ``staged`` or ``push``, then options and file names.
        environ: The environment pre-commit set.

    Returns:
        The arguments for the ``mergeready`` command.

    Raises:
        ValueError: If the first argument is not ``staged`` or ``push``.
    """
    if not argv or argv[0] not in ("staged", "push"):
        raise ValueError("usage: mergeready-precommit staged|push [options] [FILE...]")
    out = ["check", "--format", "compact"]
    if argv[0] == "staged":
        return [*out, "--staged", *argv[1:]]
    from_ref = environ.get("PRE_COMMIT_FROM_REF", "")
    to_ref = environ.get("PRE_COMMIT_TO_REF", "")
    if from_ref.strip("0") and to_ref:
        out += ["--base", from_ref, "--head", to_ref]
    return [*out, *argv[1:]]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one pre-commit hook.

    Args:
        argv: The hook's arguments (default: ``sys.argv[1:]``).

    Returns:
        The ``mergeready check`` exit status: 0, 1, or 2 on a usage error.
    """
    try:
        args = arguments(list(sys.argv[1:] if argv is None else argv), os.environ)
    except ValueError as exc:
        print(f"mergeready: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
