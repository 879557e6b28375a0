"""Suppressions that stay visible, applied once after the checks ran.

Two ways to say a finding is accepted, both counted in the report ("3 findings suppressed"):

- a project-level ``ignore:`` in the rules — a list of ``{paths: [glob, …], codes: [MR401, …],
  reason: …}``; no ``paths`` means every path (and findings that have none, as a title's);
- ``mergeready: ignore[MR201] reason`` on the line of a finding, in whatever comment the file
  writes (``# …``, ``<!-- … -->``, ``.. …``). Only mergeready's own marker is read: another
  tool's ``# noqa`` or ``codespell:ignore`` suppresses nothing here.

Both come from the trusted revision's configuration. An inline suppression the contribution adds
is the contributor's own word, so it is honoured only when the base configuration says
``inline-suppressions: true``; otherwise the finding stands and an MR020 warning says the
suppression was not honoured. A suppression on a line the contribution changes counts only where
the base has it on the same code: on the first line of the same definition of a Python file (a
re-signed ``def`` keeps its comment), else on the same line (spaces aside) in the same
definition, and no more times than the base has it there — a marker moved onto other code, or
copied, is an added one. A whole-tree audit (``--all``) of the project's own tree honours what
the tree holds; one configured by another revision (``--base``, or the default branch's tip for
a commit that left it) honours only the markers that revision has on the same code.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from mergeready.checks import lazyre
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import git_lines
from mergeready.checks.model import CheckResult, Finding, Result, TypeVerdict
from mergeready.checks.paths import matches
from mergeready.checks.post.baseline_keys import definition_spans

CODES: Final = {
    "MR020": "an inline suppression the contribution adds is not honoured",
}
# Linear: one bounded character class between fixed text.
MARKER: Final = lazyre.compile(r"mergeready:[ \t]{0,4}ignore\[([A-Za-z0-9, \t]{1,200})\]")


@dataclass(frozen=True)
class IgnoreRule:
    """One project-level ``ignore:`` entry."""

    codes: tuple[str, ...]
    paths: tuple[str, ...] = ()
    reason: str = ""

    def covers(self, finding: Finding) -> bool:
        """Tell whether this rule suppresses a finding.

        Args:
            finding: The finding.

        Returns:
            True when its code is listed and its path matches (any path when none is listed).
        """
        if finding.code not in self.codes:
            return False
        if not self.paths:
            return True
        return finding.path is not None and any(matches(finding.path, g) for g in self.paths)


def ignore_rules(entries: Sequence[Mapping[str, Any]] | None) -> tuple[IgnoreRule, ...]:
    """Build the ignore rules from the policy's (validated) ``ignore:`` list.

    Args:
        entries: The list, or None.

    Returns:
        The rules.
    """
    return tuple(
        IgnoreRule(
            tuple(str(c).upper() for c in e.get("codes") or ()),
            tuple(str(p) for p in e.get("paths") or ()),
            str(e.get("reason") or ""),
        )
        for e in entries or ()
    )


def inline_codes(line: str) -> frozenset[str]:
    """Return the codes a line's ``mergeready: ignore[…]`` marker names.

    Args:
        line: One line of a file.

    Returns:
        The upper-case codes; empty when the line has no marker.
    """
    if "mergeready" not in line:
        return frozenset()
    m = MARKER.search(line[:2000])
    if m is None:
        return frozenset()
    return frozenset(c.strip().upper() for c in m.group(1).split(",") if c.strip())


def apply(
    contribution: Contribution,
    result: Result,
    rules: Sequence[IgnoreRule],
    inline_allowed: bool,
) -> Result:
    """Remove the suppressed findings from a result, count them, and report refused ones.

    A check whose errors are all suppressed passes; the verdict per type follows.

    Args:
        contribution: The contribution the result is for.
        result: The checks' result.
        rules: The project's ignore rules.
        inline_allowed: The base configuration's ``inline-suppressions``.

    Returns:
        The result without the suppressed findings, with ``suppressed`` counting them.
    """
    lines: dict[str, list[str] | None] = {}
    marks: dict[tuple[str, int], frozenset[str]] = {}  # one scan per line, not per finding
    suppressed = 0
    checks = []
    for c in result.checks:
        kept: list[Finding] = []
        for f in c.findings:
            verdict = _verdict(contribution, f, rules, inline_allowed, lines, marks)
            if verdict == "suppressed":
                suppressed += 1
                continue
            kept.append(f)
            if verdict == "refused":
                kept.append(_refused(f))
        checks.append(_rebuilt(c, kept) if len(kept) != len(c.findings) else c)
    if not suppressed and checks == list(result.checks):
        return result
    return replace(
        result,
        checks=tuple(checks),
        by_type=_by_type(result, checks),
        suppressed=result.suppressed + suppressed,
    )


def _by_type(result: Result, checks: Sequence[CheckResult]) -> dict[str, TypeVerdict]:
    """Each type's verdict again, from the checks' statuses once suppressions are out."""
    status = {c.id: c.status for c in checks}
    by_type = {}
    for name, v in result.by_type.items():
        failed = tuple(i for i in v.required if status.get(i) == "fail")
        by_type[name] = TypeVerdict(v.required, not failed, failed)
    return by_type


def _verdict(
    contribution: Contribution,
    f: Finding,
    rules: Sequence[IgnoreRule],
    inline_allowed: bool,
    cache: dict[str, list[str] | None],
    marks: dict[tuple[str, int], frozenset[str]],
) -> str:
    """``suppressed``, ``refused`` (an added inline suppression) or ``kept``."""
    if any(r.covers(f) for r in rules):
        return "suppressed"
    if f.path is None or f.line is None or f.code in CODES:
        return "kept"
    lines = _head_lines(contribution, f.path, cache)
    if lines is None or not _marked(lines, f, marks):
        return "kept"
    return "suppressed" if inline_allowed or _at_the_base(contribution, f, lines) else "refused"


def _marked(lines: list[str], f: Finding, marks: dict[tuple[str, int], frozenset[str]]) -> bool:
    """Whether the finding's line carries an inline marker for its code (a line scanned once)."""
    assert f.path is not None and f.line is not None
    if not 0 < f.line <= len(lines):
        return False
    where = (f.path, f.line)
    if where not in marks:
        marks[where] = inline_codes(lines[f.line - 1])
    return f.code in marks[where]


