"""The aggregate of a history run: per contribution type, per check, per month (JSON schema 1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mergeready.hooks.history import Entry, to_data

SCHEMA_VERSION = 1
WORST = 5


def _tally(entries: Sequence[Entry], type_name: str) -> dict[str, Any]:
    checks: dict[str, dict[str, Any]] = {}
    for e in entries:
        required = dict(e.required).get(type_name, ())
        statuses = dict(e.checks)
        for check_id in required:
            row = checks.setdefault(check_id, {"pass": 0, "fail": 0, "skip": 0})
            row[statuses.get(check_id, "skip")] += 1
    for row in checks.values():
        judged = row["pass"] + row["fail"]
        row["share_passing"] = round(row["pass"] / judged, 4) if judged else None
    return {"count": len(entries), "checks": dict(sorted(checks.items()))}


def _worst(entries: Sequence[Entry], type_name: str) -> list[dict[str, Any]]:
    rows = []
    for e in entries:
        required = set(dict(e.required).get(type_name, ()))
        failed = [c for c in e.failed if c in required]
        if failed:
            rows.append((len(failed), e.date, e.commit, e.subject, failed))
    rows.sort(key=lambda r: r[2])  # deterministic among equals
    rows.sort(key=lambda r: r[1], reverse=True)  # newest first
    rows.sort(key=lambda r: r[0], reverse=True)  # most failed checks first (stable)
    return [{"commit": c, "date": d, "subject": s, "failed": f} for _, d, c, s, f in rows[:WORST]]


def summarize(entries: Sequence[Entry], description: str) -> dict[str, Any]:
    """Aggregate the entries per type, per check and per month.

    Args:
        entries: The evaluated contributions, newest first.
        description: What was walked (for the report's header).

    Returns:
        The history report, schema 1 (documented in the README).
    """
    ok = [e for e in entries if not e.error]
    type_names = sorted({t for e in ok for t in e.types})
    by_type = {
        name: {
            **_tally([e for e in ok if name in e.types], name),
            "worst": _worst([e for e in ok if name in e.types], name),
        }
        for name in type_names
    }
    months = []
    for month in sorted({e.date[:7] for e in ok}):
        inside = [e for e in ok if e.date.startswith(month)]
        months.append(
            {
                "month": month,
                "types": {
                    name: _tally([e for e in inside if name in e.types], name)
                    for name in type_names
                    if any(name in e.types for e in inside)
                },
            }
        )
    dates = sorted(e.date for e in entries)
    return {
        "schema": SCHEMA_VERSION,
        "range": description,
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "contributions": len(ok),
        "errors": [{"commit": e.commit, "message": e.error} for e in entries if e.error],
        "types": by_type,
        "months": months,
        "entries": to_data(entries),
    }
