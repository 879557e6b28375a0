"""docs-valid and its adapter to sphinx-lint."""

from __future__ import annotations

__all__ = ["docs_valid", "link_findings", "rstlint"]
