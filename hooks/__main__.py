"""``python -m mergeready.hooks``: the same as the ``mergeready`` command."""

from __future__ import annotations

from mergeready.hooks.cli import main

raise SystemExit(main())
