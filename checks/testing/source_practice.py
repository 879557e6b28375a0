"""Which files besides Python are the project's code, learned from its merged history.

virtualenv's shell activators (``src/virtualenv/activation/fish/activate.fish``) and Pillow's C
core (``src/libImaging/*.c``) are code a test is asked for, though no ``*.py`` glob names
them. The base's last merged changes say so: an extension under a top-level folder that holds
the project's Python modules is code when at least ``SAMPLE`` (3) merged changes touched such files
and at least half of those changed a test with them. Configuration at the top (``*.toml``),
prose (``*.md``, ``*.rst``, ``*.txt``) and tests never count. A project that configures
``source:`` pins it: nothing is learned then.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import SOURCE_FILES, first_match

SAMPLE: Final = 3  # merged changes touching an extension before it is judged
HISTORY: Final = 200  # merged changes read
_PROSE: Final = frozenset({"md", "rst", "txt", "markdown", "adoc", "html", "svg", "png"})


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
    found: tuple[str, ...] = contribution.once(
        "project-source", lambda: _learn(contribution, source, tests)
    )
    return (*source, *found)


def _learn(
    contribution: Contribution, source: Sequence[str], tests: Sequence[str]
) -> tuple[str, ...]:
    changes = [paths for paths, _ in contribution.recent_history(HISTORY)]
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
            kinds.add((p.split("/", 1)[0], ext))
        for kind in kinds:
            key = f"{kind[0]}/**/*.{kind[1]}"
            touched[key] = touched.get(key, 0) + 1
            tested[key] = tested.get(key, 0) + with_test
    return tuple(sorted(k for k, n in touched.items() if n >= SAMPLE and tested[k] * 2 >= n))
