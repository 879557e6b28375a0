"""The contribution: what a change adds, read once from git, immutable, the checks' only door."""

from __future__ import annotations

import ast
import hashlib
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mergeready.checks import git
from mergeready.checks.errors import MergereadyError

DEFAULT_MAX_FILE_SIZE = 2_000_000
_STATUS = {
    "A": "added",
    "M": "modified",
    "D": "deleted",
    "R": "renamed",
    "C": "copied",
    "T": "typechange",
}
_SHA = re.compile(r"[0-9a-f]{40}")
_HUNK = re.compile(rb"^@@+ [^@]*\+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class ChangedFile:
    """One file the contribution adds, changes, renames or deletes."""

    path: str
    status: str
    old_path: str | None = None
    added_lines: frozenset[int] | None = frozenset()
    removed: int = 0
    binary: bool = False
    mode: str = "100644"
    blob: str | None = None

    @property
    def kind(self) -> str:
        """``file``, ``symlink`` or ``submodule``, from the git mode."""
        return {"120000": "symlink", "160000": "submodule"}.get(self.mode, "file")

    @property
    def exists(self) -> bool:
        """False when the contribution deletes the file."""
        return self.status != "deleted"

    def touches(self, line: int) -> bool:
        """Tell whether the contribution added or changed a line.

        Args:
            line: A 1-based line number in the file at head.

        Returns:
            True when that line is added or changed.
        """
        return self.added_lines is None or line in self.added_lines

    def touches_range(self, first: int, last: int) -> bool:
        """Tell whether any line of an inclusive range is added or changed.

        Args:
            first: The first line number.
            last: The last line number.

        Returns:
            True when some line of the range is added or changed.
        """
        if self.added_lines is None:
            return True
        return any(first <= n <= last for n in self.added_lines)


@dataclass(frozen=True)
class Commit:
    """A commit in the contribution's range."""

    sha: str
    message: str

    @property
    def subject(self) -> str:
        """The first line of the message."""
        return self.message.split("\n", 1)[0].strip()


class _Store:
    """Reads and caches file contents at head; the Contribution's private helper."""

    def __init__(self, root: Path, head: str | None, config_rev: str | None, max_size: int) -> None:
        self.root, self.head, self.config_rev, self.max_size = root, head, config_rev, max_size
        self.reader = git.BlobReader(root)
        self.cache: dict[str, tuple[bytes | None, str]] = {}
        self.paths: frozenset[str] | None = None
        self.trees: dict[str, tuple[ast.Module | None, str]] = {}
        self.load_files: Callable[[], tuple[ChangedFile, ...]] = tuple
        self.load_commits: Callable[[], tuple[Commit, ...]] = tuple
        self.loaded: dict[str, Any] = {}

    def once(self, name: str, load: Callable[[], Any]) -> Any:
        if name not in self.loaded:
            self.loaded[name] = load()
        return self.loaded[name]

    def read(self, f: ChangedFile) -> tuple[bytes | None, str]:
        if f.path not in self.cache:
            self.cache[f.path] = self._load(f)
        return self.cache[f.path]

    def _load(self, f: ChangedFile) -> tuple[bytes | None, str]:
        if not f.exists:
            return None, "deleted"
        if f.kind != "file":
            return None, f.kind
        if f.blob and f.blob != git.NULL_SHA:
            data, size = self.reader.read(f.blob, self.max_size)
        else:
            data, size = _read_disk(self.root / f.path, self.max_size)
        if data is None:
            return None, (
                f"larger than {self.max_size} bytes ({size} bytes)"
                if size > self.max_size
                else "not readable"
            )
        if b"\0" in data[:8000]:
            return None, "binary"
        return data, ""


def _read_disk(path: Path, limit: int) -> tuple[bytes | None, int]:
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return None, 0
        if st.st_size > limit:
            return None, st.st_size
        return path.read_bytes(), st.st_size
    except OSError:
        return None, 0


def _parse(data: bytes) -> tuple[ast.Module | None, str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(data), ""
    except SyntaxError as exc:
        return None, f"does not parse: {exc.msg} (line {exc.lineno})"
    except (ValueError, RecursionError, MemoryError) as exc:
        return None, f"does not parse: {type(exc).__name__}"


def decode(data: bytes) -> str:
    """Decode file content as text: UTF-8 (a BOM dropped), else Latin-1.

    Args:
        data: The raw bytes.

    Returns:
        The text; Latin-1 never fails, so undecodable UTF-8 still yields text.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@dataclass(frozen=True)
class Contribution:
    """What a contribution changes, its messages and declared metadata; read from git once."""

    root: Path
    base: str | None
    head: str | None
    mode: str = "commits"
    selected: tuple[ChangedFile, ...] | None = None
    title: str | None = None
    body: str | None = None
    labels: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    config_rev: str | None = None
    _store: _Store | None = field(default=None, compare=False, repr=False)

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
        exact_base: bool = False,
        messages: Sequence[tuple[str, str]] | None = None,
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
            exact_base: ``base`` and ``head`` are full commit shas and ``base`` is the diff's
                base itself, not a side whose merge-base is taken (a commit against its parent).
            messages: The ``(sha, message)`` of the commits in the range when the caller
                already has them (history does); None reads them from git.

        Returns:
            The contribution.

        Raises:
            MergereadyError: If the repository or a ref cannot be used.
        """
        root = git.toplevel(Path(path))
        if staged and (base or head or all_files):
            raise MergereadyError("--staged compares the index with HEAD; drop --base/--head/--all")
        span = _resolve_span(root, base, head, staged, all_files, exact_base)
        mode, base_sha, head_sha, config_rev = span
        store = _Store(
            root, head_sha if mode in ("commits", "all") else None, config_rev, max_file_size
        )
        store.load_files = lambda: _files(root, mode, base_sha, head_sha)
        if mode == "commits" and base_sha and head_sha:
            store.load_commits = lambda: tuple(
                Commit(s, m)
                for s, m in (
                    git.log_messages(root, base_sha, head_sha) if messages is None else messages
                )
            )
        return cls(
            root=root,
            base=base_sha,
            head=head_sha,
            mode=mode,
            title=title,
            body=body,
            labels=tuple(labels),
            config_rev=config_rev,
            _store=store,
        )

    @property
    def files(self) -> tuple[ChangedFile, ...]:
        """The files the contribution adds, changes, renames or deletes (read on first use)."""
        if self.selected is not None:
            return self.selected
        assert self._store is not None
        files: tuple[ChangedFile, ...] = self._store.once("files", self._store.load_files)
        return files

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
    def messages(self) -> tuple[str, ...]:
        """The commit messages in the range, oldest first."""
        return tuple(c.message for c in self.commits)

    def file(self, path: str) -> ChangedFile | None:
        """Return the changed file at ``path``, if the contribution changes it.

        Args:
            path: A path relative to the repository root.

        Returns:
            The changed file, or None.
        """
        return self._by_path().get(path)

    def _by_path(self) -> Mapping[str, ChangedFile]:
        return {f.path: f for f in self.files}

    def data(self, f: ChangedFile) -> tuple[bytes | None, str]:
        """Return a file's bytes at head, or None and the reason it was not read.

        Args:
            f: One of the contribution's files.

        Returns:
            The content and an empty reason, or None and why (binary, symlink, too large, …).
        """
        assert self._store is not None
        return self._store.read(f)

    def text(self, f: ChangedFile) -> str | None:
        """Return a file's text at head, or None for binary, unreadable or deleted files.

        Args:
            f: One of the contribution's files.

        Returns:
            The decoded text, or None.
        """
        data, _ = self.data(f)
        return None if data is None else decode(data)

    def python(self, f: ChangedFile) -> tuple[ast.Module | None, str]:
        """Parse a Python file at head once, for every check that needs its tree.

        Args:
            f: One of the contribution's files.

        Returns:
            The module's tree and an empty string, or None and why it could not be parsed.
        """
        assert self._store is not None
        trees = self._store.trees
        if f.path not in trees:
            data, reason = self.data(f)
            if data is None:
                trees[f.path] = (None, reason)
            else:
                trees[f.path] = _parse(data)
        return trees[f.path]

    def config_text(self, path: str) -> str | None:
        """Read a configuration file from the trusted revision (the base when there is one).

        Args:
            path: A path relative to the repository root, without newlines.

        Returns:
            The file's text, or None when it does not exist there.
        """
        assert self._store is not None
        store = self._store
        if store.config_rev is None:
            data, _ = _read_disk(self.root / path, store.max_size)
        else:
            data, _ = store.reader.read(f"{store.config_rev}:{path}", store.max_size)
        return None if data is None else decode(data)

    @property
    def config_source(self) -> str:
        """Where configuration is read from: a short sha, or ``working tree``."""
        return self.config_rev[:12] if self.config_rev else "working tree"

    def head_paths(self) -> frozenset[str]:
        """Every path tracked at head (for finding a changelog or a test layout).

        Returns:
            The paths.
        """
        assert self._store is not None
        store = self._store
        if store.paths is None:
            if self.head and self.mode in ("commits", "all"):
                out = git.run(
                    self.root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", self.head
                )
            else:
                out = git.run(self.root, "ls-files", "-z", "--cached")
            store.paths = frozenset(git.split_z(out)) | {f.path for f in self.files if f.exists}
        return store.paths

    def fingerprint(self) -> str:
        """Return a digest of everything the checks can see: names, contents, lines, messages.

        Two contributions with the same fingerprint give the same result under the same
        configuration; a changed byte in any changed file changes it.

        Returns:
            A hex digest.
        """
        digest = hashlib.sha256()
        for value in (self.mode, self.base, self.head, self.title, self.body, *self.labels):
            digest.update(f"{value!r}\0".encode("utf-8", "surrogateescape"))
        if self.mode == "commits" and self.selected is None and self._store is not None:
            # Two commits fix the diff and the messages: no need to read either.
            digest.update(str(self._store.max_size).encode())
            return digest.hexdigest()
        for c in self.commits:
            digest.update(f"{c.sha}\0{c.message}\0".encode("utf-8", "surrogateescape"))
        for f in self.files:
            lines = "*" if f.added_lines is None else ",".join(map(str, sorted(f.added_lines)))
            digest.update(
                f"{f.path}\0{f.status}\0{f.old_path}\0{f.mode}\0{lines}\0".encode(
                    "utf-8", "surrogateescape"
                )
            )
            if f.blob and f.blob != git.NULL_SHA:
                digest.update(f.blob.encode())
            elif f.exists and f.kind == "file":
                data, reason = self.data(f)
                digest.update(hashlib.sha256(data or reason.encode()).digest())
        return digest.hexdigest()

    def close(self) -> None:
        """Stop the git process that reads file contents."""
        if self._store is not None:
            self._store.reader.close()


def _resolve_span(
    root: Path, base: str | None, head: str | None, staged: bool, all_files: bool, exact: bool
) -> tuple[str, str | None, str | None, str | None]:
    """Return (mode, diff base, head, configuration revision)."""
    if exact and base and head and _SHA.fullmatch(base) and _SHA.fullmatch(head):
        return "commits", base, head, base  # a commit against its parent, as history walks it
    if base is not None and not staged and not all_files:
        known = git.resolve_all(root, [head or "HEAD", base])
        if None not in known:  # both known: one git process instead of two
            return _commit_span(root, base, known[1] or "", known[0] or "")
    head_sha = _commit(root, head) if head else git.resolve(root, "HEAD")
    if all_files:
        if head_sha is None:
            raise MergereadyError("--all needs a commit; commit something first")
        return "all", None, head_sha, head_sha if head else None
    if staged:
        return "staged", head_sha, None, head_sha
    if base is not None:
        base_sha = _commit(root, base)
        if head_sha is None:
            raise MergereadyError("HEAD has no commit yet; commit first or pass --head")
        return _commit_span(root, base, base_sha, head_sha)
    if head_sha is None:
        return "worktree", None, None, None
    found = _default_base(root, head_sha)
    if found is not None:
        return "commits", found[0], head_sha, found[1]
    if head is not None:
        raise MergereadyError(f"no base found for --head {head}; pass --base")
    return "worktree", head_sha, None, head_sha


def _commit_span(
    root: Path, base: str, base_sha: str, head_sha: str
) -> tuple[str, str | None, str | None, str | None]:
    """Return the span of a commit range: the merge-base to head, configured from the base."""
    merge = git.merge_base(root, base_sha, head_sha)
    if merge is None:
        raise _no_common_history(root, base)
    return "commits", merge, head_sha, base_sha


def _default_base(root: Path, head: str) -> tuple[str, str] | None:
    """Return (merge-base, branch tip) with the first default branch that head has left."""
    for candidate in ("origin/HEAD", "main", "master"):
        sha = git.resolve(root, candidate)
        if sha is None:
            continue
        merge = git.merge_base(root, sha, head)
        if merge and merge != head:
            return merge, sha
        if merge:
            return None  # head is on the default branch: the working tree is the contribution
    return None


def _commit(root: Path, ref: str) -> str:
    sha = git.resolve(root, ref)
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


def _files(root: Path, mode: str, base: str | None, head: str | None) -> tuple[ChangedFile, ...]:
    """Read the changed files of a contribution of one mode."""
    if mode == "all":
        return tuple(_all_files(root, head))
    files = _diff_files(root, base or git.EMPTY_TREE, head, staged=mode == "staged")
    if mode == "worktree":
        files += _untracked(root)
    return tuple(files)


def _diff_files(root: Path, base: str, head: str | None, *, staged: bool) -> list[ChangedFile]:
    revs = git.diff_args(base, head, staged)
    common = ("--no-ext-diff", "--no-textconv", "--no-color", "-M", "--ignore-submodules=none")
    out = git.run(root, "diff", "--raw", "-p", "-U0", "-z", "--no-abbrev", *common, *revs, "--")
    raw, _, patch = out.partition(b"\0\0")  # the raw part never holds an empty field
    entries = _parse_raw(raw + b"\0")
    blocks = _parse_patch(patch)
    files: list[ChangedFile] = []
    for meta, path, old in entries:
        block = blocks.pop(0) if blocks else (frozenset(), 0, False)
        if meta[4] == "T" and blocks:
            block = blocks.pop(0)
        added, removed, binary = block
        status = _STATUS.get(meta[4][:1], "modified")
        files.append(
            ChangedFile(
                path=path,
                status=status,
                old_path=old,
                added_lines=added,
                removed=removed,
                binary=binary,
                mode=meta[1],
                blob=meta[3],
            )
        )
    return files


def _parse_raw(raw: bytes) -> list[tuple[list[str], str, str | None]]:
    fields = raw.split(b"\0")
    out: list[tuple[list[str], str, str | None]] = []
    i = 0
    while i < len(fields) and fields[i].startswith(b":"):
        meta = fields[i][1:].decode("ascii").split()
        names = [n.decode("utf-8", "surrogateescape") for n in fields[i + 1 : i + 3]]
        if meta[4][:1] in "RC":
            out.append((meta, names[1], names[0]))
            i += 3
        else:
            out.append((meta, names[0], None))
            i += 2
    return out


def _parse_patch(patch: bytes) -> list[tuple[frozenset[int], int, bool]]:
    """Return (added line numbers, removed count, binary) of each file's block, in order."""
    blocks: list[tuple[frozenset[int], int, bool]] = []
    for chunk in re.split(rb"(?m)^diff --git ", patch)[1:]:
        added: set[int] = set()
        removed, binary, in_hunk = 0, False, False
        for line in chunk.split(b"\n"):
            if line.startswith(b"@@"):
                in_hunk = True
                m = _HUNK.match(line)
                if m:
                    start, count = int(m.group(1)), int(m.group(2) or 1)
                    added.update(range(start, start + count))
            elif in_hunk:
                removed += line.startswith(b"-")
            elif line.startswith((b"Binary files ", b"GIT binary patch")):
                binary = True
        blocks.append((frozenset(added), removed, binary))
    return blocks


def _untracked(root: Path) -> list[ChangedFile]:
    out = git.run(root, "ls-files", "-z", "--others", "--exclude-standard")
    files = []
    for path in git.split_z(out):
        try:
            st = os.lstat(root / path)
        except OSError:
            continue
        mode = "120000" if stat.S_ISLNK(st.st_mode) else "100644"
        files.append(ChangedFile(path=path, status="added", added_lines=None, mode=mode))
    return files


def _all_files(root: Path, head: str | None) -> list[ChangedFile]:
    out = git.run(root, "ls-tree", "-r", "-z", "--full-tree", head or "HEAD")
    files = []
    for record in out.split(b"\0"):
        if not record:
            continue
        info, _, name = record.partition(b"\t")
        mode, _kind, sha = info.decode("ascii").split()
        files.append(
            ChangedFile(
                path=name.decode("utf-8", "surrogateescape"),
                status="added",
                added_lines=None,
                mode=mode,
                blob=sha,
            )
        )
    return files
