"""pre-commit entry point: ``mergeready-precommit staged|push [check options] -- [FILE...]``.

``staged`` (the commit-stage hooks) checks the files pre-commit passes, following its
conventions:

- at commit time (every file passed is staged): their staged changes against HEAD;
- with ``PRE_COMMIT_FROM_REF``/``PRE_COMMIT_TO_REF`` (``pre-commit run --from-ref A --to-ref
  B``, or the pre-push stage): their changes in that range;
- otherwise (``pre-commit run --all-files``, ``--files``, pre-commit.ci): the files as a
  whole-tree audit (``check --all``), as committed at HEAD.

``push`` checks the ref being pushed, as pre-commit names it (``PRE_COMMIT_FROM_REF``/
``PRE_COMMIT_TO_REF``, ``PRE_COMMIT_LOCAL_BRANCH``, ``PRE_COMMIT_REMOTE_NAME``; see
``hooks/pushed.py``: a force-push or a new branch is its commits no remote branch has), else,
run by hand, the current branch since its merge-base with the default branch.
``pre-push`` is git's own pre-push hook (``exec mergeready-precommit pre-push -- "$@"`` in
``.git/hooks/pre-push``): it reads every pushed ref from standard input and checks each one's
commits, so a push of several refs is several reports. The entries end option parsing with
``--`` before the file names, so a file named ``--output=README.md`` or ``-h`` is a file.
Output is one ``path:line:col: CODE message`` line per finding.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mergeready.checks import git
from mergeready.checks.errors import MergereadyError
from mergeready.hooks import pushed
from mergeready.hooks.cli import main as cli_main
from mergeready.hooks.formats.escape import visible
from mergeready.hooks.output import EXIT_ERROR, EXIT_PASS


def _range(environ: Mapping[str, str]) -> list[str]:
    from_ref = environ.get("PRE_COMMIT_FROM_REF", "")
    to_ref = environ.get("PRE_COMMIT_TO_REF", "")
    return ["--base", from_ref, "--head", to_ref] if from_ref.strip("0") and to_ref else []


def arguments(
    argv: Sequence[str],
    environ: Mapping[str, str],
    staged: frozenset[str] | None = None,
    pushed: Sequence[str] | None = None,
) -> list[str]:
    """Translate a hook invocation into ``mergeready check`` arguments.

    Args:
        argv: ``staged`` or ``push``, then options, then ``--`` and file names.
        environ: The environment pre-commit set.
        staged: The paths staged in the index (read only for ``staged`` with files).
        pushed: For ``push`` in a pre-push run, the ``--base``/``--head`` of the pushed ref.

    Returns:
        The arguments for the ``mergeready`` command; file names always after ``--``.

    Raises:
        ValueError: If the first argument is not ``staged`` or ``push``.
    """
    if not argv or argv[0] not in ("staged", "push"):
        raise ValueError(USAGE)
    options, files = _split(argv[1:])
    out = ["check", "--format", "compact", *options]
    span = _range(environ)
    if argv[0] == "push" and pushed is not None:
        mode = list(pushed)
    elif argv[0] == "push" or span:
        mode = span
    elif not files or (staged is not None and set(files) <= staged):
        mode = ["--staged"]
    else:
        mode = ["--all"]
    return [*out, *mode, "--", *files] if files else [*out, *mode]


USAGE = "usage: mergeready-precommit staged|push|pre-push [options] -- [FILE...|REMOTE URL]"


def _split(rest: Sequence[str]) -> tuple[list[str], list[str]]:
    rest = list(rest)
    if "--" not in rest:
        return rest, []
    return rest[: rest.index("--")], rest[rest.index("--") + 1 :]


def _staged(argv: Sequence[str]) -> frozenset[str] | None:
    if not argv or argv[0] != "staged" or "--" not in argv:
        return None

    root = git.toplevel(Path.cwd())
    out = git.run(root, "diff", "--cached", "--name-only", "-z", "--no-renames")
    return frozenset(git.split_z(out))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one pre-commit hook, or git's pre-push hook.

    Args:
        argv: The hook's arguments (default: ``sys.argv[1:]``).

    Returns:
        The ``mergeready check`` exit status (for ``pre-push``, the worst over the refs): 0,
        1, or 2 on a usage error.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["pre-push"]:
            return _pre_push(argv[1:], sys.stdin.read())
        if argv[:1] == ["push"] and pushed.from_environ(os.environ) is not None:
            return _pushed_by_pre_commit(argv, os.environ)
        args = arguments(argv, os.environ, _staged(argv))
    except (ValueError, MergereadyError) as exc:
        print(f"mergeready: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return _judged(args) if argv[:1] == ["push"] else cli_main(args)


def _judged(args: list[str]) -> int:
    """Check a branch-wide hook's range; when it passes, say each named check it did not judge.

    pre-commit prints "Passed" for a hook that exits 0, whether it judged anything or not (the
    manifest's ``verbose: true`` shows this line under it): a changelog hook under a profile
    that requires no changelog, or in a project without one, says so instead of a bare pass.
    """
    code = cli_main(args)
    only = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--only"), "")
    if code != EXIT_PASS or not only:
        return code
    report, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(report), contextlib.redirect_stderr(out):
        again = cli_main([*args[:2], "json", *args[3:]])  # args: check --format compact …
    if again == EXIT_PASS:
        for line in _not_judged(json.loads(report.getvalue()), only.split(",")):
            print(f"mergeready: {line}", flush=True)
    return code


def _not_judged(report: dict[str, Any], only: list[str]) -> list[str]:
    """Each named check the report does not judge: skipped (and why), or required by no type."""
    checks = {c["id"]: c for c in report["checks"]}
    types = ", ".join(t["type"] for t in report["types"]) or "none"
    lines = []
    for check_id in only:
        check = checks.get(check_id)
        if check is None:
            lines.append(
                f"{check_id} not judged: no type of this contribution requires it (types: {types})"
            )
        elif check["status"] == "skip":
            lines.append(f"{check_id} not judged: {visible(check['summary'])}")
    return lines


def _pushed_by_pre_commit(argv: Sequence[str], environ: Mapping[str, str]) -> int:
    """Check the one ref pre-commit names for this pre-push run (nothing new: exit 0)."""
    ref = pushed.from_environ(environ)
    if ref is None:
        return _judged(arguments(argv, environ))

    span = pushed.span(git.toplevel(Path.cwd()), ref, environ.get("PRE_COMMIT_REMOTE_NAME", ""))
    if span is None:
        print(f"mergeready: {pushed.describe(ref)}: nothing new to the remote", flush=True)
    else:  # pre-commit's pre-push judges one ref per run: name it, and the range judged
        print(f"mergeready: {pushed.describe(ref)} ({' '.join(span)})", flush=True)
    print(f"mergeready: {ONE_REF}", flush=True)  # a second ref of the push is never seen
    return EXIT_PASS if span is None else _judged(arguments(argv, environ, None, span))


# pre-commit reads git's list of pushed refs itself and names only the first that sends commits
ONE_REF = (
    "pre-commit names one ref per push, so only this ref is judged; to judge every ref of "
    "`git push REMOTE a b`, use mergeready as git's own pre-push hook (README, pre-commit)"
)


def _pre_push(argv: Sequence[str], stdin: str) -> int:
    """Check every ref of a push, one report each, as git's pre-push hook."""
    options, names = _split(argv)
    if not names:
        raise ValueError("pre-push takes the remote's name and URL after '--', as git passes them")
    root = git.toplevel(Path.cwd())
    worst = EXIT_PASS
    for ref, span in pushed.spans(root, pushed.parse(stdin), names[0]):
        print(f"mergeready: {pushed.describe(ref)}", flush=True)
        worst = max(worst, cli_main(["check", "--format", "compact", *options, *span]))
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
