"""Issue readiness: the report read once, its types, and one module per issue check."""

from __future__ import annotations

__all__ = ["kinds", "registry", "report", "runner", "templates", "text"]
