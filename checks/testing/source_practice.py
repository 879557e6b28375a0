"""Which files besides Python are the project's code, learned from its merged history.

virtualenv's shell activators (``src/virtualenv/activation/fish/activate.fish``) and Pillow's C
core (``src/libImaging/*.c``) are code a test is asked for, though no ``*.py`` glob names
them. The base's last merged changes say so: an extension under a top-level folder that holds
the project's Python modules is code when at least ``SAMPLE`` (3) merged changes touched such files
and at least half of those changed a test with them; a compiled language's files there (C, C++,
Cython declarations, Rust, Fortran…: an extension module's code, tested through Python by
tests that need not change with every edit) count once ``SAMPLE`` merged changes touched them
(Pillow's ``src/libImaging/*.c``: a third of its C changes came with a test). Configuration
at the top (``*.toml``), prose (``*.md``, ``*.rst``, ``*.txt``), tests and changelog fragments
(``<number>.<type>``, or any file in a fragment folder: ``newsfragments/``) never count. A
project that configures ``source:`` pins it: nothing is learned then.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import SOURCE_FILES, first_match

SAMPLE: Final = 3  # merged changes touching an extension before it is judged
HISTORY: Final = 200  # merged changes read
_PROSE: Final = frozenset({"md", "rst", "txt", "markdown", "adoc", "html", "svg", "png"})
_COMPILED: Final = frozenset(
    {"c", "h", "cc", "cpp", "cxx", "hh", "hpp", "hxx", "pxd", "rs", "f", "f90", "cu", "m", "mm"}
)


def project_source(
    contribution: Contribution, source: Sequence[str], tests: Sequence[str]
) -> tuple[str, ...]:
    """The source globs, with the ones the base's merged history shows added.

    Args:
        contribution: The contribution (its base's history is read).
        source: The configured source globs; learning happens only for the default.
        tests: The test globs.

    Returns:
        The globs (``src/**/*.c`` for a learned extension under ``src/``).
    """
    if tuple(source) != SOURCE_FILES:
        return tuple(source)
    return (*source, *(glob for glob, _ in learned_source(contribution, source, tests)))


def learned_source(
    contribution: Contribution, source: Sequence[str], tests: Sequence[str]
) -> tuple[tuple[str, str], ...]:
    """The globs of non-Python code the base's merged history shows, each with its origin.

    Args:
        contribution: The contribution (its base's history is read).
        source: The configured source globs; nothing is learned unless they are the default.
        tests: The test globs.

    Returns:
        ``(glob, origin)`` pairs: ``("src/**/*.c", "learned from 63 of the last 200 merged
        changes @ 1a2b3c4d5e (18 with a test)")``.
    """
    if tuple(source) != SOURCE_FILES:
        return ()
    found: tuple[tuple[str, str], ...] = contribution.once(
        "project-source", lambda: _learn(contribution, source, tests)
    )
    return found


def _learn(
    contribution: Contribution, source: Sequence[str], tests: Sequence[str]
) -> tuple[tuple[str, str], ...]:
    changes = [paths for paths, _ in contribution.recent_history(HISTORY, commits=True)]
    code = [p for paths in changes for p in paths if first_match(p, source)]
    known: dict[str, bool] = {}  # the same files come back in many changes: match each once

    def is_test(path: str) -> bool:
        if path not in known:
            known[path] = first_match(path, tests) is not None
        return known[path]

    homes = {p.split("/", 1)[0] for p in code if "/" in p and not is_test(p)}
    touched: dict[str, int] = {}
    tested: dict[str, int] = {}
    for paths in changes:
        with_test = any(is_test(p) for p in paths)
        kinds = set()
        for p in paths:
            name = p.rsplit("/", 1)[-1]
            if "/" not in p or p.split("/", 1)[0] not in homes or "." not in name.lstrip("."):
                continue
            ext = name.rsplit(".", 1)[-1].lower()
            if not ext.isalnum() or ext in _PROSE or first_match(p, source) or is_test(p):
                continue
            if _fragment(p):
                continue  # twisted's src/twisted/newsfragments/12219.misc is a changelog entry
            kinds.add((p.split("/", 1)[0], ext))
        for kind in kinds:
            key = f"{kind[0]}/**/*.{kind[1]}"
            touched[key] = touched.get(key, 0) + 1
            tested[key] = tested.get(key, 0) + with_test
    rev = (contribution.trusted_rev or "")[:10]
    return tuple(
        (
            k,
            f"learned from {n} of the last {len(changes)} merged changes @ {rev}"
            f" ({tested[k]} with a test)",
        )
        for k, n in sorted(touched.items())
        if n >= SAMPLE and (tested[k] * 2 >= n or k.rsplit(".", 1)[-1] in _COMPILED)
    )


_FRAGMENT_FOLDERS: Final = frozenset(
    {"newsfragments", "newsfragment", "changelog.d", "changelog", "changes", "news", "unreleased"}
)


def _fragment(path: str) -> bool:
    """True for a changelog fragment: a folder of fragments, or a name that is a number (or
    towncrier's ``+orphan``) and a type (``12219.misc``, ``+a1b2.feature``)."""
    *folders, name = path.split("/")
    stem = name.split(".", 1)[0]
    return (
        stem.isdigit()
        or stem.startswith("+")
        or any(f.lower() in _FRAGMENT_FOLDERS for f in folders)
    )
