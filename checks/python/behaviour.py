"""What in a syntax tree runs, for the diff classifier: the parts no "no code" step may drop.

``diffkind`` strips annotations, imports and string literals to tell a typing, export or
wording change from a behaviour change. Each strip is safe only for what does not run:

- an annotation is evaluated when its ``def`` or assignment runs (and by ``get_type_hints``,
  dataclasses and pydantic when it is a string): only plain type expressions (names,
  attributes, subscripts, ``X | Y``, literals) are annotations-only;
- a dataclass field's annotation decides what the field is (``ClassVar``, ``InitVar``,
  ``KW_ONLY``), and a bare ``x: int`` in a class body declares a field;
- only ``typing.cast`` (or ``cast`` imported from ``typing``) is a no-op; ``ops.cast`` or another
  library's ``cast`` converts values;
- an import binds a name to a module: swapping the module (``json`` → ``pickle``), importing a
  third-party module (its code runs on import), or removing an import whose name is still used
  changes behaviour; a re-export of the package's own names or the standard library is not;
- ``__all__``/``__version__`` are exports only when their value calls nothing, and an
  ``@…_export`` decorator only when the module does not define it itself;
- a string literal is wording only when it reads as prose (two or more words, none a host, URL,
  path, option or shell syntax) and is not handed to a process, ``eval`` or ``getattr``.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from typing import Final

from mergeready.checks.python.runtime_reads import annotation_framework, own_type_checking

TYPING_MODULES: Final = frozenset({"typing", "typing_extensions", "__future__", "collections.abc"})
_PLAIN_ANNOTATION: Final = (
    ast.Name,
    ast.Attribute,
    ast.Subscript,
    ast.Constant,
    ast.Tuple,
    ast.List,
    ast.Load,
    ast.BitOr,
    ast.Slice,
)
_FIELD_ROLES: Final = ("ClassVar", "InitVar", "KW_ONLY")
_STDLIB: Final = frozenset(getattr(sys, "stdlib_module_names", ())) - {"antigravity", "this"}
# Calls whose string arguments are commands, code or attribute names, never wording.
_COMMAND_ROOTS: Final = frozenset({"subprocess", "os", "shlex", "pty", "pexpect"})
_COMMAND_CALLS: Final = frozenset(
    {
        "system",
        "popen",
        "Popen",
        "check_call",
        "check_output",
        "getoutput",
        "getstatusoutput",
        "create_subprocess_exec",
        "create_subprocess_shell",
        "eval",
        "exec",
        "compile",
        "getattr",
        "setattr",
        "delattr",
        "hasattr",
        "import_module",
        "__import__",
    }
)
_SHELL: Final = frozenset("|;&$`<>=@\\")
_MAX_PROSE: Final = 20_000


def plain_annotation(node: ast.expr | None) -> bool:
    """Tell whether evaluating an annotation runs no code of the project's.

    Args:
        node: The annotation (None: no annotation).

    Returns:
        True for names, attributes, subscripts, ``X | Y``, literals and strings that parse as
        such; False for calls, lambdas, comprehensions, walrus and anything else.
    """
    if node is None:
        return True
    for n in ast.walk(node):
        if isinstance(n, ast.BinOp) and not isinstance(n.op, ast.BitOr):
            return False
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            if not _plain_string(n.value):
                return False
        elif not isinstance(n, (*_PLAIN_ANNOTATION, ast.BinOp, ast.expr_context)):
            return False
    return True


def _plain_string(text: str) -> bool:
    """A string annotation (a forward reference) is plain when it parses as a plain one."""
    if len(text) > 2_000:
        return False
    try:
        parsed = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True  # not an expression: a Literal's string value, never evaluated
    return plain_annotation(parsed)  # nested quotes shorten the text: the depth is bounded


_RUNS: Final = (
    ast.Call,
    ast.Lambda,
    ast.NamedExpr,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.Await,
    ast.Yield,
    ast.YieldFrom,
)


def inert(node: ast.expr) -> bool:
    """Tell whether computing a value calls no code (``__version__ = "1.2"``, ``__all__ = […]``).

    Args:
        node: The value.

    Returns:
        False when it holds a call, a lambda, a comprehension, a walrus, ``await`` or ``yield``.
    """
    return not any(isinstance(n, _RUNS) for n in ast.walk(node))


def defined_names(tree: ast.Module) -> frozenset[str]:
    """The functions and classes a module defines anywhere (a decorator of its own is code).

    Args:
        tree: The module.

    Returns:
        Their names.
    """
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return frozenset(n.name for n in ast.walk(tree) if isinstance(n, kinds))


def field_role(annotation: ast.expr) -> str:
    """The role a class-body annotation gives a dataclass attribute.

    Args:
        annotation: The annotation.

    Returns:
        ``ClassVar``, ``InitVar``, ``KW_ONLY``, or ``field``.
    """
    text = ast.unparse(annotation)[:2_000]
    return next((role for role in _FIELD_ROLES if role in text), "field")


def cast_names(tree: ast.Module) -> tuple[frozenset[str], frozenset[str]]:
    """The names under which a module reaches ``typing.cast``.

    Args:
        tree: The module.

    Returns:
        Names bound to ``cast`` itself (``from typing import cast as c``), and names bound to
        the typing modules (``import typing as t``).
    """
    direct: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in _TYPING:
            direct.update(_bound(node, lambda name: name == "cast"))
        elif isinstance(node, ast.Import):
            modules.update(_bound(node, lambda name: name in _TYPING))
    return frozenset(direct), frozenset(modules)


_TYPING: Final = ("typing", "typing_extensions")


def _bound(node: ast.Import | ast.ImportFrom, wanted: Callable[[str], bool]) -> set[str]:
    return {a.asname or a.name for a in node.names if wanted(a.name)}


def is_typing_cast(call: ast.Call, names: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Tell whether a call is ``typing.cast(T, x)``, which returns ``x`` unchanged.

    Args:
        call: The call.
        names: ``cast_names`` of its module.

    Returns:
        True for ``cast(T, x)`` with ``cast`` imported from typing, or ``typing.cast(T, x)``.
    """
    if len(call.args) != 2 or call.keywords:
        return False
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in names[0]
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "cast"
        and isinstance(func.value, ast.Name)
        and func.value.id in names[1]
    )


