"""tests-present and tests-meaningful, and what they share.

pytest's naming rules, collection, assertions, skips and the tests a contribution touches.
"""

from __future__ import annotations

__all__ = [
    "assertions",
    "collection",
    "collection_switch",
    "inherited",
    "pytest_config",
    "reach",
    "skips",
    "tests_meaningful",
    "tests_present",
    "testscope",
    "vacuous",
]
