"""Counts of a result's findings, per code and per path prefix (as ``ruff --statistics`` prints).

Pure arithmetic over a ``Result``, so that report formats render the counts without computing
anything themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final

from mergeready.checks.model import Finding, Result
from mergeready.checks.registry import CHECKS

NO_PATH = "(no path)"


@dataclass(frozen=True)
class Statistics:
    """Finding counts: per code (with what the code means) and per path prefix."""

    by_code: tuple[tuple[str, int, str], ...]
    by_prefix: tuple[tuple[str, int], ...]
    total: int


def prefix(path: str | None) -> str:
    """Return the part of a path findings are grouped by: its top folder, or the file at the top.

    Args:
        path: A finding's path, if any.

    Returns:
        ``docs/`` for ``docs/a/b.md``, ``README.md`` for ``README.md``, or ``(no path)``.
    """
    if path is None:
        return NO_PATH
    head, slash, _ = path.partition("/")
    return head + "/" if slash else head


def statistics(result: Result) -> Statistics:
    """Count a result's findings.

    Args:
        result: The result.

    Returns:
        The counts, largest first (ties by code or prefix).
    """
    meaning = _meanings(result)
    found: list[Finding] = [f for c in result.checks for f in c.findings]
    codes = Counter(f.code for f in found)
    prefixes = Counter(prefix(f.path) for f in found)
    return Statistics(
        tuple(
            (code, n, meaning.get(code, ""))
            for code, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        tuple(sorted(prefixes.items(), key=lambda kv: (-kv[1], kv[0]))),
        len(found),
    )


COLLAPSE_OVER = 3  # a code with more warnings than this is one line in a contribution's report


@dataclass(frozen=True)
class Placed:
    """One finding with the id of the check that reported it."""

    check: str
    finding: Finding


@dataclass(frozen=True)
class Collapsed:
    """Many warnings of one code, said once: how many, what the code means, in which files."""

    code: str
    check: str
    count: int
    meaning: str
    paths: tuple[str, ...]  # the distinct paths, in report order


@dataclass(frozen=True)
class Arrangement:
    """A result's findings in the order a reviewer acts on them: errors, then warnings."""

    errors: tuple[Placed, ...]
    warnings: tuple[Placed, ...]
    collapsed: tuple[Collapsed, ...]


def _by_file(placed: list[Placed]) -> tuple[Placed, ...]:
    """Group by file in order of first appearance (a file's findings by line); no path last."""
    first: dict[str | None, int] = {}
    for p in placed:
        first.setdefault(p.finding.path, len(first))
    return tuple(
        sorted(
            placed,
            key=lambda p: (
                p.finding.path is None,
                first[p.finding.path],
                p.finding.line or 0,
                p.finding.column or 0,
            ),
        )
    )


def arrange(result: Result, collapse_over: int | None = COLLAPSE_OVER) -> Arrangement:
    """Order a result's findings for a report: errors first, then warnings, each by file.

    Every error is listed. The warnings of a code that has more than ``collapse_over`` of them
    become one ``Collapsed`` line (a count, the code's meaning and the files).

    Args:
        result: The result.
        collapse_over: Collapse a code with more warnings than this; None lists every one.

    Returns:
        The arrangement.
    """
    placed = [Placed(c.id, f) for c in result.checks for f in c.findings]
    warnings = [p for p in placed if p.finding.severity != "error"]
    collapsed = _collapse(result, warnings, collapse_over)
    many = {c.code for c in collapsed}
    return Arrangement(
        _by_file([p for p in placed if p.finding.severity == "error"]),
        _by_file([p for p in warnings if p.finding.code not in many]),
        collapsed,
    )


def _collapse(result: Result, warnings: list[Placed], over: int | None) -> tuple[Collapsed, ...]:
    """Say each code with more than ``over`` warnings once, most warnings first."""
    if over is None:
        return ()
    groups: dict[str, list[Placed]] = {}
    for p in warnings:
        groups.setdefault(p.finding.code, []).append(p)
    many = sorted(
        (k for k, g in groups.items() if len(g) > over), key=lambda k: (-len(groups[k]), k)
    )
    meaning = _meanings(result) if many else {}
    return tuple(
        Collapsed(
            k,
            groups[k][0].check,
            len(groups[k]),
            meaning.get(k, groups[k][0].finding.message),
            tuple(dict.fromkeys(p.finding.path for p in groups[k] if p.finding.path)),
        )
        for k in many
    )


def _meanings(result: Result) -> dict[str, str]:

    meaning: dict[str, str] = {}
    for c in result.checks:
        spec = CHECKS.get(c.id)
        if spec is not None:
            meaning.update(spec.load().CODES)
    return meaning


STYLE: Final = frozenset({"MR206", "MR401", "MR402", "MR403"})  # wording and form, not substance


@dataclass(frozen=True)
class Lead:
    """One code worth starting with: how many errors, what it means, and where they gather."""

    code: str
    count: int
    meaning: str
    folders: tuple[tuple[str, int], ...]  # the folders with the most, most first


def folder(path: str | None, depth: int = 3) -> str:
    """Return the folder a finding is counted under: its file's folder, at most ``depth`` deep.

    Args:
        path: A finding's path, if any.
        depth: How many folder names to keep.

    Returns:
        ``keras/src/layers/`` for ``keras/src/layers/core/dense.py``, ``./`` for a file at the
        top, or ``(no path)``.
    """
    if path is None:
        return NO_PATH
    parts = path.split("/")[:-1][:depth]
    return "/".join(parts) + "/" if parts else "./"


def start_here(
    result: Result, codes: int = 4, folders: int = 3, per_check: int = 2
) -> tuple[Lead, ...]:
    """Pick the few codes a whole-tree audit should start with, and their folders.

    The codes with the most error findings that are not style (spelling, a docstring
    convention), most first, at most ``per_check`` of one check so that the list shows the
    different kinds of work; for each, the folders that hold most of them.

    Args:
        result: The result.
        codes: How many codes to pick.
        folders: How many folders to name per code.
        per_check: At most this many codes of one check.

    Returns:
        The leads, most findings first (ties by code).
    """
    errors = [
        (c.id, f)
        for c in result.checks
        for f in c.findings
        if f.severity == "error" and f.code not in STYLE
    ]
    top = _pick(errors, codes, per_check)
    meaning = _meanings(result) if top else {}
    out = []
    for code, n in top:
        where = Counter(folder(f.path) for _, f in errors if f.code == code)
        most = tuple(sorted(where.items(), key=lambda kv: (-kv[1], kv[0]))[:folders])
        out.append(Lead(code, n, meaning.get(code, ""), most))
    return tuple(out)


def _pick(errors: list[tuple[str, Finding]], codes: int, per_check: int) -> list[tuple[str, int]]:
    """The codes with the most errors, at most ``per_check`` of one check, ``codes`` in all."""
    per_code = Counter(f.code for _, f in errors)
    check_of = {f.code: check for check, f in errors}
    taken: Counter[str] = Counter()
    top: list[tuple[str, int]] = []
    for code, n in sorted(per_code.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(top) < codes and taken[check_of[code]] < per_check:
            taken[check_of[code]] += 1
            top.append((code, n))
    return top
