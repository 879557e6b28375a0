"""Which two revisions a contribution compares, and where its configuration comes from."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from mergeready.checks import git
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Span

_SHA = re.compile(r"[0-9a-f]{40}")
DEFAULT_BRANCHES = ("origin/HEAD", "main", "master")
"""Where the default branch is looked for, in order (span resolution and ``history``)."""
_FULL_NAMES = {
    "origin/HEAD": "refs/remotes/origin/HEAD",
    "main": "refs/heads/main",
    "master": "refs/heads/master",
}
"""Each default branch by its full ref name: a tag ``main`` or ``origin/HEAD`` that a fork
brings along (git's short names try ``refs/tags/`` before ``refs/heads/``) is never the base."""


def default_branch(root: Path) -> str | None:
    """Return the tip of the default branch: ``origin/HEAD``, else ``main``, else ``master``.

    Args:
        root: The work tree.

    Returns:
        The commit sha, or None when the repository has none of them.
    """
    return next((sha for _, sha in _branch_tips(root)), None)


def default_branch_name(root: Path) -> str | None:
    """Name the default branch ``default_branch`` finds (``origin/HEAD`` as what it points at).

    Args:
        root: The work tree.

    Returns:
        For example ``origin/main`` or ``main``; None when the repository has none of them.
    """
    candidate = next((name for name, _ in _branch_tips(root)), None)
    if candidate != "origin/HEAD":
        return candidate
    target = git.run(root, "symbolic-ref", "-q", "--short", "refs/remotes/origin/HEAD", check=False)
    return target.decode("utf-8", "replace").strip() or candidate


def _branch_tips(root: Path) -> Iterator[tuple[str, str]]:
    """(name, sha) of each of ``DEFAULT_BRANCHES`` the repository has, in order."""
    for candidate in DEFAULT_BRANCHES:
        sha = git.resolve(root, _FULL_NAMES[candidate])
        if sha is not None:
            yield candidate, sha


def commit_span(base: str, head: str) -> Span:
    """Return the span of one commit against its parent (``history`` walks these).

    Args:
        base: The parent's full sha.
        head: The commit's full sha.

    Returns:
        The span, configured from the parent.

    Raises:
        MergereadyError: If either is not a full sha.
    """
    if not (_SHA.fullmatch(base) and _SHA.fullmatch(head)):
        raise MergereadyError(f"{base}..{head}: a commit span needs two full shas")
    return Span("commits", base, head, base)


def resolve_span(
    root: Path,
    base: str | None,
    head: str | None,
    staged: bool,
    all_files: bool,
    reader: git.BlobReader | None = None,
) -> Span:
    """Decide what a contribution compares.

    Args:
        root: The work tree.
        base: The base ref, or None for the default branch's merge-base.
        head: The head ref, or None for HEAD.
        staged: Compare the index with HEAD.
        all_files: Every tracked file at head counts as added.
        reader: A running object reader to resolve refs with, saving a git process.

    Returns:
        The span: the mode (``commits``, ``staged``, ``worktree`` or ``all``), the diff's base,
        the head (None for the index or working tree) and the revision configuration is read
        from.

    Raises:
        MergereadyError: If a ref names no commit, or base and head share no history.
    """
    if base is not None and not staged and not all_files:
        known = (
            [branch_first(head or "HEAD", reader.commit), branch_first(base, reader.commit)]
            if reader
            else [None]
        )
        if None not in known:  # both known: one git process instead of two
            return _commit_span(root, base, known[1] or "", known[0] or "")
    head_sha = _commit(root, head) if head else git.resolve(root, "HEAD")
    if all_files:
        return _all_span(root, base, head, head_sha)
    if staged:
        return Span("staged", head_sha, None, head_sha)
    if base is not None:
        base_sha = _commit(root, base)
        if head_sha is None:
            raise MergereadyError("HEAD has no commit yet; commit first or pass --head")
        return _commit_span(root, base, base_sha, head_sha)
    if head_sha is None:
        return Span("worktree", None, None, None)
    found = _default_base(root, head_sha)
    if found is not None:
        return Span("commits", found[0], head_sha, found[1])
    if head is not None:
        raise MergereadyError(f"no base found for --head {head}; pass --base")
    return Span("worktree", head_sha, None, head_sha)


def _all_span(root: Path, base: str | None, head: str | None, head_sha: str | None) -> Span:
    """Every file at head counts as added; configuration from the base whenever one is given.

    Without ``--base`` the trusted revision is picked as for a branch: a commit that has left
    the default branch is a contribution, configured by the default branch's tip (as
    ``check`` without ``--all`` is); the project's own history (the default branch or an
    ancestor of it, or a repository without one) configures its own audit: the ``--head``
    commit, or without one the working tree (the user's own checkout).
    """
    if head_sha is None:
        raise MergereadyError("--all needs a commit; commit something first")
    if base is not None:  # the tree is audited as the head has it, configured by the base
        return Span("all", None, head_sha, _commit(root, base))
    found = _default_base(root, head_sha)
    if found is not None:
        return Span("all", None, head_sha, found[1])
    return Span("all", None, head_sha, head_sha if head else None)  # None: the working tree


def _commit_span(root: Path, base: str, base_sha: str, head_sha: str) -> Span:
    """Return the span of a commit range: the merge-base to head, configured from the base."""
    merge = base_sha if base_sha == head_sha else git.merge_base(root, base_sha, head_sha)
    if merge is None:
        raise _no_common_history(root, base)
    return Span("commits", merge, head_sha, base_sha)


def _default_base(root: Path, head: str) -> tuple[str, str] | None:
    """Return (merge-base, branch tip) with the first default branch that head has left."""
    for _, sha in _branch_tips(root):
        merge = git.merge_base(root, sha, head)
        if merge and merge != head:
            return merge, sha
        if merge:
            return None  # head is on the default branch: the working tree is the contribution
    return None


def branch_first(ref: str, resolve: Callable[[str], str | None]) -> str | None:
    """Resolve a ref that names a base as a branch before anything else.

    git's short names try ``refs/tags/<name>`` before ``refs/heads/<name>``: a contributor's
    fork can bring a tag ``main`` (or ``origin/main``) that would move the base onto its own
    commits. A plain name is looked up as ``refs/heads/<name>``, then
    ``refs/remotes/<name>``, and only then as git reads it (a sha, ``HEAD~2``); a plain name
    that is only a tag is refused when it is shaped like a branch (``main``, ``origin/…``:
    ``refs/tags/<name>`` names it on purpose); a release tag (``v1.0``) is read as git reads
    it. ``--head`` is read the same way.

    Args:
        ref: The ref as given.
        resolve: Resolves one full revision to a commit sha, or None.

    Returns:
        The commit sha, or None.

    Raises:
        MergereadyError: If a plain name is a tag and no branch.
    """
    if not (ref.startswith("refs/") or _SHA.fullmatch(ref)) and git.is_revision(ref):
        for full in (f"refs/heads/{ref}", f"refs/remotes/{ref}"):
            sha = resolve(full)
            if sha is not None:
                return sha
        if _branch_shaped(ref) and resolve(f"refs/tags/{ref}") is not None:
            raise MergereadyError(
                f"{ref!r} is a tag, not a branch; pass refs/tags/{ref} explicitly"
            )
    return resolve(ref)


# Names that say "a branch": a default branch's usual names and a remote's branches. A tag of
# such a name is what a fork brings to move the base; a release tag (``v1.0``) is read as git
# reads it.
_BRANCH_NAMES = frozenset(("main", "master", "trunk", "develop", "default", "HEAD"))
_REMOTE_NAMES = frozenset(("origin", "upstream"))


def _branch_shaped(ref: str) -> bool:
    """True for ``main``, ``origin/anything``, ``upstream/anything`` and the like."""
    return ref in _BRANCH_NAMES or ref.split("/", 1)[0] in _REMOTE_NAMES


def _commit(root: Path, ref: str) -> str:
    sha = branch_first(ref, lambda r: git.resolve(root, r))
    if sha is None:
        if git.is_shallow(root):
            raise MergereadyError(
                f"{ref!r} is not in this shallow clone; fetch the base (git fetch origin {ref}) "
                "or clone with full history (actions/checkout fetch-depth: 0)"
            )
        raise MergereadyError(f"unknown revision {ref!r}; name an existing branch, tag or commit")
    return sha


def _no_common_history(root: Path, base: str) -> MergereadyError:
    if git.is_shallow(root):
        return MergereadyError(
            f"the history between {base!r} and HEAD is cut off in this shallow clone; "
            "fetch more history (git fetch --unshallow) or use actions/checkout fetch-depth: 0"
        )
    return MergereadyError(
        f"{base!r} and HEAD share no history; pass a --base on this branch's line"
    )
