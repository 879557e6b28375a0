"""The history report as one self-contained HTML page: tables and inline SVG charts, no script."""

from __future__ import annotations

import html
import re
from typing import Any

from mergeready.checks.model import plural
from mergeready.hooks.formats.escape import visible


def escape(text: str) -> str:
    """Return text for the page: control characters shown as escapes, then HTML-escaped.

    Args:
        text: A subject, a name or any text a commit or the configuration carries.

    Returns:
        Text with no raw control character (ESC, BEL) and no live markup.
    """
    return html.escape(visible(text, log_groups=False))


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


def _legend(names: list[str], palette_index: dict[str, int]) -> str:
    items = "".join(
        f'<span><i class="dot" style="background:{PALETTE[palette_index[name] % len(PALETTE)]}">'
        f"</i>{escape(name)}</span>"
        for name in names
    )
    return f'<p class="legend">{items}</p>' if names else ""


def x_at(i: int, count: int) -> float:
    """Return the x of the ``i``-th of ``count`` evenly spread periods.

    Args:
        i: The period's position.
        count: How many periods.

    Returns:
        The x coordinate.
    """
    return PAD + (W - 2 * PAD) * (i + 0.5) / max(count, 1)


def y_at(fraction: float) -> float:
    """Return the y of a fraction (0 at the axis, 1 at the top).

    Args:
        fraction: Between 0 and 1.

    Returns:
        The y coordinate.
    """
    return H - PAD - (H - 1.5 * PAD) * fraction


