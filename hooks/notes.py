"""Never a silent "Ready": what a run leaves out is said, and what cannot be meant is refused.

A report over nothing (the default branch with a clean tree, a branch that changes no file),
uncommitted changes the checked range does not include, ``--base`` and ``--head`` given the
wrong way round, and a CI job with nothing to compare each get a line (or exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from mergeready.checks import git
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import plural
from mergeready.checks.span import DEFAULT_BRANCHES, default_branch
from mergeready.rules.loader import CONFIG_FILES


def in_ci(environ: Mapping[str, str]) -> bool:
    """Tell whether this runs in a CI job.

    Args:
        environ: The environment.

    Returns:
        True under ``CI`` (``true``/``1``) or GitHub Actions.
    """
    ci = environ.get("CI", "").lower() in ("true", "1", "yes")
    return ci or environ.get("GITHUB_ACTIONS") == "true"


def refuse_silent_ready(
    contribution: Contribution, args: argparse.Namespace, environ: Mapping[str, str]
) -> None:
    """Refuse runs whose "Ready" could only be false.

    Args:
        contribution: The contribution read from git.
        args: The ``check`` arguments (``base``, ``head``).
        environ: The environment.

    Raises:
        MergereadyError: In CI with nothing to compare (no base given or found), or when
            ``--head`` is an ancestor of ``--base`` (the two swapped).
    """
    c = contribution
    if c.mode == "worktree" and in_ci(environ):
        raise MergereadyError(
            "in CI there is nothing to compare: no --base was given and no main, master or "
            "origin/HEAD leaves this commit; pass --base <target branch or sha> (and fetch it)"
        )
    if (
        c.mode == "commits"
        and args.base
        and c.base is not None
        and c.base == c.head
        and c.config_rev not in (None, c.head)
    ):
        head = args.head or "HEAD"
        raise MergereadyError(
            f"--head {head} is an ancestor of --base {args.base}: nothing to compare; "
            f"did you mean --base {head} --head {args.base}?"
        )


def notes(contribution: Contribution, head: str | None, base: str | None = None) -> list[str]:
    """Say what the checked range leaves out, and where an audit's configuration came from.

    Args:
        contribution: The contribution.
        head: ``--head`` as given (None: HEAD).
        base: ``--base`` as given (None: found).

    Returns:
        Lines for standard error: nothing to compare, uncommitted changes left out, an audit
        configured by another revision than the one it audits.
    """
    c = contribution
    out = []
    if c.mode == "all" and c.config_rev not in (None, c.head):
        why = (
            f"--base {base}"
            if base is not None
            else "the default branch's tip, which the audited commit has left; --base chooses"
        )
        out.append(
            f"configuration read from {c.config_source} ({why}), not from the audited "
            f"commit {(c.head or '')[:12]}"
        )
    if not c.files:
        if c.mode == "worktree" and default_branch(c.root) is None:
            out.append(
                f"nothing to compare: no default branch ({', '.join(DEFAULT_BRANCHES)}) to "
                "compare with and the working tree is clean; pass --base"
            )
        elif c.mode == "worktree":
            out.append(
                "nothing to compare: HEAD is on the default branch and the working tree is "
                "clean; check the last commit with --base HEAD~1, or run on a branch"
            )
        elif c.mode == "commits":
            out.append("nothing to compare: the range changes no file")
    undiffed = [f for f in c.files if f.undiffed]
    if undiffed:
        named = ", ".join(f"{f.path} ({f.undiffed})" for f in undiffed[:5])
        more = f" and {len(undiffed) - 5} more" if len(undiffed) > 5 else ""
        out.append(
            f"{plural(len(undiffed), 'file')} not diffed: {named}{more}; every line of them "
            "counts as changed, and checks that need their text say they were not checked"
        )
    if c.mode == "commits" and head is None:
        status = git.run(
            c.root, "status", "--porcelain", "-z", "--no-renames", "--untracked-files=normal"
        )
        changed = len(git.split_z(status))
        if changed:
            out.append(
                f"{plural(changed, 'uncommitted change')} (tracked or untracked) "
                f"{'is' if changed == 1 else 'are'} not checked: commit "
                f"{'it' if changed == 1 else 'them'}, or check the index with --staged"
            )
    return out


def unread_configuration(contribution: Contribution, config: str | None) -> list[str]:
    """Say when the working tree holds a mergeready file that was not the one read.

    Configuration comes from the trusted revision (the base, or ``HEAD``), never from the
    working tree, so a file written but not committed changes nothing; a newcomer who runs
    ``rules`` or ``check`` after writing one must not think it applied.

    Args:
        contribution: The contribution (its root and trusted revision).
        config: ``--config`` as given (a named file is read as it is: nothing to say).

    Returns:
        Lines for standard error.
    """
    c = contribution
    if config or c.config_rev is None:
        return []
    out = []
    for name in CONFIG_FILES:
        try:
            here = (c.root / name).read_bytes()
        except OSError:
            continue
        read = c.config_text(name)
        if read is not None and read.encode("utf-8", "surrogateescape") == here:
            continue
        status = git.run(c.root, "status", "--porcelain", "-z", "--untracked-files=all", "--", name)
        if status:  # uncommitted (a committed change is the configuration check's business)
            when = (
                "commit it for it to apply"
                if c.mode in ("worktree", "staged")
                else "it applies once it is committed on the base branch"
            )
            out.append(
                f"{name} in the working tree is not the one read (configuration comes from "
                f"{c.config_source}): {when}"
            )
    return out
