"""The readers the families share: Markdown/reST markup, links, code snippets, notebooks."""

from __future__ import annotations

__all__ = ["blocks", "links", "markup", "notebooks", "rst", "snippets"]
