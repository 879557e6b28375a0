"""translation-consistent and what it owns.

Gettext catalogues, placeholders, and translated pages against their source pages.
"""

from __future__ import annotations

__all__ = [
    "catalogue",
    "doc_mapping",
    "gettext_rules",
    "page_structure",
    "placeholders",
    "translated_docs",
    "translation_consistent",
]
