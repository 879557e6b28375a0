"""changelog-updated and what it owns.

The changelog mechanism read at the base, and the entry ``mergeready fix`` writes.
"""

from __future__ import annotations

__all__ = ["changelog_updated", "fixes", "mechanism", "sections"]
