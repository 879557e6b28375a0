"""Errors of one cause, said once: many findings of a code that name the same place elsewhere.

A contribution that writes pytest's collection rules (``conftest.py:42``) discounts every test
it adds, one MR807 each; a reviewer fixes that one line. The text and Markdown reports list the
first such error and count the rest under it, as warnings of one code collapse into one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mergeready.checks.model import Finding, plural
from mergeready.checks.post.statistics import Placed


@dataclass(frozen=True)
class Shown:
    """An error as the report lists it, with the errors of the same cause it stands for."""

    placed: Placed
    more: tuple[Placed, ...] = ()


def one_cause(errors: Sequence[Placed], over: int | None) -> list[Shown]:
    """List errors, each group of more than ``over`` errors of one cause as its first.

    Errors have one cause when they share their code, their hint and their message but for its
    first word (the test or definition it is about), and that message names a place in
    parentheses (``(conftest.py:42)``): the fix is there, not where each error is.

    Args:
        errors: The errors in report order.
        over: Say a cause with more errors than this once; None lists every error.

    Returns:
        The errors to list, in the same order.
    """
    groups: dict[tuple[str, str, str], list[Placed]] = {}
    for p in errors:
        key = _cause(p.finding)
        if key is not None and over is not None:
            groups.setdefault(key, []).append(p)
    out = []
    for p in errors:
        key = _cause(p.finding)
        group = groups.get(key) if key is not None else None
        if group is None or over is None or len(group) <= over:
            out.append(Shown(p))
        elif group[0] is p:
            out.append(Shown(p, tuple(group[1:])))
    return out


def _cause(f: Finding) -> tuple[str, str, str] | None:
    _, _, rest = f.message.partition(" ")
    return (f.code, rest, f.hint or "") if _names_a_place(rest) else None


def _names_a_place(text: str) -> bool:
    """True when the text names ``(path:line)``."""
    for part in text.split("(")[1:]:
        inside, closed, _ = part.partition(")")
        path, colon, line = inside.rpartition(":")
        if closed and colon and path and line.isdigit():
            return True
    return False


def more_line(shown: Shown) -> str:
    """Say how many more errors of one cause the listed one stands for, and where.

    Args:
        shown: A listed error and the errors of its cause.

    Returns:
        For example ``… and 251 more MR807 like it, in 40 files: a.py, b.py, c.py and 37 more;
        --no-cap lists each``, or an empty string.
    """
    if not shown.more:
        return ""
    paths = tuple(dict.fromkeys(p.finding.path for p in shown.more if p.finding.path))
    code = shown.placed.finding.code
    return f"… and {len(shown.more)} more {code} like it{in_files(paths)}; --no-cap lists each"


def in_files(paths: Sequence[str]) -> str:
    """Name the files many findings are in, the first three of them.

    Args:
        paths: The distinct paths, in report order.

    Returns:
        For example ``, in 7 files: a.py, b.py, c.py and 4 more``, or an empty string.
    """
    files = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    return f", in {plural(len(paths), 'file')}: {files}" if paths else ""
