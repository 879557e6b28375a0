"""What the families share of a Python file: its lines, its API, what in its tree runs."""

from __future__ import annotations

__all__ = ["behaviour", "public_api", "pycode"]
