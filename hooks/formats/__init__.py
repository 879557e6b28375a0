"""Report formatters: each renders one ``Result`` and decides nothing."""

from __future__ import annotations

import importlib
from typing import Callable, Final

from mergeready.checks.model import Result

NAMES: Final = ("text", "json", "github", "sarif", "markdown", "junit", "gitlab", "compact")


def renderer(name: str) -> Callable[..., str]:
    """Return the ``render`` function of one format.

    Args:
        name: A name from ``NAMES``.

    Returns:
        ``render(result, *, color=False) -> str``.
    """
    module = importlib.import_module(f"mergeready.hooks.formats.{name}_format")
    fn: Callable[..., str] = module.render
    return fn


__all__ = ["NAMES", "Result", "renderer"]
