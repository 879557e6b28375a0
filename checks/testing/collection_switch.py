"""Collection switches a contribution writes: conftest hooks and pytest settings of its own.

pytest's collection rules come from the base (``rules/pytest_settings.py``). A contribution
that adds ``collect_ignore``, ``pytest_ignore_collect``, ``pytest_collection_modifyitems`` (or
another collection hook, a hook that can pass a run without running or failing its tests —
``pytest_pyfunc_call``, ``pytest_runtestloop``, ``pytest_runtest_logreport``,
``pytest_configure``… —, a call that exits when the file is imported, or ``pytest_plugins``)
to a ``conftest.py``, sets ``pytest_plugins`` in a test module (for that module), or edits a
``[pytest]`` section of ``pytest.toml``/``pytest.ini``/``tox.ini``/``setup.cfg``/
``pyproject.toml``, can make pytest skip the very test it offers as evidence (so can the
command that runs the tests: ``invocation``); the checker cannot tell what that code or
setting will do, so the tests under it do not count. Files are read as text and syntax trees,
never run.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.testing.invocation import command_switches, runs_tests
from mergeready.checks.testing.truths import spelled

# conftest.py names that decide what pytest collects or runs.
_HOOKS: Final = frozenset(
    {
        "pytest_ignore_collect",
        "pytest_collection_modifyitems",
        "pytest_collect_file",
        "pytest_collect_directory",
        "pytest_collection",
        "pytest_pycollect_makemodule",
        "pytest_pycollect_makeitem",
        "pytest_generate_tests",
        "pytest_runtest_setup",
        "pytest_runtest_call",
        "pytest_runtest_protocol",
        "pytest_runtest_makereport",
        "pytest_cmdline_main",
        "pytest_load_initial_conftests",
        "pytest_deselected",
        # Hooks that let a run pass without running or failing the test (issue 22, part C).
        "pytest_pyfunc_call",
        "pytest_runtestloop",
        "pytest_runtest_logreport",
        "pytest_report_teststatus",
        "pytest_make_collect_report",
        "pytest_itemcollected",
        "pytest_collectreport",
        "pytest_collection_finish",
        "pytest_configure",
        "pytest_sessionstart",
        # Hooks that run after the tests and can set the exit status (attack 6, F1).
        "pytest_sessionfinish",
        "pytest_unconfigure",
        "pytest_terminal_summary",
        # pytest-xdist's scheduler decides which worker runs which test, or none (round 5).
        "pytest_xdist_make_scheduler",
    }
)
# Calls that end pytest when a conftest.py is imported (with success, if they say so).
_EXITS: Final = frozenset({"pytest.exit", "sys.exit", "os._exit", "exit", "quit", "os.abort"})
_NAMES: Final = frozenset({"collect_ignore", "collect_ignore_glob", "pytest_plugins"})
# Files whose section configures pytest, and that section's header.
_INI: Final[dict[str, str | tuple[str, ...]]] = {
    "pytest.toml": "",  # pytest >= 9 reads it before every other file
    ".pytest.toml": "",
    "pytest.ini": "",
    ".pytest.ini": "",
    "tox.ini": "[pytest]",
    "setup.cfg": "[tool:pytest]",
    # a pytest11 entry point is a plugin pytest loads once the package is installed (attack 4's 48)
    "pyproject.toml": (
        "[tool.pytest",
        "[project.entry-points.pytest11]",
        '[project.entry-points."pytest11"]',
    ),
}


@dataclass(frozen=True)
class Switch:
    """A collection setting the contribution writes, and the folder of tests it governs."""

    path: str
    line: int
    what: str
    scope: str  # a folder prefix ending in "/", or "" for the whole repository

    def governs(self, path: str) -> bool:
        """Tell whether a test file is under this setting.

        Args:
            path: A test file's path.

        Returns:
            True when pytest would apply the setting to the file.
        """
        return path.startswith(self.scope)


def switches(contribution: Contribution) -> tuple[Switch, ...]:
    """Find the collection settings the contribution adds or changes.

    Args:
        contribution: The contribution (a whole-tree audit has none: every line is the
            project's own).

    Returns:
        Each setting, with where it is and what it governs.
    """
    if contribution.is_audit:
        return ()
    out: list[Switch] = []
    for f in contribution.files:
        if not f.exists or f.kind != "file":
            continue
        folder, _, name = f.path.rpartition("/")
        scope = f"{folder}/" if folder else ""
        written = _written(contribution, f)
        if name == "conftest.py":
            out += _conftest(contribution, f, scope, written)
        elif name in _INI:
            out += _ini(contribution, f, _INI[name], scope, written)
        elif name.endswith(".py"):
            out += _plugins(contribution, f, written)
        out += _commands(contribution, f, written)
    return tuple(out)


def _commands(
    contribution: Contribution, f: ChangedFile, written: Callable[[int, int], bool]
) -> Iterator[Switch]:
    """A test command the contribution switches (``invocation``): it governs every test."""
    if runs_tests(f.path):
        for line, what in command_switches(f.path, contribution.text(f) or "", written):
            yield Switch(f.path, line, what, "")


def _plugins(
    contribution: Contribution, f: ChangedFile, written: Callable[[int, int], bool]
) -> Iterator[Switch]:
    """``pytest_plugins = [...]`` the contribution writes in a test module: pytest loads those
    plugins (their hooks can skip or pass the module's tests) for that file."""
    tree, _ = contribution.python(f)
    for node in tree.body if tree is not None else []:
        named = "pytest_plugins" in _switch_names(node)
        if named and written(node.lineno, node.end_lineno or node.lineno):
            yield Switch(f.path, node.lineno, "pytest_plugins", f.path)


def _written(contribution: Contribution, f: ChangedFile) -> Callable[[int, int], bool]:
    """Tell which lines of a file the contribution writes.

    In a diff, its added lines. In ``--all`` on a branch (every file counts as added, and the
    default branch's tip configures the run), only the lines the trusted revision's copy of
    the file does not have: the rest is the project's own, not the branch's.
    """
    if contribution.mode != "all":
        return f.touches_range
    trusted = contribution.trusted_text(f.path)
    if trusted is None:
        return f.touches_range
    own = {line.strip() for line in trusted.split("\n")}
    lines = (contribution.text(f) or "").split("\n")
    return lambda first, last: any(line.strip() not in own for line in lines[first - 1 : last])


def _conftest(
    contribution: Contribution, f: ChangedFile, scope: str, written: Callable[[int, int], bool]
) -> Iterator[Switch]:
    tree, _ = contribution.python(f)
    if tree is None:
        if f.hunks is None or f.hunks:
            yield Switch(f.path, 1, "a conftest.py that does not parse", scope)
        return
    for node in tree.body:
        names = _switch_names(node)
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", ()))])
        if names and written(first, node.end_lineno or node.lineno):
            yield Switch(f.path, node.lineno, names[0], scope)


def _switch_names(node: ast.stmt) -> list[str]:
    """The collection hook a statement defines or imports, or the collection names it assigns.

    Every binding form counts (attack 6, F1): a hook brought in by an import (``from plug
    import *`` or by name) is registered like one written here, and an exit anywhere in the
    statement (a fixture's teardown, ``atexit.register(os._exit, 0)``, a hook's body) can end
    the run with success after a failing test.
    """
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in _HOOKS:
        return [node.name]
    named = [n for n in _bound(node) if n == "*" or n in _HOOKS or n in _NAMES]
    if named:
        return named[:1]
    if any(map(_exits, ast.walk(node))):
        return ["an exit that can end the run with success"]
    return []


def _bound(node: ast.stmt) -> list[str]:
    """The names an assignment or an import binds (``*`` for a star import)."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [a.asname or a.name for a in node.names]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, (ast.AugAssign, ast.AnnAssign)) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def _exits(node: ast.AST) -> bool:
    """A reference to a function that ends the process (called or handed on), or ``SystemExit``."""
    if isinstance(node, ast.Raise) and node.exc is not None:
        return "SystemExit" in spelled(node.exc)[:200]
    if isinstance(node, ast.Name) and node.id == "SystemExit":
        return True
    return isinstance(node, (ast.Name, ast.Attribute)) and spelled(node)[:200] in _EXITS


def _ini(
    contribution: Contribution,
    f: ChangedFile,
    header: str | tuple[str, ...],
    scope: str,
    written: Callable[[int, int], bool],
) -> Iterator[Switch]:
    lines = (contribution.text(f) or "").split("\n")
    plugin = False
    inside = not header  # pytest.ini: the whole file configures pytest
    what = f"pytest settings in {f.path.rpartition('/')[2]}"
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if header and stripped.startswith("["):
            inside = stripped.startswith(header)
            plugin = "pytest11" in stripped
        if inside and stripped and written(number, number):
            yield Switch(f.path, number, "a pytest11 plugin entry point" if plugin else what, scope)
            return
