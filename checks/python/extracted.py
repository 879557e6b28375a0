"""Whether a diff only extracts code into new private helpers: the same statements, moved.

Keras #23412 ("Extract _unscale_grads helper") replaced two copies of a list comprehension by
calls to a new private method that returns it; behaviour is unchanged and the existing tests
cover it, so a reviewer asks for no new test. Compared as syntax trees (docstrings,
annotations and strings already stripped by ``diffkind``), with every variable and attribute
read reduced to a placeholder (locals get renamed, an inlined ``scale = self.dynamic_scale``
reads ``self.dynamic_scale``), the change is an extraction when:

- it adds at least one private function or method, and changes no other definition's
  signature;
- every statement it adds outside those helpers calls one of them;
- every statement inside the helpers is one the base had, or returns a value the base
  assigned, returned or evaluated;
- every statement it removes reappears inside a helper that way, or only gave a value a name
  (an alias inlined away).
"""

from __future__ import annotations

import ast
import collections
from collections.abc import Iterator
from typing import Final

from mergeready.checks.python.clone import clone

_COMPOUND: Final = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
)


def extracted(base: ast.Module, head: ast.Module) -> bool:
    """Tell whether head only moves base statements into new private helpers.

    Args:
        base: The base's module (or the statements that differ), stripped of text.
        head: The head's, likewise.

    Returns:
        True for an extraction with the same statements.
    """
    before = {name for name, _ in _functions(base)}
    helpers = {name for name, _ in _functions(head) if _private(name) and name not in before}
    if not helpers:
        return False
    old = collections.Counter(_leaves(base, set()))
    new = collections.Counter(_leaves(head, helpers))
    removed, added = old - new, new - old
    gone = {dump for _, dump, _ in removed} | {value for _, _, value in removed}
    moved: set[str] = set()
    for where, dump, value in added:
        if where == "helper":
            if dump not in gone and value not in gone:
                return False
            moved |= {dump, value}
        elif not any(f"'{name}'" in dump for name in helpers):
            return False  # an added statement outside the helpers that calls none of them
    return all(dump in moved or value in moved or dump == _ALIAS for _, dump, value in removed)


def _private(name: str) -> bool:
    short = name.rsplit(".", 1)[-1]
    return short.startswith("_") and not short.endswith("__")


def _functions(tree: ast.Module) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method, by its short name."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node


def _leaves(tree: ast.Module, helpers: set[str]) -> Iterator[tuple[str, str, str]]:
    """(``helper`` or ``other``, normalized dump, its value's dump) of each simple statement,
    control-flow header and signature."""
    stack: list[tuple[ast.AST, str]] = [(tree, "other")]
    while stack:
        node, where = stack.pop()
        for child in reversed(getattr(node, "body", []) + getattr(node, "orelse", [])):
            inner = where
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if child.name in helpers:
                    inner = "helper"
                else:
                    signature = f"def {child.name}{_signature(child.args)}"
                    yield where, signature, signature
            elif isinstance(child, ast.ClassDef):
                bases = f"class {child.name}{_normal(child.bases)}"
                yield where, bases, bases
            elif isinstance(child, _COMPOUND):
                header = "header " + _normal(
                    [getattr(child, f, None) for f in ("test", "iter", "target", "items")]
                )
                yield inner, header, header
            if isinstance(child, _COMPOUND):
                stack.append((child, inner))
                for handler in getattr(child, "handlers", []):
                    stack.append((handler, inner))
                continue
            dump = _normal(child)
            value = getattr(child, "value", None)
            yield inner, dump, _normal(value) if isinstance(value, ast.AST) else dump


def _signature(args: ast.arguments) -> str:
    """A signature as callers see it: the names ``diffkind`` renamed (numbered by their
    function's position, which a new helper shifts) count as placeholders."""
    renamed = clone(args)
    for a in ast.walk(renamed):
        if isinstance(a, ast.arg):
            a.annotation = None
            if a.arg.startswith("_") and a.arg[1:2].isdigit():
                a.arg = "_"
    return ast.dump(renamed)


_READ: Final = "Name(id='_', ctx=Load())"
"""What every variable and attribute read becomes: one placeholder."""


def _normal(node: object) -> str:
    """A statement's or expression's ``ast.dump`` with every variable and attribute read a
    placeholder (``_READ``), written without copying the tree.

    Called names stay: ``obj.method(x)`` keeps ``method`` (its object becomes the placeholder)
    and ``helper(x)`` keeps ``helper``; the arguments are read like any other expression.
    """
    if isinstance(node, list):
        return repr([_normal(n) for n in node if n is not None])
    if not isinstance(node, ast.AST):
        return repr(node)
    out: list[str] = []
    _write(node, out)
    return "".join(out)


def _write(node: object, out: list[str]) -> None:
    """Append ``ast.dump``'s text of the node, its reads made placeholders, to ``out``."""
    if isinstance(node, (ast.Name, ast.Attribute)):
        out.append(_READ)
    elif isinstance(node, ast.Call):
        _write_call(node, out)
    elif isinstance(node, ast.AST):
        _write_fields(node, out)
    elif isinstance(node, list):
        out.append("[")
        for i, item in enumerate(node):
            if i:
                out.append(", ")
            _write(item, out)
        out.append("]")
    else:
        out.append(repr(node))


def _write_call(node: ast.Call, out: list[str]) -> None:
    """A call: its function as written (a method's object a placeholder), its arguments read."""
    func = node.func
    if isinstance(func, ast.Attribute):
        out.append(f"Call(func=Attribute(value={_READ}, attr={func.attr!r}, ")
        out.append(f"ctx={ast.dump(func.ctx)}), args=")
    else:
        out.append(f"Call(func={ast.dump(func)}, args=")
    _write(node.args, out)
    out.append(", keywords=")
    _write(node.keywords, out)
    out.append(")")


def _write_fields(node: ast.AST, out: list[str]) -> None:
    """Any other node: its fields as ``ast.dump`` writes them."""
    cls = type(node)
    out.append(f"{cls.__name__}(")
    first = True
    for name in node._fields:
        value = getattr(node, name, _MISSING)
        if value is _MISSING or (value is None and getattr(cls, name, ...) is None):
            continue  # as ``ast.dump`` leaves out a missing field or an optional one unset
        out.append(f"{name}=" if first else f", {name}=")
        first = False
        _write(value, out)
    out.append(")")


_MISSING: Final = object()


_ALIAS: Final = "Assign(targets=[Name(id='_', ctx=Load())], value=Name(id='_', ctx=Load()))"
