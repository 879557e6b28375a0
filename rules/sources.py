"""The files a policy is built from: read through one recorder, digested for the cache key.

Kept apart from the loader (and free of heavy imports) so that a cache hit can re-read the files
a policy was built from and digest them without parsing any of them.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from mergeready.checks.errors import MergereadyError

SHIPPED = "mergeready:"
"""The prefix of a shipped profile among the files read (``mergeready:default.yaml``)."""
Reader = Callable[[str], "str | None"]


class Recorder:
    """Reads configuration files through one reader and remembers every read, in order."""

    def __init__(self, read: Reader) -> None:
        """Wrap a reader.

        Args:
            read: Reads a file at the trusted revision; None when it does not exist.
        """
        self._read = read
        self.files: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        """Read a file (a shipped profile when the name starts with ``mergeready:``).

        Args:
            name: A path relative to the repository root, or a shipped profile's file.

        Returns:
            Its text, or None when it does not exist.

        Raises:
            MergereadyError: If the file holds a NUL byte.
        """
        if name not in self.files:
            if name.startswith(SHIPPED):
                self.files[name] = shipped_text(name[len(SHIPPED) :])
            else:
                self.files[name] = _text(name, self._read(name))
        return self.files[name]

    @property
    def read(self) -> tuple[tuple[str, str | None], ...]:
        """Every file read so far, with its text."""
        return tuple(self.files.items())


PROSE: Final = (".md", ".markdown", ".rst", ".txt", ".adoc")
"""Suffixes of the prose files the loader reads beside configuration (the changelog)."""


def _text(name: str, text: str | None) -> str | None:
    """A configuration file's text, refused when it holds a NUL byte.

    No tool reads such a file as its configuration, and neither does mergeready: it is an
    error of the run (one line, exit 2), never "absent", so a base whose configuration a
    merged contribution made unreadable cannot silently fall back to the shipped profile.
    A prose file the loader reads (the changelog whose sections it learns) is no configuration:
    its NUL bytes are read as spaces, as the docs readers read a page's.
    """
    if text is not None and "\0" in text and _is_prose(name):
        return text.replace("\0", " ")
    if text is not None and "\0" in text:
        raise MergereadyError(
            f"{name} holds a NUL byte (at character {text.index(chr(0)):,}), so it cannot be "
            "read as configuration; remove the byte"
        )
    return text


def _is_prose(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.lower().endswith(PROSE) or (
        "." not in base and base.isupper()  # CHANGES, NEWS, HISTORY
    )


@functools.lru_cache(maxsize=16)
def shipped_text(filename: str) -> str | None:
    """Read one of the shipped profile files.

    Args:
        filename: Its name (``default.yaml``).

    Returns:
        Its text, or None when no such file ships.
    """
    try:  # the profiles ship beside this module; importlib.resources would cost a cache hit
        return Path(__file__).with_name(filename).read_text("utf-8")
    except OSError:
        pass
    from importlib import resources

    try:
        return resources.files("mergeready.rules").joinpath(filename).read_text("utf-8")
    except (OSError, ModuleNotFoundError):
        return None


def digest_of(read: Sequence[tuple[str, str | None]]) -> str:
    """Digest what a loader read: each file's name and text (or that it was absent).

    Args:
        read: The files, in the order they were read.

    Returns:
        A hex digest.
    """
    digest = hashlib.sha256()
    for name, text in read:
        data = b"\1" + text.encode("utf-8", "surrogateescape") if text is not None else b"\0"
        digest.update(f"{len(name)}:{name}".encode("utf-8", "surrogateescape"))
        digest.update(f"{len(data)}:".encode() + data)
    return digest.hexdigest()


def reread(read: Reader, names: Sequence[str]) -> str:
    """Read the named files again and digest them, as ``digest_of`` digests a loader's reads.

    Args:
        read: Reads a file at the trusted revision.
        names: The files a loader read, in order.

    Returns:
        A hex digest equal to the policy's when every file reads the same.
    """
    recorder = Recorder(read)
    return digest_of([(name, recorder(name)) for name in names])