def _head_lines(
    contribution: Contribution, path: str, cache: dict[str, list[str] | None]
) -> list[str] | None:
    """A file's lines at the head (None when it has none), read once per run of ``apply``."""
    if path not in cache:
        text = contribution.head_text(path)
        cache[path] = git_lines(text) if text is not None else None
    return cache[path]


def _at_the_base(contribution: Contribution, f: Finding, lines: list[str]) -> bool:
    """Tell whether the trusted revision has this marker on the same code.

    The same code is a definition's first line (its dotted name: a re-signed ``def`` keeps its
    marker), else the same line (spaces aside) in the same definition; a marker counts as
    many times as the trusted revision has it there, so one moved to other code or copied is
    an added one.
    """
    assert f.path is not None and f.line is not None
    changed = contribution.file(f.path)
    if contribution.is_audit:
        return True  # the project's own tree audits itself
    if contribution.mode == "all":  # a contribution's tree, configured by another revision
        before, path = contribution.trusted_text(f.path), f.path
    elif changed is None or not changed.touches(f.line):
        return True  # a line the contribution left as the base has it
    else:
        path = changed.old_path or changed.path
        before = contribution.base_text(path)
    if before is None:
        return False
    head_tree = contribution.head_python(f.path) if f.path.endswith(".py") else None
    key = _key(_spans(head_tree), f.line, lines[f.line - 1])
    mine = _keys(lines, _spans(head_tree), f.code)[key]
    theirs = _keys(git_lines(before), _spans(_parse(before, path)), f.code)[key]
    return mine <= theirs


Span = tuple[int, int, str]


def _spans(tree: ast.Module | None) -> list[Span]:
    return list(definition_spans(tree)) if tree is not None else []


def _parse(text: str, path: str) -> ast.Module | None:
    if not path.endswith(".py"):
        return None
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return None


def _key(spans: Sequence[Span], line: int, text: str) -> str:
    """A marker's place: a definition's first line (re-signed, it stays the same place), else
    its line's text (spaces aside) within the innermost definition around it, if any."""
    inside = [s for s in spans if s[0] <= line <= s[1]]
    own = max(inside, key=lambda s: s[0]) if inside else None
    if own is not None and own[0] == line:
        return f"def {own[2]}"
    return f"in {own[2] if own else ''}: " + "".join(text.split())


def _keys(lines: Sequence[str], spans: Sequence[Span], code: str) -> Counter[str]:
    return Counter(
        _key(spans, n, line) for n, line in enumerate(lines, 1) if code in inline_codes(line)
    )


def _refused(f: Finding) -> Finding:
    return Finding(
        "MR020",
        "warning",
        f"the suppression of {f.code} on this line is added by the contribution and is not "
        "honoured (the base configuration does not set inline-suppressions: true)",
        f.path,
        f.line,
        None,
        hint="fix the finding, or ask a maintainer to add an ignore: rule for it",
    )


def _rebuilt(c: CheckResult, kept: list[Finding]) -> CheckResult:
    gone = sum(1 for f in c.findings if f.code not in CODES) - sum(
        1 for f in kept if f.code not in CODES
    )
    note = f" ({gone} suppressed)" if gone else ""
    if c.status == "fail" and not any(f.severity == "error" for f in kept):
        return replace(
            c, status="pass", summary=f"every finding suppressed{note}", findings=tuple(kept)
        )
    return replace(c, summary=c.summary + note, findings=tuple(kept))
