"""The adapter to sphinx-lint: its reST checkers run in-process on one page's text.

sphinx-lint's documented API is its command line; this module uses the two names its package
exports, ``sphinxlint.check_text(filename, text, checkers, options)``, and the checker table
``sphinxlint.checkers.all_checkers`` (name → function with ``enabled`` and ``suffixes``). The
version range is pinned in ``pyproject.toml`` and ``tests/checks/test_docs_valid.py`` covers
this adapter against the installed sphinx-lint, so an upstream change fails the tests, not
users. sphinx-lint reads text only: it imports, includes and runs nothing from the page.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
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


def lint(text: str, chosen: Sequence[Any]) -> list[tuple[int, str, str]]:
    """Run sphinx-lint's checkers on one reST page.

    Args:
        text: The page.
        chosen: Checkers from ``checkers``.

    Returns:
        ``(line, message, checker name)`` for each problem, lines being git's lines.
    """
    import sphinxlint
    from sphinxlint.utils import PER_FILE_CACHES

    text = text.replace("\r\n", "\n").translate(_BREAKS)
    try:
        errors = sphinxlint.check_text("page.rst", text, chosen)
    finally:
        for memoized in PER_FILE_CACHES:
            memoized.cache_clear()
    return [(e.line_no, e.msg, e.checker_name) for e in errors]
