"""The contribution: what a change adds, read once from git, immutable, the checks' only door."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mergeready.checks import git, gitlog
from mergeready.checks.changes import ChangedFile, Commit
from mergeready.checks.contribution.base import BaseReads
from mergeready.checks.contribution.store import Store
from mergeready.checks.diff import read_files
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Mode, Span
from mergeready.checks.span import commit_span, resolve_span
from mergeready.checks.text import bounds

DEFAULT_MAX_FILE_SIZE = 2_000_000


def _branch(root: Path, mode: str, head: str | None) -> str | None:
    """Return the branch the contribution is on: the branch ``head`` names, or HEAD's."""
    if mode not in ("commits", "staged", "worktree"):
        return None
    ref = head if head else "HEAD"
    if ref.startswith("-") or "\n" in ref:
        return None
    out = git.run(root, "rev-parse", "--symbolic-full-name", ref, check=False)
    name = out.decode("utf-8", "replace").strip()
    return name[len("refs/heads/") :] if name.startswith("refs/heads/") else None


@dataclass(frozen=True)
class Contribution(BaseReads):
    """What a contribution changes, its messages and declared metadata; read from git once."""

    root: Path
    base: str | None
    head: str | None
    mode: Mode = "commits"
    selected: tuple[ChangedFile, ...] | None = None
    title: str | None = None
    body: str | None = None
    labels: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    config_rev: str | None = None
    branch: str | None = None
    cuts: tuple[str, ...] = ()
    """What was cut of the title, body and labels to their bounds (``text.bounds``), said."""
    _store: Store | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_git(
        cls,
        path: Path | str,
        *,
        base: str | None = None,
        head: str | None = None,
        staged: bool = False,
        all_files: bool = False,
        title: str | None = None,
        body: str | None = None,
        labels: Sequence[str] = (),
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        branch: str | None = None,
    ) -> Contribution:
        """Read a contribution from a git work tree.

        Args:
            path: A directory inside the work tree.
            base: The base ref; None picks the merge-base with the default branch.
            head: The head ref; None means HEAD (or the index / working tree).
            staged: Compare the index with HEAD, as pre-commit does.
            all_files: Treat every tracked file at head as added.
            title: The pull request title, when known.
            body: The pull request body, when known.
            labels: The pull request labels.
            max_file_size: Larger files are reported as skipped, not read.
            branch: The contribution's branch name, when known (a pull request's head ref);
                None asks git for the branch ``head`` names or HEAD is on.

        Returns:
            The contribution.

        Raises:
            MergereadyError: If the repository or a ref cannot be used.
        """
        root = git.toplevel(Path(path))
        if staged and (base or head or all_files):
            raise MergereadyError("--staged compares the index with HEAD; drop --base/--head/--all")
        reader = git.BlobReader(root)
        span = resolve_span(root, base, head, staged, all_files, reader)
        if branch is None:
            branch = _branch(root, span.mode, head)
        contribution = cls._read(root, reader, span, title, body, tuple(labels), max_file_size)
        return replace(contribution, branch=None if branch is None else branch[: bounds.MAX_NAME])

    @classmethod
    def from_commit(
        cls,
        path: Path | str,
        commit: Commit,
        parent: str,
        *,
        title: str | None = None,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    ) -> Contribution:
        """Read one commit against its parent as a contribution (as ``history`` walks them).

        Args:
            path: A directory inside the work tree.
            commit: The commit, with the message the caller already has.
            parent: The full sha of the parent to compare with (configuration comes from it).
            title: The title (for a merged pull request, its title).
            max_file_size: Larger files are reported as skipped, not read.

        Returns:
            The contribution; no git process is needed to resolve either side.

        Raises:
            MergereadyError: If the repository cannot be used or a sha is not a full sha.
        """
        root = git.toplevel(Path(path))
        span = commit_span(parent, commit.sha)
        reader = git.BlobReader(root)
        return cls._read(root, reader, span, title, None, (), max_file_size, (commit,))  # no branch

    @classmethod
    def _read(
        cls,
        root: Path,
        reader: git.BlobReader,
        span: Span,
        title: str | None,
        body: str | None,
        labels: tuple[str, ...],
        max_file_size: int,
        commits: tuple[Commit, ...] | None = None,
    ) -> Contribution:
        mode, base_sha, head_sha = span.mode, span.base, span.head
        store = Store(
            reader,
            root,
            head_sha if mode in ("commits", "all") else None,
            span.trusted,
            max_file_size,
        )
        store.load_files = lambda: read_files(root, mode, base_sha, head_sha, max_file_size)
        if commits is not None:
            store.load_commits = lambda: commits
        elif mode == "commits" and base_sha == head_sha:
            store.load_commits = lambda: ()  # an empty range: no log to read
        elif mode == "commits" and base_sha and head_sha:
            store.load_commits = lambda: tuple(
                Commit.read(s, m) for s, m in gitlog.log_messages(root, base_sha, head_sha)
            )
        meta = bounds.pull_request(title, body, labels)
        return cls(
            root=root,
            base=base_sha,
            head=head_sha,
            mode=mode,
            title=meta.title,
            body=meta.body,
            labels=meta.labels,
            cuts=meta.cuts,
            config_rev=span.trusted,
            _store=store,
        )

    @property
    def span(self) -> Span:
        """What this contribution compares, with the number of commits in the range."""
        return Span(self.mode, self.base, self.head, self.config_rev, len(self.commits))

    @property
    def commits(self) -> tuple[Commit, ...]:
        """The commits in the range, oldest first (read on first use)."""
        assert self._store is not None
        commits: tuple[Commit, ...] = self._store.once("commits", self._store.load_commits)
        return commits

    def with_types(self, types: Iterable[str]) -> Contribution:
        """Return the same contribution, told which types it was classified as.

        Args:
            types: The contribution types.

        Returns:
            A copy carrying the types.
        """
        return replace(self, types=tuple(types))

    @property
    def cut(self) -> tuple[str, ...]:
        """Say what of the contribution's messages, title, body and labels was cut to a bound."""
        commits = (
            f"commit {c.sha[:8]}'s message: {c.cut_from:,} characters, only the first "
            f"{bounds.MAX_MESSAGE:,} were read"
            for c in self.commits
            if c.cut_from
        )
        return (*self.cuts, *commits)

    @property
    def messages(self) -> tuple[str, ...]:
        """The commit messages in the range, oldest first."""
        return tuple(c.message for c in self.commits)

    def watch(self, seen: Callable[[str], None] | None) -> None:
        """Have each file a check reads named to ``seen`` (the runner's progress), or no longer.

        What a check decides never depends on it: it only tells how far a long check has come.

        Args:
            seen: Called with a file's path each time a check reads it; None stops.
        """
        assert self._store is not None
        self._store.seen = seen

    def once(self, key: str, load: Callable[[], Any]) -> Any:
        """Compute a fact about the contribution once per run, for checks that share it.

        Args:
            key: Names the fact and everything it depends on (options included).
            load: Computes it.

        Returns:
            The fact, computed on the first call with this key.
        """
        assert self._store is not None
        return self._store.once(f"derived:{key}", load)

    def whole(self, paths: Collection[str]) -> Contribution:
        """Return this contribution seeing every line of some of its files as changed.

        The baseline asks it which findings unchanged lines still carry (``post/baseline``).

        Args:
            paths: Changed files to see whole; the others are left out.

        Returns:
            The same contribution (messages, types, configuration) with only those files,
            every line of them counted as changed, and checks' derived facts computed anew.
        """
        files = tuple(replace(f, hunks=None) for f in self.files if f.path in paths and f.exists)
        store = self._store.fork() if self._store is not None else None
        return replace(self, selected=files, _store=store)

    @property
    def config_source(self) -> str:
        """Where configuration is read from: a short sha, or ``working tree``."""
        return self.config_rev[:12] if self.config_rev else "working tree"

    def fingerprint(self) -> str:
        """Return a digest of everything the checks can see: names, contents, lines, messages.

        Two contributions with the same fingerprint give the same result under the same
        configuration; a changed byte in any changed file changes it.

        Returns:
            A hex digest.
        """
        digest = hashlib.sha256()
        # the configuration's revision too: an audit (``--all``) differs from ``--all --base``
        for value in (
            self.mode,
            self.base,
            self.head,
            self.config_rev,
            self.title,
            self.body,
            self.branch,
            *self.labels,
        ):
            digest.update(f"{value!r}\0".encode("utf-8", "surrogateescape"))
        if self.mode == "commits" and self.selected is None and self._store is not None:
            # Two commits fix the diff and the messages: no need to read either.
            digest.update(str(self._store.max_size).encode())
            return digest.hexdigest()
        for c in self.commits:
            digest.update(f"{c.sha}\0{c.message}\0".encode("utf-8", "surrogateescape"))
        for f in self.files:
            digest.update(self._file_bytes(f))
        return digest.hexdigest()

    def _file_bytes(self, f: ChangedFile) -> bytes:
        """What the fingerprint digests of a changed file: name, status, lines and content."""
        lines = "*" if f.hunks is None else ",".join(f"{a}-{b}" for a, b in f.hunks)
        named = f"{f.path}\0{f.status}\0{f.old_path}\0{f.mode}\0{lines}\0".encode(
            "utf-8", "surrogateescape"
        )
        if f.blob and f.blob != git.NULL_SHA:
            return named + f.blob.encode()
        if f.exists and f.kind == "file":
            data, reason = self.data(f)
            return named + hashlib.sha256(data or reason.encode()).digest()
        return named

    def close(self) -> None:
        """Stop the git process that reads file contents."""
        if self._store is not None:
            self._store.reader.close()
