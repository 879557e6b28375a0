"""claims: what the ticked boxes of a pull request description claim, checked against the diff."""

from __future__ import annotations

__all__ = ["claims"]
