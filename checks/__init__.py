"""The engine: the contribution read from git, the runner, and one module per check."""

from __future__ import annotations

__all__ = ["contribution", "errors", "git", "model", "registry", "runner"]
