"""Which methods override a method of a base class the project defines: they inherit its docs.

Keras documents ``build``, ``call``, ``get_config`` and ``compute_output_shape`` once, on
``Layer``; a layer that overrides them does not document them again, and a reviewer does not
ask it to. A method is an override when one of its class's bases, followed through the module's
imports into the base revision's files (``from keras.src.layers.layer import Layer``,
``layers.Layer``, re-exports in a package ``__init__``), defines a method of that name. Bases
that cannot be followed (another library's classes) make no override: what cannot be read is
still asked for. ``__init__`` is never inherited: its parameters are the new class's own.

Bases are read where the check's decisions are made: a contribution's at its base (a
contribution cannot make its own method an override by adding a base class), a whole-tree
audit's (``--all``, which has no base) in the audited tree. It is the one decision both use:
what a contribution accepts as an override, the audit of the merged tree accepts too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.docstrings.definition_findings import parameters_of
from mergeready.checks.paths import absolute_module, module_name

if TYPE_CHECKING:
    from mergeready.checks.docstrings.docstrings_complete import Options
    from mergeready.checks.python.public_api import Scope

DEPTH: Final = 6  # bases and re-exports followed at most
LOOKUPS: Final = 100_000  # classes searched for overridden methods in one run, at most
_Found = tuple[str, ast.FunctionDef | ast.AsyncFunctionDef] | None


def overridden(
    contribution: Contribution, tree: ast.Module, path: str, cls: ast.ClassDef, method: str
) -> tuple[str, ast.FunctionDef | ast.AsyncFunctionDef] | None:
    """Find the base class's method that the class's method of this name overrides.

    Args:
        contribution: The contribution (modules are read at its base).
        tree: The module's tree at head.
        path: The module's path.
        cls: The class the method belongs to.
        method: The method's name.

    Returns:
        ``module.Class`` of the first base that defines it and that definition, or None.
    """
    if method == "__init__":
        return None
    modules = _modules(contribution)
    if _cyclic(contribution, modules, tree, path, cls):
        return None  # Python refuses a class among its own bases: it inherits nothing
    for base in cls.bases:
        found = _defines(contribution, modules, tree, path, base, method, DEPTH)
        if found:
            return found
    return None


def _cyclic(
    contribution: Contribution,
    modules: dict[str, str],
    tree: ast.Module,
    path: str,
    cls: ast.ClassDef,
) -> bool:
    """Whether a class is among its own bases (``class A(B)``, ``class B(A)``), each class
    followed once, ``DEPTH`` levels and ``LOOKUPS`` classes at most; memoised per run."""
    memo: dict[tuple[str, str, int], bool] = contribution.once("override-cycles", dict)
    me = (path, cls.name, cls.lineno)
    if me not in memo:
        stack = [(tree, path, base, DEPTH) for base in cls.bases]
        seen: set[tuple[str, str, int]] = set()
        memo[me] = False
        while stack and not memo[me] and len(seen) < LOOKUPS:
            home, where, base, depth = stack.pop()
            found = _resolve(contribution, modules, home, where, base, depth) if depth else None
            if found is None or (found[0], found[2].name, found[2].lineno) in seen:
                continue
            memo[me] = (found[0], found[2].name, found[2].lineno) == me
            seen.add((found[0], found[2].name, found[2].lineno))
            stack.extend((found[1], found[0], b, depth - 1) for b in found[2].bases)
    return memo[me]


def taken_from_base(
    contribution: Contribution, tree: ast.Module, path: str, scope: Scope, options: Options
) -> frozenset[str] | None:
    """Tell which parameters a method takes from the base class's method it overrides.

    The one decision docstrings-complete asks by and ``fix`` writes by. A method the class
    documents (Keras's ``call``) still documents the parameters it adds (beyond
    ``inherited-params``); any other override inherits its base's documentation whole.

    Args:
        contribution: The contribution (bases are read at its base, or in an audited tree).
        tree: The module's tree at head.
        path: The module's path.
        scope: The definition and its class.
        options: docstrings-complete's options (``class-documents``, ``inherited-params``).

    Returns:
        The parameters documented by the base (empty for no override), or None when the
        method inherits its base's documentation whole.
    """
    node = scope.node
    if scope.owner is None or isinstance(node, ast.ClassDef):
        return frozenset()
    base_method = overridden(contribution, tree, path, scope.owner, node.name)
    if base_method is None:
        return frozenset()
    added = (
        added_parameters(node, base_method[1], frozenset(options.inherited_params))
        if node.name in options.class_documents
        else frozenset()
    )
    return frozenset(parameters_of(node, True, options)) - added if added else None


def added_parameters(
    method: ast.FunctionDef | ast.AsyncFunctionDef,
    base: ast.FunctionDef | ast.AsyncFunctionDef,
    inherited: frozenset[str],
) -> frozenset[str]:
    """The parameters an override adds: named neither by the base's method nor ``inherited``.

    Keras's ``Layer.call(self, *args, **kwargs)`` names none, so a layer's ``call(self,
    inputs, mask=None, scale_factor=1.0)`` adds all three; the profile's ``inherited-params``
    (``inputs``, ``training``, ``mask``: the framework passes and documents them) leave
    ``scale_factor``, which the class's ``Call arguments:`` must document.

    Args:
        method: The overriding method.
        base: The base class's method it overrides.
        inherited: Names an override may take without documenting them.

    Returns:
        The added names (never ``self``/``cls``, ``*args``/``**kwargs``, or private names).
    """

    def named(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
        a = fn.args
        return [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]

    own = named(method)[1:]  # not self / cls
    known = set(named(base)) | inherited
    return frozenset(n for n in own if n not in known and not n.startswith("_"))


def _modules(contribution: Contribution) -> dict[str, str]:
    """Dotted module name → path, for the base's Python files."""

    def load() -> dict[str, str]:
        paths = contribution.head_paths() if _audit(contribution) else contribution.base_paths()
        return {module_name(p): p for p in paths if p.endswith(".py")}

    found: dict[str, str] = contribution.once("module-paths", load)
    return found


