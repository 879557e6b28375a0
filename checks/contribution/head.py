"""What a contribution reads at head: its changed files, their text and trees, any tracked file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mergeready.checks import git
from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution.parsing import parse
from mergeready.checks.contribution.store import (
    MAX_CONFIG,
    NUL_TEXT,
    Store,
    decode,
    read_disk,
)
from mergeready.checks.model import Mode

if TYPE_CHECKING:
    import ast

    from mergeready.checks.python.pycode import PythonView


class HeadReads:
    """The head side of ``Contribution``: every read goes through its store, once."""

    root: Path
    head: str | None
    mode: Mode
    selected: tuple[ChangedFile, ...] | None
    _store: Store | None

    @property
    def files(self) -> tuple[ChangedFile, ...]:
        """The files the contribution adds, changes, renames or deletes (read on first use)."""
        if self.selected is not None:
            return self.selected
        assert self._store is not None
        files: tuple[ChangedFile, ...] = self._store.once("files", self._store.load_files)
        return files

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
        if self._store.seen is not None:
            self._store.seen(f.path)
        return self._store.read(f)

    def config_text_at_head(self, f: ChangedFile) -> tuple[str | None, int]:
        """Return a configuration file's text at head, and its size.

        It is read up to ``MAX_CONFIG`` bytes whatever ``--max-file-size`` says: configuration
        is never skipped for its size.

        Args:
            f: One of the contribution's files (a configuration file).

        Returns:
            The decoded text (None when it is larger than ``MAX_CONFIG`` or deleted), and its
            size in bytes.
        """
        assert self._store is not None
        store = self._store
        if not f.exists or f.kind != "file":
            return None, 0
        if f.blob and f.blob != git.NULL_SHA:
            data, size = store.reader.read(f.blob, MAX_CONFIG)
        else:
            data, size = read_disk(store.root / f.path, MAX_CONFIG)
        return (None if data is None else decode(data)), size

    def text_despite_nul(self, f: ChangedFile) -> str | None:
        """Return the text of a file that ``data`` refused for a planted NUL byte.

        Each NUL is read as a space: a renderer (docutils, MyST) reads the rest of the page all
        the same.

        Args:
            f: One of the contribution's files, whose ``data`` reason is ``NUL_TEXT``.

        Returns:
            The text, or None when the file is not text with a NUL byte.
        """
        assert self._store is not None
        reason = self._store.read(f)[1]
        if not reason.startswith(NUL_TEXT) or "UTF-16" in reason:
            return None
        if f.blob and f.blob != git.NULL_SHA:
            data, _ = self._store.reader.read(f.blob, self._store.max_size)
        else:
            data, _ = read_disk(self._store.root / f.path, self._store.max_size)
        return None if data is None else decode(data.replace(b"\0", b" "))

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
        r"""Parse a Python file at head once, for every check that needs its tree.

        The file is decoded as Python would (its coding cookie honoured) and every line number
        in the tree is git's (lines end at ``\n`` only), so ``f.touches(node.lineno)`` is right
        even when Python breaks lines where git does not (a lone ``\r``, ``+AAo-`` in utf-7).

        Args:
            f: One of the contribution's files.

        Returns:
            The module's tree and an empty string, or None and why it could not be parsed
            (or why its lines cannot be placed on git's).
        """
        assert self._store is not None
        if self._store.seen is not None:
            self._store.seen(f.path)
        trees = self._store.trees
        if f.path not in trees:
            data, reason = self.data(f)
            if data is None:
                trees[f.path] = (None, reason)
            else:
                tree, reason, code, view = parse(data)
                trees[f.path] = (tree, reason)
                self._store.code[f.path] = code
                if view is not None:
                    self._store.views[f.path] = view
        return trees[f.path]

    def python_view(self, f: ChangedFile) -> PythonView | None:
        """Return a Python file as Python reads it, with where its lines are in git's numbering.

        Args:
            f: One of the contribution's files.

        Returns:
            The view (text decoded by its coding cookie, line table), or None when the file
            could not be parsed.
        """
        self.python(f)
        assert self._store is not None
        return self._store.views.get(f.path)

    def head_python(self, path: str) -> ast.Module | None:
        """Parse any Python file at head (a changed one or not), for following a test's helpers.

        Args:
            path: A path relative to the repository root, tracked at head.

        Returns:
            The module's tree, or None when the file is absent, unreadable or does not parse.
        """
        changed = self.file(path)
        if changed is not None:
            return self.python(changed)[0]
        if path not in self.head_paths() or "\n" in path:
            return None
        assert self._store is not None
        store = self._store

        def load() -> ast.Module | None:
            if store.head is None:
                data, _ = read_disk(self.root / path, store.max_size)
            else:
                data, _ = store.reader.read(f"{store.head}:{path}", store.max_size)
            return None if data is None or b"\0" in data[:8000] else parse(data)[0]

        tree: ast.Module | None = store.once(f"head-ast:{path}", load)
        return tree

    def code_lines(self, f: ChangedFile) -> frozenset[int] | None:
        """Return the lines of a Python file that hold code (not comments, docstrings, blanks).

        Args:
            f: One of the contribution's files.

        Returns:
            git's line numbers of the lines holding code, or None when the file could not be
            parsed (see :meth:`python` for why).
        """
        tree, _ = self.python(f)
        assert self._store is not None
        return None if tree is None else self._store.code.get(f.path, frozenset())

    def head_text(self, path: str) -> str | None:
        """Read any file's text at head, changed or not (a link's target, a page's source page).

        Head is the head commit, the index with ``--staged``, or the working tree.

        Args:
            path: A path relative to the repository root.

        Returns:
            The decoded text; None when the file is absent, binary, too large or not a plain
            path inside the repository (absolute, ``..``, a newline).
        """
        changed = self.file(path)
        if changed is not None:
            return self.text(changed)
        if "\n" in path or path.startswith("/") or ".." in path.split("/"):
            return None
        if path not in self.head_paths():
            return None
        assert self._store is not None
        store = self._store

        def load() -> str | None:
            if self.mode in ("commits", "all") and self.head:
                data, _ = store.reader.read(f"{self.head}:{path}", store.max_size)
            elif self.mode == "staged":
                data, _ = store.reader.read(f":{path}", store.max_size)
            else:
                data, _ = read_disk(self.root / path, store.max_size)
            return _text_or_none(data)

        text: str | None = store.once(f"head-text:{path}", load)
        return text

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

    def head_links(self) -> Mapping[str, str]:
        """Every symbolic link tracked at head and where it points (as written, not followed).

        Returns:
            Each link's path and its target.
        """
        assert self._store is not None
        store = self._store

        def load() -> dict[str, str]:
            tree = bool(self.head) and self.mode in ("commits", "all")
            if tree:
                out = git.run(self.root, "ls-tree", "-r", "-z", "--full-tree", str(self.head))
            else:
                out = git.run(self.root, "ls-files", "-z", "--stage")
            links = {}
            for row in git.split_z(out):
                info, _, path = row.partition("\t")
                if info.startswith("120000 "):
                    links[path] = info.split(" ")[2 if tree else 1]
            if self.mode == "worktree":
                links.update({f.path: "" for f in self.files if f.exists and f.kind == "symlink"})
                on_disk = {p: _readlink(self.root / p) for p in links}
                return {p: t for p, t in on_disk.items() if t is not None}
            return {p: _link_text(store.reader.read(sha, 4096)[0]) for p, sha in links.items()}

        links: dict[str, str] = store.once("head-links", load)
        return links


def _readlink(path: Path) -> str | None:
    """A working tree link's target (None when the link was replaced by a file)."""
    try:
        return os.readlink(path)
    except OSError:
        return None


def _link_text(data: bytes | None) -> str:
    return "/" if data is None else data.decode("utf-8", "surrogateescape")


def _text_or_none(data: bytes | None) -> str | None:
    """Decode file content, or None for missing or binary content."""
    if data is None or b"\0" in data[:8000]:
        return None
    return decode(data)
