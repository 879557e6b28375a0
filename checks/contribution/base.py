"""What a contribution reads at the trusted revision: configuration, base files, merged history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from mergeready.checks import git
from mergeready.checks.contribution import merged, restored
from mergeready.checks.contribution.merged import Merged
from mergeready.checks.contribution.parsing import parse
from mergeready.checks.contribution.store import MAX_CONFIG, decode, read_disk
from mergeready.checks.contribution.trusted import TrustedLines
from mergeready.checks.errors import MergereadyError

if TYPE_CHECKING:
    import ast


class BaseReads(TrustedLines):
    """The trusted-revision side of ``Contribution`` (the base), read once through its store."""

    base: str | None

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
            return None if data is None or b"\0" in data[:8000] else parse(data)[0]

        tree: ast.Module | None = store.once(f"base-ast:{path}", load)
        return tree

    def config_text(self, path: str) -> str | None:
        """Read a configuration file from the trusted revision (the base when there is one).

        This is the rules loader's reader (``rules.loader.load_policy``); checks never call it:
        they receive every setting in their ``Options``.

        Args:
            path: A path relative to the repository root, without newlines.

        Returns:
            The file's text, or None when it does not exist there.

        Raises:
            MergereadyError: When it is larger than ``MAX_CONFIG`` (and ``--max-file-size``).
        """
        assert self._store is not None
        text, size = self._trusted(path)
        limit = max(self._store.max_size, MAX_CONFIG)  # never skipped for --max-file-size
        if text is None and size > limit:
            rev = self._store.config_rev
            raise MergereadyError(
                f"{path} at {rev[:12] if rev else 'the working tree'} is {size:,} bytes, more "
                f"than the {limit:,} mergeready reads of a configuration file; it is never "
                "skipped: shorten it"
            )
        return text

    def _trusted(self, path: str) -> tuple[str | None, int]:
        """A file at the trusted revision, read once up to ``MAX_CONFIG`` bytes, and its size."""
        assert self._store is not None
        store = self._store

        def load() -> tuple[str | None, int]:
            limit = max(store.max_size, MAX_CONFIG)
            if store.config_rev is None:
                data, size = read_disk(self.root / path, limit)
            else:
                data, size = store.reader.read(f"{store.config_rev}:{path}", limit)
            return (None if data is None else decode(data)), size

        found: tuple[str | None, int] = store.once(f"config:{path}", load)
        return found

    def trusted_text(self, path: str) -> str | None:
        """Read a file the contribution is judged against, as the trusted revision has it.

        For data whose state is decided at the base, as ``base_paths`` decides the changelog
        mechanism: the changelog's sections before the contribution. Never for settings (the
        rules loader reads those). Recorded as ``config_text`` records, so the result cache
        digests what was read.

        Args:
            path: A path relative to the repository root, without newlines.

        Returns:
            The file's text (read up to ``MAX_CONFIG`` bytes whatever ``--max-file-size``
            says), or None when it does not exist there or is larger still.
        """
        return self._trusted(path)[0]

    def trusted_too_large(self, path: str) -> int | None:
        """Tell a trusted file too large to read (``--max-file-size``) from an absent one.

        Args:
            path: A path relative to the repository root, without newlines.

        Returns:
            The file's size when ``trusted_text`` did not read it for its size, else None.
        """
        assert self._store is not None
        store = self._store
        if self.trusted_text(path) is not None:
            return None

        def load() -> int | None:
            if store.config_rev is None:
                _, size = read_disk(self.root / path, 0)  # a size over 0 is never read
            else:
                _, size = store.reader.read(f"{store.config_rev}:{path}", 0)
            return size if size > store.max_size else None

        size: int | None = store.once(f"size:{path}", load)
        return size

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

    def merged(self, limit: int = 100, *, audited: bool = False) -> tuple[Merged, ...]:
        """The trusted revision's last merged contributions, newest first.

        Read along the base's first parents and grouped where a contributor cannot move the
        boundary (``checks/contribution/merged.py``): a merge commit, a subject numbering a pull
        request, a series of one author or one rebase-merge; a contribution of many commits
        counts once and fills one place of the window, so no single contribution can teach the
        history a habit. Up to ``5 * limit`` commits are read.

        Args:
            limit: How many contributions to return at most.
            audited: In an audit with no other trusted revision, read the audited commit's
                history (the audited tree is the trusted one).

        Returns:
            Per contribution: every path it touched, the paths it added, its authors.
        """
        assert self._store is not None
        rev = self._store.config_rev
        if rev is None and audited and self.mode == "all":
            rev = self.head
        if rev is None:
            return ()

        def load() -> tuple[Merged, ...]:
            out = git.run(
                self.root,
                "log",
                "--first-parent",
                "-m",
                "--no-renames",
                f"--format={merged.FORMAT}",
                "--name-status",
                f"-n{5 * limit}",
                rev,
                "--",
                check=False,
            )
            return merged.group(out.decode("utf-8", "surrogateescape"), limit)

        changes: tuple[Merged, ...] = self._store.once(f"merged:{limit}:{rev}", load)
        return changes

    def recent_changes(self, limit: int = 100) -> tuple[frozenset[str], ...]:
        """The files each of the trusted revision's last merged contributions touched (``merged``).

        Args:
            limit: How many contributions to read.

        Returns:
            The changed paths of each contribution, newest first; empty without a trusted
            revision.
        """
        return tuple(change.paths for change in self.merged(limit))

    def recent_history(
        self, limit: int = 100, *, audited: bool = False, commits: bool = False
    ) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """What each of the trusted revision's last merged contributions touched and created.

        Args:
            limit: How many contributions to read (``merged``).
            audited: In an audit with no other trusted revision, read the audited commit's
                history (the audited tree is the trusted one).
            commits: Each commit of those contributions instead: for what changes *together*
                (a test with a module), which a contribution of many commits would blur.

        Returns:
            Per contribution (or commit), newest first: every path it touched, and the paths
            it added.
        """
        found = self.merged(limit, audited=audited)
        if commits:
            return tuple(c for change in found for c in change.commits)
        return tuple((c.paths, c.added) for c in found)

    def base_code_words(self, words: Iterable[str]) -> frozenset[str]:
        """Which of these words the base already uses in its Python code (any case, whole word).

        One ``git grep`` over the trusted revision's ``*.py`` files: an einsum subscript
        (``'abd'``), a metric's abbreviation (``mape``) or ``ord='fro'`` there is the project's
        word, not a contributor's misspelling. Empty without a trusted revision, and in a
        whole-tree audit, whose tree would excuse its own words wherever the base stands
        (``--all`` on a branch asks the trusted revision, not the tree it judges).

        Args:
            words: Words (letters only; at most 100 are asked about).

        Returns:
            The words found, lower-cased.
        """
        assert self._store is not None
        rev = self._store.config_rev
        asked = sorted({w.lower() for w in words if w.isalpha()})[:100]
        if rev is None or not asked or self.is_audit:
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

    def base_python_with(self, texts: Iterable[str]) -> frozenset[str]:
        """The trusted revision's ``*.py`` files that hold one of these lines (one ``git grep -F``).

        Args:
            texts: Lines of text (each stripped and cut to 200 characters; at most 1,000 are
                looked for; empty and multi-line ones are not).

        Returns:
            Their paths; empty without a trusted revision or in a whole-tree audit.
        """
        assert self._store is not None
        rev = self._store.config_rev
        needles = sorted({t.strip()[:200] for t in texts if t.strip() and "\n" not in t})
        if rev is None or self.mode == "all" or not needles:
            return frozenset()
        patterns = [arg for needle in needles[:1000] for arg in ("-e", needle)]

        def load() -> frozenset[str]:
            args = ("grep", "-l", "-z", "-F", "-I", *patterns, rev, "--", "*.py")
            names = git.split_z(git.run(self.root, *args, check=False))
            return frozenset(name.split(":", 1)[1] for name in names if ":" in name)

        found: frozenset[str] = self._store.once("base-grep:" + "\0".join(needles), load)
        return found

    @property
    def trusted_rev(self) -> str | None:
        """The trusted revision (the base) whose configuration and history are read, if any."""
        assert self._store is not None
        return self._store.config_rev

    def restored_revision(self, limit: int = 20) -> str | None:
        """The earlier merged revision every changed file is restored to (a revert or rewind).

        ``git revert`` of the last merges, or "restore master to 623d01d19": each file the
        contribution changes is at head exactly as it was (content, or absence) at one earlier
        commit of the base's first-parent history, the same commit for all. One ``rev-list``
        and one ``cat-file --batch-check`` read it.

        Args:
            limit: How many first-parent commits before the base are looked at.

        Returns:
            The full sha of the newest such commit, or None.
        """
        assert self._store is not None
        rev = self._store.config_rev
        files = self.files
        if rev is None or self.head is None or not files or len(files) > 5000:
            return None
        state = restored.head_state(files)
        if state is None:
            return None
        out = git.run(self.root, "rev-list", "--first-parent", f"-n{limit + 1}", rev, check=False)
        earlier = out.decode("ascii", "replace").split()[1:]
        return restored.restored_at(self.root, earlier, state)
