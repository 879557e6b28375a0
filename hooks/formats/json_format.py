"""The JSON report, schema 1 (DESIGN §4): ``Result.to_json`` written out."""

from __future__ import annotations

import json

from mergeready.checks.model import Result


def render(result: Result, *, color: bool = False) -> str:
    """Render the result as JSON.

    Args:
        result: The result.
        color: Ignored; JSON has no colour.

    Returns:
        The JSON text, ending in a newline.
    """
    return json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n"
