"""Markdown: the pull request comment and the Actions step summary, with a stable marker."""

from __future__ import annotations

from urllib.parse import quote

from mergeready.checks.model import CheckResult, Finding, Result, plural
from mergeready.checks.post.statistics import COLLAPSE_OVER, Placed, arrange
from mergeready.hooks.formats.causes import more_line, one_cause
from mergeready.hooks.formats.escape import markdown_cell
from mergeready.hooks.formats.text_format import baseline_line, collapsed_line
from mergeready.hooks.formats.wording import describe, issue_verdict

MARKER = "<!-- mergeready-report -->"
LIMIT = 65536  # GitHub rejects a comment body longer than this (characters)
_ICONS = {"pass": "✅", "fail": "❌", "skip": "⏭️"}


def _counted(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _outcome(c: CheckResult) -> str:
    """Say what a check decided and what it found, never a green tick beside a finding."""
    errors = sum(f.severity == "error" for f in c.findings)
    warnings = len(c.findings) - errors
    word = {"pass": "passed", "fail": "failed", "skip": "skipped"}[c.status]
    icon = "⚠️" if c.status == "pass" and warnings else _ICONS[c.status]
    counts = [_counted(n, w) for n, w in ((errors, "error"), (warnings, "warning")) if n]
    return " ".join([icon, ", ".join([word, *counts])])


def _item(p: Placed, links: str | None, more: str = "") -> str:
    f = p.finding
    hint = f"<br>→ {markdown_cell(f.hint)}" if f.hint else ""
    more = f"<br>{more}" if more else ""  # errors of the same cause (already escaped)
    warning = " _(warning)_" if f.severity == "warning" else ""
    where = _where(f, p.check, links)
    return f"- **{f.code}** {where}: {markdown_cell(f.message)}{warning}{more}{hint}"


def _where(f: Finding, check: str, links: str | None) -> str:
    if f.path is None:
        return check
    text = markdown_cell(f.location())
    if not links:
        return text
    anchor = f"#L{f.line}" if f.line is not None else ""
    return f"[{text}]({links}{quote(f.path, safe='/')}{anchor})"


def render(
    result: Result,
    *,
    color: bool = False,
    links: str | None = None,
    limit: int = LIMIT,
    full_report: str = "run `mergeready check --no-cap` for every finding",
    collapse_over: int | None = COLLAPSE_OVER,
) -> str:
    """Render the result as Markdown: the verdict, the errors, each check once, the warnings.

    Args:
        result: The result.
        color: Ignored.
        links: A URL prefix to which a finding's path and ``#L<line>`` are appended
            (``https://github.com/o/r/blob/<sha>/``), or None for no links.
        limit: At most this many characters; findings past it are left out with a pointer.
        full_report: Where the full report is, for that pointer and after warnings said
            on one line.
        collapse_over: Say a code with more warnings than this on one line; None lists all.

    Returns:
        The Markdown text, starting with the marker a workflow can find to update one comment.
    """
    verdict = "✅ Ready to merge" if result.passed else "❌ Not ready to merge"
    if result.passed and not result.files_changed:
        verdict = "⏭️ Nothing to check"
    if result.span.mode == "issue":
        verdict = ("✅ " if result.passed else "❌ ") + markdown_cell(issue_verdict(result))
    out = [MARKER, f"## mergeready: {verdict}", ""]
    n = result.suppressed
    suppressed = f" · {n} finding{'s' * (n != 1)} suppressed" if n else ""
    if result.baselined or result.baseline_fixed:
        suppressed += f" · {baseline_line(result)}"
    span = markdown_cell(describe(result.span))
    size = "" if result.span.mode == "issue" else f" · {plural(result.files_changed, 'file')}"
    out += [f"_{span}{size}{suppressed}_", ""]
    head_end = len(out)
    if not result.types:
        out.append("No contribution type recognised: nothing is required of this change.")
    for t in result.types:
        out.append(f"- **{t.type}**: _{markdown_cell('; '.join(map(str, t.evidence)))}_")
    if result.checks:
        out += ["", "| check | result | summary | required by |", "| --- | --- | --- | --- |"]
    for c in result.checks:
        by = ", ".join(t.type for t in result.types if c.id in result.by_type[t.type].required)
        out.append(f"| `{c.id}` | {_outcome(c)} | {markdown_cell(c.summary)} | {by} |")
    out.append("")
    arranged = arrange(result, collapse_over)
    shown = one_cause(arranged.errors, collapse_over)
    errors = [_item(e.placed, links, markdown_cell(more_line(e))) for e in shown]
    if errors:
        errors = [f"### {_counted(len(arranged.errors), 'error')}", "", *errors, ""]
    warned = [_item(p, links) for p in arranged.warnings]
    warned += [f"- {markdown_cell(collapsed_line(c))}: {full_report}" for c in arranged.collapsed]
    n = len(arranged.warnings) + sum(c.count for c in arranged.collapsed)
    if warned:
        warned = [f"<details><summary>{_counted(n, 'warning')}</summary>", "", *warned]
        warned += ["", "</details>"]
    head = "\n".join(out[:head_end])
    return _fit(head, [*errors, *out[head_end:], *warned], limit, full_report)


def _fit(head: str, tail: list[str], limit: int, full_report: str) -> str:
    """Join the report, leaving out findings past ``limit`` characters with a pointer."""
    text = "\n".join([head, *tail]).rstrip() + "\n"
    if len(text) <= limit:
        return text
    if len(head) > limit // 2:  # a huge title or summary: cut it, keep the findings
        head = head[: limit // 2] + "…\n"
    budget = limit - len(head) - 400
    kept: list[str] = []
    for line in tail:
        if budget - len(line) - 1 < 0:
            break
        kept.append(line)
        budget -= len(line) + 1
    left = sum(line.startswith("- **MR") for line in tail[len(kept) :])
    if kept.count("</details>") < sum(x.startswith("<details>") for x in kept):
        kept += ["", "</details>"]
    note = (
        f"**{_counted(left, 'more finding')} not shown** (the report is too long): {full_report}."
    )
    return "\n".join([head, *kept, "", note]).rstrip() + "\n"
