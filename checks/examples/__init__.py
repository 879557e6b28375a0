"""examples-valid: its rules for Python examples, notebooks and the keras-io header."""

from __future__ import annotations

__all__ = ["companions", "example_rules", "examples_valid", "kerasio", "notebook_rules"]
