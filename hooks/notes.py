"""Never a silent "Ready": what a run leaves out is said, and what cannot be meant is refused.

A report over nothing (the default branch with a clean tree, a branch that changes no file),
uncommitted changes the checked range does not include, ``--base`` and ``--head`` given the
wrong way round, and a CI job with nothing to compare each get a line (or exit 2).
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path

from mergeready.checks import git
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import plural
from mergeready.checks.span import DEFAULT_BRANCHES, default_branch
from mergeready.hooks.ci_vendors import CI_VARIABLES as CI_VARIABLES  # re-exported
from mergeready.hooks.ci_vendors import ci_variable
from mergeready.rules.loader import CONFIG_FILES


def in_ci(environ: Mapping[str, str]) -> str | None:
    """Tell whether this runs in a CI job, and which variable says so.

    Not only ``CI``: Jenkins, Azure Pipelines, TeamCity, CodeBuild, TaskCluster, Codefresh and
    many more do not set it; ``hooks/ci_vendors.py`` holds the whole vendor table.

    Args:
        environ: The environment.

    Returns:
        ``NAME=value`` of the first of ``CI_VARIABLES`` set to something other than an
        empty or false value (``0``, ``false``, ``no``, ``off``), else None.
    """
    return ci_variable(environ)


def refuse_silent_ready(
    contribution: Contribution, args: argparse.Namespace, environ: Mapping[str, str]
) -> None:
    """Refuse runs whose "Ready" could only be false.

    Args:
        contribution: The contribution read from git.
        args: The ``check`` arguments (``base``, ``head``).
        environ: The environment.

    Raises:
        MergereadyError: In CI with nothing to compare (no base given or found), a whole-tree
            audit in CI that would trust the checked-out tree (no default branch, no
            ``--base``), a repository without a default branch whose clean branch would be
            "nothing to check", an empty range in CI whose head the default branch lacks,
            or when ``--head`` is an ancestor of ``--base`` (the two swapped).
    """
    c = contribution
    ci = in_ci(environ)
    _refuse_without_a_default_branch(c, ci)
    if c.mode == "worktree" and ci:
        raise MergereadyError(
            f"in CI ({ci}) there is nothing to compare: no --base was given and no main, master or "
            "origin/HEAD leaves this commit; pass --base <target branch or sha> (and fetch it)"
        )
    _refuse_an_empty_range_in_ci(c, args, ci)
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


def refuse_a_trusting_audit(contribution: Contribution, environ: Mapping[str, str]) -> None:
    """Refuse a whole-tree run (``baseline``) that would trust the checked-out configuration.

    Nothing there says the tree is the project's own (``check --all``'s rule).

    Args:
        contribution: The whole tree, read from git.
        environ: The environment.

    Raises:
        MergereadyError: In CI, a shallow clone or a detached checkout with no default branch
            and no ``--base``.
    """
    remedy = "fetch the default branch and record the baseline at its tip"
    _refuse_without_a_default_branch(contribution, in_ci(environ), remedy)


_PASS_BASE = "pass --base <target branch or sha> (and fetch it)"


def _refuse_without_a_default_branch(
    c: Contribution, ci: str | None, remedy: str = _PASS_BASE
) -> None:
    """No default branch and no ``--base``: a clean branch's commits, or an audit in CI."""
    unchecked = c.mode == "worktree" and c.base is not None and not c.files and not ci
    trusting = c.mode == "all" and c.config_rev in (None, c.head)
    if not (unchecked or trusting) or default_branch(c.root) is not None:
        return
    if (
        trusting
        and ci is None
        and not _detached(c.root)
        and _on_a_local_branch(c.root, c.head)
        and not git.is_shallow(c.root)  # a depth-1 CI checkout of a PR, on a branch named for it
    ):
        return  # a project's own branch (``trunk``) audits itself: the note says where from
    if unchecked:  # a branch with commits, and nothing to say it is the project's own
        raise MergereadyError(
            f"nothing to compare: no default branch ({', '.join(DEFAULT_BRANCHES)}) and no "
            "--base, so the commits of this branch would go unchecked; pass --base <the "
            "branch it will merge into>"
        )
    where = (
        f"in CI ({ci})"
        if ci
        else "in a shallow clone (a CI checkout of a pull request)"
        if git.is_shallow(c.root)
        else "on a commit no local branch holds (a CI checkout of a pull request)"
    )
    raise MergereadyError(
        f"{where} a whole-tree audit with no default branch in the clone would read "
        f"configuration and inline suppressions from the checked-out tree; {remedy}"
    )


def _refuse_an_empty_range_in_ci(c: Contribution, args: argparse.Namespace, ci: str | None) -> None:
    """In CI, an empty range whose head has commits the default branch lacks (``--base HEAD``
    on a pull request) is a pass over nothing: the contribution's own commits go unchecked."""
    if not (ci and c.mode == "commits" and c.head is not None and c.base == c.head):
        return
    tip = default_branch(c.root)
    if tip is not None and git.merge_base(c.root, tip, c.head) == c.head:
        return  # the head is on the default branch: nothing of its own is left out
    raise MergereadyError(
        f"in CI ({ci}) --base {args.base or '(found)'} is the head itself: the range is empty "
        "while the head has commits the default branch lacks; pass --base <the branch it will "
        "merge into>"
    )


def _on_a_local_branch(root: Path, head: str | None) -> bool:
    """True when a local branch holds the audited commit (``--head`` may name one on none)."""
    if head is None:
        return False
    found = git.run(
        root,
        "for-each-ref",
        "--count=1",
        "--format=%(refname)",
        f"--contains={head}",
        "refs/heads/",
        check=False,
    )
    return bool(found.strip())


def _detached(root: Path) -> bool:
    """True when no branch is checked out (CI systems check a pull request out detached)."""
    return not git.run(root, "symbolic-ref", "-q", "HEAD", check=False).strip()


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
    out += c.cut  # a title, body, labels or commit message longer than its bound: cut, said
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
