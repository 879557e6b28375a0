"""What counts as public API, and which definitions a contribution adds or re-signs."""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Union

from mergeready.checks.changes import ChangedFile
from mergeready.checks.python.pycode import first_line

Def = Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef]


@dataclass(frozen=True)
class Scope:
    """A definition in scope: its node, dotted name and enclosing class."""

    node: Def
    qualname: str
    owner: ast.ClassDef | None


def private_module(path: str) -> bool:
    """Tell whether a module is private: a folder or file name with a leading underscore.

    Args:
        path: The module's path in the repository.

    Returns:
        True when private (``__init__.py`` and ``__main__.py`` are not).
    """
    parts = path.split("/")
    return any(p.startswith("_") and p not in ("__init__.py", "__main__.py") for p in parts)


def decorator_names(node: Def) -> set[str]:
    """Return every name in a definition's decorators (``keras_export`` of ``@keras_export(...)``).

    Args:
        node: The definition.

    Returns:
        The names, attributes included (``property``, ``setter``).
    """
    names = set()
    for d in node.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        while isinstance(target, ast.Attribute):
            names.add(target.attr)
            target = target.value
        if isinstance(target, ast.Name):
            names.add(target.id)
    return names


def exported_names(tree: ast.Module) -> set[str] | None:
    """Return the names a module's ``__all__`` lists, or None when it has none.

    Args:
        tree: The module.

    Returns:
        The names, or None.
    """
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            if isinstance(node.value, (ast.List, ast.Tuple)):
                return {
                    e.value
                    for e in node.value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                }
    return None


def _signature_end(node: Def) -> int:
    body_start = node.body[0].lineno if node.body else node.lineno
    return max(node.lineno, body_start - 1)


def in_scope(
    tree: ast.Module, f: ChangedFile, export_decorators: Sequence[str] = (), use_all: bool = False
) -> Iterator[Scope]:
    """Yield the public definitions of a module that the contribution adds or re-signs.

    Args:
        tree: The module's tree at head.
        f: The changed file.
        export_decorators: When given, only definitions they decorate (and the public methods
            of such classes) are public.
        use_all: When the module has ``__all__``, only the names it lists are public.

    Yields:
        Each definition in scope: top-level functions and classes whose signature lines
        (decorators to the line before the body) the contribution touches, and such methods.
    """
    exported = exported_names(tree) if use_all else None
    for node in module_level(tree.body):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if not _public(node, exported, export_decorators):
            continue
        if f.touches_range(first_line(node), _signature_end(node)):
            yield Scope(node, node.name, None)
        if isinstance(node, ast.ClassDef):
            yield from _methods(node, f)


def module_level(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """Yield a module's top-level statements, and those of the blocks that run at import.

    A ``def`` under a module-level ``if``/``else``, ``try``/``except``/``finally`` or ``with``
    defines module API as a top-level one does; the body of ``if TYPE_CHECKING:`` is only read
    by type checkers (its ``else`` runs).

    Args:
        body: The module's statements.

    Yields:
        Each statement in source order, block statements followed by what they hold.
    """
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        blocks: list[list[ast.stmt]] = []
        if isinstance(node, ast.If):
            blocks = [[] if _type_checking(node.test) else node.body, node.orelse]
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            blocks = [node.body]
        elif isinstance(node, _TRIES):
            handlers = [h.body for h in getattr(node, "handlers", ())]
            blocks = [getattr(node, "body", []), *handlers, getattr(node, "orelse", [])]
            blocks.append(getattr(node, "finalbody", []))
        for block in reversed(blocks):
            stack.extend(reversed(block))


_TRIES: Final = (ast.Try, *((ast.TryStar,) if hasattr(ast, "TryStar") else ()))


def _type_checking(test: ast.expr) -> bool:
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", "")
    return name == "TYPE_CHECKING"


def _public(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
    exported: Collection[str] | None,
    export_decorators: Sequence[str],
) -> bool:
    """Whether a top-level definition is public: named so, listed, exported, not an overload."""
    if node.name.startswith("_") or (exported is not None and node.name not in exported):
        return False
    decorators = decorator_names(node)
    if export_decorators and not decorators & set(export_decorators):
        return False
    return "overload" not in decorators


def _methods(cls: ast.ClassDef, f: ChangedFile) -> Iterator[Scope]:
    for node in cls.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        dunder = node.name.startswith("__") and node.name.endswith("__")
        if (node.name.startswith("_") and node.name != "__init__") or (
            dunder and node.name != "__init__"
        ):
            continue
        decorators = decorator_names(node)
        if decorators & {"overload", "setter", "deleter"}:
            continue
        if f.touches_range(first_line(node), _signature_end(node)):
            yield Scope(node, f"{cls.name}.{node.name}", cls)
