"""The organisation report as one self-contained HTML page: tables and inline SVG, no script."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mergeready.checks.model import plural
from mergeready.hooks.formats.history_html import (
    CSS,
    PALETTE,
    H,
    W,
    axes,
    escape,
    x_at,
    y_at,
)

POLICY = "default-src 'none'; style-src 'unsafe-inline'"
"""The page's Content-Security-Policy: it loads nothing, runs nothing."""
WIDE = "table.wide td,table.wide th{padding:.3rem;font-size:13px;white-space:nowrap}"


def _line(rows: Sequence[Mapping[str, Any]], months: list[str], name: str, color: str) -> str:
    """One type's line: its pass rate at each month it has contributions."""
    points = [
        (x_at(months.index(r["month"]), len(months)), y_at(r["pass_rate"]), r)
        for r in rows
        if r["type"] == name
    ]
    marks = [
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}"><title>{escape(r["month"])} '
        f"{escape(name)}: {100 * r['pass_rate']:.0f}% of {r['contributions']}</title></circle>"
        for x, y, r in points
    ]
    if len(points) > 1:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        marks.insert(
            0, f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{line}"/>'
        )
    return "".join(marks)


def _months_chart(rows: Sequence[Mapping[str, Any]]) -> str:
    """One line per type: its pass rate per month across the organisation."""
    months = sorted({r["month"] for r in rows})
    types = sorted({r["type"] for r in rows})
    colors = [PALETTE[n % len(PALETTE)] for n in range(len(types))]
    marks = "".join(_line(rows, months, name, c) for name, c in zip(types, colors))
    legend = "".join(
        f'<span><i class="dot" style="background:{c}"></i>{escape(name)}</span>'
        for name, c in zip(types, colors)
    )
    ticks = [(f / 4, f"{25 * f}%") for f in range(5)]
    return (
        f'<svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-label="pass rate per type per month">{axes(months, ticks, "pass rate")}'
        f'{marks}</svg><p class="legend">{legend}</p>'
    )


def _bars(rows: Sequence[Mapping[str, Any]], color: str, label: str) -> str:
    """Horizontal bars: contributions per check."""
    if not rows:
        return "<p>None.</p>"
    top = max(r["contributions"] for r in rows)
    height = 26 * len(rows) + 10
    bars = []
    for i, r in enumerate(rows):
        width = (W - 380) * r["contributions"] / top
        y = 8 + 26 * i
        bars.append(
            f'<text x="0" y="{y + 14}" font-size="12">{escape(r["check_id"])}</text>'
            f'<rect x="180" y="{y}" width="{width:.1f}" height="18" fill="{color}"/>'
            f'<text x="{186 + width:.1f}" y="{y + 14}" font-size="12">{r["contributions"]} '
            f"({plural(r['repositories'], 'repository', 'repositories')})</text>"
        )
    return (
        f'<svg viewBox="0 0 {W} {height}" width="{W}" height="{height}" role="img" '
        f'aria-label="{escape(label)}">{"".join(bars)}</svg>'
    )


def _table(rows: Sequence[Mapping[str, Any]]) -> str:
    """Repositories by type: each cell the pass rate and the count."""
    types = sorted({r["type"] for r in rows})
    cells: dict[str, dict[str, Mapping[str, Any]]] = {}
    for r in rows:
        cells.setdefault(r["repository"], {})[r["type"]] = r
    head = "".join(f"<th>{escape(t)}</th>" for t in types)
    body = []
    for repo, by_type in cells.items():
        tds = []
        for t in types:
            cell = by_type.get(t)
            if cell is None:
                tds.append("<td class=n>–</td>")
                continue
            cls = "good" if cell["pass_rate"] >= 0.8 else "bad"
            tds.append(
                f'<td class="n {cls}">{100 * cell["pass_rate"]:.0f}% '
                f"<small>of {cell['contributions']}</small></td>"
            )
        body.append(f"<tr><td>{escape(repo)}</td>{''.join(tds)}</tr>")
    return f"<table class=wide><tr><th>repository</th>{head}</tr>{''.join(body)}</table>"


def render(data: Mapping[str, Any]) -> str:
    """Render an organisation report as a self-contained HTML page.

    Args:
        data: What ``org_report.report`` returned.

    Returns:
        The HTML document: inline CSS and SVG, no script, nothing loaded from the network.
    """
    totals = data["totals"]
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        f"<title>mergeready org report</title><style>{CSS}{WIDE}</style>"
        "</head><body>"
        "<h1>How contributions measure up across the organisation</h1>"
        f'<p class="sub">{plural(totals["contributions"], "contribution")} in '
        f"{plural(totals['repositories'], 'repository', 'repositories')}, "
        f"{escape(str(totals['first']))} … "
        f"{escape(str(totals['last']))}</p>"
        "<h2>Pass rate per type and month</h2>"
        f"{_months_chart(data['by_month'])}"
        "<h2>Pass rate per repository and type</h2>"
        f"{_table(data['by_repository'])}"
        "<h2>Most failed required checks</h2>"
        f"{_bars(data['most_failed'], PALETTE[1], 'most failed required checks')}"
        "<h2>Most skipped required checks</h2>"
        f"{_bars(data['most_skipped'], PALETTE[4], 'most skipped required checks')}"
        "</body></html>\n"
    )
