"""The diff classifier's normal forms, read off the syntax trees in one pass, never copied.

``diffkind`` asks at which step a change stops showing: with every function's own local
names renamed (``none``), then docstrings gone (``docstrings``), plain annotations and typing
imports gone (``annotations``), imports, ``__all__``/``__version__`` and ``@…_export``
decorators gone (``exports``), and prose strings blanked (``text``); each step includes the ones
before it. :func:`same` answers one such question for two lists of statements by walking both
sides in step and emitting each node's normal form as a flat run of tokens (its type, then its
fields; a list between two markers), and stops at the first token that differs: a behaviour
change in a class's first method is found without reading the other thirty.

Nothing is copied or changed: a renamed local is a lookup in a table (``sides.Side``), a
stripped annotation a ``None`` token. The forms are those ``copies.py``'s passes give
(``tests/checks/test_diffkind.py`` pins both); where only copies can tell (an ``if
TYPE_CHECKING:`` block, whose kept branch the passes splice in), :class:`Unsure` is raised.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from typing import Final

from mergeready.checks.python.behaviour import (
    TYPING_MODULES,
    command_name,
    field_role,
    inert,
    plain_annotation,
    prose,
)
from mergeready.checks.python.sides import (
    ANNOTATIONS,
    DOCSTRINGS,
    EXPORT_DECORATOR,
    EXPORT_NAMES,
    EXPORTS,
    TEXT,
    Side,
    Unsure,
)
from mergeready.checks.python.version_guard import type_checking, typing_imports_by_version

_OPEN: Final = object()  # a list's first and last tokens: no field value equals them
_CLOSE: Final = object()


def _docstring(body: list[ast.stmt]) -> bool:
    first = body[0] if body else None
    return (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )


class _Emitter:
    """Writes one side's normal form at one step, node by node, into ``out``."""

    def __init__(self, side: Side, level: int) -> None:
        self.side, self.level = side, level
        self.out: list[object] = []

    def statement(self, node: ast.stmt, classes: bool = False) -> Iterator[list[object]]:
        """The tokens of a top-level statement, in pieces (a class's members one by one)."""
        if classes and isinstance(node, ast.ClassDef):
            yield from self._class(node, pieces=True)
        else:
            self.out = []
            self.stmt(node)
            yield self.out

    def stmt(self, node: ast.stmt, field: bool = False) -> None:
        """A statement (``field``: a class body's annotated name, a dataclass field)."""
        if self._dropped(node, field):
            return
        kind = type(node)
        if kind is ast.ClassDef:
            for _ in self._class(node, pieces=False):  # type: ignore[arg-type]
                pass
        elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            self._function(node)  # type: ignore[arg-type]
        elif isinstance(node, ast.AnnAssign) and field:
            self._field(node)
        else:
            self.generic(node)

    def _dropped(self, node: ast.stmt, field: bool) -> bool:
        """Say (True) that a step drops a statement, or wrote it as it leaves it."""
        if self.level >= ANNOTATIONS and self._annotations_step(node, field):
            return True
        return self.level >= EXPORTS and self._exports_step(node)

    def _field(self, node: ast.AnnAssign) -> None:
        """A dataclass field: its annotation reduced to the role it gives the field."""
        out = self.out
        out.append(ast.AnnAssign)
        self.expr(node.target)
        out.extend((ast.Name, field_role(node.annotation), ast.Load))
        self.optional(node.value)
        out.append(node.simple)

    def _annotations_step(self, node: ast.stmt, field: bool) -> bool:
        """Say (True) that the annotations step drops a statement or wrote it already."""
        if isinstance(node, ast.ImportFrom):
            return node.module in TYPING_MODULES
        if isinstance(node, ast.Import):
            return all(a.name in TYPING_MODULES for a in node.names)
        if isinstance(node, ast.If):
            return self._if_annotations(node)
        if isinstance(node, ast.AnnAssign) and not field and plain_annotation(node.annotation):
            if node.value is not None:  # an assignment, whose value the step does not visit
                self._assign([node.target], node.value, None, annotated=False)
            return True
        return False

    def _if_annotations(self, node: ast.If) -> bool:
        if type_checking(node, self.side):
            raise Unsure("if TYPE_CHECKING")  # the kept branch is spliced in: only copies tell
        return typing_imports_by_version(node)  # typing names chosen by the Python version

    def _exports_step(self, node: ast.stmt) -> bool:
        """Say (True) that the exports step drops a statement or wrote it already."""
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            return True
        if isinstance(node, ast.Assign):
            self._assign(node.targets, node.value, node.type_comment, annotated=True)
            return True
        return isinstance(node, ast.AugAssign) and self._export(node.target, node.value, True)

    def _export(self, target: ast.expr, value: ast.expr, annotated: bool) -> bool:
        return (
            isinstance(target, ast.Name)
            and self.side.name(target) in EXPORT_NAMES
            and self._inert_value(value, annotated)
        )

    def _assign(
        self, targets: list[ast.expr], value: ast.expr, comment: str | None, annotated: bool
    ) -> None:
        if self.level >= EXPORTS and all(
            isinstance(t, ast.Name) and self.side.name(t) in EXPORT_NAMES for t in targets
        ):
            if self._inert_value(value, annotated):
                return
        out = self.out
        out.extend((ast.Assign, _OPEN))
        for t in targets:
            self.expr(t, annotated)
        out.append(_CLOSE)
        self.expr(value, annotated)
        out.append(comment)

    def _inert_value(self, value: ast.expr, annotated: bool) -> bool:
        if not annotated:
            return inert(value)
        for n in ast.walk(value):
            if isinstance(n, ast.Call) and self._cast(n):
                raise Unsure("a cast in an exported value")
        return inert(value)

    def _class(self, node: ast.ClassDef, pieces: bool) -> Iterator[list[object]]:
        level = self.level
        if pieces:
            self.out = []
        out = self.out
        out.extend((ast.ClassDef, node.name, _OPEN))
        for b in node.bases:
            self.expr(b)
        out.append(_CLOSE)
        self.exprs(node.keywords)
        out.append(_OPEN)
        body = node.body[1:] if level >= DOCSTRINGS and _docstring(node.body) else node.body
        for stmt in body:
            if pieces:
                yield out
                self.out = out = []
            field = (
                level >= ANNOTATIONS
                and isinstance(stmt, ast.AnnAssign)
                and plain_annotation(stmt.annotation)
            )
            self.stmt(stmt, field)
        out.append(_CLOSE)
        self.decorators(node.decorator_list)
        if pieces:
            yield out

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        side, level, out = self.side, self.level, self.out
        if id(node) not in side.roots:
            side.rename(node)
        out.extend((type(node), node.name))
        self.arguments(node.args)
        body = node.body[1:] if level >= DOCSTRINGS and _docstring(node.body) else node.body
        self.block(body)
        self.decorators(node.decorator_list)
        returns = node.returns
        if level >= ANNOTATIONS and plain_annotation(returns):
            returns = None
        self.optional(returns)
        out.append(node.type_comment)

    def decorators(self, decorators: list[ast.expr]) -> None:
        out = self.out
        out.append(_OPEN)
        for d in decorators:
            if self.level >= EXPORTS and self._export_decorator(d):
                continue
            self.expr(d)
        out.append(_CLOSE)

    def _export_decorator(self, d: ast.expr) -> bool:
        target = d.func if isinstance(d, ast.Call) else d
        if isinstance(target, ast.Attribute):
            name = target.attr
        elif isinstance(target, ast.Name):
            name = self.side.name(target)
        else:
            name = ""
        if not EXPORT_DECORATOR.search(name[:80]):
            return False
        return not (isinstance(target, ast.Name) and name in self.side.local())

    def arguments(self, a: ast.arguments) -> None:
        out = self.out
        out.append(ast.arguments)
        for group in (a.posonlyargs, a.args):
            out.append(_OPEN)
            for x in group:
                self.arg(x)
            out.append(_CLOSE)
        self.optional_arg(a.vararg)
        out.append(_OPEN)
        for x in a.kwonlyargs:
            self.arg(x)
        out.append(_CLOSE)
        self.exprs(a.kw_defaults)
        self.optional_arg(a.kwarg)
        self.exprs(a.defaults)

    def optional_arg(self, node: ast.arg | None) -> None:
        if node is None:
            self.out.append(None)
        else:
            self.arg(node)

    def arg(self, node: ast.arg) -> None:
        annotation = node.annotation
        if self.level >= ANNOTATIONS and plain_annotation(annotation):
            annotation = None
        self.out.extend((ast.arg, self.side.arg(node)))
        self.optional(annotation)
        self.out.append(node.type_comment)

    def block(self, body: list[ast.stmt]) -> None:
        self.out.append(_OPEN)
        for stmt in body:
            self.stmt(stmt)
        self.out.append(_CLOSE)

    def optional(self, node: ast.AST | None, annotated: bool = True) -> None:
        if node is None:
            self.out.append(None)
        else:
            self.expr(node, annotated)

    def exprs(self, nodes: list[ast.expr] | list[ast.keyword] | list[ast.expr | None]) -> None:
        self.out.append(_OPEN)
        for n in nodes:
            self.optional(n)
        self.out.append(_CLOSE)

    def _cast(self, node: ast.Call) -> bool:
        func = node.func
        if isinstance(func, ast.Name):
            name: str | None = self.side.name(func)
        else:
            name = getattr(func, "attr", None)
        if name != "cast" or len(node.args) != 2 or node.keywords:
            return False
        casts = self.side.casts()
        if isinstance(func, ast.Name):
            return self.side.name(func) in casts[0]
        return (
            isinstance(func, ast.Attribute)
            and func.attr == "cast"
            and isinstance(func.value, ast.Name)
            and self.side.name(func.value) in casts[1]
        )

    def expr(self, node: ast.AST, annotated: bool = True) -> None:
        """Any node below a statement (``annotated``: the annotations pass reached it)."""
        kind = type(node)
        if kind is ast.Name:
            self.out.extend((ast.Name, self.side.name(node), type(node.ctx)))  # type: ignore[arg-type, attr-defined]
        elif kind is ast.Constant:
            self._constant(node)  # type: ignore[arg-type]
        elif kind is ast.arg:
            self.arg(node)  # type: ignore[arg-type]
        elif kind is not ast.Call or not self._call(node, annotated):  # type: ignore[arg-type]
            self.generic(node, annotated)

    def _constant(self, node: ast.Constant) -> None:
        value = node.value
        if (
            self.level >= TEXT
            and isinstance(value, str)
            and prose(value)
            and id(node) not in self.side.data()
        ):
            self.out.extend((ast.Constant, "''", None))
        else:
            self.out.extend((ast.Constant, repr(value), node.kind))

    def _call(self, node: ast.Call, annotated: bool) -> bool:
        """Write a call the steps treat apart (True): a ``typing.cast``, or a command."""
        level = self.level
        if level >= ANNOTATIONS and annotated and self._cast(node):
            self.expr(node.args[1], annotated)
            return True
        if level >= TEXT and self._command(node, annotated):
            self.level = EXPORTS  # a command, code or an attribute name: never wording
            self.generic(node, annotated)
            self.level = level
            return True
        return False

    def _command(self, node: ast.Call, annotated: bool) -> bool:
        """``command_call`` on the call as the passes before leave it (its locals renamed)."""
        parts: list[str] = []
        inner: ast.expr = node.func
        while isinstance(inner, ast.Attribute):
            parts.append(inner.attr)
            inner = inner.value
        if isinstance(inner, ast.Name):
            parts.append(self.side.name(inner))
        elif annotated and isinstance(inner, ast.Call) and self._cast(inner):
            raise Unsure("a cast inside a called name")
        return command_name(parts)

    def generic(self, node: ast.AST, annotated: bool = True) -> None:
        out = self.out
        out.append(type(node))
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, ast.AST):
                if isinstance(value, ast.stmt):
                    self.stmt(value)
                else:
                    self.expr(value, annotated)
            elif isinstance(value, list):
                out.append(_OPEN)
                for item in value:
                    if isinstance(item, ast.stmt):
                        self.stmt(item)
                    elif isinstance(item, ast.AST):
                        self.expr(item, annotated)
                    else:
                        out.append(item)
                out.append(_CLOSE)
            else:
                out.append(value)


def same(base: Side, head: Side, level: int) -> bool:
    """Tell whether two sides' statements have the same normal form at a step.

    Args:
        base: The base's differing statements.
        head: The head's.
        level: ``NONE`` … ``TEXT``.

    Returns:
        True when they are the same at that step; False at the first token that differs.

    Raises:
        Unsure: If a rule needs the copying passes.
    """
    return _equal(_pieces(base, level), _pieces(head, level))


def _pieces(side: Side, level: int) -> Iterator[list[object]]:
    emitter = _Emitter(side, level)
    body = side.module.body
    if level >= DOCSTRINGS and _docstring(body):
        body = body[1:]
    for stmt in body:
        yield from emitter.statement(stmt, classes=True)
    yield [_CLOSE, *side.module.type_ignores]


def _equal(xs: Iterator[list[object]], ys: Iterator[list[object]]) -> bool:
    """Compare two streams of token pieces, reading each only as far as they agree."""
    missing = object()
    pairs = itertools.zip_longest(
        itertools.chain.from_iterable(xs), itertools.chain.from_iterable(ys), fillvalue=missing
    )
    return all(x == y for x, y in pairs)
