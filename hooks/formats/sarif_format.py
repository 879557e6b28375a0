"""SARIF 2.1.0, as GitHub code scanning ingests it.

Code scanning rejects a whole log when one result has no location, so a finding without a
file (the pull request title, a commit message) is left out of the results and counted in a
run-level notification instead. Paths are relative URIs (percent-encoded, resolved against the
checkout by code scanning: no ``file:///`` root), and every result has its own
``partialFingerprints`` value that survives lines moving.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any, Final
from urllib.parse import quote

from mergeready.checks.issues.registry import ISSUE_CHECKS
from mergeready.checks.model import CheckResult, Finding, Result
from mergeready.checks.registry import CHECKS, ENGINE_CODES
from mergeready.hooks import __version__
from mergeready.hooks.formats.escape import json_text, sarif_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOME: Final = "https://github.com/mergeready/mergeready"
HELP_URI: Final = f"{HOME}#the-checks"
_LEVEL = {"error": "error", "warning": "warning"}


def _markdown(doc: str) -> str:
    """Turn a module docstring's reStructuredText literals into Markdown code spans."""
    return re.sub(r"``([^`\n]{1,200})``", r"`\1`", doc)


def _plain(doc: str) -> str:
    return re.sub(r"``([^`\n]{1,200})``", r"\1", doc)


def _rules() -> list[dict[str, Any]]:
    every = {**CHECKS, **ISSUE_CHECKS}  # an issue report's findings are rules too (IRnnn)
    modules = [(check_id, spec.load()) for check_id, spec in every.items()]
    rules = []
    for check_id, doc, codes in [
        *((i, (m.__doc__ or i).strip(), m.CODES) for i, m in modules),
        ("mergeready", "mergeready: the engine's own findings.", ENGINE_CODES),
    ]:
        for code, description in codes.items():
            rules.append(
                {
                    "id": code,
                    "name": f"{check_id}/{code}",
                    "shortDescription": {"text": description},
                    "fullDescription": {"text": _plain(doc.split("\n\n", 1)[0])},
                    "help": {"text": _plain(doc), "markdown": _markdown(doc)},
                    "helpUri": HELP_URI,
                    "properties": {"check": check_id},
                }
            )
    return rules


def fingerprints(result: Result, context: str = "") -> Iterator[tuple[CheckResult, Finding, str]]:
    """Give each finding a fingerprint that is unique in the result and survives lines moving.

    The key is the code, path and message, plus the finding's occurrence among findings with
    the same key (two identical messages on adjacent lines get two fingerprints), plus
    ``context``; line numbers are left out so an edit above a finding keeps its fingerprint.

    Args:
        result: The result.
        context: Anything else that must tell findings apart (GitLab merges equal ones
            across reports).

    Yields:
        Each check, finding and its fingerprint (a hex digest), in report order.
    """
    seen: dict[str, int] = {}
    for c in result.checks:
        for f in c.findings:
            key = "\0".join((context, f.code, f.path or "", f.message))
            seen[key] = seen.get(key, 0) + 1
            data = f"{key}\0{seen[key]}".encode("utf-8", "surrogateescape")
            yield c, f, hashlib.sha256(data).hexdigest()[:32]


def uri(path: str) -> str:
    """Return a repository path as a relative URI reference.

    Args:
        path: A path relative to the repository root (undecodable bytes as surrogates).

    Returns:
        The percent-encoded URI, ``/`` kept.
    """
    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


def _result(finding: Finding, fingerprint: str, index: dict[str, int]) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": finding.line or 1}
    if finding.column is not None:
        region["startColumn"] = finding.column
    return {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {
            "text": sarif_text(finding.message + (f" — {finding.hint}" if finding.hint else ""))
        },
        "partialFingerprints": {"mergeready/v2": fingerprint},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(finding.path or "")},
                    "region": region,
                }
            }
        ],
    }


MAX_RESULTS: Final = 25_000
"""Results per run: GitHub's code scanning rejects a SARIF run with more."""
MAX_NOTIFICATIONS: Final = 1_000
"""Tool notifications (findings with no file) written; the rest are counted in one more."""


def _left_out(count: int, limit: int, what: str) -> list[dict[str, Any]]:
    """One warning notification saying how many items past a bound were left out, if any."""
    if count <= limit:
        return []
    text = f"{count - limit:,} more {what} left out (at most {limit:,}); see the JSON report"
    return [{"level": "warning", "message": {"text": text}}]


def render(result: Result, *, color: bool = False) -> str:
    """Render the result as a SARIF 2.1.0 log.

    Args:
        result: The result.
        color: Ignored.

    Returns:
        The SARIF JSON text.
    """
    rules = _rules()
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    results, unplaced = [], []
    for _, f, fp in fingerprints(result):
        if f.path is None:
            unplaced.append(f)
        else:
            results.append(_result(f, fp, index))
    notifications = [
        {
            "level": "error" if f.severity == "error" else "warning",
            "message": {
                "text": f"{f.code} {sarif_text(f.message)} (no file location: left out of the "
                "results; see the job log or summary)"
            },
            "descriptor": {"id": f.code},
        }
        for f in unplaced[:MAX_NOTIFICATIONS]
    ]
    notifications += _left_out(len(unplaced), MAX_NOTIFICATIONS, "findings with no file location")
    notifications += _left_out(len(results), MAX_RESULTS, "results")
    results = results[:MAX_RESULTS]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mergeready",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": HOME,
                "rules": rules,
            }
        },
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "results": results,
        "properties": {
            "passed": result.passed,
            "types": [t.type for t in result.types],
            "base": result.base,
            "head": result.head,
        },
    }
    return json_text({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})
