"""Strings the code uses as data: never wording that a typo fix may change.

A string literal that the code compares (``mode == "read only"``, ``x in ("a b", …)``), looks
up (a dict key, a subscript, a set member, a ``case``), passes to a string or mapping method that
matches it (``startswith``, ``split``, ``replace``, ``get``…) or binds as an enum member's value
decides what the program does: changing it changes behaviour, however prose-like it reads.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from typing import Any, Final

_MATCHING: Final = frozenset(
    {
        "startswith", "endswith", "removeprefix", "removesuffix", "split", "rsplit",
        "partition", "rpartition", "replace", "find", "rfind", "index", "rindex", "count",
        "strip", "lstrip", "rstrip", "get", "pop", "setdefault", "__contains__",
    }
)  # fmt: skip
_ENUMS: Final = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum"})


def data_strings(tree: ast.AST) -> frozenset[int]:
    """Return the ids of the string constants that a tree uses as data.

    Args:
        tree: A module, or the statements of one.

    Returns:
        ``id()`` of every such ``ast.Constant`` node.
    """
    out: set[int] = set()
    for node in ast.walk(tree):
        for root in _data_roots(node):
            out.update(
                id(n)
                for n in ast.walk(root)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            )
    return frozenset(out)


def _data_roots(node: ast.AST) -> Iterable[ast.AST]:
    roots = _ROOTS.get(type(node))
    return roots(node) if roots is not None else ()


def _method_args(node: ast.Call) -> list[ast.expr]:
    func = node.func
    return node.args if isinstance(func, ast.Attribute) and func.attr in _MATCHING else []


def _enum_values(node: ast.ClassDef) -> list[ast.expr]:
    if not any(_enum(b) for b in node.bases):
        return []
    values = (s.value for s in node.body if isinstance(s, (ast.Assign, ast.AnnAssign)))
    return [v for v in values if v is not None]


_ROOTS: Final[dict[type, Callable[[Any], Iterable[ast.AST]]]] = {
    ast.Compare: lambda n: [n.left, *n.comparators],
    ast.Dict: lambda n: [k for k in n.keys if k is not None],
    ast.Set: lambda n: n.elts,
    ast.Subscript: lambda n: [n.slice],
    ast.MatchValue: lambda n: [n.value],
    ast.Call: _method_args,
    ast.ClassDef: _enum_values,
}


def _enum(base: ast.expr) -> bool:
    name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
    return name in _ENUMS
