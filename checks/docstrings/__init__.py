"""docstrings-complete and what it owns.

Its section reader, the project's practice, the tools behind it, fixes and coverage.
"""

from __future__ import annotations

__all__ = [
    "backends",
    "coverage",
    "definitions",
    "docstrings_complete",
    "fixes",
    "practice",
    "sections",
]
