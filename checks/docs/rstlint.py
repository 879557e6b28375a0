"""The adapter to sphinx-lint: its reST checkers run in-process on one page's text.

sphinx-lint's documented API is its command line; this module uses the two names its package
exports, ``sphinxlint.check_text(filename, text, checkers, options)``, and the checker table
``sphinxlint.checkers.all_checkers`` (name → function with ``enabled`` and ``suffixes``). The
version range is pinned in ``pyproject.toml`` and ``tests/checks/docs/test_docs_valid.py`` covers
this adapter against the installed sphinx-lint, so an upstream change fails the tests, not
users. sphinx-lint reads text only: it imports, includes and runs nothing from the page.

The package's ``__init__`` only re-exports ``check_text`` and reads sphinx-lint's version through
``importlib.metadata``, which costs a third of importing sphinx-lint (about 40 ms, as much as
the rest of docs-valid on a small page); ``_package`` registers the package without running it,
and the two names come from the modules that define them.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Callable, Sequence
from typing import Any, Final

from mergeready.checks.errors import MergereadyError

# Checkers about layout rather than markup that breaks: reported as warnings.
STYLE: Final = frozenset(
    {
        "trailing-whitespace",
        "horizontal-tab",
        "carriage-return",
        "missing-final-newline",
        "unnecessary-parentheses",
        "dangling-hyphen",
        "line-too-long",
    }
)
PARAGRAPH: Final = 2_000
BUDGET: Final = 50_000
WINDOW: Final = 5
PIECE: Final = 30
# Characters Python's str.splitlines breaks on besides \n: blanked so sphinx-lint's line n is
# git's line n.
_BREAKS: Final = {ord(c): " " for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


@functools.lru_cache(maxsize=16)
def checkers(disable: Sequence[str], enable: Sequence[str]) -> tuple[Any, ...]:
    """Return sphinx-lint's reST checkers: those enabled by default, adjusted.

    Args:
        disable: Checker names to leave out.
        enable: Checker names off by default to add (``default-role``, ``line-too-long``).

    Returns:
        The checker functions.

    Raises:
        MergereadyError: If a name is not one of sphinx-lint's checkers.
    """
    _package()
    from sphinxlint.checkers import all_checkers

    unknown = sorted((set(disable) | set(enable)) - set(all_checkers))
    if unknown:
        raise MergereadyError(
            f"checks.docs-valid: {', '.join(unknown)} is not a sphinx-lint checker; known: "
            + ", ".join(sorted(all_checkers))
        )
    return tuple(
        fn
        for name, fn in sorted(all_checkers.items())
        if ".rst" in fn.suffixes and name not in disable and (fn.enabled or name in enable)
    )


def lint(
    text: str, chosen: Sequence[Any], touched: Callable[[int], bool] = lambda n: True
) -> tuple[list[tuple[int, str, str]], list[int]]:
    """Run sphinx-lint's checkers on the paragraphs of a reST page that a contribution touches.

    sphinx-lint's regular expressions take time that grows faster than linearly with a
    paragraph's length, so only touched paragraphs (plus the directive and ``::`` paragraphs
    that give them context) are linted, a paragraph over ``PARAGRAPH`` characters is not, and
    linting stops after ``BUDGET`` characters; the other lines are blanked, keeping line numbers.

    Args:
        text: The page.
        chosen: Checkers from ``checkers``.
        touched: Tells whether a (1-based) line is added or changed.

    Returns:
        ``(line, message, checker name)`` for each problem (git's line numbers), and the first
        line of each touched paragraph that was too large to lint.
    """
    _package()
    from sphinxlint.sphinxlint import check_text
    from sphinxlint.utils import PER_FILE_CACHES

    lines = text.replace("\r\n", "\n").translate(_BREAKS).split("\n")
    kept, breaks, skipped = _select(lines, touched)
    masked: list[str] = []
    origin: list[int] = []  # masked line index -> git's line number
    for n, line in enumerate(lines, start=1):
        if n in breaks:  # a long paragraph linted in pieces: a blank line between them
            masked.append("")
            origin.append(n)
        masked.append(line if n in kept else "")
        origin.append(n)
    try:
        errors = check_text("page.rst", "\n".join(masked), chosen)
    finally:
        for memoized in PER_FILE_CACHES:
            memoized.cache_clear()
    found = [
        (origin[min(max(e.line_no, 1), len(origin)) - 1], e.msg, e.checker_name) for e in errors
    ]
    return found, skipped


def _package() -> None:
    """Register the ``sphinxlint`` package without running its ``__init__`` (see above).

    Whoever imports ``sphinxlint`` later still finds ``check_text``, ``check_file`` and
    ``__version__`` on it (the version read when first asked for).
    """
    if "sphinxlint" in sys.modules:
        return
    spec = importlib.util.find_spec("sphinxlint")
    if spec is None or spec.submodule_search_locations is None:
        return  # not installed: the import that follows says so
    package = importlib.util.module_from_spec(spec)
    sys.modules["sphinxlint"] = package
    try:
        from sphinxlint.sphinxlint import check_file, check_text
    except ImportError:  # another layout: run the package as it is
        del sys.modules["sphinxlint"]
        return
    package.check_text, package.check_file = check_text, check_file  # type: ignore[attr-defined]
    package.__getattr__ = _version  # type: ignore[method-assign]


def _version(name: str) -> str:
    """The module ``__getattr__`` of the registered package: its ``__version__``, on demand."""
    if name != "__version__":
        raise AttributeError(f"module 'sphinxlint' has no attribute {name!r}")
    import importlib.metadata

    return importlib.metadata.version("sphinx_lint")


def _select(
    lines: Sequence[str], touched: Callable[[int], bool]
) -> tuple[set[int], set[int], list[int]]:
    """Choose the lines to lint: touched paragraphs and their context, within the limits.

    A touched paragraph over ``PARAGRAPH`` characters is linted in pieces of at most ``PIECE``
    lines around its touched lines; a piece still too large (a huge line) is skipped.
    Returns the kept lines, the lines before which a piece starts, and the skipped pieces.
    """
    kept: set[int] = set()
    breaks: set[int] = set()
    skipped: list[int] = []
    budget = [BUDGET]

    def keep(numbers: Sequence[int]) -> bool:
        size = sum(len(lines[n - 1]) + 1 for n in numbers)
        if size > PARAGRAPH or size > budget[0]:
            return False
        kept.update(numbers)
        budget[0] -= size
        return True

    for first, last in _paragraphs(lines):
        numbers = range(first, last + 1)
        hits = [n for n in numbers if touched(n)]
        directive = lines[first - 1].lstrip().startswith("..")
        context = directive or lines[last - 1].rstrip().endswith("::")
        if not hits:
            if context and not keep(numbers):
                keep([first] if directive else [last])
            continue
        if keep(numbers):
            continue
        for low, high in _pieces(hits, first, last):
            if keep(range(low, high + 1)):
                breaks.add(low)
            else:
                skipped.append(low)
    return kept, breaks, skipped


def _paragraphs(lines: Sequence[str]) -> list[tuple[int, int]]:
    """The (first, last) 1-based line numbers of each run of non-blank lines."""
    out, start = [], None
    for n, line in enumerate(lines, start=1):
        if line.strip() and start is None:
            start = n
        elif not line.strip() and start is not None:
            out.append((start, n - 1))
            start = None
    if start is not None:
        out.append((start, len(lines)))
    return out


def _pieces(hits: Sequence[int], first: int, last: int) -> list[tuple[int, int]]:
    """Cut a paragraph's touched lines, with ``WINDOW`` lines of context, into pieces."""
    out: list[tuple[int, int]] = []
    for n in hits:
        low, high = max(first, n - WINDOW), min(last, n + WINDOW)
        if out and low <= out[-1][1] + 1 and high - out[-1][0] < PIECE:
            out[-1] = (out[-1][0], high)
        elif out and low <= out[-1][1]:
            out.append((out[-1][1] + 1, high))
        else:
            out.append((low, high))
    return [(low, high) for low, high in out if low <= high]
