"""Which changed test files relate to a changed source module: named after it, importing it.

tests-present's MR102 (no changed test covers a module), its bug-fix rule (the changed tests
test none of the fixed modules) and the revert exemption (``revert``) ask the same question.
"""

from __future__ import annotations

import ast

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import module_name
from mergeready.checks.python.pycode import statements
from mergeready.checks.testing.truths import dotted
from mergeready.checks.testing.where import in_test_folder, split_path, test_stems


def imported_names(tree: ast.Module) -> set[str]:
    """List what a module imports and uses: each module, and each ``module.name`` taken from one.

    An import the module never reads (``import pkg.core  # noqa: F401`` beside a test of
    another module) relates it to nothing (attack 6, F24): a test that does not use a module
    cannot fail for anything a change to it does.

    Args:
        tree: the module's syntax tree.

    Returns:
        The dotted names (relative imports left out).
    """
    used = _read(tree)
    names: set[str] = set()
    for node in statements(tree):  # an import is a statement
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(_taken(node, used))
    return names


def _taken(node: ast.Import | ast.ImportFrom, used: set[str]) -> set[str]:
    """The dotted names an import brings in that the module reads."""
    read = [a.name for a in node.names if (a.asname or a.name) in used or a.name == "*"]
    if isinstance(node, ast.Import):
        return set(read)
    if not node.module or node.level or not read:
        return set()
    return {node.module, *(f"{node.module}.{name}" for name in read)} - {f"{node.module}.*"}


def _read(tree: ast.Module) -> set[str]:
    """Every name and dotted prefix the module reads (``pkg``, ``pkg.core``, ``pkg.core.f``)."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
            parts = dotted(node).split(".")
            out.update(".".join(parts[: i + 1]) for i in range(len(parts)) if parts[0])
    return out


def related(
    path: str,
    tests: list[str],
    imports: dict[str, set[str]],
    prefix_match: bool,
    defined: frozenset[str] = frozenset(),
) -> bool:
    """Tell whether one of the tests relates to the module at ``path``.

    Related: named after it (beside it or in a test folder), a ``<prefix>_test.py`` beside it
    with ``prefix_match``, or importing it or a name it defines.

    Args:
        path: the module's path.
        tests: the test files' paths.
        imports: each test file's imported names (``imported_names``).
        prefix_match: whether ``<prefix>_test.py`` beside the module counts.
        defined: the public names the module defines.

    Returns:
        True when one test relates to it.
    """
    folder, stem = split_path(path)
    dotted = module_name(path)
    stems = test_stems(stem)
    packages = {dotted.rsplit(".", n)[0] for n in range(1, dotted.count(".") + 1)}
    for t in tests:
        t_folder, t_stem = split_path(t)
        if t_stem in stems and (t_folder == folder or in_test_folder(t)):
            return True
        if prefix_match and t_folder == folder and t_stem.endswith("_test"):
            if stem.startswith(t_stem[: -len("_test")]):
                return True
        for name in imports.get(t, ()):
            if (
                name == dotted
                or (dotted.endswith("." + name) and "." in name)
                or (name.endswith("." + dotted))
            ):  # an installed name longer than the path's
                return True
            package, _, attr = name.rpartition(".")
            if attr in defined and (package in packages or package == dotted):
                return True  # ``from pkg import frob`` where this module defines frob
    return False


def defined_names(contribution: Contribution, f: ChangedFile) -> frozenset[str]:
    """List the public names a module defines at its top level.

    Args:
        contribution: the contribution whose head holds the module.
        f: the module's changed file.

    Returns:
        The names of its functions, classes and assigned names.
    """
    tree, _ = contribution.python(f)
    if tree is None:
        return frozenset()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return frozenset(n for n in names if not n.startswith("_"))
