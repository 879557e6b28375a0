"""Test classes pytest collects through subclasses that live in other, collected test files.

A shared base such as ``tests/utils/bases/download_handlers_http.py`` (scrapy) is not a file
pytest collects by its name, but its ``test_*`` methods run in every collected class that
inherits it: ``class TestHttp(Mixin, TestHttpBase)`` in ``tests/test_downloader_http11.py``,
which imports ``TestHttpBase`` from that module. The test files at head are read as data (only
those whose text names the module), never imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.paths import absolute_module, module_name
from mergeready.checks.testing.pytest_config import Collection
from mergeready.checks.testing.truths import spelled

MAX_FILES: Final = 3000  # collected test files read at most, per contribution


def collected_classes(
    contribution: Contribution, path: str, tree: ast.Module, rules: Collection
) -> dict[str, str]:
    """Return the classes of a module pytest does not collect that run through subclasses.

    Args:
        contribution: The contribution (test files are read at head).
        path: The module's path, a file pytest does not collect by name.
        tree: The module's tree.
        rules: pytest's collection rules.

    Returns:
        Each such class's name, mapped to a collected test file that inherits it (directly,
        or through another class of the module that a collected class inherits).
    """
    module = module_name(path)
    through: dict[str, str] = {}
    for test_path in _candidates(contribution, path, module.rsplit(".", 1)[-1], rules):
        test_tree = contribution.head_python(test_path)
        if test_tree is None:
            continue
        for name in _inherited(test_tree, test_path, module, rules):
            through.setdefault(name, test_path)
    if not through:
        return through
    classes: dict[str, list[ast.ClassDef]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            classes.setdefault(node.name, []).append(node)
    waiting = list(through)
    while waiting:  # a base of a class that runs runs too (each class once)
        name = waiting.pop()
        for base in (b for c in classes.get(name, []) for b in c.bases):
            parent = base.id if isinstance(base, ast.Name) else ""
            if parent in classes and parent not in through:
                through[parent] = through[name]
                waiting.append(parent)
    return through


def _candidates(
    contribution: Contribution, path: str, stem: str, rules: Collection
) -> Iterator[str]:
    """Collected test files at head whose text names the module's last part."""
    paths = sorted(
        p
        for p in contribution.head_paths()
        if p != path and rules.collects_file(p) and not rules.outside(p)
    )
    for p in paths[:MAX_FILES]:
        text = contribution.head_text(p)
        if text and stem in text:
            yield p


def _inherited(tree: ast.Module, path: str, module: str, rules: Collection) -> set[str]:
    """The names of ``module``'s classes that collected classes of this test file inherit."""
    names, aliases = _imports_of(tree, path, module)
    out = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef) or not rules.collects_class(node.name):
            continue
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id in names:
                out.add(names[base.id])
            elif isinstance(base, ast.Attribute) and (
                spelled(base.value) in aliases or spelled(base.value) == module
            ):
                out.add(base.attr)
    return out


def _imports_of(tree: ast.Module, path: str, module: str) -> tuple[dict[str, str], set[str]]:
    """The local names a test file gives ``module``'s classes, and ``module`` itself."""
    names: dict[str, str] = {}  # local name -> the class's name in ``module``
    aliases: set[str] = set()
    package = module_name(path).split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            _from_import(node, absolute_module(node, package), module, names, aliases)
        elif isinstance(node, ast.Import):
            aliases.update(a.asname for a in node.names if a.name == module and a.asname)
    return names, aliases


def _from_import(
    node: ast.ImportFrom, source: str, module: str, names: dict[str, str], aliases: set[str]
) -> None:
    """Record what ``from source import …`` brings of ``module``: its names, or itself."""
    for a in node.names:
        if source == module:
            names[a.asname or a.name] = a.name
        elif f"{source}.{a.name}" == module:
            aliases.add(a.asname or a.name)
