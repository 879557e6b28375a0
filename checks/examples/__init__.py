"""examples-valid: its rules for Python examples, notebooks and the keras-io header."""

from __future__ import annotations

__all__ = ["example_rules", "examples_valid", "kerasio", "notebook_rules"]
