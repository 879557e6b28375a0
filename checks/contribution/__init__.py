"""The contribution: what a change adds, read once from git, immutable, the checks' only door."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from mergeready.checks import git, gitlog
from mergeready.checks.changes import ChangedFile, Commit
from mergeready.checks.diff import read_files
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Mode, Span
from mergeready.checks.python import parse_memo
from mergeready.checks.python.pycode import UnmappedLines, parse_source
from mergeready.checks.span import commit_span, resolve_span

if TYPE_CHECKING:
    import ast

    from mergeready.checks.python.pycode import PythonView

DEFAULT_MAX_FILE_SIZE = 2_000_000


class _Store:
    """Reads and caches file contents at head; the Contribution's private helper."""

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

    def once(self, name: str, load: Callable[[], Any]) -> Any:
        if name not in self.loaded:
            self.loaded[name] = load()
        return self.loaded[name]

    def read(self, f: ChangedFile) -> tuple[bytes | None, str]:
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
            data, size = _read_disk(self.root / f.path, self.max_size)
        if data is None:
            return None, (
                f"larger than {self.max_size} bytes ({size} bytes)"
                if size > self.max_size
                else "not readable"
            )
        if b"\0" in data[:8000]:  # git's own rule for a binary file
            return None, _binary_reason(data)
        return data, ""


# What ``Contribution.data`` says of a file that holds text but cannot be checked as text.
NUL_TEXT = "holds a NUL byte"


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


def _read_disk(path: Path, limit: int) -> tuple[bytes | None, int]:
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return None, 0
        if st.st_size > limit:
            return None, st.st_size
        return path.read_bytes(), st.st_size
    except OSError:
        return None, 0


def _branch(root: Path, mode: str, head: str | None) -> str | None:
    """Return the branch the contribution is on: the branch ``head`` names, or HEAD's."""
    if mode not in ("commits", "staged", "worktree"):
        return None
    ref = head if head else "HEAD"
    if ref.startswith("-") or "\n" in ref:
        return None
    out = git.run(root, "rev-parse", "--symbolic-full-name", ref, check=False)
    name = out.decode("utf-8", "replace").strip()
    return name[len("refs/heads/") :] if name.startswith("refs/heads/") else None


_Parsed = tuple["ast.Module | None", str, frozenset[int], "PythonView | None"]


def _parse(data: bytes) -> _Parsed:
    """Parse as Python would, in git's line numbers; or say why that cannot be done."""
    return parse_memo.recall(data, _parse_now)  # across contributions, when history keeps them


def _parse_now(data: bytes) -> _Parsed:
    none: frozenset[int] = frozenset()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree, view, code = parse_source(data)
            return tree, "", code, view
    except SyntaxError as exc:
        newer = _newer_syntax(exc)
        if newer:
            running = f"{sys.version_info[0]}.{sys.version_info[1]}"
            return (
                None,
                (
                    f"does not parse under Python {running}: it uses {newer} (line {exc.lineno}); "
                    "run mergeready under Python 3.12 or newer to check it"
                ),
                none,
                None,
            )
        return None, f"does not parse: {exc.msg} (line {exc.lineno})", none, None
    except UnmappedLines as exc:
        return None, f"cannot be read line by line as git numbers lines: {exc}", none, None
    except UnicodeDecodeError as exc:
        return None, f"does not parse: not valid {exc.encoding}", none, None
    except (ValueError, LookupError, RecursionError, MemoryError) as exc:
        return None, f"does not parse: {type(exc).__name__}", none, None


_PEP695 = re.compile(r"\s*(?:type\s+\w+\s*[\[=]|(?:async\s+)?def\s+\w+\s*\[|class\s+\w+\s*\[)")


def _newer_syntax(exc: SyntaxError) -> str:
    """Name the newer Python syntax a parse error comes from, or return an empty string."""
    line = (exc.text or "")[:1000]
    if sys.version_info < (3, 12) and _PEP695.match(line):
        return "Python 3.12 syntax (PEP 695 type parameters or a type alias)"
    if sys.version_info < (3, 12) and (exc.msg or "").startswith("f-string"):
        return "Python 3.12 f-string syntax (PEP 701)"
    return ""


