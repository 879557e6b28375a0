"""The diff classifier's copies without ``copy.deepcopy``: the same trees and the same text.

``clone`` must give a tree that ``ast.dump`` (with positions) cannot tell from the original and
that shares no node or list a pass could change; ``extracted._normal`` must write exactly what
the transformer it replaced wrote (``ast.dump`` of a deep copy whose reads became ``_``), or the
verdicts of every extraction would move. Both are checked on every statement and expression of
mergeready's own source and on a table of the shapes that matter.
"""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest
from mergeready.checks.python import extracted
from mergeready.checks.python.clone import clone, nodes

ROOT = Path(__file__).parents[3]


class _Reads(ast.NodeTransformer):
    """The transformer ``_normal`` replaced: the reference its text must equal."""

    def visit_Call(self, node: ast.Call) -> ast.AST:  # noqa: N802
        func = node.func
        node.args = [self.visit(a) for a in node.args]
        node.keywords = [self.visit(k) for k in node.keywords]
        if isinstance(func, ast.Attribute):
            func.value = ast.Name(id="_", ctx=ast.Load())
        return node

    def visit_Name(self, node: ast.Name) -> ast.AST:  # noqa: N802
        return ast.Name(id="_", ctx=ast.Load())

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:  # noqa: N802
        return ast.Name(id="_", ctx=ast.Load())


def _reference(node: object) -> str:
    if isinstance(node, list):
        return repr([_reference(n) for n in node if n is not None])
    if not isinstance(node, ast.AST):
        return repr(node)
    return ast.dump(_Reads().visit(copy.deepcopy(node)))


SHAPES = [
    "x = self.scale",
    "return obj.method(a, *rest, key=b.c, **extra)",
    "f()(x)[y].z = g(h(i))",
    "del a[b], c.d",
    "global counter",
    "lambda x, /, y=1, *a, k, **kw: x + y",
    "async def f():\n    async with a as (b, c):\n        await d.e(f)",
    "match p:\n    case {'k': v, **rest} if v.ok:\n        pass",
    "print(f'{a.b!r:>{width}}', u'text', b'bytes', 1j, ..., None)",
    "try:\n    pass\nexcept* (A, B.c) as e:\n    raise e from None",
    "x: list[int] = [i for i in range(n) if i % 2]",
    "(yield)",
]


def _sources() -> list[ast.Module]:
    folders = ("checks", "hooks", "rules")
    files = sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))
    return [ast.parse(p.read_bytes()) for p in files]


@pytest.mark.parametrize("source", SHAPES)
def test_normal_writes_what_the_copying_transformer_wrote(source):
    tree = ast.parse(source)
    nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.stmt, ast.expr))]
    for node in [*nodes, tree.body]:
        assert extracted._normal(node) == _reference(node)
    assert ast.dump(tree) == ast.dump(ast.parse(source))  # and the tree is left as it was


def test_normal_and_clone_on_every_statement_of_the_source():
    for tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.stmt):
                assert extracted._normal(node) == _reference(node)
        assert sorted(map(id, nodes(tree))) == sorted(map(id, ast.walk(tree)))
        copied = clone(tree)
        assert ast.dump(copied, include_attributes=True) == ast.dump(tree, include_attributes=True)
        originals = {id(n) for n in ast.walk(tree) if not isinstance(n, ast.expr_context)}
        assert not [n for n in ast.walk(copied) if id(n) in originals]
        lists = {id(v) for n in ast.walk(tree) for v in vars(n).values() if isinstance(v, list)}
        assert not [v for n in ast.walk(copied) for v in vars(n).values() if id(v) in lists]


def test_a_pass_on_the_clone_leaves_the_original_as_it_was():
    tree = ast.parse("def f(a):\n    return g(a.b, [a])\n")
    before = ast.dump(tree, include_attributes=True)
    copied = clone(tree)
    for node in ast.walk(copied):
        if isinstance(node, ast.Name):
            node.id = "renamed"
        if isinstance(node, ast.arg):
            node.arg = "renamed"
    function = copied.body[0]
    assert isinstance(function, ast.FunctionDef)
    function.body.append(ast.Pass())
    assert ast.dump(tree, include_attributes=True) == before
