"""The policy: how contribution types are recognised and which checks each type requires."""

from __future__ import annotations

__all__ = ["files", "layers", "loader", "policy", "schema", "sources", "tools"]
