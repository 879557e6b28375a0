"""What Python fixes about ``os``, ``sys`` and ``platform``: values no platform leaves empty.

pytest evaluates a ``skipif`` condition with ``os``, ``sys``, ``platform`` and ``config`` in
scope, and a test may name them as a plain condition (``skipif(os.sep)``, ``if sys.platform:
pytest.skip()``). Such a name is always true when Python guarantees its value is never empty
on any platform (``os.sep``, ``sys.platform``, ``sys.version``, ``sys.version_info``,
``platform.python_version()``), or when it is a module or a function of those modules used
without calling it (``os.path``, ``platform.system``): a module or a function object is always
true. Anything else they hold may be empty somewhere (``sys.executable``, ``sys.argv``,
``platform.system()``, ``os.environ``) and is left undecided. Values are read by name from
this table and from the checker's own standard library (an attribute looked up statically,
never run); nothing contributed is evaluated.
"""

from __future__ import annotations

import inspect
import os
import platform
import sys
import types
from typing import Final

# Values every Python on every platform gives a non-empty (true) value.
_NON_EMPTY: Final = frozenset(
    "os.sep os.linesep os.name os.curdir os.pardir os.extsep os.pathsep os.defpath os.devnull "
    "os.path.sep os.path.curdir os.path.pardir os.path.extsep os.path.pathsep os.path.devnull "
    "sys.platform sys.version sys.version_info sys.hexversion sys.api_version sys.implementation "
    "sys.byteorder sys.maxsize sys.maxunicode sys.float_info sys.int_info sys.hash_info "
    "sys.copyright sys.builtin_module_names sys.modules sys.float_repr_style "
    "sys.implementation.name sys.implementation.version".split()
)
# Functions whose result is never empty.
_CALLED: Final = frozenset(
    "platform.python_version platform.python_implementation platform.python_version_tuple "
    "platform.python_compiler platform.platform platform.uname sys.getrecursionlimit "
    "sys.getdefaultencoding sys.getfilesystemencoding os.getcwd".split()
)
_MODULES: Final[dict[str, types.ModuleType]] = {
    "os": os,
    "sys": sys,
    "platform": platform,
    "os.path": os.path,
}
_MISSING: Final = object()


def always_true(name: str, called: bool) -> bool:
    """Tell whether a value of ``os``, ``sys`` or ``platform`` is true on every platform.

    Args:
        name: Its dotted name (``sys.platform``, ``os.path``, ``platform.python_version``).
        called: Whether the expression calls it (``platform.python_version()``).

    Returns:
        True when Python guarantees a true value; False when it is unknown.
    """
    if called:
        return name in _CALLED
    if name in _NON_EMPTY or name in _MODULES:
        return True
    where, _, attr = name.rpartition(".")
    module = _MODULES.get(where)
    if module is None or not attr.isidentifier():
        return False
    value = inspect.getattr_static(module, attr, _MISSING)
    return isinstance(value, types.ModuleType) or (value is not _MISSING and callable(value))
