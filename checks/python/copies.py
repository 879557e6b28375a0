"""The diff classifier's steps as copies: each side copied once, then stripped step by step.

The slow path of ``diffkind``, for what ``checks/python/canonical.py`` cannot read off the
trees: whether an import changes behaviour (``behaviour.import_change``), whether a change only
extracts statements into new private helpers (``extracted``), and ``if TYPE_CHECKING:`` blocks.
Each step changes the copies in place and ``ast.dump`` compares them; only the top-level
statements that differ are copied.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any, Final

from mergeready.checks.python.behaviour import (
    TYPING_MODULES,
    cast_names,
    command_call,
    defined_names,
    field_role,
    import_change,
    inert,
    is_typing_cast,
    plain_annotation,
    prose,
)
from mergeready.checks.python.clone import clone
from mergeready.checks.python.data_strings import data_strings
from mergeready.checks.python.extracted import extracted
from mergeready.checks.python.sides import (
    EXPORT_DECORATOR,
    EXPORT_NAMES,
    Side,
    walk_outside_classes,
)
from mergeready.checks.python.version_guard import typing_imports_by_version
from mergeready.checks.vocabulary import DiffKind


def by_copies(
    base: ast.Module, head: ast.Module, package: str = "", *, differ: bool = False
) -> DiffKind:
    """Say what kind of change separates two lists of statements, by copying and stripping.

    Args:
        base: The base's differing statements.
        head: The head's.
        package: The top-level package of the file (its own re-exports are exports).
        differ: The statements are known to differ at every step (``canonical`` read them to
            the first token that differs): no step's trees are dumped and compared, only an
            import's change and an extraction are looked for.

    Returns:
        The least kind that explains the change.
    """
    steps: tuple[tuple[DiffKind, Callable[[ast.Module], ast.Module]], ...] = (
        ("none", _local_names),
        ("docstrings", _no_docstrings),
        ("annotations", _no_annotations),
        ("exports", _no_exports),
        ("text", _no_strings),
    )
    # One copy of each side, which the steps then change in place, one after the other: the
    # trees given stay as they are (the head's is the contribution's, shared by every check).
    a, b = clone(base), clone(head)
    for name, step in steps:
        if name == "exports" and import_change(a, b, package):
            return "code"  # an import swapped, added from elsewhere, or removed while used
        a, b = step(a), step(b)
        if not differ and ast.dump(a) == ast.dump(b):
            return name
    return "moved" if extracted(a, b) else "code"


def _local_names(tree: ast.Module) -> ast.Module:
    """Give every function's own local names neutral ones, so a consistent rename compares equal.

    A local variable, ``*args``/``**kwargs``, a positional-only parameter and a private
    function's parameters are the function's own: renaming one everywhere it is used changes
    nothing a caller or a test can see (poetry #10872 renamed ``_install``'s
    ``locked_packages``). A public function's parameters are its keyword API and keep their
    names, and so do globals, attributes and names bound in any other way.
    """
    functions = [
        n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    names_of = Side(tree)  # nothing renamed in its table: the tree itself is
    for number, fn in enumerate(functions):
        names = names_of.own_names(fn)
        if not names:
            continue
        order: dict[str, str] = {}
        for node in walk_outside_classes(fn):
            if isinstance(node, ast.arg) and node.arg in names:
                node.arg = order.setdefault(node.arg, f"_{number}_{len(order)}")
            elif isinstance(node, ast.Name) and node.id in names:
                node.id = order.setdefault(node.id, f"_{number}_{len(order)}")
    return tree


_STATEMENTS_ONLY: Final = frozenset({"docstrings", "exports"})
"""The steps that change statements only (docstrings, imports, ``__all__``, export decorators)."""
_BLOCKS: Final = ("body", "orelse", "finalbody", "handlers", "cases")
"""The fields that hold statements (an ``except`` clause's and a ``case``'s hold theirs)."""


class _Strip(ast.NodeTransformer):
    def __init__(self, what: str, tree: ast.Module | None = None) -> None:
        self.what = what
        self.casts = cast_names(tree) if tree is not None else (frozenset(), frozenset())
        self.fields: set[int] = set()  # class-body annotations kept as a dataclass field's role
        self.local = defined_names(tree) if tree is not None else frozenset()
        self.data = data_strings(tree) if tree is not None and what == "text" else frozenset()

    def generic_visit(self, node: ast.AST) -> ast.AST:
        body = getattr(node, "body", None)
        if self.what == "docstrings" and isinstance(body, list) and body:
            first = body[0]
            if (
                isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                node.body = body[1:]
        if self.what in _STATEMENTS_ONLY:
            return self._visit_blocks(node)
        return super().generic_visit(node)

    def _visit_blocks(self, node: ast.AST) -> ast.AST:
        """``generic_visit`` over the statement blocks only: what these steps change is
        statements (no statement sits inside an expression), so expressions are not walked."""
        for field in _BLOCKS:
            old = getattr(node, field, None)
            if not isinstance(old, list):
                continue
            new: list[Any] = []
            for value in old:
                if isinstance(value, ast.AST):
                    value = self.visit(value)
                    if value is None:
                        continue
                    if not isinstance(value, ast.AST):
                        new.extend(value)
                        continue
                new.append(value)
            old[:] = new
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:  # noqa: N802
        if self.what == "annotations" and plain_annotation(node.returns):
            node.returns = None
        return self.generic_visit(_unexported(node, self.local) if self.what == "exports" else node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:  # noqa: N802
        if self.what == "annotations" and plain_annotation(node.returns):
            node.returns = None
        return self.generic_visit(_unexported(node, self.local) if self.what == "exports" else node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:  # noqa: N802
        if self.what == "annotations":
            for stmt in node.body:  # a field's annotation says what the field is
                if isinstance(stmt, ast.AnnAssign) and plain_annotation(stmt.annotation):
                    stmt.annotation = ast.Name(id=field_role(stmt.annotation), ctx=ast.Load())
                    self.fields.add(id(stmt))
        return self.generic_visit(_unexported(node, self.local) if self.what == "exports" else node)

    def visit_arg(self, node: ast.arg) -> ast.AST:
        if self.what == "annotations" and plain_annotation(node.annotation):
            node.annotation = None
        return self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST | None:  # noqa: N802
        if self.what != "annotations" or id(node) in self.fields:
            return self.generic_visit(node)
        if not plain_annotation(node.annotation):
            return self.generic_visit(node)  # evaluating it runs code
        if node.value is None:
            return None
        return ast.Assign(targets=[node.target], value=node.value, lineno=0)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST | None:  # noqa: N802
        if self.what == "annotations" and node.module in TYPING_MODULES:
            return None
        if self.what == "exports":
            return None
        return node

    def visit_Import(self, node: ast.Import) -> ast.AST | None:  # noqa: N802
        if self.what == "annotations" and all(a.name in TYPING_MODULES for a in node.names):
            return None
        return None if self.what == "exports" else node

    def visit_If(self, node: ast.If) -> Any:  # noqa: N802
        if self.what == "annotations" and typing_imports_by_version(node):
            return None  # typing names imported from where the Python version has them
        name, negated = _tested_name(node.test)
        if self.what == "annotations" and name == "TYPE_CHECKING":
            # What runs is the branch type checkers skip: ``if TYPE_CHECKING: … else: x``.
            kept = node.body if negated else node.orelse
            return [self.visit(n) for n in kept] or None
        return self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> ast.AST | None:  # noqa: N802
        if (
            self.what == "exports"
            and all(isinstance(t, ast.Name) and t.id in EXPORT_NAMES for t in node.targets)
            and inert(node.value)
        ):
            return None
        return self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST | None:  # noqa: N802
        if self.what == "exports" and isinstance(node.target, ast.Name):
            if node.target.id in EXPORT_NAMES and inert(node.value):
                return None
        return self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:  # noqa: N802
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if self.what == "annotations" and name == "cast" and is_typing_cast(node, self.casts):
            kept: ast.AST = self.visit(node.args[1])  # typing.cast(T, x) is x
            return kept
        if self.what == "text" and command_call(node):
            return node  # a command, code or an attribute name: never wording
        return self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> ast.AST:  # noqa: N802
        if (
            self.what == "text"
            and isinstance(node.value, str)
            and prose(node.value)
            and id(node) not in self.data
        ):
            return ast.Constant(value="")
        return node


def _tested_name(test: ast.expr) -> tuple[str | None, bool]:
    """The name an ``if`` tests (``TYPE_CHECKING``, ``typing.TYPE_CHECKING``) and if negated."""
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    if isinstance(test, ast.UnaryOp) and negated:
        test = test.operand
    name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
    return name, negated


def _unexported(node: Any, local: frozenset[str]) -> Any:
    """Drop the API-export decorators (``@keras_export("…")``, ``@tf_export``) of a definition.

    They register a name under another import path, as ``__all__`` and re-exports do (found on
    keras-tuner #954, which exported three helpers for AutoKeras). A decorator the module
    defines itself is its own code, whatever its name (``def my_export(fn): …``): kept.
    """
    kept = []
    for d in node.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if not EXPORT_DECORATOR.search(name[:80]) or (
            isinstance(target, ast.Name) and name in local
        ):
            kept.append(d)
    node.decorator_list = kept
    return node


def _strip(tree: ast.Module, what: str) -> ast.Module:
    out = _Strip(what, tree if what in ("annotations", "exports", "text") else None).visit(tree)
    assert isinstance(out, ast.Module)
    return out


def _no_docstrings(tree: ast.Module) -> ast.Module:
    return _strip(tree, "docstrings")


def _no_annotations(tree: ast.Module) -> ast.Module:
    return _strip(tree, "annotations")


def _no_strings(tree: ast.Module) -> ast.Module:
    return _strip(tree, "text")


def _no_exports(tree: ast.Module) -> ast.Module:
    return _strip(tree, "exports")
