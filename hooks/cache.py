"""The result cache's store: signed entries in a private folder, keyed by ``hooks/evaluation.py``.

The cache lives outside the work tree (``$MERGEREADY_CACHE_DIR``, else
``$XDG_CACHE_HOME/mergeready``, else ``~/.cache/mergeready``). It keeps results, the manifest of
each policy request and codespell's parsed dictionaries (``hooks/dictionaries.py``).

Every entry carries an HMAC keyed by a secret that lives outside the cache directory
(``$MERGEREADY_CACHE_KEY``, else a ``0600`` key file in ``$XDG_STATE_HOME/mergeready``, else
``~/.local/state/mergeready``), so a shared cache (``actions/cache``) cannot be used to forge a
pass: an entry whose HMAC does not match, or that does not describe a result, is ignored. The
directories are created ``0700``; a cache directory or key owned by another user, inside a
``.git`` folder, or reached through a symbolic link below the current directory (a link the
contribution committed) turns the cache off with a one-line warning, and a link in place of an
entry's folder is never followed. A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from mergeready.checks.model import Result, result_from_data, result_to_data

_MAGIC = b"mergeready-cache 2\n"
_OPENED: dict[tuple[str, str, str], Cache | None] = {}


def default_dir(environ: Mapping[str, str]) -> Path:
    """Return where the cache lives by default.

    Args:
        environ: The environment.

    Returns:
        The cache directory (it may not exist yet).
    """
    if environ.get("MERGEREADY_CACHE_DIR"):
        return Path(environ["MERGEREADY_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mergeready"


def key_path(environ: Mapping[str, str]) -> Path:
    """Return where the cache's secret key is kept when ``$MERGEREADY_CACHE_KEY`` is not set.

    Args:
        environ: The environment.

    Returns:
        The key file (it may not exist yet).
    """
    base = environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "mergeready" / "cache.key"


@dataclass(frozen=True)
class Cache:
    """An opened cache directory and the secret its entries are signed with."""

    directory: Path
    secret: bytes

    @classmethod
    def open(cls, directory: Path, environ: Mapping[str, str]) -> Cache | None:
        """Open (creating it ``0700``) a cache directory and its key.

        Args:
            directory: The cache directory.
            environ: The environment (``MERGEREADY_CACHE_KEY``, ``XDG_STATE_HOME``).

        Returns:
            The cache, or None when it cannot be used (a warning says why when it is unsafe).
        """
        memo = (str(directory), environ.get("MERGEREADY_CACHE_KEY", ""), str(key_path(environ)))
        if memo not in _OPENED:
            _OPENED[memo] = cls._open(directory, environ)
        return _OPENED[memo]

    @classmethod
    def _open(cls, directory: Path, environ: Mapping[str, str]) -> Cache | None:
        if not _private_dir(directory, "cache directory"):
            return None
        secret = environ.get("MERGEREADY_CACHE_KEY", "").encode()
        if not secret:
            path = key_path(environ)
            if _inside(path, directory):
                _warn(f"the cache key {path} is inside the cache directory; the cache is off")
                return None
            secret = _secret(path) or b""
        return cls(directory, secret) if secret else None

    def load(self, cache_key: str) -> Result | None:
        """Return the cached result for a key, if there is an authentic, well-formed one.

        Args:
            cache_key: The key.

        Returns:
            The result, or None.
        """
        payload = self._get(cache_key, ".json")
        if payload is None:
            return None
        try:
            return result_from_data(json.loads(payload))
        except (ValueError, RecursionError):
            return None

    def store(self, cache_key: str, result: Result) -> None:
        """Save a result under a key, atomically; failures are ignored.

        Args:
            cache_key: The key.
            result: The result.
        """
        self._put(cache_key, ".json", json.dumps(result_to_data(result)).encode("utf-8"))

    def manifest(self, request: str) -> list[str] | None:
        """Return the files the last policy load for a request read.

        Args:
            request: The request's key (``request_key``).

        Returns:
            The file names, in order, or None.
        """
        payload = self._get(request, ".manifest")
        if payload is None:
            return None
        names = payload.decode("utf-8", "surrogateescape").split("\0")
        return names[:-1] if names and names[-1] == "" else None

    def store_manifest(self, request: str, names: Sequence[str]) -> None:
        """Record the files a policy load read.

        Args:
            request: The request's key.
            names: The file names, in order.
        """
        data = "".join(f"{name}\0" for name in names).encode("utf-8", "surrogateescape")
        self._put(request, ".manifest", data)

    def read_bytes(self, name: str, suffix: str) -> bytes | None:
        """Return an authentic entry's payload; a symbolic link in its place is never followed.

        Args:
            name: The entry's name.
            suffix: Its kind (``.dict``).

        Returns:
            The payload, or None (missing, forged, corrupt or a link, with a warning for a link).
        """
        path = self.directory / name[:2] / f"{name}{suffix}"
        with contextlib.suppress(OSError):
            if stat.S_ISLNK(os.lstat(path).st_mode):
                _warn(f"the cache entry {path} is a symbolic link (never followed); rebuilt")
                return None
        return self._get(name, suffix)

    def write_bytes(self, name: str, suffix: str, payload: bytes) -> None:
        """Save a payload under a name, signed and atomically; failures are ignored.

        Args:
            name: The entry's name.
            suffix: Its kind (``.dict``).
            payload: The bytes.
        """
        self._put(name, suffix, payload)

    def _mac(self, name: str, payload: bytes) -> bytes:
        return hmac.new(self.secret, name.encode() + b"\0" + payload, hashlib.sha256).digest()

    def _get(self, cache_key: str, suffix: str) -> bytes | None:
        try:
            raw = (self.directory / cache_key[:2] / f"{cache_key}{suffix}").read_bytes()
        except (OSError, ValueError):
            return None
        mac, payload = raw[len(_MAGIC) : len(_MAGIC) + 32], raw[len(_MAGIC) + 32 :]
        if not raw.startswith(_MAGIC) or not hmac.compare_digest(
            mac, self._mac(cache_key + suffix, payload)
        ):
            return None
        return payload

    def _put(self, cache_key: str, suffix: str, payload: bytes) -> None:
        import tempfile

        folder = self.directory / cache_key[:2]
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return  # a link where the shard's folder belongs: never followed
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + self._mac(cache_key + suffix, payload) + payload)
            os.replace(tmp, folder / f"{cache_key}{suffix}")
        except OSError:
            return


def _private_dir(directory: Path, what: str) -> bool:
    """Create a directory ``0700`` if needed; False (with a warning) when another user owns it."""
    if any(part.lower() == ".git" for part in directory.parts):
        _warn(f"the {what} {directory} is inside a .git folder; the cache is off")
        return False
    linked = _linked_folder(directory)
    if linked is not None:
        _warn(f"the {what} {directory} passes the symbolic link {linked}; the cache is off")
        return False
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(directory)
        owner = st.st_uid
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        _warn(f"the {what} {directory} is a symbolic link (never followed); the cache is off")
        return False
    if hasattr(os, "getuid") and owner != os.getuid():
        _warn(f"the {what} {directory} belongs to another user; the cache is off")
        return False
    return True


def _linked_folder(directory: Path) -> Path | None:
    """The first symbolic link on the directory's path below the current directory, if any.

    A cache named inside the checkout (``--cache-dir .cache``) must not follow a link the
    contribution committed there; above the current directory the path is the user's own.
    """
    here = Path(os.getcwd())
    target = Path(os.path.abspath(directory))
    if not target.is_relative_to(here):
        return None
    for part in target.relative_to(here).parts:
        here = here / part
        with contextlib.suppress(OSError):
            if stat.S_ISLNK(os.lstat(here).st_mode):
                return here
    return None


def _secret(path: Path) -> bytes | None:
    """Read the key file, creating it ``0600`` with a random secret on first use."""
    if not _private_dir(path.parent, "cache key directory"):
        return None
    if not path.exists():
        _publish_secret(path)
    try:
        st = os.lstat(path)
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o077):
            _warn(f"the cache key {path} is not private to this user (chmod 600); cache off")
            return None
        return path.read_bytes().strip() or None
    except OSError:
        return None


def _publish_secret(path: Path) -> None:
    """Create the key file whole: written aside, then linked in place only if none is there.

    Processes started together (``history --jobs``) must never read a key another is still
    writing: an empty read would turn their cache off silently.
    """
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache.key.")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(os.urandom(32).hex())
        os.link(tmp, path)
    except OSError:
        pass  # another process published first (FileExistsError), or it cannot be written
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _inside(path: Path, directory: Path) -> bool:
    try:
        path.resolve().relative_to(directory.resolve())
    except (ValueError, OSError):
        return False
    return True


def _warn(message: str) -> None:
    print(f"mergeready: warning: {message}", file=sys.stderr)
