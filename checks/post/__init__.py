"""What runs after every check.

Suppressions, the baseline, statistics, and the fixes ``mergeready fix`` writes (with
``fix_guard``, what they may write, which every family's fixes use).
"""

from __future__ import annotations

__all__ = [
    "baseline",
    "fix_guard",
    "fixes",
    "page_code",
    "rst_code",
    "statistics",
    "suppressions",
]