def _bindings(tree: ast.Module) -> dict[str, str]:
    """Every name an import binds, and what it binds it to (``.core.clip``, ``json``)."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                bound = a.asname or a.name.split(".", 1)[0]
                out[bound] = a.name if a.asname else bound
        elif isinstance(node, ast.ImportFrom):
            source = "." * node.level + (node.module or "")
            for a in node.names:
                out[a.asname or a.name] = f"{source}.{a.name}"
    return out


def _used(tree: ast.Module) -> set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def import_change(base: ast.Module, head: ast.Module, package: str) -> str:
    """Say how the contribution changes what the module's imports bind.

    Args:
        base: The base's tree (annotations stripped).
        head: The head's tree (annotations stripped).
        package: The top-level package the file belongs to (its own re-exports).

    Returns:
        ``""`` when every change is a re-export, a standard-library or typing import, or an
        unused import removed; otherwise why the imports change behaviour.
    """
    old, new = _bindings(base), _bindings(head)
    for name, source in new.items():
        if name in old and old[name] != source:
            return f"{name} now comes from {source}, not {old[name]}"
        if name not in old and not _harmless(source, package):
            return f"imports {source}, whose code runs on import"
    used = _used(head)
    for name in old.keys() - new.keys():
        if name in used:
            return f"no longer imports {name}, which the module still uses"
    return ""


def _harmless(source: str, package: str) -> bool:
    if source.startswith("."):
        return True
    top = source.split(".", 1)[0]
    return top == package or top in _STDLIB or source.rsplit(".", 1)[0] in TYPING_MODULES


def prose(text: str) -> bool:
    """Tell whether a string literal reads as wording a typo fix may change.

    Args:
        text: The literal's value.

    Returns:
        True for two or more words with no host, URL, path, option or shell syntax.
    """
    if len(text) > _MAX_PROSE:
        return False
    words = text.split()
    if len(words) < 2 or _SHELL.intersection(text):
        return False
    return not any(_technical(w) for w in words)


def _technical(word: str) -> bool:
    bare = word.strip(".,;:!?()[]'\"")
    if not bare:
        return False
    if "/" in bare or "://" in bare or bare.startswith("-") or "_" in bare:
        return True
    inner = bare.split(".")
    return len(inner) > 1 and all(part for part in inner)  # pypi.org, os.path, 1.2.3


def command_call(call: ast.Call) -> bool:
    """Tell whether a call's string arguments are commands, code or attribute names.

    Args:
        call: The call.

    Returns:
        True for ``subprocess.*``, ``os.*``, ``shlex.*``, ``eval``, ``exec``, ``getattr`` and
        their kin.
    """
    parts: list[str] = []
    node: ast.expr = call.func
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return command_name(parts)


def command_name(parts: list[str]) -> bool:
    """Tell whether a called name, read outwards (``["run", "subprocess"]``), runs commands.

    Args:
        parts: The attributes of the called name, last first, then the name it starts from.

    Returns:
        True when it starts from ``subprocess``, ``os``, ``shlex``… or ends in ``eval``,
        ``getattr`` and their kin.
    """
    if not parts:
        return False
    return parts[-1] in _COMMAND_ROOTS or parts[0] in _COMMAND_CALLS


_READS_ANNOTATIONS: Final = frozenset({"get_type_hints", "get_annotations", "__annotations__"})


def step_runs(step: str, base: ast.Module, head: ast.Module) -> bool:
    """Tell whether what a "no code" step strips is read while the module runs.

    - ``annotations``: a ``@….register`` function (``functools.singledispatch`` dispatches on
      its annotation), a module that reads annotations (``get_type_hints``,
      ``__annotations__``), or a ``from __future__`` import added or removed (it changes
      what every annotation evaluates to);
    - ``docstrings``: a module that reads ``__doc__`` (as a value, or through ``exec``/``eval``).

    Args:
        step: The step's name (``docstrings``, ``annotations``; any other runs nothing).
        base: The module at the base.
        head: The module at head.

    Returns:
        True when stripping it may hide a behaviour change.
    """
    if step == "annotations":
        return future_imports(base) != future_imports(head) or any(
            _reads_annotations(tree) or own_type_checking(tree) for tree in (base, head)
        )
    if step == "docstrings":
        return any(_named(tree, frozenset({"__doc__"})) for tree in (base, head))
    return False


def future_imports(tree: ast.Module) -> frozenset[str]:
    """The names a module imports from ``__future__``.

    Args:
        tree: The module.

    Returns:
        The names (``annotations``).
    """
    return frozenset(
        a.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "__future__"
        for a in node.names
    )


def _reads_annotations(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
            isinstance(d, ast.Attribute)
            and d.attr == "register"
            or isinstance(d, ast.Call)
            and isinstance(d.func, ast.Attribute)
            and d.func.attr == "register"
            for d in node.decorator_list
        ):
            return True
    return _named(tree, _READS_ANNOTATIONS) or annotation_framework(tree)


def _named(tree: ast.Module, names: frozenset[str]) -> bool:
    return any(
        isinstance(node, ast.Name)
        and node.id in names
        or isinstance(node, ast.Attribute)
        and node.attr in names
        for node in ast.walk(tree)
    )