def periods(summary: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """Pick the period of the charts: months, or ISO weeks when months are too few to show.

    Args:
        summary: The summary (schema 1).

    Returns:
        ``month`` or ``week``, and the periods (each labelled under that key).
    """
    months, weeks = summary["months"], summary.get("weeks", [])
    if len(months) >= 4 or not weeks:  # a range inside one week is one week, not a month
        return "month", months
    return "week", weeks


def _steps(peak: int) -> list[int]:
    """Round y-axis steps from 0 to at least ``peak``: 1, 2 or 5 times a power of ten."""
    candidates = (m * 10**e for e in range(12) for m in (1, 2, 5))
    step = next(c for c in candidates if peak <= 5 * c)
    top = max(step, -(-peak // step) * step)
    return list(range(0, top + 1, step))


def axes(labels: list[str], ticks: list[tuple[float, str]], y_title: str) -> str:
    """Draw a chart's axes, its horizontal grid with tick labels, and the period labels.

    Args:
        labels: One label per period, left to right.
        ticks: ``(fraction, text)`` per grid line.
        y_title: The y axis's title.

    Returns:
        The SVG elements.
    """
    parts = [
        f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - PAD}" y2="{H - PAD}" stroke="#9aa5ae"/>',
        f'<line x1="{PAD}" y1="{PAD / 2}" x2="{PAD}" y2="{H - PAD}" stroke="#9aa5ae"/>',
        f'<text x="12" y="{H / 2}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {H / 2})">{escape(y_title)}</text>',
    ]
    for fraction, text in ticks:
        y = y_at(fraction)
        parts.append(
            f'<line x1="{PAD}" y1="{y:.1f}" x2="{W - PAD}" y2="{y:.1f}" stroke="#eef1f3"/>'
            f'<text x="{PAD - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{text}</text>'
        )
    step = max(1, len(labels) // 12)
    for i, label in enumerate(labels):
        if i % step == 0:
            parts.append(
                f'<text x="{x_at(i, len(labels)):.1f}" y="{H - PAD + 16}" '
                f'text-anchor="middle" font-size="11">{escape(label)}</text>'
            )
    return "".join(parts)


def _counts_chart(summary: dict[str, Any]) -> str:
    unit, rows = periods(summary)
    labels = [r[unit] for r in rows]
    names = list(summary["types"])
    index = {name: n for n, name in enumerate(names)}
    ticks = _steps(max([r.get("contributions", 0) for r in rows] or [1]) or 1)
    top = ticks[-1]
    band = (W - 2 * PAD) / max(len(rows), 1) * 0.7
    bars = []
    for i, r in enumerate(rows):
        y = H - PAD
        for name in names:
            count = r.get("primary", {}).get(name, 0)
            if count:
                h = (H - 1.5 * PAD) * count / top
                y -= h
                bars.append(
                    f'<rect x="{x_at(i, len(rows)) - band / 2:.1f}" y="{y:.1f}" '
                    f'width="{band:.1f}" height="{h:.1f}" '
                    f'fill="{PALETTE[index[name] % len(PALETTE)]}"><title>{escape(r[unit])} '
                    f"{escape(name)}: {count}</title></rect>"
                )
    shown = [n for n in names if any(r.get("primary", {}).get(n) for r in rows)]
    axis = axes(labels, [(t / top, str(t)) for t in ticks], "contributions")
    return (
        f'<svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-label="contributions per {unit}, each once, by primary type">{axis}'
        f"{''.join(bars)}</svg>{_legend(shown, index)}"
    )


def _share_chart(summary: dict[str, Any], type_name: str) -> str:
    unit, rows = periods(summary)
    checks = list(summary["types"][type_name]["checks"])
    index = {c: n for n, c in enumerate(checks)}
    marks, shown = [], []
    for check_id in checks:
        color = PALETTE[index[check_id] % len(PALETTE)]
        points = []
        for i, r in enumerate(rows):
            row = r["types"].get(type_name, {}).get("checks", {}).get(check_id)
            if row and row["share_passing"] is not None:
                points.append((x_at(i, len(rows)), y_at(row["share_passing"]), r[unit], row))
        if not points:
            continue  # never judged (skipped each time): no line, no legend entry
        shown.append(check_id)
        if len(points) > 1:  # gaps (periods without the type) are bridged, not dropped
            line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
            marks.append(
                f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{line}"/>'
            )
        for x, y, label, row in points:
            share = f"{100 * row['share_passing']:.0f}%"
            marks.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}"><title>'
                f"{escape(label)} {escape(check_id)}: {share} of "
                f"{row['pass'] + row['fail']}</title></circle>"
            )
            if len(points) == 1:  # a lone point carries its value, so it reads as data
                marks.append(
                    f'<text x="{x + 7:.1f}" y="{y + 4:.1f}" font-size="11" fill="{color}">'
                    f"{share} ({escape(label)})</text>"
                )
    ticks = [(f / 4, f"{25 * f}%") for f in range(5)]
    return (
        f'<svg viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-label="share passing per check per {unit} for {escape(type_name)}">'
        f"{axes([r[unit] for r in rows], ticks, 'share passing')}{''.join(marks)}</svg>"
        f"{_legend(shown, index)}"
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
    links = summary.get("links")
    worst = "".join(
        f"<li>{_commit(w['commit'], links)} {escape(w['date'])} "
        f"{_subject(w['subject'], links)} — <span class=bad>{escape(', '.join(w['failed']))}"
        "</span></li>"
        for w in data["worst"]
    )
    primary = data.get("primary", data["count"])
    return (
        f'<h2 id="type-{escape(name)}">{escape(name)} · {plural(data["count"], "contribution")}'
        "</h2>"
        f'<p class="sub">{primary} with {escape(name)} as the primary type, '
        f"{data['count'] - primary} touching it as an area</p>"
        "<table><tr><th>check</th><th>passing</th><th>failing</th><th>skipped</th>"
        f"<th>share passing</th></tr>{''.join(rows)}</table>"
        f"{_share_chart(summary, name) if data['checks'] else ''}"
        + (f"<p>Worst offenders:</p><ul>{worst}</ul>" if worst else "")
    )


_PR = re.compile(r"#(\d{1,9})\b")


def _commit(sha: str, links: dict[str, str] | None) -> str:
    code = f"<code>{escape(sha[:8])}</code>"
    if not links:
        return code
    return f'<a href="{escape(links["commit"].format(sha=sha))}">{code}</a>'


def _subject(subject: str, links: dict[str, str] | None) -> str:
    """Escape a subject, linking ``#123`` to the host's pull request when links are known."""
    text = escape(subject)
    if not links:
        return text
    url = links["pull"]
    return _PR.sub(
        lambda m: f'<a href="{escape(url.format(number=m.group(1)))}">{m.group()}</a>', text
    )


def _header(summary: dict[str, Any]) -> str:
    out = []
    config = summary.get("configuration")
    if config:
        out.append(
            f'<p class="sub">profile <code>{escape(str(config["profile"]))}</code> · '
            f"configuration: {escape(str(config['source']))}</p>"
        )
    hint = summary.get("suggested_profile")
    if hint:
        out.append(
            f"<p>A better fit may be profile <code>{escape(hint['profile'])}</code>: "
            f"{escape(hint['why'])}.</p>"
        )
    return "".join(out)


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
        f'<p class="sub">{plural(summary["contributions"], "contribution")}, '
        f"{escape(str(summary['first']))}"
        f" … {escape(str(summary['last']))} · {escape(summary['range'])}</p>"
        f"{_header(summary)}"
        f"<h2>Contributions per {periods(summary)[0]}, each counted once under its primary "
        f"type</h2>{_counts_chart(summary)}{sections}"
        + (f"<h2>Not checked</h2><ul>{errors}</ul>" if errors else "")
        + "</body></html>\n"
    )
