"""Builtin constructor calls in their literal form, so a linter's rewrite of them is no code.

Linters rewrite calls of the builtin constructors into the literals that mean the same
(flake8-comprehensions' C4xx rules, which ruff applies): ``dict()`` is ``{}``, ``dict(a=x)`` is
``{"a": x}``, ``list(x for x in y)`` is ``[x for x in y]``, ``set([a, b])`` is ``{a, b}``,
``sorted(list(x))`` is ``sorted(x)``. The diff classifier compares both sides with these calls
in their literal form, so such a rewrite changes nothing a test could see.

A call is rewritten only when its name is the builtin: a module that binds the name anywhere
(an assignment, a parameter, a definition, an import, ``global``) or imports ``*`` keeps every
call of it as it is written. Nothing is changed in place: the sides are copied first, and only
when one of them holds such a call.
"""

from __future__ import annotations

import ast
import weakref
from typing import Final

from mergeready.checks.python.clone import clone, nodes

_NAMES: Final = frozenset({"dict", "list", "tuple", "set", "sorted"})


def literal_forms(
    base: ast.Module, head: ast.Module, whole: tuple[ast.Module, ast.Module]
) -> tuple[ast.Module, ast.Module]:
    """Both sides with their builtin constructor calls as literals (the same trees if none).

    Args:
        base: The base's differing statements.
        head: The head's differing statements.
        whole: Both modules whole (a name bound anywhere in one is not the builtin there).

    Returns:
        The base and head, rewritten copies where a call was found.
    """
    return _side(base, whole[0]), _side(head, whole[1])


def _side(tree: ast.Module, module: ast.Module) -> ast.Module:
    if not _has_candidate(tree):
        return tree
    builtins = _NAMES - _bound(module)
    if not builtins:
        return tree
    out = _Literals(builtins).visit(clone(tree))
    assert isinstance(out, ast.Module)
    return out


def _has_candidate(tree: ast.Module) -> bool:
    """True when a call of one of the builtin constructors by name is in the tree."""
    for node in nodes(tree):
        if type(node) is ast.Call:
            func = node.func
            if type(func) is ast.Name and func.id in _NAMES:
                return True
    return False


def _bound(module: ast.Module) -> frozenset[str]:
    """The names among the builtin constructors' that the module binds anywhere."""
    found = _BOUND.get(module)
    if found is None:
        found = _BOUND[module] = bound_names(module, _NAMES)
    return found


# Kept per module tree, weakly: one commit's head is the next one's base, and a history worker
# recalls its tree (parse_memo); a freed tree's answer is never another's.
_BOUND: Final[weakref.WeakKeyDictionary[ast.Module, frozenset[str]]] = weakref.WeakKeyDictionary()


def bound_names(module: ast.Module, names: frozenset[str]) -> frozenset[str]:
    """The names among ``names`` that a module binds anywhere (all of them after ``import *``).

    Args:
        module: The module.
        names: The names asked about (builtins, usually).

    Returns:
        Those it binds: an assignment target, a parameter, a definition, an import, ``global``.
    """
    found: set[str] = set()
    for n in nodes(module):
        kind = type(n)
        if kind is ast.Name:  # the most frequent node: read inline
            if type(n.ctx) is not ast.Load:  # type: ignore[attr-defined]
                found.add(n.id)  # type: ignore[attr-defined]
            continue
        if kind not in _BINDERS:
            continue
        bound = _imported(n) if kind in (ast.Import, ast.ImportFrom) else _binds(n)  # type: ignore[arg-type]
        if bound is None:
            return names  # import *: any name may be bound
        found.update(bound)
    return frozenset(found & names)


_BINDERS: Final = frozenset(
    {
        ast.arg,
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.Global,
        ast.Nonlocal,
        ast.MatchAs,
        ast.MatchStar,
        ast.Import,
        ast.ImportFrom,
    }
)
"""The nodes other than ``Name`` that bind a name (``_binds``, ``_imported``)."""


