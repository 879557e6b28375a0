"""What a definition's syntax tree says: its own nodes, what it raises, its annotations."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from mergeready.checks.docstrings.sections import every_style

if TYPE_CHECKING:
    pass


def own_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Walk a function's body without entering nested functions, classes or lambdas.

    Args:
        node: The function.

    Yields:
        Every node of its own body.
    """
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(child))


def raised_by(own: list[ast.AST]) -> set[str]:
    """Name the exceptions a function's own body raises.

    Args:
        own: The function's own nodes (``own_nodes``).

    Returns:
        The exception class names, without ``NotImplementedError``.
    """
    names = set()
    for child in own:
        if isinstance(child, ast.Raise) and child.exc is not None:
            name = exception_name(child.exc)
            if name:
                names.add(name)
    return names - {"NotImplementedError"}


def exception_name(exc: ast.expr) -> str | None:
    """Name the class a ``raise`` statement raises, when it can be told from the code.

    ``raise ValueError(x)`` and ``raise errors.HTTPError(r)`` raise what they name;
    ``raise Err.from_response(r)`` and ``raise MyError.a.b.c(...)`` call a factory, and the
    class is the last CapWords part of the chain. ``raise exc`` or ``raise self.error()``
    cannot be told, and nothing is asked of the docstring.

    Args:
        exc: The raised expression.

    Returns:
        The class's name, or None.
    """
    target = exc.func if isinstance(exc, ast.Call) else exc
    parts: list[str] = []
    while isinstance(target, ast.Attribute):
        parts.append(target.attr)
        target = target.value
    if isinstance(target, ast.Name):
        parts.append(target.id)
    return next((p for p in parts if p[:1].isupper() and not p.isupper()), None)


def annotation_of(node: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> str:
    """Return a parameter's annotation as written, when it is short.

    Args:
        node: The function.
        name: The parameter.

    Returns:
        The annotation's text, or ``""`` when there is none or it is over 40 characters.
    """
    a = node.args
    for arg in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg):
        if arg is not None and arg.arg == name and arg.annotation is not None:
            text = ast.unparse(arg.annotation)
            return text if len(text) <= 40 else ""
    return ""


def signature_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Name every parameter of a function, ``*args`` and ``**kwargs`` included.

    Args:
        node: The function.

    Returns:
        The parameter names.
    """
    a = node.args
    every = [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]
    return {x.arg for x in every if x is not None}


def file_style(tree: ast.Module, convention: str | None) -> str | None:
    """Tell which docstring style a module writes, else the one its convention implies.

    Args:
        tree: The module.
        convention: The configured pydocstyle convention, if any.

    Returns:
        ``google``, ``numpy``, ``sphinx``, ``epytext`` or None.
    """
    docs = [d for n in _definitions(tree) for d in [ast.get_docstring(n)] if d]
    styles = list(every_style(docs))
    if styles:
        return max(dict.fromkeys(styles), key=styles.count)
    return {"numpy": "numpy", "google": "google"}.get(convention or "")


_DEFINITION: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)


def _definitions(
    tree: ast.Module,
) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module]:
    """The module and every definition in it, breadth first, as ``ast.walk`` meets them, but
    through statement lists only: a 50,000-line module's expressions are never visited."""
    from collections import deque

    queue: deque[ast.AST] = deque([tree])
    while queue:
        node = queue.popleft()
        if isinstance(node, _DEFINITION):
            yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            children = getattr(node, field, None)
            if isinstance(children, list):
                queue.extend(c for c in children if isinstance(c, ast.AST))
