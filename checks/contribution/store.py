"""File contents at head, read once and cached (the Contribution's store), and bytes as text."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mergeready.checks import git
from mergeready.checks.changes import ChangedFile, Commit

if TYPE_CHECKING:
    import ast

    from mergeready.checks.python.pycode import PythonView


class Store:
    """Reads and caches file contents at head, for the Contribution that holds it.

    Args:
        reader: The git process that reads blobs.
        root: The work tree's root.
        head: The head commit, or None when head is the index or the working tree.
        config_rev: The trusted revision (the base), or None.
        max_size: Larger files are not read.
    """

    def __init__(
        self,
        reader: git.BlobReader,
        root: Path,
        head: str | None,
        config_rev: str | None,
        max_size: int,
    ) -> None:
        self.root, self.head, self.config_rev, self.max_size = root, head, config_rev, max_size
        self.reader = reader
        self.cache: dict[str, tuple[bytes | None, str]] = {}
        self.paths: frozenset[str] | None = None
        self.trees: dict[str, tuple[ast.Module | None, str]] = {}
        self.code: dict[str, frozenset[int]] = {}
        self.views: dict[str, PythonView] = {}
        self.load_files: Callable[[], tuple[ChangedFile, ...]] = tuple
        self.load_commits: Callable[[], tuple[Commit, ...]] = tuple
        self.loaded: dict[str, Any] = {}
        self.seen: Callable[[str], None] | None = None  # told each file a check reads

    def fork(self) -> Store:
        """Return a store that shares this one's reads but none of the facts checks derived.

        Returns:
            A store for another view of the same contribution (the same files at head, other
            lines counted as changed), whose checks must derive their facts anew.
        """
        other = Store(self.reader, self.root, self.head, self.config_rev, self.max_size)
        other.cache, other.paths, other.trees = self.cache, self.paths, self.trees
        other.code, other.views = self.code, self.views
        other.load_files, other.load_commits = self.load_files, self.load_commits
        other.loaded = {k: v for k, v in self.loaded.items() if not k.startswith("derived:")}
        return other

    def once(self, name: str, load: Callable[[], Any]) -> Any:
        """Load a fact once and keep it.

        Args:
            name: Names the fact.
            load: Computes it.

        Returns:
            The fact, computed on the first call with this name.
        """
        if name not in self.loaded:
            self.loaded[name] = load()
        return self.loaded[name]

    def read(self, f: ChangedFile) -> tuple[bytes | None, str]:
        """Read a changed file's bytes at head once.

        Args:
            f: A changed file.

        Returns:
            The content and an empty reason, or None and why it was not read.
        """
        if f.path not in self.cache:
            self.cache[f.path] = self._load(f)
        return self.cache[f.path]

    def _load(self, f: ChangedFile) -> tuple[bytes | None, str]:
        if not f.exists:
            return None, "deleted"
        if f.kind != "file":
            return None, f.kind
        if f.undiffed.startswith("larger than"):
            return None, f.undiffed  # measured already: not even git is asked for the content
        if f.blob and f.blob != git.NULL_SHA:
            data, size = self.reader.read(f.blob, self.max_size)
        else:
            data, size = read_disk(self.root / f.path, self.max_size)
        if data is None:
            return None, (
                f"larger than {self.max_size} bytes ({size} bytes)"
                if size > self.max_size
                else "not readable"
            )
        if b"\0" in data[:8000]:  # git's own rule for a binary file
            return None, _binary_reason(data)
        if lfs_pointer(data):
            return None, LFS_TEXT
        return data, ""


MAX_CONFIG = 8 * 1024 * 1024
"""Bytes of a configuration file that are read whatever ``--max-file-size`` says: padding a
configuration past the size limit never makes it absent (larger is an error, never skipped)."""

# What ``Contribution.data`` says of a file that holds text but cannot be checked as text.
NUL_TEXT = "holds a NUL byte"
# … and of a file git holds only a Git LFS pointer of: its content is not in the repository.
LFS_TEXT = "stored in Git LFS (git holds only its pointer; `git lfs pull` it to check it)"
_LFS_VERSIONS = (
    b"version https://git-lfs.github.com/spec/v1",
    b"version https://hawser.github.com/spec/v1",
)


def lfs_pointer(data: bytes) -> bool:
    """Whether a blob is a Git LFS pointer, by the pointer's exact shape (git-lfs's spec).

    A pointer is at most 1,024 bytes of ``key value`` lines: ``version`` first (the spec's
    URL), then an ``oid sha256:`` of 64 hexadecimal digits and a ``size`` in digits.

    Args:
        data: The blob's bytes.

    Returns:
        True for a pointer: the file's content is elsewhere, never in git.
    """
    if len(data) > 1024 or not data.startswith(_LFS_VERSIONS):
        return False
    keys = dict(line.partition(b" ")[::2] for line in data.split(b"\n")[1:] if line)
    oid, size = keys.get(b"oid", b""), keys.get(b"size", b"")
    digest = oid.removeprefix(b"sha256:")
    hexdigits = b"0123456789abcdef"
    return (
        oid.startswith(b"sha256:")
        and len(digest) == 64
        and all(c in hexdigits for c in digest)
        and size.isdigit()
    )


def _binary_reason(data: bytes) -> str:
    """``binary`` for binary data; text with a few NUL bytes (one planted) or UTF-16 says so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return f"{NUL_TEXT}: it is UTF-16 text, which is not checked"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "binary"
    if data.count(b"\0") * 10 > len(data):
        return "binary"
    at = data.index(b"\0")
    return f"{NUL_TEXT} (at byte {at}), so it cannot be read as text"


def read_disk(path: Path, limit: int) -> tuple[bytes | None, int]:
    """Read a regular file from disk, unless it is larger than the limit.

    Args:
        path: The file.
        limit: The largest size read, in bytes.

    Returns:
        The content (None for a file that is not regular, too large or unreadable) and its size.
    """
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return None, 0
        if st.st_size > limit:
            return None, st.st_size
        return path.read_bytes(), st.st_size
    except OSError:
        return None, 0


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


def git_lines(text: str) -> list[str]:
    r"""Split text into lines as git numbers them: at ``\n`` only.

    ``str.splitlines`` also breaks at ``\r``, ``\x0b``, ``\x0c``, ``\x1c``-``\x1e``,
    ``\x85``, U+2028 and U+2029, which would shift every later line number away from the diff's.

    Args:
        text: The text.

    Returns:
        The lines without their ``\n`` (a CRLF's ``\r`` kept); item 0 is git's line 1.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
