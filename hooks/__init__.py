"""The ways in: the ``mergeready`` command, pre-commit entry points, CI integration, formats."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "cli", "formats", "github"]
