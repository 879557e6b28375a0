"""A module's change that only removes or reschedules deprecation shims (the diff's evidence).

A deprecated parameter's ``@deprecate_parameter("old", "new", "v0.18.0")`` removed as its
notice scheduled, or a ``warnings.warn(..., FutureWarning)`` whose message now names a later
release: maintainers call both maintenance and ask for no test (the shim's tests go with it).
The decision reads the syntax trees, never the title: both sides with every shim taken out
must be the same module, and the head may keep or drop shims but never add one (a new
deprecation is a change of behaviour the project tests).

A shim is a decorator whose callee is named ``deprecat…`` (``deprecated``,
``_deprecate_positional_args``), a statement that calls a function so named
(``warn_deprecated(...)``) or ``warn``/``warnings.warn`` with a deprecation category
(``DeprecationWarning``, ``PendingDeprecationWarning``, ``FutureWarning``, or any
``…DeprecationWarning`` class), and the import of a name so spelled.
"""

from __future__ import annotations

import ast
from typing import Final

from mergeready.checks import lazyre
from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.python.clone import clone

_SHIM_NAME: Final = lazyre.compile(r"(?i)_{0,2}deprecat\w{0,80}|\w{0,80}_deprecat\w{0,80}")
_CATEGORY: Final = lazyre.compile(r"\w{0,80}DeprecationWarning|FutureWarning")


def deprecation_only(contribution: Contribution, f: ChangedFile) -> bool:
    """True when a modified module differs from its base only in deprecation shims.

    Args:
        contribution: The contribution.
        f: The changed file.

    Returns:
        Whether the change removes or reschedules shims and changes nothing else.
    """
    if f.status != "modified" or not f.path.endswith(".py"):
        return False
    head, base = contribution.python(f)[0], contribution.base_python(f.path)
    if head is None or base is None:
        return False
    before, removed_before = _without_shims(base)
    after, removed_after = _without_shims(head)
    return 0 < removed_before and removed_after <= removed_before and before == after


def _without_shims(tree: ast.Module) -> tuple[str, int]:
    """The module with every shim taken out (``ast.dump``, no positions) and how many there were."""
    copy = clone(tree)
    count = 0
    for node in list(ast.walk(copy)):
        decorators = getattr(node, "decorator_list", None)
        if decorators:
            kept = [d for d in decorators if not _shim_name(_callee(d))]
            count += len(decorators) - len(kept)
            node.decorator_list = kept  # type: ignore[attr-defined]
        for field in ("body", "orelse", "finalbody"):
            count += _drop_shims(node, field)
    return ast.dump(copy, include_attributes=False), count


def _drop_shims(node: ast.AST, field: str) -> int:
    """Take the shim statements out of one statement list; how many were taken."""
    body = getattr(node, field, None)
    if not isinstance(body, list) or not body or not isinstance(body[0], ast.stmt):
        return 0
    kept = [s for s in body if not _shim_import(s) and not _shim_call(s)]
    setattr(node, field, kept or [ast.Pass()])
    return len(body) - len(kept)


def _shim_import(stmt: ast.stmt) -> bool:
    """An import of deprecation helpers alone (the helpers are dropped from any other)."""
    if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return False
    stmt.names = [a for a in stmt.names if not _shim_name(a.asname or a.name.rsplit(".", 1)[-1])]
    return not stmt.names


def _shim_call(stmt: ast.stmt) -> bool:
    """A statement that issues a deprecation warning."""
    if not isinstance(stmt, ast.Expr) or not isinstance(stmt.value, ast.Call):
        return False
    call = stmt.value
    name = _callee(call)
    if name != "warn":
        return _shim_name(name)
    categories = [k.value for k in call.keywords if k.arg == "category"] + call.args[1:2]
    return any(_CATEGORY.fullmatch(_callee(c)) for c in categories)


def _callee(node: ast.expr) -> str:
    """The last name of a decorator, call or name (``h.deprecate_parameter(...)``'s)."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _shim_name(name: str) -> bool:
    return bool(name) and _SHIM_NAME.fullmatch(name) is not None
