"""tests-present and tests-meaningful, and what they share.

pytest's naming rules, collection, assertions, skips and the tests a contribution touches.
"""

from __future__ import annotations

__all__ = [
    "assertions",
    "collection",
    "inherited",
    "pytest_config",
    "skips",
    "tests_meaningful",
    "tests_present",
    "testscope",
    "vacuous",
]
