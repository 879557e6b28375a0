"""spelling-clean, the codespell adapter, and what is not the project's own prose."""

from __future__ import annotations

__all__ = ["codespell", "messages", "prose", "spelling_clean"]
