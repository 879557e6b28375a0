"""A baseline of accepted findings, keyed by symbol and content so that moved code stays matched.

``mergeready baseline`` records the findings of a whole-tree audit in
``.mergeready-baseline.json``. Each entry is keyed not by line number but by the finding's code,
the Python definition it is in (``Parser.feed``) and its message, or — outside any definition —
the line's text with every space removed, so reformatting a file or moving a definition keeps
its findings matched (a finding whose file moved matches by the same key under another path).
Identical keys are counted, so a second identical finding is new. In a contribution (not an
audit) the baseline never waives what every contribution must meet anew: a finding with no line
(no test changed for a module, no changelog entry) is never held, and a finding on a line the
contribution adds matches only an entry of its own file (or the file it was renamed from),
never one recorded elsewhere: "moved" matching is for code the base already had.

The baseline is read from the trusted revision (the base), like all configuration: a
contribution that adds entries hides nothing, and is told so (MR030). ``check`` reports only
findings the baseline does not hold, and ``--all`` says how many baselined ones are fixed.
"""

from __future__ import annotations

import ast
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import git_lines
from mergeready.checks.docstrings.sections import MODULE_FINDINGS
from mergeready.checks.model import CheckResult, Finding, Result, TypeVerdict

PATH: Final = ".mergeready-baseline.json"
VERSION: Final = 1
CODES: Final = {
    "MR030": "the contribution adds entries to the baseline, which is read from the base",
}


@dataclass(frozen=True)
class Key:
    """What identifies a finding across reformatting and moves."""

    code: str
    symbol: str
    content: str

    def entry(self, path: str | None) -> dict[str, Any]:
        """Return the baseline file's record of this key.

        Args:
            path: The finding's path, if any.

        Returns:
            JSON-ready data.
        """
        return {"path": path, "code": self.code, "symbol": self.symbol, "content": self.content}


class _Keyer:
    """Computes finding keys, reading each file's lines and definitions once."""

    def __init__(self, contribution: Contribution) -> None:
        self.contribution = contribution
        self.lines: dict[str, list[str]] = {}
        self.spans: dict[str, list[tuple[int, int, str]]] = {}

    def key(self, f: Finding) -> Key:

        if f.line == 1 and f.message.startswith(MODULE_FINDINGS):  # the module's, not line 1's
            mine = " ".join(f.message.split()).encode("utf-8", "surrogateescape")
            return Key(f.code, "<module>", hashlib.sha256(mine).hexdigest()[:20])
        symbol = self._symbol(f.path, f.line) if f.path and f.line else ""
        if symbol:
            content = " ".join(f.message.split())
        else:
            line = self._line(f.path, f.line) if f.path and f.line else ""
            content = " ".join(f.message.split()) + "\0" + "".join(line.split())
        digest = hashlib.sha256(content.encode("utf-8", "surrogateescape")).hexdigest()[:20]
        return Key(f.code, symbol, digest)

    def _line(self, path: str, line: int) -> str:
        if path not in self.lines:
            text = self.contribution.head_text(path)
            self.lines[path] = git_lines(text) if text is not None else []
        lines = self.lines[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def _symbol(self, path: str, line: int) -> str:
        if not path.endswith(".py"):
            return ""
        if path not in self.spans:
            tree = self.contribution.head_python(path)
            self.spans[path] = list(definition_spans(tree)) if tree is not None else []
        inside = [s for s in self.spans[path] if s[0] <= line <= s[1]]
        return max(inside, key=lambda s: s[0])[2] if inside else ""


def definition_spans(tree: ast.Module) -> Iterable[tuple[int, int, str]]:
    """Yield (first line, last line, dotted name) of every definition, decorators included.

    Args:
        tree: A module.

    Yields:
        One triple per class, function and method, outer ones first.
    """
    stack: list[tuple[ast.AST, str]] = [(tree, "")]
    while stack:
        node, prefix = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                yield first, child.end_lineno or child.lineno, name
                stack.append((child, name + "."))


def build(contribution: Contribution, result: Result) -> dict[str, Any]:
    """Record a whole-tree audit's findings as a baseline.

    Args:
        contribution: The audited tree (``--all``).
        result: Its result.

    Returns:
        The baseline file's data, entries sorted so that the file diffs well.
    """
    keyer = _Keyer(contribution)
    entries = [keyer.key(f).entry(f.path) for c in result.checks for f in c.findings]
    entries.sort(key=lambda e: (e["path"] or "", e["code"], e["symbol"], e["content"]))
    return {"version": VERSION, "generated-by": "mergeready baseline", "findings": entries}


def read(text: str | None) -> list[dict[str, Any]] | None:
    """Read a baseline file's entries; None when there is none or it is not a baseline.

    Args:
        text: The file's text at the base, if any.

    Returns:
        The entries, or None.
    """
    if not text:
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return None
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("code"), str)]


