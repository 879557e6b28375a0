"""The readers the families share: Markdown/reST markup, links, code snippets, notebooks."""

from __future__ import annotations

__all__ = ["links", "markup", "notebooks", "rst", "snippets"]
