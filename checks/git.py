"""The only door to git: plain ``git`` subprocesses with ``-z`` output, and one blob reader."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from mergeready.checks.errors import MergereadyError
from mergeready.checks.executables import executable, trusted_path

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
# The only header ``git cat-file --batch`` prints for an object it found; anything else
# (``<name> missing``, ``<name> ambiguous``, where the name may hold spaces) is "not found".
_HEADER = re.compile(rb"([0-9a-f]{40}|[0-9a-f]{64}) ([a-z]{3,6}) ([0-9]{1,15})\n")
NULL_SHA = "0" * 40
# Settings a repository or user could set that would change what a diff says.
_SAFE_CONFIG = (
    "-c",
    "core.quotePath=false",
    "-c",
    "diff.noprefix=false",
    "-c",
    "diff.mnemonicPrefix=false",
    "-c",
    "diff.relative=false",
    "-c",
    "core.fsmonitor=false",
)


def _env(root: Path | None = None, *, avoid: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    # git itself starts tools from PATH (``ssh`` for a fetch, helpers): none from the work tree.
    env["PATH"] = os.pathsep.join(trusted_path(root or avoid))
    index = os.environ.get("GIT_INDEX_FILE", "")
    if root is not None and index:
        own = _own_index(root, os.path.join(os.getcwd(), index))
        if own is not None:
            env["GIT_INDEX_FILE"] = own
    return env


@functools.lru_cache(maxsize=64)
def _own_index(root: Path, index: str) -> str | None:
    """Return ``index`` when it is this repository's own (git's temporary index), else None.

    Under ``git commit -a`` or ``git commit <path>`` git runs the hooks with ``GIT_INDEX_FILE``
    naming a temporary index in the git directory: that index is what is being committed. An
    index anywhere else (an outer repository's, a test's ``/dev/null``) is not this one's.
    """
    probe = subprocess.run(
        [executable(root), "rev-parse", "--absolute-git-dir"],
        cwd=root,
        capture_output=True,
        env=_env(avoid=root),
        check=False,
    )
    git_dir = probe.stdout.decode("utf-8", "surrogateescape").strip()
    path = os.path.realpath(index)
    if probe.returncode != 0 or not git_dir or not os.path.isfile(path):
        return None
    return path if os.path.dirname(path) == os.path.realpath(git_dir) else None


def run(root: Path, *args: str, check: bool = True, stdin: bytes | None = None) -> bytes:
    """Run one git command in ``root`` and return what it printed.

    Args:
        root: The work tree (or any directory inside it).
        *args: The git arguments; refs are always resolved to object names first.
        check: Whether a non-zero exit is an error.
        stdin: Bytes to send to git's standard input.

    Returns:
        The command's standard output.

    Raises:
        MergereadyError: If git is missing, or fails while ``check`` is true.
    """
    try:
        proc = subprocess.run(
            [executable(root), *_SAFE_CONFIG, *args],
            cwd=root,
            input=stdin,
            capture_output=True,
            env=_env(root),
            check=False,
        )
    except FileNotFoundError as exc:
        raise MergereadyError("git is not installed or not on PATH; install git") from exc
    except NotADirectoryError as exc:
        raise MergereadyError(f"{root} is not a directory; name a git work tree") from exc
    if check and proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = err[-1] if err else f"exit {proc.returncode}"
        raise MergereadyError(f"git {args[0]} failed: {detail}")
    return proc.stdout


def toplevel(path: Path) -> Path:
    """Return the root of the work tree that contains ``path``.

    Args:
        path: A directory inside a git work tree.

    Returns:
        The work tree's root directory.

    Raises:
        MergereadyError: If ``path`` is missing, not in a git repository, or in a bare one.
    """
    if not path.is_dir():
        raise MergereadyError(f"{path} is not a directory; run mergeready inside a git work tree")
    return _toplevel(path.resolve())


@functools.lru_cache(maxsize=64)
def _toplevel(path: Path) -> Path:
    """Ask git for the work tree of an absolute path (once per process and path)."""
    probe = subprocess.run(
        [executable(path), "rev-parse", "--is-bare-repository", "--show-toplevel"],
        cwd=path,
        capture_output=True,
        env=_env(avoid=path),
        check=False,
    )
    out = probe.stdout.decode("utf-8", "surrogateescape").splitlines()
    if probe.returncode != 0 or not out:
        if out and out[0] == "true":
            raise MergereadyError(f"{path} is a bare repository; run mergeready in a work tree")
        raise MergereadyError(
            f"{path} is not inside a git repository; run mergeready in a clone of the project"
        )
    if out[0] == "true" or len(out) < 2:
        raise MergereadyError(f"{path} is a bare repository; run mergeready in a work tree")
    return Path(out[1])


def is_revision(ref: str) -> bool:
    """Tell whether text may name a revision: not empty, no option, no control character.

    Args:
        ref: What the user or the event gave as ``--base``/``--head``.

    Returns:
        False for text git could read as an option (a leading ``-``) or that would break a
        line-based protocol (newlines, other control characters); such text names no commit.
    """
    return bool(ref) and not ref.startswith("-") and ref.isprintable()


def fetch(root: Path, remote: str, *args: str, ref: str | None = None) -> None:
    """Fetch from a remote, with options first and the ref never read as an option.

    Args:
        root: The work tree.
        remote: The remote's name.
        *args: Options of ``git fetch`` (written by mergeready, never by a user).
        ref: The revision to fetch, if any; refused unless :func:`is_revision` accepts it.

    Raises:
        MergereadyError: If the ref could be an option.
    """
    if ref is not None and not is_revision(ref):
        raise MergereadyError(f"unknown revision {ref!r}; name an existing branch, tag or commit")
    tail = (remote,) if ref is None else (remote, ref)
    run(root, "fetch", *args, "--end-of-options", *tail, check=False)


def resolve(root: Path, ref: str) -> str | None:
    """Return the commit a ref names, or None when it names none.

    Args:
        root: The work tree.
        ref: A branch, tag, sha or other revision; option-like text is never an option.

    Returns:
        The full commit sha, or None.
    """
    if not is_revision(ref):
        return None
    out = run(
        root,
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{ref}^{{commit}}",
        check=False,
    )
    sha = out.decode("ascii", "replace").strip()
    return sha if len(sha) == 40 else None


def merge_base(root: Path, a: str, b: str) -> str | None:
    """Return the best common ancestor of two commits, or None when they share none.

    Args:
        root: The work tree.
        a: A commit sha.
        b: Another commit sha.

    Returns:
        The merge base's sha, or None.
    """
    sha = run(root, "merge-base", a, b, check=False).decode("ascii", "replace").strip()
    return sha if len(sha) == 40 else None


def is_shallow(root: Path) -> bool:
    """Tell whether the repository is a shallow clone.

    Args:
        root: The work tree.

    Returns:
        True for a shallow clone.
    """
    return run(root, "rev-parse", "--is-shallow-repository").strip() == b"true"


def split_z(data: bytes) -> list[str]:
    """Split NUL-terminated git output into paths, keeping any byte a name may hold.

    Args:
        data: Output of a ``-z`` git command.

    Returns:
        The fields, decoded as UTF-8 with undecodable bytes kept as surrogates.
    """
    return [p.decode("utf-8", "surrogateescape") for p in data.split(b"\0") if p]


class BlobReader:
    """Reads objects through one long-lived ``git cat-file --batch`` process."""

    def __init__(self, root: Path) -> None:
        """Prepare a reader; the process starts on first use.

        Args:
            root: The work tree.
        """
        self._root = root
        self._proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None:
            self._proc = subprocess.Popen(
                [executable(self._root), "cat-file", "--batch"],
                cwd=self._root,
                env=_env(self._root),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            weakref.finalize(self, _stop, self._proc)
        return self._proc

    def read(self, name: str, limit: int) -> tuple[bytes | None, int]:
        """Read one object by name.

        Args:
            name: An object id, or ``<commit>:<path>`` for a path without newlines.
            limit: The largest size to return; a larger object is read past, not kept.

        Returns:
            The content (None when missing or over ``limit``) and the object's size.
        """
        if not name or "\n" in name or "\r" in name:
            return None, 0  # one name per line: a newline would answer for another object
        proc = self._start()
        stdin, stdout = _pipes(proc)
        stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        stdin.flush()
        header = _HEADER.fullmatch(stdout.readline())
        if header is None:
            return None, 0
        size = int(header[3])
        if size > limit:
            _skip(stdout, size + 1)
            return None, size
        data = stdout.read(size)
        stdout.read(1)
        return data, size

    def commit(self, ref: str) -> str | None:
        """Resolve a ref to a commit through the same process (no git started for it).

        Args:
            ref: A branch, tag, sha or other revision; it goes through stdin, never argv.

        Returns:
            The full commit sha, or None when the ref names no commit.
        """
        if not is_revision(ref):
            return None
        proc = self._start()
        stdin, stdout = _pipes(proc)
        stdin.write(f"{ref}^{{commit}}\n".encode("utf-8", "surrogateescape"))
        stdin.flush()
        header = _HEADER.fullmatch(stdout.readline())
        if header is None:
            return None
        _skip(stdout, int(header[3]) + 1)
        sha = header[1].decode("ascii")
        return sha if header[2] == b"commit" and len(sha) == 40 else None

    def close(self) -> None:
        """Stop the git process."""
        if self._proc is not None:
            _stop(self._proc)
            self._proc = None


def object_sizes(root: Path, shas: Sequence[str]) -> dict[str, int]:
    """Return the size of each object, asked of one ``git cat-file --batch-check`` (no content).

    Args:
        root: The work tree.
        shas: Full object names.

    Returns:
        The size by name; a missing object is left out.
    """
    if not shas:
        return {}
    names = "".join(f"{sha}\n" for sha in shas).encode("ascii")
    out = run(root, "cat-file", "--batch-check", stdin=names)
    sizes = {}
    for line in out.splitlines(keepends=True):
        header = _HEADER.fullmatch(line)
        if header is not None:
            sizes[header[1].decode("ascii")] = int(header[3])
    return sizes


def _pipes(proc: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    assert proc.stdin is not None and proc.stdout is not None
    return proc.stdin, proc.stdout


def _skip(stream: IO[bytes], count: int) -> None:
    while count > 0:
        count -= len(stream.read(min(count, 1 << 20)) or b"x" * count)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        if proc.stdin:
            proc.stdin.close()
        proc.wait()


def diff_args(base: str, head: str | None, staged: bool) -> Sequence[str]:
    """Return the revision arguments of ``git diff`` for one kind of contribution.

    Args:
        base: The base sha.
        head: The head sha, or None for the index or the working tree.
        staged: Compare the index (not the working tree) when ``head`` is None.

    Returns:
        The arguments naming the two sides.
    """
    if head is not None:
        return (base, head)
    return ("--cached", base) if staged else (base,)
