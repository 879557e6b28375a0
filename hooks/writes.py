"""Every file mergeready writes goes through here: never through a link, never into ``.git``.

A contribution controls the names in its tree, symbolic links included: a committed
``report.sarif -> ~/.bashrc`` or ``changelog.d -> ../../.git/hooks`` must not turn
``--output report.sarif`` or ``fix`` into a write somewhere else. So, for a file inside the
repository, every folder between the repository's root and the file is checked to be a real
folder (created one by one when asked, never through a link), no part of the path may be a
``.git`` folder, and the folder the file lands in must not be inside the repository's git
directory once resolved. The file itself is written aside in its folder and renamed over the
name (a link in its place is refused, never followed), keeping an existing file's mode; an
append opens with ``O_NOFOLLOW``. A file named outside the repository (``/dev/stdout``, a report
folder the user linked, the runner's step summary) is the user's own place and is written as
named, links and all — but never into a git directory. A file that is mergeready's own (a
shard of ``history --format jsonl`` or ``org run``, which is read back and appended to) is
written aside and renamed, or appended with ``O_NOFOLLOW``, wherever it lies: a link in its
place is refused even in the user's own folder, and ``read_own`` never reads one. Any refusal
is one line: the ``MergereadyError`` names the file and why.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from mergeready.checks import git
from mergeready.checks.errors import MergereadyError
from mergeready.hooks.formats.escape import visible

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def write_file(
    path: str | Path,
    text: str,
    *,
    root: Path | None,
    what: str,
    append: bool = False,
    make_parents: bool = False,
    within: bool = False,
    own: bool = False,
) -> None:
    """Write text (UTF-8) to a file without following a link the contribution could commit.

    Args:
        path: The file, absolute or relative to the current directory.
        text: What to write.
        root: The repository's work tree, or None when no repository is involved.
        what: How messages name the file (``--output``, ``fix``, …).
        append: Append instead of replacing.
        make_parents: Create missing folders inside the repository (one by one).
        within: The file must land inside the repository (``fix``, ``baseline``): a path
            that leaves it (``../x``, a towncrier directory outside the tree) is refused.
        own: The file is mergeready's own (a shard): never written through a link in its
            place, wherever it lies; missing folders are created, outside the repository too.

    Raises:
        MergereadyError: If the file would be written through a link, into ``.git`` or
            outside its folder, or cannot be written.
    """
    target = Path(os.path.abspath(path))
    shown = f"{what} {visible(str(path))}"
    data = text.encode("utf-8", "surrogateescape")
    try:
        if _checked(target, root, shown, make_parents=make_parents, within=within, own=own):
            _guarded(target, data, append, shown)
        else:
            with open(target, "ab" if append else "wb") as handle:  # the user's own place
                handle.write(data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno is not None and exc.errno == getattr(os, "ELOOP", -1):
            reason = "it is a symbolic link"
        raise MergereadyError(f"{shown}: {reason}; name a writable file that is no link") from exc


def _checked(
    target: Path, root: Path | None, shown: str, *, make_parents: bool, within: bool, own: bool
) -> bool:
    """Check the folders on the way; return whether the file is written guarded."""
    if own and make_parents and root is None:
        os.makedirs(target.parent, exist_ok=True)  # the user's own place
    inside = root is not None and _verify_folders(target, root, make_parents, shown, own)
    if within and not inside:
        raise MergereadyError(f"{shown}: outside the repository; mergeready never writes there")
    return inside or own


def _guarded(target: Path, data: bytes, append: bool, shown: str) -> None:
    """Write inside the repository: through the folder's descriptor, never through a link."""
    folder = os.open(target.parent, os.O_RDONLY | _DIRECTORY)
    try:
        if append:
            _append(folder, target.name, data)
        else:
            _replace(folder, target.name, data, shown)
    finally:
        os.close(folder)


