"""SARIF 2.1.0, as GitHub code scanning ingests it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from mergeready.checks.model import Finding, Result
from mergeready.checks.registry import CHECKS
from mergeready.hooks import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning"}


def _rules() -> list[dict[str, Any]]:
    rules = []
    for check_id, spec in CHECKS.items():
        module = spec.load()
        help_text = (module.__doc__ or check_id).strip()
        for code, description in module.CODES.items():
            rules.append(
                {
                    "id": code,
                    "name": f"{check_id}/{code}",
                    "shortDescription": {"text": description},
                    "fullDescription": {"text": help_text.split("\n\n", 1)[0]},
                    "help": {"text": help_text},
                    "properties": {"check": check_id},
                }
            )
    return rules


def fingerprint(finding: Finding) -> str:
    """Return a fingerprint that survives lines moving: code, path and message hashed.

    Args:
        finding: The finding.

    Returns:
        A hex digest.
    """
    key = "\0".join((finding.code, finding.path or "", finding.message))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message + (f" — {finding.hint}" if finding.hint else "")},
        "partialFingerprints": {"mergeready/v1": fingerprint(finding)},
    }
    if finding.path is not None:
        region: dict[str, int] = {"startLine": finding.line or 1}
        if finding.column is not None:
            region["startColumn"] = finding.column
        out["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": finding.path, "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ]
    return out


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
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "mergeready",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/mergeready/",
                "rules": rules,
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": "file:///"}},
        "results": [_result(f, index) for c in result.checks for f in c.findings],
        "properties": {
            "passed": result.passed,
            "types": [t.type for t in result.types],
            "base": result.base,
            "head": result.head,
        },
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
