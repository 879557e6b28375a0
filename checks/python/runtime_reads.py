"""What a module reads while it runs that the annotations step would strip (attack 5's F1, F12).

An ``if TYPE_CHECKING:`` block runs when the flag is the module's own (``TYPE_CHECKING = True``,
a star import of another module), and annotations are read at run time by the libraries that
build validation, command lines, routes or columns from them (pydantic, typer, FastAPI,
SQLAlchemy's ``Mapped``). ``behaviour.step_runs`` asks both questions.
"""

from __future__ import annotations

import ast
from typing import Final

_TYPING: Final = frozenset({"typing", "typing_extensions"})
_FLAG: Final = "TYPE_CHECKING"


def own_type_checking(tree: ast.Module) -> bool:
    """Tell whether a module tests ``TYPE_CHECKING`` and the name may be its own, not typing's.

    A module that assigns the name (``TYPE_CHECKING = True``), imports it from a module that
    is not typing's, binds it in any other way, or star-imports another module may run its
    ``if TYPE_CHECKING:`` blocks: the annotations step would strip code.

    Args:
        tree: The whole module.

    Returns:
        True when such a block may run.
    """
    tests = any(isinstance(n, ast.If) and _FLAG in ast.dump(n.test) for n in ast.walk(tree))
    return tests and any(_imports_flag(n) or _binds_flag(n) for n in ast.walk(tree))


def _imports_flag(node: ast.AST) -> bool:
    """An import that may bind the flag to something else than typing's."""
    if isinstance(node, ast.Import):
        return any(a.asname == _FLAG for a in node.names)
    if not isinstance(node, ast.ImportFrom):
        return False
    if node.module in _TYPING:  # typing's own flag, unless another name is renamed to it
        return any(a.asname == _FLAG and a.name != _FLAG for a in node.names)
    return any(a.name == "*" or (a.asname or a.name) == _FLAG for a in node.names)


def _binds_flag(node: ast.AST) -> bool:
    """An assignment, definition or parameter of the flag's name."""
    if isinstance(node, ast.Name):
        return node.id == _FLAG and not isinstance(node.ctx, ast.Load)
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name == _FLAG
    return isinstance(node, ast.arg) and node.arg == _FLAG


# Libraries that read a module's annotations while it runs: validation (pydantic, msgspec,
# beartype, typeguard), command lines and web routes built from parameters (typer, FastAPI),
# classes built from fields (attrs, cattrs, SQLModel). SQLAlchemy reads them in ``Mapped[…]``
# columns only.
_FRAMEWORKS: Final = frozenset(
    {
        "pydantic", "pydantic_settings", "typer", "fastapi", "msgspec", "cattrs", "cattr",
        "attrs", "attr", "beartype", "typeguard", "strawberry", "sqlmodel", "ninja",
        "litestar", "tyro", "jsonargparse", "mashumaro", "serde", "dataclasses_json",
        "apischema", "marshmallow_dataclass",
    }
)  # fmt: skip


def annotation_framework(tree: ast.Module) -> bool:
    """Tell whether a module imports a library that reads its annotations at run time.

    Args:
        tree: The whole module.

    Returns:
        True for pydantic, typer, FastAPI and their kind, or SQLAlchemy with ``Mapped``.
    """
    roots = {name.split(".", 1)[0] for name in _imported(tree)}
    if roots & _FRAMEWORKS:
        return True
    return "sqlalchemy" in roots and any(map(_mapped, ast.walk(tree)))


def _imported(tree: ast.Module) -> list[str]:
    """The absolute modules a module imports."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


def _mapped(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "Mapped") or (
        isinstance(node, ast.Attribute) and node.attr == "Mapped"
    )