def _text_or_none(data: bytes | None) -> str | None:
    """Decode file content, or None for missing or binary content."""
    if data is None or b"\0" in data[:8000]:
        return None
    return decode(data)


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


@dataclass(frozen=True)
class Contribution:
    """What a contribution changes, its messages and declared metadata; read from git once."""

    root: Path
    base: str | None
    head: str | None
    mode: Mode = "commits"
    selected: tuple[ChangedFile, ...] | None = None
    title: str | None = None
    body: str | None = None
    labels: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    config_rev: str | None = None
    branch: str | None = None
    _store: _Store | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_git(
        cls,
        path: Path | str,
        *,
        base: str | None = None,
        head: str | None = None,
        staged: bool = False,
        all_files: bool = False,
        title: str | None = None,
        body: str | None = None,
        labels: Sequence[str] = (),
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        branch: str | None = None,
    ) -> Contribution:
        """Read a contribution from a git work tree.

        Args:
            path: A directory inside the work tree.
            base: The base ref; None picks the merge-base with the default branch.
            head: The head ref; None means HEAD (or the index / working tree).
            staged: Compare the index with HEAD, as pre-commit does.
            all_files: Treat every tracked file at head as added.
            title: The pull request title, when known.
            body: The pull request body, when known.
            labels: The pull request labels.
            max_file_size: Larger files are reported as skipped, not read.
            branch: The contribution's branch name, when known (a pull request's head ref);
                None asks git for the branch ``head`` names or HEAD is on.

        Returns:
            The contribution.

        Raises:
            MergereadyError: If the repository or a ref cannot be used.
        """
        root = git.toplevel(Path(path))
        if staged and (base or head or all_files):
            raise MergereadyError("--staged compares the index with HEAD; drop --base/--head/--all")
        reader = git.BlobReader(root)
        span = resolve_span(root, base, head, staged, all_files, reader)
        if branch is None:
            branch = _branch(root, span.mode, head)
        contribution = cls._read(root, reader, span, title, body, tuple(labels), max_file_size)
        return replace(contribution, branch=branch)

    @classmethod
    def from_commit(
        cls,
        path: Path | str,
        commit: Commit,
        parent: str,
        *,
        title: str | None = None,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    ) -> Contribution:
        """Read one commit against its parent as a contribution (as ``history`` walks them).

        Args:
            path: A directory inside the work tree.
            commit: The commit, with the message the caller already has.
            parent: The full sha of the parent to compare with (configuration comes from it).
            title: The title (for a merged pull request, its title).
            max_file_size: Larger files are reported as skipped, not read.

        Returns:
            The contribution; no git process is needed to resolve either side.

        Raises:
            MergereadyError: If the repository cannot be used or a sha is not a full sha.
        """
        root = git.toplevel(Path(path))
        span = commit_span(parent, commit.sha)
        reader = git.BlobReader(root)
        return cls._read(root, reader, span, title, None, (), max_file_size, (commit,))  # no branch

    @classmethod
    def _read(
        cls,
        root: Path,
        reader: git.BlobReader,
        span: Span,
        title: str | None,
        body: str | None,
        labels: tuple[str, ...],
        max_file_size: int,
        commits: tuple[Commit, ...] | None = None,
    ) -> Contribution:
        mode, base_sha, head_sha = span.mode, span.base, span.head
        store = _Store(
            reader,
            root,
            head_sha if mode in ("commits", "all") else None,
            span.trusted,
            max_file_size,
        )
        store.load_files = lambda: read_files(root, mode, base_sha, head_sha, max_file_size)
        if commits is not None:
            store.load_commits = lambda: commits
        elif mode == "commits" and base_sha and head_sha:
            store.load_commits = lambda: tuple(
                Commit(s, m) for s, m in gitlog.log_messages(root, base_sha, head_sha)
            )
        return cls(
            root=root,
            base=base_sha,
            head=head_sha,
            mode=mode,
            title=title,
            body=body,
            labels=labels,
            config_rev=span.trusted,
            _store=store,
        )

    @property
    def span(self) -> Span:
        """What this contribution compares, with the number of commits in the range."""
        return Span(self.mode, self.base, self.head, self.config_rev, len(self.commits))

    @property
    def files(self) -> tuple[ChangedFile, ...]:
        """The files the contribution adds, changes, renames or deletes (read on first use)."""
        if self.selected is not None:
            return self.selected
        assert self._store is not None
        files: tuple[ChangedFile, ...] = self._store.once("files", self._store.load_files)
        return files

    @property
    def commits(self) -> tuple[Commit, ...]:
        """The commits in the range, oldest first (read on first use)."""
        assert self._store is not None
        commits: tuple[Commit, ...] = self._store.once("commits", self._store.load_commits)
        return commits

    def with_types(self, types: Iterable[str]) -> Contribution:
        """Return the same contribution, told which types it was classified as.

        Args:
            types: The contribution types.

        Returns:
            A copy carrying the types.
        """
        return replace(self, types=tuple(types))

    @property
    def messages(self) -> tuple[str, ...]:
        """The commit messages in the range, oldest first."""
        return tuple(c.message for c in self.commits)

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
        return self._store.read(f)

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
        trees = self._store.trees
        if f.path not in trees:
            data, reason = self.data(f)
            if data is None:
                trees[f.path] = (None, reason)
            else:
                tree, reason, code, view = _parse(data)
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

    def once(self, key: str, load: Callable[[], Any]) -> Any:
        """Compute a fact about the contribution once per run, for checks that share it.

        Args:
            key: Names the fact and everything it depends on (options included).
            load: Computes it.

        Returns:
            The fact, computed on the first call with this key.
        """
        assert self._store is not None
        return self._store.once(f"derived:{key}", load)

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
                data, _ = _read_disk(self.root / path, store.max_size)
            else:
                data, _ = store.reader.read(f"{store.head}:{path}", store.max_size)
            return None if data is None or b"\0" in data[:8000] else _parse(data)[0]

        tree: ast.Module | None = store.once(f"head-ast:{path}", load)
        return tree

    def base_python(self, path: str) -> ast.Module | None:
        """Parse a Python file as it was at the base, to tell a changed body from a moved one.

        Args:
            path: A path relative to the repository root, as it was at the base.

        Returns:
            The module's tree, or None when there is no base or the file is absent there,
            unreadable or does not parse.
        """
        assert self._store is not None
        store, base = self._store, self.base
        if base is None or self.mode == "all" or "\n" in path:
            return None

        def load() -> ast.Module | None:
            data, _ = store.reader.read(f"{base}:{path}", store.max_size)
            return None if data is None or b"\0" in data[:8000] else _parse(data)[0]

        tree: ast.Module | None = store.once(f"base-ast:{path}", load)
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

    def config_text(self, path: str) -> str | None:
        """Read a configuration file from the trusted revision (the base when there is one).

        This is the rules loader's reader (``rules.loader.load_policy``); checks never call it:
        they receive every setting in their ``Options``.

        Args:
            path: A path relative to the repository root, without newlines.

        Returns:
            The file's text, or None when it does not exist there.
        """
        assert self._store is not None
        store = self._store

        def load() -> str | None:
            if store.config_rev is None:
                data, _ = _read_disk(self.root / path, store.max_size)
            else:
                data, _ = store.reader.read(f"{store.config_rev}:{path}", store.max_size)
            return None if data is None else decode(data)

        text: str | None = store.once(f"config:{path}", load)
        return text

    def trusted_text(self, path: str) -> str | None:
        """Read a file the contribution is judged against, as the trusted revision has it.

        For data whose state is decided at the base, as ``base_paths`` decides the changelog
        mechanism: the changelog's sections before the contribution. Never for settings (the
        rules loader reads those). Recorded as ``config_text`` records, so the result cache
        digests what was read.

        Args:
            path: A path relative to the repository root, without newlines.

        Returns:
            The file's text, or None when it does not exist there.
        """
        return self.config_text(path)

    def config_read(self) -> tuple[str, ...]:
        """Name every file read so far at the trusted revision (``config_text``, ``trusted_text``).

        Returns:
            The paths (the result cache digests exactly these, with their text).
        """
        assert self._store is not None
        return tuple(k[len("config:") :] for k in self._store.loaded if k.startswith("config:"))

    def base_data(self, path: str) -> bytes | None:
        """Read a file's bytes at the diff's base revision (for comparing a file with its past).

        Args:
            path: A path relative to the repository root (a renamed file's ``old_path``).

        Returns:
            The content; None when there is no base, the file is not there, is binary, is
            larger than the size limit, or its name holds a newline.
        """
        assert self._store is not None
        store = self._store
        if self.base is None or "\n" in path:
            return None

        def load() -> bytes | None:
            data, _ = store.reader.read(f"{self.base}:{path}", store.max_size)
            return None if data is None or b"\0" in data[:8000] else data

        data: bytes | None = store.once(f"base-data:{path}", load)
        return data

    def base_text(self, path: str) -> str | None:
        """Read a file's text at the diff's base revision.

        Args:
            path: A path relative to the repository root.

        Returns:
            The decoded text, or None as for ``base_data``.
        """
        data = self.base_data(path)
        return None if data is None else decode(data)

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
                data, _ = _read_disk(self.root / path, store.max_size)
            return _text_or_none(data)

        text: str | None = store.once(f"head-text:{path}", load)
        return text

    @property
    def is_audit(self) -> bool:
        """True for a whole-tree audit (``--all`` without a base): no line is contributed.

        Comments that switch a tool off (``# noqa``, ``codespell:ignore``) are then the
        project's own, not a contributor's, and are honoured.
        """
        return self.mode == "all" and self.config_rev in (None, self.head)

    @property
    def config_source(self) -> str:
        """Where configuration is read from: a short sha, or ``working tree``."""
        return self.config_rev[:12] if self.config_rev else "working tree"

    def base_paths(self) -> frozenset[str]:
        """Every path tracked at the trusted revision (the base), where mechanisms are decided.

        Without a trusted revision (no commit to compare with) these are the paths at head.

        Returns:
            The paths.
        """
        assert self._store is not None
        rev = self._store.config_rev
        if rev is None:
            return self.head_paths()

        def load() -> frozenset[str]:
            out = git.run(self.root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", rev)
            return frozenset(git.split_z(out))

        paths: frozenset[str] = self._store.once("base-paths", load)
        return paths

    def recent_changes(self, limit: int = 100) -> tuple[frozenset[str], ...]:
        """The files each of the trusted revision's last merged contributions touched.

        Read along the first parents of the base, to learn how the project keeps its
        changelog. A merge commit or a squashed pull request is one contribution; so is a
        series rebase-merged at once (consecutive commits of one committer, each committed
        within a minute of the next): a contribution of many commits counts once, so no single
        contribution can teach the history a habit. Empty without a trusted revision.

        Args:
            limit: How many commits to read.

        Returns:
            The changed paths of each contribution, newest first.
        """
        assert self._store is not None
        rev = self._store.config_rev
        if rev is None:
            return ()

        def load() -> tuple[frozenset[str], ...]:
            out = git.run(
                self.root,
                "log",
                "--first-parent",
                "-m",
                "--format=%x00%cE%x1f%ct",
                "--name-only",
                f"-n{limit}",
                rev,
                "--",
                check=False,
            )
            return series_of(out.decode("utf-8", "surrogateescape"))

        changes: tuple[frozenset[str], ...] = self._store.once(f"recent:{limit}", load)
        return changes

    def recent_history(self, limit: int = 100) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """What each of the trusted revision's last merged changes touched, and what it created.

        Args:
            limit: How many changes to read, along the base's first parents.

        Returns:
            Per change, newest first: every path it touched, and the paths it added.
        """
        assert self._store is not None
        rev = self._store.config_rev
        if rev is None:
            return ()

        def load() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
            out = git.run(
                self.root,
                "log",
                "--first-parent",
                "-m",
                "--no-renames",
                "--format=%x00",
                "--name-status",
                f"-n{limit}",
                rev,
                "--",
                check=False,
            )
            changes = []
            for chunk in out.decode("utf-8", "surrogateescape").split("\0")[1:]:
                rows = [line.split("\t", 1) for line in chunk.splitlines() if "\t" in line]
                changes.append(
                    (
                        frozenset(path for _, path in rows),
                        frozenset(path for status, path in rows if status == "A"),
                    )
                )
            return tuple(changes)

        changes: tuple[tuple[frozenset[str], frozenset[str]], ...]
        changes = self._store.once(f"history:{limit}", load)
        return changes

    def base_code_words(self, words: Iterable[str]) -> frozenset[str]:
        """Which of these words the base already uses in its Python code (any case, whole word).

        One ``git grep`` over the trusted revision's ``*.py`` files: an einsum subscript
        (``'abd'``), a metric's abbreviation (``mape``) or ``ord='fro'`` there is the project's
        word, not a contributor's misspelling. Empty without a trusted revision.

        Args:
            words: Words (letters only; at most 100 are asked about).

        Returns:
            The words found, lower-cased.
        """
        assert self._store is not None
        rev = self._store.config_rev
        asked = sorted({w.lower() for w in words if w.isalpha()})[:100]
        if rev is None or not asked:
            return frozenset()
        key = "base-words:" + ",".join(asked)

        def load() -> frozenset[str]:
            patterns = [arg for w in asked for arg in ("-e", w)]
            out = git.run(
                self.root,
                "grep",
                "-o",
                "-h",
                "-i",
                "-w",
                "-F",
                "-I",
                *patterns,
                rev,
                "--",
                "*.py",
                check=False,
            )
            found = {
                line.rsplit(":", 1)[-1].strip().lower()
                for line in out.decode("utf-8", "replace").splitlines()
            }
            return frozenset(found & set(asked))

        found: frozenset[str] = self._store.once(key, load)
        return found

    @property
    def trusted_rev(self) -> str | None:
        """The trusted revision (the base) whose configuration and history are read, if any."""
        assert self._store is not None
        return self._store.config_rev

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

    def fingerprint(self) -> str:
        """Return a digest of everything the checks can see: names, contents, lines, messages.

        Two contributions with the same fingerprint give the same result under the same
        configuration; a changed byte in any changed file changes it.

        Returns:
            A hex digest.
        """
        digest = hashlib.sha256()
        # the configuration's revision too: an audit (``--all``) differs from ``--all --base``
        for value in (
            self.mode,
            self.base,
            self.head,
            self.config_rev,
            self.title,
            self.body,
            self.branch,
            *self.labels,
        ):
            digest.update(f"{value!r}\0".encode("utf-8", "surrogateescape"))
        if self.mode == "commits" and self.selected is None and self._store is not None:
            # Two commits fix the diff and the messages: no need to read either.
            digest.update(str(self._store.max_size).encode())
            return digest.hexdigest()
        for c in self.commits:
            digest.update(f"{c.sha}\0{c.message}\0".encode("utf-8", "surrogateescape"))
        for f in self.files:
            lines = "*" if f.hunks is None else ",".join(f"{a}-{b}" for a, b in f.hunks)
            digest.update(
                f"{f.path}\0{f.status}\0{f.old_path}\0{f.mode}\0{lines}\0".encode(
                    "utf-8", "surrogateescape"
                )
            )
            if f.blob and f.blob != git.NULL_SHA:
                digest.update(f.blob.encode())
            elif f.exists and f.kind == "file":
                data, reason = self.data(f)
                digest.update(hashlib.sha256(data or reason.encode()).digest())
        return digest.hexdigest()

    def close(self) -> None:
        """Stop the git process that reads file contents."""
        if self._store is not None:
            self._store.reader.close()


SERIES_GAP: Final = 60  # seconds between two commits of one committer in one series


def series_of(log: str) -> tuple[frozenset[str], ...]:
    """Group ``git log --format=%x00%cE%x1f%ct --name-only`` output into contributions.

    Args:
        log: The log, newest first: a NUL, the committer's e-mail, a unit separator and the
            commit time, then the commit's paths, one a line.

    Returns:
        The paths of each contribution, newest first; consecutive commits of one committer
        made within ``SERIES_GAP`` seconds of each other are one contribution.
    """
    out: list[set[str]] = []
    last: tuple[str, int] | None = None
    for chunk in log.split("\0")[1:]:
        head, _, rest = chunk.partition("\n")
        who, _, when = head.partition("\x1f")
        stamp = int(when) if when.strip().isdigit() else 0
        paths = {line for line in rest.splitlines() if line.strip()}
        if out and last is not None and last[0] == who and abs(last[1] - stamp) <= SERIES_GAP:
            out[-1] |= paths
        else:
            out.append(paths)
        last = (who, stamp)
    return tuple(frozenset(p) for p in out)
