"""pre-commit entry point: ``mergeready-precommit staged|push [check options] -- [FILE...]``.

``staged`` (the commit-stage hooks) checks the files pre-commit passes, following its
conventions:

- at commit time (every file passed is staged): their staged changes against HEAD;
- with ``PRE_COMMIT_FROM_REF``/``PRE_COMMIT_TO_REF`` (``pre-commit run --from-ref A --to-ref
  B``, or the pre-push stage): their changes in that range;
- otherwise (``pre-commit run --all-files``, ``--files``, pre-commit.ci): the files as a
  whole-tree audit (``check --all``), as committed at HEAD.

``push`` checks the branch being pushed: the range pre-commit provides, else the merge-base
with the default branch. The entries end option parsing with ``--`` before the file names, so
a file named ``--output=README.md`` or ``-h`` is a file. Output is one
``path:line:col: CODE message`` line per finding.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from mergeready.checks import git
from mergeready.checks.errors import MergereadyError
from mergeready.hooks.cli import main as cli_main
from mergeready.hooks.output import EXIT_ERROR


def _range(environ: Mapping[str, str]) -> list[str]:
    from_ref = environ.get("PRE_COMMIT_FROM_REF", "")
    to_ref = environ.get("PRE_COMMIT_TO_REF", "")
    return ["--base", from_ref, "--head", to_ref] if from_ref.strip("0") and to_ref else []


def arguments(
    argv: Sequence[str], environ: Mapping[str, str], staged: frozenset[str] | None = None
) -> list[str]:
    """Translate a hook invocation into ``mergeready check`` arguments.

    Args:
        argv: ``staged`` or ``push``, then options, then ``--`` and file names.
        environ: The environment pre-commit set.
        staged: The paths staged in the index (read only for ``staged`` with files).

    Returns:
        The arguments for the ``mergeready`` command; file names always after ``--``.

    Raises:
        ValueError: If the first argument is not ``staged`` or ``push``.
    """
    if not argv or argv[0] not in ("staged", "push"):
        raise ValueError("usage: mergeready-precommit staged|push [options] -- [FILE...]")
    rest = list(argv[1:])
    options, files = (
        (rest[: rest.index("--")], rest[rest.index("--") + 1 :]) if "--" in rest else (rest, [])
    )
    out = ["check", "--format", "compact", *options]
    span = _range(environ)
    if argv[0] == "push" or span:
        mode = span
    elif not files or (staged is not None and set(files) <= staged):
        mode = ["--staged"]
    else:
        mode = ["--all"]
    return [*out, *mode, "--", *files] if files else [*out, *mode]


def _staged(argv: Sequence[str]) -> frozenset[str] | None:
    if not argv or argv[0] != "staged" or "--" not in argv:
        return None

    root = git.toplevel(Path.cwd())
    out = git.run(root, "diff", "--cached", "--name-only", "-z", "--no-renames")
    return frozenset(git.split_z(out))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one pre-commit hook.

    Args:
        argv: The hook's arguments (default: ``sys.argv[1:]``).

    Returns:
        The ``mergeready check`` exit status: 0, 1, or 2 on a usage error.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = arguments(argv, os.environ, _staged(argv))
    except (ValueError, MergereadyError) as exc:
        print(f"mergeready: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
