"""Entry points a contribution retargets in ``pyproject.toml``: what an installed command runs.

``[project.scripts] tool = "pkg.cli:main"`` → ``"pkg.cli:debug_main"`` changes what the
installed ``tool`` runs, and a ``[project.entry-points.pytest11]`` entry registers a pytest
plugin that every test run of an installed package loads (attack 4's 48). Both change code a
test can see, though only ``pyproject.toml`` changed: the classifier and tests-present count
such a file as changed code. Contributed TOML is data: it is parsed, never imported.
"""

from __future__ import annotations

from typing import Any

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution

_TABLES = ("scripts", "gui-scripts", "entry-points")


def entry_points_changed(contribution: Contribution, f: ChangedFile) -> bool:
    """Tell whether a ``pyproject.toml`` change adds, removes or retargets an entry point.

    Args:
        contribution: The contribution.
        f: A changed file.

    Returns:
        True when the ``[project]`` scripts, GUI scripts or entry points differ from the base's.
    """
    if f.path.rsplit("/", 1)[-1] != "pyproject.toml" or f.kind != "file":
        return False
    base = contribution.base_text(f.old_path or f.path) if f.status != "added" else ""
    before = _entry_points(base)
    after = _entry_points(contribution.text(f) if f.exists else "")
    return before != after


def _entry_points(text: str | None) -> dict[str, Any]:
    """The ``[project]`` tables that name what an installed package runs (empty if none)."""
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        project = tomllib.loads(text or "").get("project", {})
    except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
        return {}
    if not isinstance(project, dict):
        return {}
    return {name: project.get(name) for name in _TABLES if name in project}
