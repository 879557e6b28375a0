"""``python -m mergeready.hooks``: the same as the ``mergeready`` command.

``python -m`` puts the current directory first on ``sys.path``; in a checkout of an untrusted
contribution that would let a contributed ``yaml.py`` or ``pylint/`` shadow what mergeready
imports, so the current directory is taken off the path before anything else is imported (``os`` and
``sys`` are loaded by the interpreter before ``-m`` runs; this module and the package
``__init__`` import nothing else, not even ``__future__``). What the interpreter itself imports
for ``-m`` before this line cannot be guarded here: SECURITY.md says what that exposes.
"""

import os
import sys

_cwd = os.getcwd()
sys.path[:] = [p for p in sys.path if p not in ("", ".", _cwd)]

from mergeready.hooks.launch import main  # noqa: E402

raise SystemExit(main())