def read_own(path: Path, what: str) -> str | None:
    """Read a file mergeready wrote (a shard) as text, never through a link nor from a device.

    Args:
        path: The file.
        what: How messages name the file.

    Returns:
        The text (UTF-8, bad bytes replaced), or None when the file does not exist.

    Raises:
        MergereadyError: If the file is a link, not a regular file, or cannot be read.
    """
    shown = f"{what} {visible(str(path))}"
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno is not None and exc.errno == getattr(os, "ELOOP", -1):
            reason = "it is a symbolic link, which mergeready never reads its own files through"
        raise MergereadyError(f"{shown}: {reason}; name a shard file") from exc
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise MergereadyError(f"{shown}: is not a regular file; name a shard file")
        return handle.read().decode("utf-8", "replace")


def _verify_folders(
    target: Path, root: Path, make_parents: bool, shown: str, own: bool = False
) -> bool:
    """Refuse a path that passes a link inside the repository, or that lands in ``.git``.

    Every folder on the path is looked at with ``lstat``, from ``/`` down: a link in a folder
    inside the repository (where the contribution may have committed it) is refused, one
    outside it (the user's own, such as a checkout reached through a linked home) is followed.
    Returns whether the file lands inside the repository (else it is the user's own place:
    ``/dev/stdout``, a linked reports folder).
    """
    real_root = Path(os.path.realpath(root))
    here = Path(target.anchor)
    for part in target.parts[1:-1]:
        inside = Path(os.path.realpath(here)).is_relative_to(real_root)
        here = here / part
        _verify_folder(here, inside or own, make_parents, real_root, shown, inside)
    folder = Path(os.path.realpath(target.parent))
    inside = folder.is_relative_to(real_root)
    parts = (*folder.relative_to(real_root).parts, target.name) if inside else ()
    if any(p.lower() == ".git" for p in parts):
        raise MergereadyError(f"{shown}: mergeready never writes into .git; name another file")
    _refuse_git_dir(folder, root, shown)
    return inside


def _verify_folder(
    here: Path, creatable: bool, make_parents: bool, real_root: Path, shown: str, inside: bool
) -> None:
    """One folder on the way: a real folder, created when asked, never a link inside."""
    try:
        mode = os.lstat(here).st_mode
    except FileNotFoundError:
        if not (make_parents and creatable):
            raise
        # another process may make it meanwhile (org run's pool, a job array's workers sharing
        # one --out folder): then it is checked as found, never an error
        with contextlib.suppress(FileExistsError):
            os.mkdir(here)
            return
        mode = os.lstat(here).st_mode
    if stat.S_ISLNK(mode) and inside:
        raise MergereadyError(
            f"{shown}: {visible(_shown(here, real_root))} is a symbolic link; "
            "mergeready never writes through a link"
        )
    if not stat.S_ISDIR(os.stat(here).st_mode):
        raise MergereadyError(f"{shown}: {visible(here.name)} is not a folder")


def _shown(path: Path, real_root: Path) -> str:
    """A folder as messages name it: relative to the repository when it is inside."""
    parent = Path(os.path.realpath(path.parent))
    if parent.is_relative_to(real_root):
        return (parent.relative_to(real_root) / path.name).as_posix()
    return str(path)


def _refuse_git_dir(folder: Path, root: Path, shown: str) -> None:
    """Refuse a folder that resolves into the repository's git directory."""
    out = git.run(root, "rev-parse", "--absolute-git-dir", "--git-common-dir", check=False)
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    where = Path(os.path.realpath(folder))
    for name in lines:
        git_dir = Path(os.path.realpath(root / name))
        if where.is_relative_to(git_dir):
            raise MergereadyError(f"{shown}: mergeready never writes into .git; name another file")


def _append(folder: int, name: str, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW
    fd = os.open(name, flags, 0o666, dir_fd=folder)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _replace(folder: int, name: str, data: bytes, shown: str) -> None:
    """Write beside the name and rename over it: a link there is replaced, never followed."""
    mode = None
    with contextlib.suppress(FileNotFoundError):
        st = os.lstat(name, dir_fd=folder)
        if stat.S_ISLNK(st.st_mode):
            raise MergereadyError(
                f"{shown}: is a symbolic link; mergeready never writes through a link"
            )
        if not stat.S_ISREG(st.st_mode):
            raise MergereadyError(f"{shown}: is not a regular file")
        mode = stat.S_IMODE(st.st_mode)
    tmp = f".{name[:100]}.{os.urandom(6).hex()}.mergeready-tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
        os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
        raise
