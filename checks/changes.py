"""What a contribution changes: its files and commits, read from git's ``-z`` diff output."""

from __future__ import annotations

import bisect
import functools
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from mergeready.checks import git, ignore

FileStatus = Literal["added", "modified", "deleted", "renamed", "copied", "typechange"]
FileKind = Literal["file", "symlink", "submodule"]
Hunk = tuple[int, int]
"""An inclusive range of added or changed line numbers (1-based, in the file at head)."""

_STATUS: dict[str, FileStatus] = {
    "A": "added",
    "M": "modified",
    "D": "deleted",
    "R": "renamed",
    "C": "copied",
    "T": "typechange",
}
_HUNK = re.compile(rb"^@@+ [^@]*\+(\d+)(?:,(\d+))? @@")


def merge_hunks(ranges: Iterable[Hunk]) -> tuple[Hunk, ...]:
    """Sort ranges of line numbers and merge the ones that overlap or touch.

    Args:
        ranges: Inclusive ``(first, last)`` ranges; empty ones (``last < first``) are dropped.

    Returns:
        Disjoint ranges in ascending order.
    """
    out: list[Hunk] = []
    for first, last in sorted(r for r in ranges if r[1] >= r[0]):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return tuple(out)


@dataclass(frozen=True)
class ChangedFile:
    """One file the contribution adds, changes, renames or deletes.

    ``hunks`` are the added or changed lines as disjoint inclusive ranges in ascending order
    (None: every line counts as added, as for an untracked file or ``--all``).
    """

    path: str
    status: FileStatus
    old_path: str | None = None
    hunks: tuple[Hunk, ...] | None = ()
    removed: int = 0
    binary: bool = False
    mode: str = "100644"
    blob: str | None = None
    _starts: tuple[int, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Index the hunks' first lines for the interval lookups."""
        object.__setattr__(self, "_starts", tuple(h[0] for h in self.hunks or ()))

    @property
    def kind(self) -> FileKind:
        """``file``, ``symlink`` or ``submodule``, from the git mode."""
        if self.mode == "120000":
            return "symlink"
        return "submodule" if self.mode == "160000" else "file"

    @functools.cached_property
    def added_lines(self) -> frozenset[int] | None:
        """Every added or changed line number (None: every line); prefer ``touches``."""
        if self.hunks is None:
            return None
        return frozenset(n for first, last in self.hunks for n in range(first, last + 1))

    @property
    def added_count(self) -> int | None:
        """How many lines are added or changed (None: every line)."""
        if self.hunks is None:
            return None
        return sum(last - first + 1 for first, last in self.hunks)

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
        return self.touches_range(line, line)

    def touches_range(self, first: int, last: int) -> bool:
        """Tell whether any line of an inclusive range is added or changed.

        Args:
            first: The first line number.
            last: The last line number.

        Returns:
            True when some line of the range is added or changed.
        """
        if self.hunks is None:
            return True
        i = bisect.bisect_right(self._starts, last) - 1  # the last hunk starting by ``last``
        return i >= 0 and self.hunks[i][1] >= first


@dataclass(frozen=True)
class Commit:
    """A commit in the contribution's range."""

    sha: str
    message: str

    @property
    def subject(self) -> str:
        """The first line of the message."""
        return self.message.split("\n", 1)[0].strip()


def read_files(
    root: Path, mode: str, base: str | None, head: str | None
) -> tuple[ChangedFile, ...]:
    """Read the changed files of a contribution.

    Args:
        root: The work tree.
        mode: ``commits``, ``staged``, ``worktree`` or ``all``.
        base: The diff's base commit (None for the empty tree).
        head: The head commit, or None for the index or the working tree.

    Returns:
        The changed files, in git's order; in ``worktree`` mode untracked files come last.
    """
    if mode == "all":
        return tuple(_all_files(root, head))
    files = _diff_files(root, base or git.EMPTY_TREE, head, staged=mode == "staged")
    if mode == "worktree":
        files = _as_on_disk(root, files) + _untracked(root, base)
    return tuple(files)


def _as_on_disk(root: Path, files: list[ChangedFile]) -> list[ChangedFile]:
    """Treat a working-tree file as wholly changed when git diffed a converted form of it.

    git diffs the working tree after its ``filter``/``working-tree-encoding``/``ident``/eol
    conversions, which attributes choose, while the checks read the bytes on disk; when the two
    differ beyond line endings, git's line numbers are not the file's, so every line counts.
    """
    on_disk = [f for f in files if f.exists and f.kind == "file" and f.blob == git.NULL_SHA]
    if not on_disk:
        return files
    names = "".join(f"{f.path}\n" for f in on_disk if "\n" not in f.path)
    seen = git.run(
        root, "hash-object", "--stdin-paths", stdin=names.encode("utf-8", "surrogateescape")
    )
    git_view = dict(zip((f.path for f in on_disk if "\n" not in f.path), seen.decode().split()))
    out = []
    for f in files:
        sha = git_view.get(f.path)
        if sha is not None and not _same_lines(root / f.path, sha):
            f = replace(f, hunks=None)
        out.append(f)
    return out


def _same_lines(path: Path, sha: str) -> bool:
    """True when the bytes on disk are the blob git saw, up to CRLF line endings."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    algo = hashlib.sha1 if len(sha) == 40 else hashlib.sha256
    return any(
        algo(b"blob %d\0" % len(form) + form).hexdigest() == sha
        for form in (data, data.replace(b"\r\n", b"\n"))
    )


def _diff_files(root: Path, base: str, head: str | None, *, staged: bool) -> list[ChangedFile]:
    revs = git.diff_args(base, head, staged)
    # No attribute of the contribution (``-diff``, ``binary``, ``diff=<textconv driver>``) may
    # change what is diffed: every file is diffed as the text git stores, line by line.
    common = (
        "--text",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--inter-hunk-context=0",
        "--submodule=short",  # diff.submodule=log would print blocks without a diff header
        "-M",
        "--ignore-submodules=none",
    )
    out = git.run(root, "diff", "--raw", "-p", "-U0", "-z", "--no-abbrev", *common, *revs, "--")
    raw, _, patch = out.partition(b"\0\0")  # the raw part never holds an empty field
    entries = _parse_raw(raw + b"\0")
    blocks = _parse_patch(patch)
    files: list[ChangedFile] = []
    for meta, path, old in entries:
        block: tuple[tuple[Hunk, ...], int, bool] = blocks.pop(0) if blocks else ((), 0, False)
        if meta[4] == "T" and blocks:
            block = blocks.pop(0)
        added, removed, binary = block
        status = _STATUS.get(meta[4][:1], "modified")
        files.append(
            ChangedFile(
                path=path,
                status=status,
                old_path=old,
                hunks=added,
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


def _parse_patch(patch: bytes) -> list[tuple[tuple[Hunk, ...], int, bool]]:
    """Return (added line ranges, removed count, binary) of each file's block, in order."""
    blocks: list[tuple[tuple[Hunk, ...], int, bool]] = []
    for chunk in re.split(rb"(?m)^diff --git ", patch)[1:]:
        added: list[Hunk] = []
        # --text diffs every file as text; binary is git's own rule (a NUL byte), not an attribute
        removed, binary, in_hunk = 0, b"\0" in chunk, False
        for line in chunk.split(b"\n"):
            if line.startswith(b"@@"):
                in_hunk = True
                m = _HUNK.match(line)
                if m:
                    start, count = int(m.group(1)), int(m.group(2) or 1)
                    added.append((start, start + count - 1))
            elif in_hunk:
                removed += line.startswith(b"-")
            elif line.startswith((b"Binary files ", b"GIT binary patch")):
                binary = True
        blocks.append((merge_hunks(added), removed, binary))
    return blocks


def _untracked(root: Path, base: str | None) -> list[ChangedFile]:
    """The untracked files, chosen by the base's ignore rules (never the contribution's).

    A ``.gitignore`` the contribution changes or adds could hide its own new files; so the
    base's ``.gitignore`` files (with the user's own ``info/exclude`` and ``core.excludesFile``)
    decide, handed to git as one exclude file. Without a base there is nothing to trust more
    than the working tree's rules.
    """
    if base is None:
        out = git.run(root, "ls-files", "-z", "--others", "--exclude-standard")
    else:
        with ignore.base_rules(root, base) as rules:
            out = git.run(root, "ls-files", "-z", "--others", f"--exclude-from={rules}")
    files = []
    for path in git.split_z(out):
        try:
            st = os.lstat(root / path)
        except OSError:
            continue
        mode = "120000" if stat.S_ISLNK(st.st_mode) else "100644"
        files.append(ChangedFile(path=path, status="added", hunks=None, mode=mode))
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
                hunks=None,
                mode=mode,
                blob=sha,
            )
        )
    return files
