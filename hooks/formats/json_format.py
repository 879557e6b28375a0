"""The JSON report, schema 1 (DESIGN §4): ``Result.to_json`` written out."""

from __future__ import annotations

from mergeready.checks.model import Result
from mergeready.hooks.formats.escape import json_text


def render(result: Result, *, color: bool = False) -> str:
    """Render the result as JSON.

    Args:
        result: The result.
        color: Ignored; JSON has no colour.

    Returns:
        The JSON text, ending in a newline.
    """
    return json_text(result.to_json())
