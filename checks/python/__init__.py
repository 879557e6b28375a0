"""What the families share of a Python file: its lines (code, docstrings, comments) and API."""

from __future__ import annotations

__all__ = ["public_api", "pycode"]
