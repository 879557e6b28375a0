"""Report formatters: each renders one ``Result`` and decides nothing."""

from __future__ import annotations

import functools
import importlib
from typing import Any, Callable, Final

from mergeready.checks.model import Result
from mergeready.hooks.formats.escape import visible_result

NAMES: Final = (
    "text",
    "json",
    "github",
    "sarif",
    "markdown",
    "junit",
    "gitlab",
    "compact",
    "rdjson",
)
# Formats people read: every string of the result is made visible (escape.visible) before
# they see it. The JSON formats keep exact data and escape unsafe characters as JSON does.
HUMAN: Final = frozenset({"text", "github", "markdown", "junit", "compact"})


def renderer(name: str) -> Callable[..., str]:
    """Return the ``render`` function of one format, with contributed text made safe.

    Args:
        name: A name from ``NAMES``.

    Returns:
        ``render(result, **options) -> str``.
    """
    module = importlib.import_module(f"mergeready.hooks.formats.{name}_format")
    fn: Callable[..., str] = module.render
    if name not in HUMAN:
        return fn

    @functools.wraps(fn)
    def render(result: Result, **options: Any) -> str:
        return fn(visible_result(result), **options)

    return render


__all__ = ["HUMAN", "NAMES", "Result", "renderer"]
