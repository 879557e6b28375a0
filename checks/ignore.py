"""The base revision's ignore rules, as one exclude file git reads instead of the work tree's.

git reads ``.gitignore`` files from the work tree, where a contribution can change them. The
base's files are read from the base commit and each pattern is rewritten to what it means from
the repository's root (gitignore(5)): a pattern with a slash before its end is relative to its
file's directory (``/d/pattern``); one without matches at any depth below it
(``/d/**/pattern``). Files come root first and parents before children, so a deeper file's
lines come later and win, as git's precedence has it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from mergeready.checks import git

MAX_IGNORE_FILE = 1_000_000
"""A larger ``.gitignore`` at the base is not read (git itself would; none is that large)."""


def translate(directory: bytes, text: bytes) -> list[bytes]:
    """Rewrite the lines of one ``.gitignore`` as patterns relative to the repository's root.

    Args:
        directory: The file's directory (``b""`` for the root, else ``b"a/b"``).
        text: The file's content.

    Returns:
        The patterns, in order, without blank lines and comments.
    """
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    out = []
    for line in text.split(b"\n"):
        line = _trim(line[:-1] if line.endswith(b"\r") else line)
        if line and not line.startswith(b"#"):
            pattern = _rooted(directory, line) if directory else line
            out += [pattern] if pattern else []
    return out


def _rooted(directory: bytes, line: bytes) -> bytes:
    """One pattern of a sub-folder's ``.gitignore`` made relative to the root (``b""`` when it
    names nothing: ``/`` or ``!/`` alone)."""
    negate, body = (b"!", line[1:]) if line.startswith(b"!") else (b"", line)
    only_dirs = body.endswith(b"/")
    core = body[:-1] if only_dirs else body
    if not core:
        return b""
    joint = b"/" if b"/" in core else b"/**/"  # a slash anywhere anchors it to the folder
    return negate + b"/" + directory + joint + core.lstrip(b"/") + (b"/" if only_dirs else b"")


def _trim(line: bytes) -> bytes:
    """Drop trailing spaces, except one escaped with a backslash (as git does)."""
    while line.endswith(b" ") and not line.endswith(b"\\ "):
        line = line[:-1]
    return line


def rules(root: Path, base: str) -> bytes:
    """Return the exclude file's content: the user's own rules, then the base's ``.gitignore``.

    Args:
        root: The work tree.
        base: The base commit's sha.

    Returns:
        The patterns, one a line.
    """
    lines: list[bytes] = []
    info = git.run(root, "rev-parse", "--git-path", "info/exclude").strip()
    for own in (_global_excludes(root), root / info.decode("utf-8", "surrogateescape")):
        lines += _own(own)
    listing = git.run(root, "ls-tree", "-r", "-z", "--full-tree", base)
    found = []
    for record in listing.split(b"\0"):
        info, _, name = record.partition(b"\t")
        if name.rsplit(b"/", 1)[-1] == b".gitignore" and info.startswith(b"100644 blob "):
            found.append((name.count(b"/"), name, info.split()[2].decode("ascii")))
    reader = git.BlobReader(root)
    try:
        for _depth, name, sha in sorted(found):
            data, _ = reader.read(sha, MAX_IGNORE_FILE)
            if data is not None:
                lines += translate(name.rpartition(b"/")[0], data)
    finally:
        reader.close()
    return b"".join(line + b"\n" for line in lines)


def _own(path: Path | None) -> list[bytes]:
    """The lines of one of the user's own exclude files (they are not the contribution's)."""
    if path is None:
        return []
    try:
        data = path.read_bytes()
    except OSError:
        return []
    return translate(b"", data)


def _global_excludes(root: Path) -> Path | None:
    """``core.excludesFile``, or git's default ``$XDG_CONFIG_HOME/git/ignore``."""
    out = git.run(root, "config", "--path", "--get", "core.excludesFile", check=False).strip()
    if out:
        return Path(out.decode("utf-8", "surrogateescape"))
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config) / "git" / "ignore"


@contextlib.contextmanager
def base_rules(root: Path, base: str) -> Iterator[str]:
    """Write the base's rules to a private temporary file (outside the work tree).

    Args:
        root: The work tree.
        base: The base commit's sha.

    Yields:
        The file's path, for ``git ls-files --exclude-from``.
    """
    import tempfile  # start-up: tempfile imports shutil, random and the compressors

    fd, name = tempfile.mkstemp(prefix="mergeready-ignore-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(rules(root, base))
        yield name
    finally:
        os.unlink(name)
