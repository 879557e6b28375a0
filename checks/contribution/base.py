"""What a contribution reads at the trusted revision: configuration, base files, merged history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from mergeready.checks import git
from mergeready.checks.contribution.head import HeadReads
from mergeready.checks.contribution.parsing import parse
from mergeready.checks.contribution.store import MAX_CONFIG, decode, read_disk
from mergeready.checks.errors import MergereadyError

if TYPE_CHECKING:
    import ast


class BaseReads(HeadReads):
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
        """
        assert self._store is not None
        store = self._store

        def load() -> str | None:
            limit = max(store.max_size, MAX_CONFIG)  # never skipped for --max-file-size
            if store.config_rev is None:
                data, size = read_disk(self.root / path, limit)
            else:
                data, size = store.reader.read(f"{store.config_rev}:{path}", limit)
            if data is None and size > limit:
                where = store.config_rev[:12] if store.config_rev else "the working tree"
                raise MergereadyError(
                    f"{path} at {where} is {size:,} bytes, more than the {limit:,} mergeready "
                    "reads of a configuration file; it is never skipped: shorten it"
                )
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

    def recent_history(
        self, limit: int = 100, *, audited: bool = False
    ) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """What each of the trusted revision's last merged changes touched, and what it created.

        Args:
            limit: How many changes to read, along the base's first parents.
            audited: In an audit with no other trusted revision, read the audited commit's
                history (the audited tree is the trusted one).

        Returns:
            Per change, newest first: every path it touched, and the paths it added.
        """
        assert self._store is not None
        rev = self._store.config_rev
        if rev is None and audited and self.mode == "all":
            rev = self.head
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
        changes = self._store.once(f"history:{limit}:{rev}", load)
        return changes

    def base_code_words(self, words: Iterable[str]) -> frozenset[str]:
        """Which of these words the base already uses in its Python code (any case, whole word).

        One ``git grep`` over the trusted revision's ``*.py`` files: an einsum subscript
        (``'abd'``), a metric's abbreviation (``mape``) or ``ord='fro'`` there is the project's
        word, not a contributor's misspelling. Empty without a trusted revision, and in a
        whole-tree audit, whose tree would excuse its own words wherever the base stands.

        Args:
            words: Words (letters only; at most 100 are asked about).

        Returns:
            The words found, lower-cased.
        """
        assert self._store is not None
        rev = self._store.config_rev
        asked = sorted({w.lower() for w in words if w.isalpha()})[:100]
        if rev is None or not asked or self.mode == "all":
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
