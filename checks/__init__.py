"""The engine, and one package per check family.

At the top: the contribution read from git, the types, the registry and the runner. Below it,
one package per check family (``testing``, ``docstrings``, ``changelog``, ``spelling``,
``translation``, ``docs``, ``examples``, ``claims``), ``text`` for the readers they share and
``post`` for what runs after the checks.
"""

from __future__ import annotations

__all__ = ["contribution", "errors", "git", "model", "registry", "runner", "vocabulary"]
