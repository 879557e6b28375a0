"""The ways in: the ``mergeready`` command, pre-commit entry points, CI integration, formats."""

# No ``from __future__ import annotations`` here or in ``__main__``: under ``python -m`` it
# would import a contributed ``__future__.py`` before ``__main__`` can clean ``sys.path``.
__version__ = "0.1.0"
__all__ = ["__version__", "arguments", "cli", "formats", "github"]
