"""One side of a diff as the diff classifier's steps see it: its statements, renamed locals.

The classifier compares the top-level statements that differ (``diffkind._differing``); a
:class:`Side` holds one side's, and what the steps need to know of them, each read on first
use: the neutral names of every function's own locals (a table, the tree is never changed),
the names under which ``typing.cast`` is reached, the functions and classes defined.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Final

from mergeready.checks.python.behaviour import cast_names
from mergeready.checks.python.data_strings import data_strings

NONE: Final = 0
DOCSTRINGS: Final = 1
ANNOTATIONS: Final = 2
EXPORTS: Final = 3
TEXT: Final = 4

EXPORT_NAMES: Final = frozenset({"__all__", "__version__", "__version_info__", "version"})
EXPORT_DECORATOR: Final = re.compile(r"(?:^|_)export$")
_FUNCTIONS: Final = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPES: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_BLOCKS: Final = ("body", "orelse", "finalbody", "handlers", "cases")


class Unsure(Exception):
    """The normal form needs what only the copying passes give: ask them."""


def statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Yield every statement of a block, nested blocks included, without visiting expressions.

    Args:
        body: The statements.

    Yields:
        Each statement, outer ones first.
    """
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        for name in _BLOCKS:
            block = getattr(node, name, None)
            if isinstance(block, list):
                stack.extend(reversed(block))


class Side:
    """One side of a diff (its differing top-level statements) as the passes would see it.

    Args:
        module: The side's tree (only its differing top-level statements).
    """

    def __init__(self, module: ast.Module) -> None:
        self.module = module
        self.renamed: dict[int, str] = {}  # id(Name or arg) → its local name's neutral one
        self.roots: set[int] = set()  # functions whose names are renamed already
        self.count = 0
        self._casts: tuple[frozenset[str], frozenset[str]] | None = None
        self._local: frozenset[str] | None = None
        self._data: frozenset[int] | None = None

    def data(self) -> frozenset[int]:
        """``data_strings`` of this side: the string constants it uses as data, not wording.

        Returns:
            Their ``id()``.
        """
        if self._data is None:
            self._data = data_strings(self.module)
        return self._data

    def casts(self) -> tuple[frozenset[str], frozenset[str]]:
        """``cast_names`` of this side, read on the first call that might be ``typing.cast``.

        Returns:
            The names bound to ``cast`` and to the typing modules.
        """
        if self._casts is None:
            self._casts = cast_names(self.module)
        return self._casts

    def local(self) -> frozenset[str]:
        """The functions and classes this side defines (a decorator of its own is code).

        Returns:
            Their names.
        """
        if self._local is None:
            kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
            self._local = frozenset(
                n.name for n in statements(self.module.body) if isinstance(n, kinds)
            )
        return self._local

    def name(self, node: ast.Name) -> str:
        """A name as the renaming step leaves it.

        Args:
            node: A name in this side's statements.

        Returns:
            Its neutral name when it is a function's own local, else its name.
        """
        return self.renamed.get(id(node), node.id)

    def arg(self, node: ast.arg) -> str:
        """A parameter's name as the renaming step leaves it.

        Args:
            node: A parameter in this side's statements.

        Returns:
            Its neutral name when no caller names it, else its name.
        """
        return self.renamed.get(id(node), node.arg)

    def rename(self, root: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """Give a function's own local names (and its nested functions') neutral ones.

        Args:
            root: A function no other function of this side encloses (classes aside).

        The numbering only has to be the same on both sides when they are the same, so each
        function outside any other is numbered when it is first reached; within it, its
        functions are renamed outer first, as the copying pass does.
        """
        for fn in _functions(root):
            self.roots.add(id(fn))
            number = self.count
            self.count += 1
            names = self.own_names(fn)
            if not names:
                continue
            order: dict[str, str] = {}
            for node in walk_outside_classes(fn):
                if isinstance(node, ast.arg):
                    now = self.arg(node)
                elif isinstance(node, ast.Name):
                    now = self.name(node)
                else:
                    continue
                if now in names:
                    self.renamed[id(node)] = order.setdefault(now, f"_{number}_{len(order)}")

    def own_names(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
        """The names a function binds itself: its locals, and the parameters no caller names.

        A public function's parameters are its keyword API and keep their names.

        Args:
            fn: The function.

        Returns:
            The names, as renamed so far.
        """
        a = fn.args
        private = fn.name.startswith("_") and not fn.name.endswith("__")
        params = [*a.posonlyargs, a.vararg, a.kwarg, *((*a.args, *a.kwonlyargs) if private else ())]
        names = {self.arg(p) for p in params if p is not None}
        declared = set() if private else {self.arg(p) for p in (*a.args, *a.kwonlyargs)}
        stack: list[ast.AST] = [*fn.body]
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                names.add(self.name(node))
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                declared.update(node.names)
            if not isinstance(node, _SCOPES):
                stack.extend(ast.iter_child_nodes(node))
        return names - declared


def _functions(root: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """A function and those nested in it, breadth first, classes left out (their methods are
    renamed on their own)."""
    functions = []
    queue: list[ast.AST] = [root]
    while queue:
        node = queue.pop(0)
        if isinstance(node, _FUNCTIONS):
            functions.append(node)
        queue.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, ast.ClassDef))
    return functions


def walk_outside_classes(fn: ast.AST) -> Iterator[ast.AST]:
    """Walk a function in a fixed order, not into class bodies (their names are attributes).

    Args:
        fn: A function (or any node).

    Yields:
        Its nodes, depth first, the ones of nested classes left out.
    """
    stack = [fn]
    while stack:
        node = stack.pop()
        yield node
        children = list(ast.iter_child_nodes(node))
        stack.extend(reversed([c for c in children if not isinstance(c, ast.ClassDef)]))
