"""Reading the changed files of a contribution from git: raw diff, hunks, untracked files."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from mergeready.checks import git, ignore, lazyre
from mergeready.checks.changes import ChangedFile, FileStatus, Hunk, merge_hunks

_STATUS: dict[str, FileStatus] = {
    "A": "added",
    "M": "modified",
    "D": "deleted",
    "R": "renamed",
    "C": "copied",
    "T": "typechange",
}


_HUNK = lazyre.compile(rb"^@@+ [^@]*\+(\d+)(?:,(\d+))? @@")


def read_files(
    root: Path, mode: str, base: str | None, head: str | None, max_size: int = 2_000_000
) -> tuple[ChangedFile, ...]:
    """Read the changed files of a contribution.

    Args:
        root: The work tree.
        mode: ``commits``, ``staged``, ``worktree`` or ``all``.
        base: The diff's base commit (None for the empty tree).
        head: The head commit, or None for the index or the working tree.
        max_size: A file larger than this (on either side) is not diffed.

    Returns:
        The changed files, in git's order; in ``worktree`` mode untracked files come last.
    """
    if mode == "all":
        return tuple(_all_files(root, head))
    revs = git.diff_args(base or git.EMPTY_TREE, head, mode == "staged")
    files = _diff_files(root, revs, max_size)
    if mode == "worktree":
        files = _as_on_disk(root, files) + _untracked(root, base)
    return tuple(files)


def _as_on_disk(root: Path, files: list[ChangedFile]) -> list[ChangedFile]:
    """Treat a working-tree file as wholly changed when git diffed a converted form of it.

    git diffs the working tree after its ``filter``/``working-tree-encoding``/``ident``/eol
    conversions, which attributes choose, while the checks read the bytes on disk; when the two
    differ beyond line endings, git's line numbers are not the file's, so every line counts.
    """
    on_disk = [
        f
        for f in files
        if f.exists and f.kind == "file" and f.blob == git.NULL_SHA and not f.undiffed
    ]  # an undiffed file already counts whole, and is not read back (it may be 200 MB)
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


_DIFF_OPTIONS = (
    # No attribute of the contribution (``-diff``, ``binary``, ``diff=<textconv driver>``) may
    # change what is diffed: every file is diffed as the text git stores, line by line.
    "--text",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    "--inter-hunk-context=0",
    "--submodule=short",  # diff.submodule=log would print blocks without a diff header
    "-M",
    "--ignore-submodules=none",
)


def _diff_files(root: Path, revs: Sequence[str], max_size: int) -> list[ChangedFile]:
    """Diff the contribution; files git would call binary or over the size limit are not.

    ``--text`` (which no attribute can undo) would diff a 200 MB binary as text, so the files
    are listed first (``--raw``, no content), each side's size and first 8000 bytes are
    looked at (git's own binary rule, a NUL byte), and the patch leaves those files out.
    """
    raw = git.run(root, "diff", "--raw", "-z", "--no-abbrev", *_DIFF_OPTIONS, *revs, "--")
    entries = _parse_raw(raw)
    if not entries:  # nothing changed: no patch to read
        return []
    skip = _undiffed(root, entries, max_size)
    if not skip:
        return _patched(root, revs, ())
    paths = {name for meta, path, old in entries if (path, old) in skip for name in (path, old)}
    excluded = sorted(f":(exclude,literal){name}" for name in paths if name is not None)
    by_key = {(f.path, f.old_path): f for f in _patched(root, revs, excluded)}
    return [_listed(meta, path, old, skip.get((path, old)), by_key) for meta, path, old in entries]


def _listed(
    meta: list[str],
    path: str,
    old: str | None,
    reason: str | None,
    patched: Mapping[tuple[str, str | None], ChangedFile],
) -> ChangedFile:
    """One listed file: as the patch read it, or undiffed with the reason it was left out."""
    if reason is None:
        return patched.get((path, old)) or _changed(meta, path, old, None, reason="not diffed")
    return _changed(meta, path, old, None, reason=reason)


def _changed(
    meta: list[str],
    path: str,
    old: str | None,
    block: tuple[tuple[Hunk, ...], int, bool] | None,
    reason: str = "",
) -> ChangedFile:
    """One file of the diff; without its patch block (not diffed) every line counts."""
    added, removed, binary = block if block is not None else (None, 0, True)
    return ChangedFile(
        path=path,
        status=_STATUS.get(meta[4][:1], "modified"),
        old_path=old,
        hunks=added,
        removed=removed,
        binary=binary,
        mode=meta[1],
        blob=meta[3],
        undiffed=reason if block is None else "",
    )


def _patched(root: Path, revs: Sequence[str], excluded: Sequence[str]) -> list[ChangedFile]:
    """The files of ``git diff --raw -p`` over the paths not excluded, with their hunks."""
    args = ("diff", "--raw", "-p", "-U0", "-z", "--no-abbrev", *_DIFF_OPTIONS, *revs)
    out = git.run(root, *args, "--", *((".", *excluded) if excluded else ()))
    raw, _, patch = out.partition(b"\0\0")  # the raw part never holds an empty field
    entries = _parse_raw(raw + b"\0")
    blocks = _parse_patch(patch)
    files: list[ChangedFile] = []
    for meta, path, old in entries:
        block: tuple[tuple[Hunk, ...], int, bool] = blocks.pop(0) if blocks else ((), 0, False)
        if meta[4] == "T" and blocks:
            block = blocks.pop(0)
        files.append(_changed(meta, path, old, block))
    return files


def _undiffed(
    root: Path, entries: list[tuple[list[str], str, str | None]], max_size: int
) -> dict[tuple[str, str | None], str]:
    """Say which files must not be diffed, and why: a side over the limit, or binary."""
    sides: list[tuple[tuple[str, str | None], str, str | None]] = []
    for meta, path, old in entries:
        key = (path, old)
        for mode, sha, disk in ((meta[0], meta[2], None), (meta[1], meta[3], path)):
            if mode[:3] != "100":
                continue  # no file on this side, or a symlink or submodule
            if sha == git.NULL_SHA:
                if disk is not None and meta[4][:1] != "D":
                    sides.append((key, "", disk))  # the working tree's file
            else:
                sides.append((key, sha, None))
    reasons: dict[tuple[str, str | None], str] = {}
    sizes = git.object_sizes(root, sorted({sha for _, sha, _ in sides if sha}))
    reader = git.BlobReader(root)
    try:
        for key, sha, disk in sides:
            if key in reasons:
                continue
            size, head = _peek(root, reader, sha, disk, sizes, max_size)
            if size > max_size:
                reasons[key] = f"larger than {max_size} bytes ({size} bytes)"
            elif b"\0" in head:
                reasons[key] = "binary (a NUL byte in its first 8000 bytes)"
    finally:
        reader.close()
    return reasons


def _peek(
    root: Path,
    reader: git.BlobReader,
    sha: str,
    disk: str | None,
    sizes: dict[str, int],
    max_size: int,
) -> tuple[int, bytes]:
    """A side's size and its first 8000 bytes (nothing read when it is over the limit)."""
    if disk is not None:
        try:
            st = os.lstat(root / disk)
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_size:
                return st.st_size if stat.S_ISREG(st.st_mode) else 0, b""
            with open(root / disk, "rb") as stream:
                return st.st_size, stream.read(8000)
        except OSError:
            return 0, b""
    size = sizes.get(sha, 0)
    if size > max_size:
        return size, b""
    data, size = reader.read(sha, max_size)
    return size, (data or b"")[:8000]


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
