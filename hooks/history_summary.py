"""The aggregate of a history run: per contribution type, per check, per month (JSON schema 1)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
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


def _week(date: str) -> str:
    year, week, _ = datetime.date.fromisoformat(date).isocalendar()
    return f"{year}-W{week:02d}"


def _periods(ok: Sequence[Entry], key: Any, type_names: Sequence[str]) -> list[dict[str, Any]]:
    """Tally per period (month or ISO week): each contribution once under its primary type."""
    out = []
    for period in sorted({key(e.date) for e in ok}):
        inside = [e for e in ok if key(e.date) == period]
        out.append(
            {
                "contributions": len(inside),
                "primary": _primary(inside),
                "types": _types(inside, type_names),
                "_period": period,
            }
        )
    return out


def _primary(inside: Sequence[Entry]) -> dict[str, int]:
    """How many contributions of a period have each type as their first (primary) type."""
    primary: dict[str, int] = {}
    for e in inside:
        if e.types:
            primary[e.types[0]] = primary.get(e.types[0], 0) + 1
    return dict(sorted(primary.items()))


def _types(inside: Sequence[Entry], type_names: Sequence[str]) -> dict[str, Any]:
    """The tally of each type a period's contributions have, in the types' order."""
    return {
        name: _tally([e for e in inside if name in e.types], name)
        for name in type_names
        if any(name in e.types for e in inside)
    }


def summarize(
    entries: Sequence[Entry], description: str, context: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Aggregate the entries per type, per check and per month (and per ISO week).

    A contribution's first type is its primary type, the others are the areas it touches: a
    type's ``count`` is the contributions that have it, ``primary`` those whose primary type it
    is, and the per-period ``primary`` counts each contribution once.

    Args:
        entries: The evaluated contributions, newest first.
        description: What was walked (for the report's header).
        context: The configuration used, a suggested profile and host links, if known.

    Returns:
        The history report, schema 1 (documented in the README).
    """
    ok = [e for e in entries if not e.error]
    type_names = sorted({t for e in ok for t in e.types})
    by_type = {
        name: {
            **_tally([e for e in ok if name in e.types], name),
            "primary": sum(bool(e.types) and e.types[0] == name for e in ok),
            "worst": _worst([e for e in ok if name in e.types], name),
        }
        for name in type_names
    }
    months = [{"month": p.pop("_period"), **p} for p in _periods(ok, lambda d: d[:7], type_names)]
    weeks = [{"week": p.pop("_period"), **p} for p in _periods(ok, _week, type_names)]
    dates = sorted(e.date for e in entries)
    data = to_data(entries)
    for item, e in zip(data, entries):
        if not e.error:
            item.update(primary=e.types[0] if e.types else None, areas=list(e.types[1:]))
    return {
        "schema": SCHEMA_VERSION,
        "range": description,
        **dict(context or {}),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "contributions": len(ok),
        "errors": [{"commit": e.commit, "message": e.error} for e in entries if e.error],
        "types": by_type,
        "months": months,
        "weeks": weeks,
        "entries": data,
    }