def _defines(
    contribution: Contribution,
    modules: dict[str, str],
    tree: ast.Module,
    path: str,
    base: ast.expr,
    method: str,
    depth: int,
) -> tuple[str, ast.FunctionDef | ast.AsyncFunctionDef] | None:
    """Follow one base expression to its class; find the ``method`` it (or its bases) define.

    Each class is searched once per method and depth in a run (nested diamonds are linear,
    a cycle ``A(B)``/``B(A)`` finds nothing through itself), and at most ``LOOKUPS`` classes
    in all: past that a method is taken to override nothing, so it must document itself.
    """
    if depth <= 0:
        return None
    found = _resolve(contribution, modules, tree, path, base, depth)
    if found is None:
        return None
    where, home, node = found
    memo: dict[tuple[str, str, int, str, int], _Found] = contribution.once("override-lookups", dict)
    key = (where, node.name, node.lineno, method, depth)
    if key in memo:
        return memo[key]
    if len(memo) >= LOOKUPS:
        return None
    memo[key] = None  # while it is searched: a cycle back to it finds nothing
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == method:
            memo[key] = f"{module_name(where)}.{node.name}", item
            return memo[key]
    for parent in node.bases:
        deeper = _defines(contribution, modules, home, where, parent, method, depth - 1)
        if deeper:
            memo[key] = deeper
            return deeper
    return None


def _resolve(
    contribution: Contribution,
    modules: dict[str, str],
    tree: ast.Module,
    path: str,
    expr: ast.expr,
    depth: int,
) -> tuple[str, ast.Module, ast.ClassDef] | None:
    """The class a base expression names: its module's path and tree, and its node."""
    if isinstance(expr, ast.Name):
        return _named(contribution, modules, tree, path, expr.id, depth)
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        found = _base_module(contribution, modules, _imported_module(tree, path, expr.value.id))
        if found is not None:
            return _named(contribution, modules, found[1], found[0], expr.attr, depth - 1)
    return None


def _named(
    contribution: Contribution,
    modules: dict[str, str],
    tree: ast.Module,
    path: str,
    name: str,
    depth: int,
) -> tuple[str, ast.Module, ast.ClassDef] | None:
    """A class a module defines or imports under ``name``."""
    if depth <= 0:
        return None
    defined = next((n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name), None)
    if defined is not None:
        return path, tree, defined
    package = _package(path)
    for node, alias in _bindings(tree, name):
        found = None
        if isinstance(node, ast.ImportFrom):
            found = _base_module(contribution, modules, absolute_module(node, package))
        if found is not None:
            return _named(contribution, modules, found[1], found[0], alias.name, depth - 1)
    return None


def _base_module(
    contribution: Contribution, modules: dict[str, str], dotted: str | None
) -> tuple[str, ast.Module] | None:
    """A dotted module's path and tree at the base, when the base has it and it parses."""
    where = modules.get(dotted or "")
    other = _module_tree(contribution, where) if where else None
    return (where, other) if where and other is not None else None


def _audit(contribution: Contribution) -> bool:
    """A whole-tree audit has no base: its bases are read in the audited tree."""
    return contribution.mode == "all"


def _module_tree(contribution: Contribution, path: str) -> ast.Module | None:
    """A module's tree where bases are read: the base, or the audited tree in an audit."""
    if _audit(contribution):
        return contribution.head_python(path)
    return contribution.base_python(path)


def _imported_module(tree: ast.Module, path: str, name: str) -> str | None:
    """The dotted module a local name stands for (``from keras.src import layers``)."""
    for node, alias in _bindings(tree, name):
        if isinstance(node, ast.ImportFrom):
            return f"{absolute_module(node, _package(path))}.{alias.name}".lstrip(".")
        return alias.name
    return None


def _package(path: str) -> list[str]:
    """The package a module's relative imports start from, as its dotted parts."""
    package = module_name(path).split(".")
    return package if path.endswith("__init__.py") else package[:-1]


def _bindings(
    tree: ast.Module, name: str
) -> Iterator[tuple[ast.Import | ast.ImportFrom, ast.alias]]:
    """The module's top-level imports that bind ``name``, in order, with the alias that does."""
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield from ((node, a) for a in node.names if (a.asname or a.name) == name)
