"""Escaping of contributed text for each output medium, so it can never forge structure."""

from __future__ import annotations

import html


def workflow_data(text: str) -> str:
    """Escape the message part of a GitHub workflow command (after ``::``).

    Args:
        text: Contributed or generated text.

    Returns:
        Text that cannot end the command or start a new one.
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """Escape a property value of a GitHub workflow command (``file=…,title=…``).

    Args:
        text: Contributed or generated text.

    Returns:
        Text that cannot end the property or the command.
    """
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def markdown_cell(text: str) -> str:
    """Escape text for a Markdown table cell or list item, with no HTML let through.

    Args:
        text: Contributed or generated text.

    Returns:
        One line that cannot break the table, inject HTML or open a code span.
    """
    flat = " ".join(text.split())
    return html.escape(flat, quote=False).replace("|", "\\|").replace("`", "&#96;")
