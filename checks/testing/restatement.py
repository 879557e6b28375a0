"""One form for the spellings of one test body, so a base test restated is seen as the same.

Attack 6 (F20): the base's ``assert clip(5, 0, 3) == 3`` copied as a new test with a cosmetic
change tests nothing new. A body is read in a normal form: statements that do nothing (``pass``,
a constant expression, a constant stored in a name never read) are left out; a name assigned
once and read once later is replaced by its value (``got = f(); assert got == 3``); a module
alias reads as what it names (``from pkg import clip as c``); the sides of a symmetric
comparison (``==``, ``!=``, ``is``, ``is not``) are put in one order and ``>``/``>=`` read as
``<``/``<=`` with the sides swapped; a method's ``self`` is left out; keyword arguments of a
function imported by name whose definition the head has read as positions (``clip(5, low=0,
high=3)`` is ``clip(5, 0, 3)``); without that signature they keep their names.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Final

Aliases = Mapping[str, str]
Signature = Callable[[str, str], "Sequence[str] | None"]
_SYMMETRIC: Final = (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)
_MIRROR: Final = {ast.Gt: ast.Lt, ast.GtE: ast.LtE}


def aliases_of(tree: ast.Module | None, signature: Signature | None = None) -> dict[str, str]:
    """Map each alias a module's imports bind to the dotted name it stands for.

    Args:
        tree: The module (None: no aliases).
        signature: Finds the parameters of ``name`` in module ``module`` (None when unknown).

    Returns:
        ``{"c": "clip"}`` for ``from pkg import clip as c``, ``{"pc": "pkg.core"}`` for
        ``import pkg.core as pc``; and ``{"clip()": "value,low,high"}``, the parameters of a
        function imported by name, so keyword arguments read as positions.
    """
    out: dict[str, str] = {}
    imports = [
        n for n in (tree.body if tree else ()) if isinstance(n, (ast.Import, ast.ImportFrom))
    ]
    for node in imports:
        out.update((a.asname, a.name) for a in node.names if a.asname and a.asname != a.name)
        if isinstance(node, ast.ImportFrom) and signature is not None:
            out.update(_signatures(node, signature))
    return out


def _signatures(node: ast.ImportFrom, signature: Signature) -> Iterator[tuple[str, str]]:
    """``"clip()": "value,low,high"`` for each function the import names that the head defines."""
    for a in node.names if node.module else ():
        params = signature(node.module or "", a.name)
        if params is not None:
            yield f"{a.name}()", ",".join(params)


def normal_body(fn: ast.FunctionDef | ast.AsyncFunctionDef, aliases: Aliases) -> list[ast.stmt]:
    """Give a test's statements in their normal form (a copy; the tree is left alone).

    Args:
        fn: The test function.
        aliases: The module's import aliases (``aliases_of``).

    Returns:
        Its statements less docstring and no-ops, locals read once replaced by their values,
        aliases and comparisons made one spelling.
    """
    body = fn.body[1:] if _docstring(fn) else fn.body
    try:
        copied = _inline([copy.deepcopy(s) for s in body])
        normal = _Normal(aliases)
        return [normal.visit(s) for s in copied if not _no_op(s, copied)]
    except RecursionError:  # a contributed expression too deep to copy: read as written
        return list(body)


def _docstring(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    first = fn.body[0] if fn.body else None
    return isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)


def normal_args(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.arguments:
    """Give a function's parameters less a method's ``self``/``cls``.

    Args:
        fn: The function.

    Returns:
        A copy of its parameters.
    """
    args = copy.deepcopy(fn.args)
    if args.args and args.args[0].arg in ("self", "cls"):
        args.args = args.args[1:]
    return args


def longest_call(fn: ast.FunctionDef | ast.AsyncFunctionDef, aliases: Aliases) -> str:
    """Write out the longest call of a test's normal form, to find base files that make it.

    Args:
        fn: The test function.
        aliases: Its module's import aliases.

    Returns:
        The call as ``ast.unparse`` writes it (one line), or "" when the test makes none.
    """
    calls = [n for s in normal_body(fn, aliases) for n in ast.walk(s) if isinstance(n, ast.Call)]
    try:
        written = [ast.unparse(c) for c in calls[:100]]
    except RecursionError:  # too deep to write out: the longest line is still looked for
        return ""
    return max((w for w in written if "\n" not in w), key=len, default="")


def _reads(body: Sequence[ast.stmt]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for node in (n for s in body for n in ast.walk(s)):
        if isinstance(node, ast.Name):
            counts[node.id] = counts.get(node.id, 0) + 1  # stores count too: one store, one read
    return counts


def _single(stmt: ast.stmt) -> str:
    """The name a plain ``name = value`` statement stores, or ""."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
        return target.id if isinstance(target, ast.Name) else ""
    return ""


def _no_op(stmt: ast.stmt, body: Sequence[ast.stmt]) -> bool:
    if isinstance(stmt, ast.Pass):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        return True
    name = _single(stmt)
    constant = isinstance(getattr(stmt, "value", None), ast.Constant)
    return bool(name) and constant and _reads(body).get(name) == 1


def _inline(body: list[ast.stmt]) -> list[ast.stmt]:
    """Replace each name stored once and read once later by the value stored."""
    counts = _reads(body)
    out: list[ast.stmt] = []
    swap = _Substitute()
    for stmt in body:
        name = _single(stmt)
        value = stmt.value if isinstance(stmt, ast.Assign) else None
        if name and value is not None and counts.get(name) == 2:
            if isinstance(value, ast.Constant):
                out.append(stmt)
                continue
            swap.pending[name] = value
            continue
        out.append(swap.visit(stmt))
    return out if swap.used == swap.pending.keys() else body


def _positional(call: ast.Call, params: Sequence[str]) -> None:
    """Move the keyword arguments that name the next parameters into their positions."""
    keywords = {k.arg: k for k in call.keywords if k.arg}
    for param in params[len(call.args) :]:
        if param not in keywords:
            break
        call.args.append(keywords.pop(param).value)
    call.keywords = [k for k in call.keywords if not k.arg or k.arg in keywords]


class _Substitute(ast.NodeTransformer):
    def __init__(self) -> None:
        self.pending: dict[str, ast.expr] = {}
        self.used: set[str] = set()

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if isinstance(node.ctx, ast.Load) and node.id in self.pending:
            self.used.add(node.id)
            return self.pending[node.id]
        return node


class _Normal(ast.NodeTransformer):
    def __init__(self, aliases: Aliases) -> None:
        self.aliases = aliases

    def visit_Name(self, node: ast.Name) -> ast.AST:
        target = self.aliases.get(node.id)
        if target is None:
            return node
        return ast.parse(target, mode="eval").body

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        params = self.aliases.get(f"{name}()", "").split(",")
        if params != [""] and not any(isinstance(a, ast.Starred) for a in node.args):
            _positional(node, params)
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        if len(node.ops) != 1:
            return node
        op, left, right = node.ops[0], node.left, node.comparators[0]
        if type(op) in _MIRROR:
            return ast.Compare(right, [_MIRROR[type(op)]()], [left])
        if isinstance(op, _SYMMETRIC) and ast.dump(right) < ast.dump(left):
            return ast.Compare(right, [op], [left])
        return node
