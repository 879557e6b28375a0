"""Markdown: the pull request comment and the Actions step summary, with a stable marker."""

from __future__ import annotations

from mergeready.checks.model import Result, plural
from mergeready.hooks.formats.escape import markdown_cell
from mergeready.hooks.formats.wording import describe

MARKER = "<!-- mergeready-report -->"
_ICONS = {"pass": "✅", "fail": "❌", "skip": "⏭️"}


def render(result: Result, *, color: bool = False) -> str:
    """Render the result as Markdown: a verdict, a table per type, findings under details.

    Args:
        result: The result.
        color: Ignored.

    Returns:
        The Markdown text, starting with the marker a workflow can find to update one comment.
    """
    verdict = "✅ Ready to merge" if result.passed else "❌ Not ready to merge"
    out = [
        MARKER,
        f"## mergeready: {verdict}",
        "",
        f"_{markdown_cell(describe(result.span))} · {plural(result.files_changed, 'file')}_",
        "",
    ]
    checks = {c.id: c for c in result.checks}
    if not result.types:
        out.append("No contribution type recognised: nothing is required of this change.")
    for t in result.types:
        out += [
            f"### {t.type}",
            "",
            f"_{markdown_cell('; '.join(map(str, t.evidence)))}_",
            "",
            "| check | status | summary |",
            "| --- | --- | --- |",
        ]
        for check_id in result.by_type[t.type].required:
            c = checks[check_id]
            out.append(
                f"| `{check_id}` | {_ICONS[c.status]} {c.status} | {markdown_cell(c.summary)} |"
            )
        out.append("")
    for c in result.checks:
        if c.findings:
            out += [
                f"<details><summary>{_ICONS[c.status]} {c.id}: "
                f"{plural(len(c.findings), 'finding')}</summary>",
                "",
            ]
            for f in c.findings:
                where = markdown_cell(f.location()) if f.path is not None else c.id
                hint = f"<br>→ {markdown_cell(f.hint)}" if f.hint else ""
                out.append(
                    f"- **{f.code}** {where}: {markdown_cell(f.message)}"
                    f"{' _(warning)_' if f.severity == 'warning' else ''}{hint}"
                )
            out += ["", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"