def apply(
    contribution: Contribution, result: Result, entries: Sequence[Mapping[str, Any]]
) -> Result:
    """Remove the findings the baseline holds, and count them and the baselined ones now fixed.

    Args:
        contribution: The contribution.
        result: The result after suppressions.
        entries: The baseline's entries (read from the base).

    Returns:
        The result with only new findings; ``baselined`` counts the removed ones and, for a
        whole-tree audit, ``baseline_fixed`` the entries no finding matched.
    """
    exact = Counter(_exact(e) for e in entries)
    moved = Counter(_loose(e) for e in entries)
    keyer = _Keyer(contribution)
    found = [(f, keyer.key(f)) for c in result.checks for f in c.findings]
    held: set[int] = set()
    for n, (f, key) in enumerate(found):  # first where they were: a copy elsewhere is new
        place = _where(contribution, f)
        if place is not None and exact[(place, key)] > 0:
            exact[(place, key)] -= 1
            moved[key] -= 1
            held.add(n)
    for n, (f, key) in enumerate(found):  # then what moved to another file
        if n not in held and _may_move(contribution, f) and moved[key] > 0:
            moved[key] -= 1
            held.add(n)
    matched = len(held)
    checks: list[CheckResult] = []
    n = 0
    for c in result.checks:
        kept = [f for i, f in enumerate(c.findings, start=n) if i not in held]
        n += len(c.findings)
        checks.append(_without(c, kept) if len(kept) != len(c.findings) else c)
    fixed = sum(n for n in moved.values() if n > 0) if contribution.mode == "all" else 0
    if not matched and not fixed:
        return result
    status = {c.id: c.status for c in checks}
    by_type = {
        name: TypeVerdict(v.required, not failed, failed)
        for name, v in result.by_type.items()
        for failed in [tuple(i for i in v.required if status.get(i) == "fail")]
    }
    return replace(
        result, checks=tuple(checks), by_type=by_type, baselined=matched, baseline_fixed=fixed
    )


def _where(contribution: Contribution, f: Finding) -> str | None:
    """The path a finding's baseline entry would have; None when no entry may hold it.

    A contribution's finding with no line is about the contribution itself (no test changed
    for a module, no changelog entry): a requirement every contribution meets anew, never
    waived by an entry an audit recorded. A renamed file's entries are under its old path.
    """
    if contribution.mode == "all":
        return f.path
    if f.path is None or f.line is None:
        return None
    changed = contribution.file(f.path)
    if changed is not None and changed.old_path and changed.touches(f.line):
        return changed.old_path
    return f.path


def _may_move(contribution: Contribution, f: Finding) -> bool:
    """Whether a finding may match an entry recorded under another path (moved code).

    In a contribution only code the base already had may: a line the contribution adds that
    repeats a baselined finding is new code, and its finding is new.
    """
    if f.path is None:
        return False
    if contribution.mode == "all":
        return True
    if f.line is None:
        return False
    changed = contribution.file(f.path)
    return changed is None or not changed.touches(f.line)


def _exact(e: Mapping[str, Any]) -> tuple[str | None, Key]:
    return e.get("path"), _loose(e)


def _loose(e: Mapping[str, Any]) -> Key:
    return Key(str(e.get("code")), str(e.get("symbol") or ""), str(e.get("content") or ""))


def _without(c: CheckResult, kept: list[Finding]) -> CheckResult:
    gone = len(c.findings) - len(kept)
    note = f" ({gone} in the baseline)"
    if c.status == "fail" and not any(f.severity == "error" for f in kept):
        return replace(c, status="pass", summary=f"no new findings{note}", findings=tuple(kept))
    return replace(c, summary=c.summary + note, findings=tuple(kept))


def edited(contribution: Contribution, base: Sequence[Mapping[str, Any]] | None) -> Finding | None:
    """Report a contribution that adds entries to the baseline.

    Args:
        contribution: The contribution.
        base: The baseline's entries at the base, if any.

    Returns:
        An MR030 warning when the baseline at head holds entries the base did not, else None.
    """
    f = contribution.file(PATH)
    if contribution.mode == "all" or f is None or not f.exists:
        return None
    head = read(contribution.text(f)) or []
    added = Counter(_exact(e) for e in head) - Counter(_exact(e) for e in base or [])
    if not added:
        return None
    n = sum(added.values())
    return Finding(
        "MR030",
        "warning",
        f"the contribution adds {n} entr{'ies' if n != 1 else 'y'} to {PATH}; the baseline is "
        "read from the base, so they hide nothing",
        PATH,
        hint="fix the findings instead; a maintainer records a new baseline with "
        "`mergeready baseline`",
    )
