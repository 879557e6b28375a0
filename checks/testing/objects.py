"""The names a test module binds, once, to an object that is always true.

``assert add`` where ``add`` is a function the module imports, ``assert SomeClass``,
``assert module.func`` and ``assert f`` for a module-level ``def f`` test nothing: a function, a
class (without a metaclass of its own) and a module are always true objects (attack 5's F2).
Imports are followed into the project's own files at head (parsed, never imported or run);
a name bound anywhere else in the module (an assignment, a parameter, a second import) is a
value the test may really check, and is left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from mergeready.checks.testing.project_index import ModuleInfo, ProjectIndex
from mergeready.checks.testing.truths import Bindings, dotted

Kind = Callable[[str], str]  # a dotted name of the module → the always-true object it names


def named_object(test: ast.expr, names: Bindings, module: Kind) -> str:
    """Say why an asserted expression is always true: it names an object always true.

    ``x``, ``x is not None``, ``callable(x)`` and ``bool(x)`` where ``x`` is a name or a dotted
    name the test does not bind and its module binds to a function, class or module.

    Args:
        test: The asserted expression.
        names: The test's own bindings.
        module: What its module's names stand for (``objects``).

    Returns:
        Why it always passes, or ``""``.
    """
    node = _operand(test)
    root = node
    while isinstance(root, ast.Attribute):
        root = root.value
    name = dotted(node) if isinstance(root, ast.Name) else ""  # names only: no call in it
    if not name or names.counts.get(name.partition(".")[0]):
        return ""
    what = module(name)
    if not what:
        return ""
    return f"`{name}` names {what} (an object always true, never None): assert what it returns"


def _operand(test: ast.expr) -> ast.expr:
    """``x``, ``x is not None``, ``callable(x)``, ``bool(x)``: the object whose truth it is."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot):
        right = test.comparators[0]
        return test.left if isinstance(right, ast.Constant) and right.value is None else test
    if isinstance(test, ast.Call) and dotted(test.func) in ("callable", "bool"):
        return test.args[0] if len(test.args) == 1 and not test.keywords else test
    return test


def objects(index: ProjectIndex, info: ModuleInfo) -> Kind:
    """Say what always-true object each dotted name of a module stands for.

    Args:
        index: The project's modules at head.
        info: The test module.

    Returns:
        A function from a dotted name (``add``, ``mod.func``, ``pkg.mod``) to ``"a function"``,
        ``"a class"`` or ``"a module"``, or ``""`` when the name may hold anything else.
    """
    once = _bound_once(info.tree)

    def kind(name: str) -> str:
        root, _, rest = name.partition(".")
        if root not in once:
            return ""
        if root in info.functions or root in info.classes:
            found = _defined(info, root)
            return found if not rest else ""
        if root not in info.imports:
            return ""
        module, attr, level = info.imports[root]
        dotted = module if attr is None else (f"{module}.{attr}" if module else attr)
        return _follow(index, info, dotted, level, rest.split(".") if rest else [], attr)

    return kind


def _follow(
    index: ProjectIndex,
    info: ModuleInfo,
    dotted: str,
    level: int,
    rest: list[str],
    attr: str | None,
) -> str:
    """What an imported name with attributes after it is, followed through modules."""
    path = index.module_path(dotted, level, info.path, library=None)
    if path is not None:
        return _inside(index, info, path, (dotted, level), rest)
    if attr is None:
        return "a module" if level == 0 and not rest else ""  # ``import os``: a module object
    return _attribute(index, info, dotted, level, rest)


def _inside(
    index: ProjectIndex, info: ModuleInfo, path: str, module: tuple[str, int], rest: list[str]
) -> str:
    """``pkg.mod.f`` from the file of ``pkg``: a submodule, or what the last module defines."""
    dotted, level = module
    for _ in range(8):
        other = index.module(path)
        if not rest or other is None:
            return "a module" if not rest else ""
        head, rest = rest[0], rest[1:]
        if head in other.functions or head in other.classes:
            return "" if rest else _defined(other, head)
        dotted = f"{dotted}.{head}"
        found = index.module_path(dotted, level, info.path, library=None)
        if found is None:
            return ""
        path = found
    return ""


def _attribute(
    index: ProjectIndex, info: ModuleInfo, dotted: str, level: int, rest: list[str]
) -> str:
    """``from pkg.mod import add``: ``add`` as ``pkg.mod`` defines it."""
    module, _, name = dotted.rpartition(".")
    path = index.module_path(module, level, info.path, library=None)
    other = index.module(path) if path else None
    if other is None or rest or not (name in other.functions or name in other.classes):
        return ""
    return _defined(other, name)


def _defined(info: ModuleInfo, name: str) -> str:
    """A module-level ``def`` is a function; a ``class`` without a metaclass of its own a class
    (a metaclass may define ``__bool__`` or ``__len__``)."""
    if name in info.functions:
        return "a function"
    cls = info.classes[name]
    if cls.keywords or any("Enum" in ast.unparse(b) or "Flag" in ast.unparse(b) for b in cls.bases):
        return ""
    return "a class"


def _bound_once(tree: ast.Module) -> frozenset[str]:
    """The names the module binds exactly once, anywhere in it (conservative: a parameter or a
    local of the same name anywhere counts as another binding)."""
    counts: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            return frozenset()  # a star import may bind any name again
        for name in _binds(node):
            counts[name] = counts.get(name, 0) + 1
    return frozenset(name for name, count in counts.items() if count == 1)


def _binds(node: ast.AST) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
        return [node.id]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return [*node.names, *node.names]  # never "once"
    return []