def _binds(n: ast.AST) -> tuple[str, ...]:
    """The names one node binds (an assignment target, a parameter, a definition …)."""
    if isinstance(n, ast.Name):
        return () if isinstance(n.ctx, ast.Load) else (n.id,)
    if isinstance(n, ast.arg):
        return (n.arg,)
    if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return (n.name,)
    if isinstance(n, (ast.Global, ast.Nonlocal)):
        return tuple(n.names)
    if isinstance(n, (ast.MatchAs, ast.MatchStar)) and n.name:
        return (n.name,)
    return ()


def _imported(n: ast.Import | ast.ImportFrom) -> tuple[str, ...] | None:
    """The names an import binds, or None for ``import *``."""
    if any(a.name == "*" for a in n.names):
        return None
    return tuple(a.asname or a.name.split(".", 1)[0] for a in n.names)


class _Literals(ast.NodeTransformer):
    def __init__(self, builtins: frozenset[str]) -> None:
        self.builtins = builtins

    def visit_Call(self, node: ast.Call) -> ast.AST:  # noqa: N802
        self.generic_visit(node)
        func = node.func
        if not isinstance(func, ast.Name) or func.id not in self.builtins:
            return node
        literal = _literal(func.id, node.args, node.keywords, self.builtins)
        return literal if literal is not None else node


def _literal(
    name: str, args: list[ast.expr], keywords: list[ast.keyword], builtins: frozenset[str]
) -> ast.expr | None:
    """The literal a builtin constructor call means, or None when it is not one of the forms."""
    if name == "sorted":
        return _sorted(args, keywords, builtins)
    if keywords:
        return _dict_of_keywords(name, args, keywords)
    if not args:
        empty = {"dict": ast.Dict(keys=[], values=[]), "list": ast.List(elts=[], ctx=ast.Load())}
        empty["tuple"] = ast.Tuple(elts=[], ctx=ast.Load())
        return empty.get(name)
    return _of_one(name, args[0]) if len(args) == 1 else None


def _sorted(
    args: list[ast.expr], keywords: list[ast.keyword], builtins: frozenset[str]
) -> ast.expr | None:
    """``sorted(list(x))`` is ``sorted(x)``: sorted copies any iterable."""
    inner = args[0] if len(args) == 1 else None
    if "list" in builtins and isinstance(inner, ast.Call) and _plain_list_call(inner):
        func = ast.Name(id="sorted", ctx=ast.Load())
        return ast.Call(func=func, args=inner.args, keywords=keywords)
    return None


def _dict_of_keywords(
    name: str, args: list[ast.expr], keywords: list[ast.keyword]
) -> ast.expr | None:
    """``dict(a=x)`` is ``{"a": x}`` (no ``**`` mapping, no positional argument)."""
    if name != "dict" or args or any(k.arg is None for k in keywords):
        return None
    keys: list[ast.expr | None] = [ast.Constant(value=k.arg) for k in keywords]
    return ast.Dict(keys=keys, values=[k.value for k in keywords])


def _of_one(name: str, arg: ast.expr) -> ast.expr | None:
    """``set([a, b])``, ``list([x for …])``, ``set({x for …})``, or a comprehension."""
    if isinstance(arg, ast.GeneratorExp):
        return _comprehension(name, arg)
    if name == "set" and isinstance(arg, (ast.List, ast.Tuple)) and arg.elts:
        return ast.Set(elts=arg.elts)
    same = {"list": ast.ListComp, "set": ast.SetComp}.get(name)
    return arg if same is not None and isinstance(arg, same) else None


def _comprehension(name: str, arg: ast.GeneratorExp) -> ast.expr | None:
    """``list(x for …)``, ``set(x for …)``, ``dict((k, v) for …)`` as comprehensions."""
    if name == "list":
        return ast.ListComp(elt=arg.elt, generators=arg.generators)
    if name == "set":
        return ast.SetComp(elt=arg.elt, generators=arg.generators)
    pair = arg.elt
    if name != "dict" or not isinstance(pair, ast.Tuple) or len(pair.elts) != 2:
        return None
    if any(isinstance(e, ast.Starred) for e in pair.elts):
        return None
    key, value = pair.elts
    return ast.DictComp(key=key, value=value, generators=arg.generators)


def _plain_list_call(node: ast.Call) -> bool:
    return (
        isinstance(node.func, ast.Name)
        and node.func.id == "list"
        and len(node.args) == 1
        and not node.keywords
        and not isinstance(node.args[0], ast.Starred)
    )
