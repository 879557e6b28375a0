"""The history report as one self-contained HTML page: tables and inline SVG charts, no script."""

from __future__ import annotations

from html import escape
from typing import Any

from mergeready.checks.model import plural

PALETTE = (
    "#1b6ac9",
    "#d1422b",
    "#2e9d4f",
    "#8a4fbf",
    "#d98a00",
    "#00838f",
    "#7a6a00",
    "#c2185b",
    "#455a64",
)
W, H, PAD = 760, 240, 44

CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:860px;color:#1d2329;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem} h2{margin-top:2.2rem;border-bottom:1px solid #dde3e8}
.sub{color:#5b6670;margin-top:0} table{border-collapse:collapse;width:100%;margin:.6rem 0}
th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #e8ecef}
td.n{text-align:right;font-variant-numeric:tabular-nums} .bad{color:#b3261e}
.good{color:#1e7d3a} svg{display:block;margin:.8rem 0} .legend span{margin-right:1rem}
.dot{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em}
code{font-size:.9em}
"""


def _legend(names: list[str]) -> str:
    items = "".join(
        f'<span><i class="dot" style="background:{PALETTE[n % len(PALETTE)]}"></i>'
        f"{escape(name)}</span>"
        for n, name in enumerate(names)
    )
    return f'<p class="legend">{items}</p>'


def _x(i: int, count: int) -> float:
    return PAD + (W - 2 * PAD) * (i + 0.5) / max(count, 1)


def _axes(months: list[str], top: str) -> str:
    parts = [
        f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - PAD}" y2="{H - PAD}" stroke="#9aa5ae"/>',
        f'<line x1="{PAD}" y1="{PAD / 2}" x2="{PAD}" y2="{H - PAD}" stroke="#9aa5ae"/>',
        f'<text x="{PAD - 6}" y="{PAD / 2 + 4}" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="{PAD - 6}" y="{H - PAD + 4}" text-anchor="end" font-size="11">0</text>',
    ]
    step = max(1, len(months) // 12)
    for i, month in enumerate(months):
        if i % step == 0:
            parts.append(
                f'<text x="{_x(i, len(months)):.1f}" y="{H - PAD + 16}" '
                f'text-anchor="middle" font-size="11">{escape(month)}</text>'
            )
    return "".join(parts)


def _counts_chart(summary: dict[str, Any]) -> str:
    months = [m["month"] for m in summary["months"]]
    names = list(summary["types"])
    peak = max([sum(t["count"] for t in m["types"].values()) for m in summary["months"]] or [1])
    band = (W - 2 * PAD) / max(len(months), 1) * 0.7
    bars = []
    for i, m in enumerate(summary["months"]):
        y = H - PAD
        for n, name in enumerate(names):
            count = m["types"].get(name, {}).get("count", 0)
            if count:
                h = (H - 1.5 * PAD) * count / peak
                y -= h
                bars.append(
                    f'<rect x="{_x(i, len(months)) - band / 2:.1f}" y="{y:.1f}" '
                    f'width="{band:.1f}" height="{h:.1f}" '
                    f'fill="{PALETTE[n % len(PALETTE)]}"><title>{escape(m["month"])} '
                    f"{escape(name)}: {count}</title></rect>"
                )
    return (
        f'<svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-label="contributions per type per month">{_axes(months, str(peak))}'
        f"{''.join(bars)}</svg>{_legend(names)}"
    )


def _share_chart(summary: dict[str, Any], type_name: str) -> str:
    months = [m["month"] for m in summary["months"]]
    checks = list(summary["types"][type_name]["checks"])
    lines = []
    for n, check_id in enumerate(checks):
        color = PALETTE[n % len(PALETTE)]
        points = []
        for i, m in enumerate(summary["months"]):
            row = m["types"].get(type_name, {}).get("checks", {}).get(check_id)
            if row and row["share_passing"] is not None:
                y = H - PAD - (H - 1.5 * PAD) * row["share_passing"]
                points.append(f"{_x(i, len(months)):.1f},{y:.1f}")
                lines.append(
                    f'<circle cx="{_x(i, len(months)):.1f}" cy="{y:.1f}" r="3.5" '
                    f'fill="{color}"><title>{escape(m["month"])} {escape(check_id)}: '
                    f"{100 * row['share_passing']:.0f}%</title></circle>"
                )
        if len(points) > 1:
            lines.append(
                f'<polyline fill="none" stroke="{color}" stroke-width="2" '
                f'points="{" ".join(points)}"/>'
            )
    return (
        f'<svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-label="share passing per check per month for {escape(type_name)}">'
        f"{_axes(months, '100%')}{''.join(lines)}</svg>{_legend(checks)}"
    )


def _type_section(summary: dict[str, Any], name: str) -> str:
    data = summary["types"][name]
    rows = []
    for check_id, row in data["checks"].items():
        share = row["share_passing"]
        shown = "–" if share is None else f"{100 * share:.0f}%"
        cls = "" if share is None else ("good" if share >= 0.8 else "bad")
        rows.append(
            f"<tr><td><code>{escape(check_id)}</code></td><td class=n>{row['pass']}</td>"
            f"<td class=n>{row['fail']}</td><td class=n>{row['skip']}</td>"
            f'<td class="n {cls}">{shown}</td></tr>'
        )
    worst = "".join(
        f"<li><code>{escape(w['commit'][:8])}</code> {escape(w['date'])} "
        f"{escape(w['subject'])} — <span class=bad>{escape(', '.join(w['failed']))}"
        "</span></li>"
        for w in data["worst"]
    )
    return (
        f'<h2 id="type-{escape(name)}">{escape(name)} · {plural(data["count"], "contribution")}'
        "</h2>"
        "<table><tr><th>check</th><th>passing</th><th>failing</th><th>skipped</th>"
        f"<th>share passing</th></tr>{''.join(rows)}</table>"
        f"{_share_chart(summary, name) if data['checks'] else ''}"
        + (f"<p>Worst offenders:</p><ul>{worst}</ul>" if worst else "")
    )


def render(summary: dict[str, Any]) -> str:
    """Render a history summary as a self-contained HTML page.

    Args:
        summary: The summary (schema 1).

    Returns:
        The HTML document: inline CSS and SVG, no script, nothing loaded from the network.
    """
    sections = "".join(_type_section(summary, name) for name in summary["types"])
    errors = "".join(
        f"<li><code>{escape(e['commit'][:8])}</code> {escape(e['message'])}</li>"
        for e in summary["errors"]
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        f"<title>mergeready history</title><style>{CSS}</style></head><body>"
        "<h1>How contributions measure up</h1>"
        f'<p class="sub">{summary["contributions"]} contributions, {escape(str(summary["first"]))}'
        f" … {escape(str(summary['last']))} · {escape(summary['range'])}</p>"
        f"<h2>Contributions per type per month</h2>{_counts_chart(summary)}{sections}"
        + (f"<h2>Not checked</h2><ul>{errors}</ul>" if errors else "")
        + "</body></html>\n"
    )
