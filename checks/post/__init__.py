"""What runs after every check.

Suppressions, the baseline, statistics, and the fixes ``mergeready fix`` writes.
"""

from __future__ import annotations

__all__ = ["baseline", "fixes", "statistics", "suppressions"]
