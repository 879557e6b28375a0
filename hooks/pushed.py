"""What a push sends, ref by ref: the range of commits each pushed ref makes new on the remote.

git gives a pre-push hook one line per ref (``<local ref> <local sha> <remote ref> <remote
sha>``); pre-commit turns the first ref that sends anything into ``PRE_COMMIT_FROM_REF``/
``PRE_COMMIT_TO_REF`` (or, when the ref's history reaches a root commit the remote lacks, into
``PRE_COMMIT_LOCAL_BRANCH`` alone). Either way the judged commits are the pushed ref's commits
that no branch of the remote has: a fast-forward is the remote's old tip to the new one; a new
branch or a force-push is its commits not on any remote branch; a ref whose whole history is
new (a first push to an empty remote) is the ref since its merge-base with the default branch,
and nothing for the default branch itself; a delete sends nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from mergeready.checks import git
from mergeready.checks.errors import MergereadyError
from mergeready.checks.span import default_branch


@dataclass(frozen=True)
class Pushed:
    """One ref of a push, as git's pre-push hook reads it on standard input."""

    local_ref: str
    local_sha: str
    remote_ref: str
    remote_sha: str


def _zero(sha: str) -> bool:
    return not sha.strip("0")


def parse(text: str) -> list[Pushed]:
    """Read git's pre-push input: one ``<local ref> <local sha> <remote ref> <remote sha>`` a line.

    Args:
        text: Standard input of a pre-push hook.

    Returns:
        The pushed refs, in order.

    Raises:
        MergereadyError: If a line does not have the four fields.
    """
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.rsplit(maxsplit=3)
        if len(parts) != 4:
            raise MergereadyError(
                f"pre-push input line {line[:80]!r} is not '<local ref> <sha> <remote ref> <sha>'; "
                "run this as git's pre-push hook"
            )
        out.append(Pushed(*parts))
    return out


def from_environ(environ: Mapping[str, str]) -> Pushed | None:
    """Read the ref pre-commit names for a pre-push run.

    Args:
        environ: The environment pre-commit set.

    Returns:
        The pushed ref, or None outside a pre-push run (``pre-commit run --from-ref`` by hand
        sets a range but no branch).
    """
    local = environ.get("PRE_COMMIT_LOCAL_BRANCH", "")
    if not local:
        return None
    to_ref = environ.get("PRE_COMMIT_TO_REF", "") or local
    return Pushed(
        local,
        to_ref,
        environ.get("PRE_COMMIT_REMOTE_BRANCH", ""),
        environ.get("PRE_COMMIT_FROM_REF", "") or "0" * 40,
    )


def span(root: Path, pushed: Pushed, remote: str) -> list[str] | None:
    """Name the commits one pushed ref sends as ``mergeready check`` arguments.

    Args:
        root: The work tree.
        pushed: The ref.
        remote: The remote's name (its remote-tracking branches are what it has).

    Returns:
        ``--base``/``--head`` arguments, or None when the ref sends no contribution: a delete,
        commits some remote branch already has, or the default branch's own history (a first
        push to an empty remote).

    Raises:
        MergereadyError: If the pushed commit is not in this clone.
    """
    if _zero(pushed.local_sha):
        return None
    head = git.resolve(root, pushed.local_sha)
    if head is None:
        raise MergereadyError(f"the pushed commit {pushed.local_sha[:40]!r} is not in this clone")
    old = None if _zero(pushed.remote_sha) else git.resolve(root, pushed.remote_sha)
    if old is not None and git.merge_base(root, old, head) == old:  # a fast-forward
        return None if old == head else ["--base", old, "--head", head]
    return _new_commits(root, head, old, remote)


def _new_commits(root: Path, head: str, old: str | None, remote: str) -> list[str] | None:
    """A new branch or a force-push: the commits of ``head`` that no remote branch has."""
    not_on = [f"--remotes={remote}"] if remote else ["--remotes"]
    if old is not None:
        not_on.append(old)  # a force-push: what the remote's old tip had is not new either
    new = git.run(root, "rev-list", "--topo-order", "--reverse", head, "--not", *not_on)
    first = next(iter(new.decode("ascii").split()), None)
    if first is None:
        return None
    parents = git.run(root, "rev-list", "--parents", "-n", "1", first).decode("ascii").split()
    if len(parents) >= 2:
        return ["--base", parents[1], "--head", head]
    # A root commit the remote lacks: a first push of this history. What the ref adds to the
    # default branch is the contribution; the default branch itself (or a ref on it) is none.
    tip = default_branch(root)
    fork = git.merge_base(root, tip, head) if tip else None
    if fork is None or fork == head:
        return None
    return ["--base", fork, "--head", head]


def describe(pushed: Pushed) -> str:
    """Name a pushed ref for the line above its report.

    Args:
        pushed: The ref.

    Returns:
        For example ``refs/heads/topic → refs/heads/topic``.
    """
    return f"{pushed.local_ref} → {pushed.remote_ref}" if pushed.remote_ref else pushed.local_ref


def spans(root: Path, refs: Sequence[Pushed], remote: str) -> list[tuple[Pushed, list[str]]]:
    """Name the commits each pushed ref sends, leaving out the refs that send none.

    Args:
        root: The work tree.
        refs: The pushed refs.
        remote: The remote's name.

    Returns:
        Each ref that sends commits, with its ``check`` arguments.
    """
    out = []
    for pushed in refs:
        args = span(root, pushed, remote)
        if args is not None:
            out.append((pushed, args))
    return out
