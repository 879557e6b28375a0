"""What a contribution changes: its files and commits, read from git's ``-z`` diff output."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from mergeready.checks import git

_STATUS = {
    "A": "added",
    "M": "modified",
    "D": "deleted",
    "R": "renamed",
    "C": "copied",
    "T": "typechange",
}
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
        if last - first < len(self.added_lines):  # the smaller side: linear over a file
            return any(n in self.added_lines for n in range(first, last + 1))
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
        files = _as_on_disk(root, files) + _untracked(root)
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
            f = replace(f, added_lines=None)
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
        "-M",
        "--ignore-submodules=none",
    )
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
        # --text diffs every file as text; binary is git's own rule (a NUL byte), not an attribute
        removed, binary, in_hunk = 0, b"\0" in chunk, False
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
