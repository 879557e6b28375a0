"""Whether a project asks for docstrings where a contribution adds or re-signs a definition.

mergeready's default profile asks for a docstring on every public definition the contribution
adds or re-signs, and for its parameters to be documented. Many projects ask for neither: the
maintainer would not send a contribution back for it. Two signals, both read at the base:

- the project's docstring linter ignores the missing-docstring code of that kind of definition
  (scrapy selects ruff's ``D`` rules and ignores ``D100``–``D107``);
- the project configures no docstring linter or convention at all, and the changed file's public
  definitions (the file's folder's, when the file has fewer than ``SAMPLE`` or is new) mostly
  have no docstring — or, for parameters, their docstrings mostly document none (pre-commit,
  poetry and urllib3's ``response.py``).

Then what is missing is a warning, not a failure, and the finding says why. The ``strict``
profile (``follow-project: false``) and a project that configures a linter keep every
requirement.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.docstrings.backends import parse
from mergeready.checks.paths import TEST_FILES, first_match
from mergeready.checks.python.pycode import python_view

SAMPLE: Final = 5  # public definitions needed before the practice says anything
MAX_FILES: Final = 20  # files of the folder read at most


@dataclass(frozen=True)
class Practice:
    """How the base's public definitions near a changed file are documented."""

    where: str
    public: int = 0
    documented: int = 0
    with_params: int = 0
    params_documented: int = 0

    def asks(self, what: str) -> bool:
        """Tell whether the practice asks for docstrings (``presence``) or parameters.

        Args:
            what: ``presence`` or ``params``.

        Returns:
            False only when enough definitions say the project does not write them.
        """
        if what == "presence":
            return self.public < SAMPLE or 2 * self.documented >= self.public
        return self.with_params < SAMPLE or 2 * self.params_documented >= self.with_params

    def why(self, what: str) -> str:
        """Say why the practice does not ask (for the finding).

        Args:
            what: ``presence`` or ``params``.

        Returns:
            One clause.
        """
        if what == "presence":
            return (
                f"no docstring linter is configured and {self.public - self.documented} of the "
                f"{self.public} public definitions in {self.where} at the base have no docstring"
            )
        return (
            f"no docstring linter is configured and {self.with_params - self.params_documented} "
            f"of the {self.with_params} documented definitions with parameters in {self.where} "
            "at the base document none"
        )


def practice(contribution: Contribution, f: ChangedFile) -> Practice:
    """Measure how the base documents the public definitions of a file, else of its folder.

    Args:
        contribution: The contribution.
        f: A changed Python file.

    Returns:
        The counts, and which file or folder they come from.
    """
    path = f.old_path or f.path
    tree = contribution.base_python(path) if f.status != "added" else None
    counts = _count(tree) if tree is not None else (0, 0, 0, 0)
    folder = f.path.rpartition("/")[0]
    if counts[0] < SAMPLE:
        return Practice(f"{folder or '.'}/", *_with_siblings(contribution, folder, path, counts))
    found = Practice(path, *counts)
    if f.old_path and f.old_path != f.path:
        # A rename never brings the old file's habit into the folder it joins (attack 4's
        # 50): the stricter of the old file and the destination folder's files at the base.
        there = _with_siblings(contribution, folder, f.path, (0, 0, 0, 0))  # old file too
        return _stricter(found, Practice(f"{folder or '.'}/", *there))
    return found


def _stricter(one: Practice, other: Practice) -> Practice:
    """The practice that asks more: for presence first, then for parameters."""
    return max((other, one), key=lambda p: (p.asks("presence"), p.asks("params")))


def _with_siblings(
    contribution: Contribution, folder: str, path: str, counts: tuple[int, int, int, int]
) -> tuple[int, int, int, int]:
    """The file's counts plus those of up to ``MAX_FILES`` other files of its folder."""
    siblings = [p for p in _folder(contribution, folder) if p != path]
    for sibling in siblings[:MAX_FILES]:
        other = _sibling_counts(contribution, sibling)
        if other is not None:
            counts = tuple(a + b for a, b in zip(counts, other))  # type: ignore[assignment]
    return counts


def _folder(contribution: Contribution, folder: str) -> list[str]:
    """The base's Python files of a folder that are not tests, sorted: listed once per run."""

    def load() -> list[str]:
        return sorted(
            p
            for p in contribution.base_paths()
            if p.endswith(".py")
            and p.rpartition("/")[0] == folder
            and not first_match(p, TEST_FILES)
        )

    found: list[str] = contribution.once(f"docstring-practice-folder:{folder}", load)
    return found


def _sibling_counts(contribution: Contribution, path: str) -> tuple[int, int, int, int] | None:
    """A sibling file's counts at the base, once per run; its tree is not kept.

    Parsed as ``Contribution.base_python`` would (None where it gives None), without the line
    table and code lines no count needs, and without holding twenty trees for the whole run.
    """

    def load() -> tuple[int, int, int, int] | None:
        data = contribution.base_data(path) if contribution.mode != "all" else None
        if data is None:
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(data)
                python_view(data)  # raises where base_python's parse says no
        except (SyntaxError, ValueError, LookupError, RecursionError, MemoryError):
            return None
        return _count(tree)

    found: tuple[int, int, int, int] | None = contribution.once(f"docstring-practice:{path}", load)
    return found


def _count(tree: ast.Module) -> tuple[int, int, int, int]:
    """Public definitions, those with a docstring, those with parameters and a docstring, and
    those whose docstring documents a parameter."""
    public = documented = with_params = params_documented = 0
    for node, owner in _public(tree):
        doc = ast.get_docstring(node)
        if node.name != "__init__":
            public += 1
            documented += doc is not None
        params_doc = _params_doc(node, owner, doc)
        if params_doc is not None:
            with_params += 1
            params_documented += bool(parse(params_doc).params)
    return public, documented, with_params, params_documented


def _params_doc(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
    owner: ast.ClassDef | None,
    doc: str | None,
) -> str | None:
    """The docstring that should document a function's parameters (``__init__``'s may be its
    class's); None for a class, a function without parameters besides ``self``/``cls``, or one
    without a docstring."""
    if isinstance(node, ast.ClassDef):
        return None
    if node.name == "__init__" and doc is None and owner is not None:
        doc = ast.get_docstring(owner)
    names = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
    if doc is None or not [n for n in names if n not in ("self", "cls")]:
        return None
    return doc


def _public(
    tree: ast.Module,
) -> list[tuple[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, ast.ClassDef | None]]:
    out: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, ast.ClassDef | None]]
    out = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if node.name.startswith("_"):
            continue
        out.append((node, None))
        if isinstance(node, ast.ClassDef):
            out += [
                (m, node)
                for m in node.body
                if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
                and (not m.name.startswith("_") or m.name == "__init__")
            ]
    return out
