"""What the families share of a Python file: its lines, its API, what in its tree runs."""

from __future__ import annotations

__all__ = ["behaviour", "extracted", "parse_memo", "public_api", "pycode"]
