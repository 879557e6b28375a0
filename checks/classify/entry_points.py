"""Entry points a contribution retargets in ``pyproject.toml``: what an installed command runs.

``[project.scripts] tool = "pkg.cli:main"`` → ``"pkg.cli:debug_main"`` changes what the
installed ``tool`` runs, and a ``[project.entry-points.pytest11]`` entry registers a pytest
plugin that every test run of an installed package loads (attack 4's 48). Both change code a
test can see, though only ``pyproject.toml`` changed: the classifier and tests-present count
such a file as changed code. Contributed TOML is data: its lines are compared, never run.
"""

from __future__ import annotations

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution


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


def _entry_points(text: str | None) -> tuple[str, ...]:
    """The lines of the ``[project]`` tables that name what an installed package runs.

    Read line by line (checks never parse configuration: the rules loader does): every line
    of ``[project.scripts]``, ``[project.gui-scripts]`` and ``[project.entry-points.*]``, and
    the ``scripts``/``gui-scripts``/``entry-points`` keys of ``[project]``, spaces removed.
    """
    found: list[str] = []
    section = ""
    for line in (text or "")[:_CHARS].splitlines():
        stripped = line.split("#", 1)[0].strip()
        if stripped.startswith("["):
            section = stripped.replace(" ", "").replace('"', "")
            continue
        if not stripped:
            continue
        key = stripped.split("=", 1)[0].strip().strip('"')
        if section.startswith(_TABLES) or (section == "[project]" and key in _KEYS):
            found.append(f"{section}{stripped.replace(' ', '')}")
    return tuple(sorted(found))


_TABLES = ("[project.scripts]", "[project.gui-scripts]", "[project.entry-points.")
_KEYS = frozenset({"scripts", "gui-scripts", "entry-points"})
_CHARS = 1_000_000  # of a pyproject.toml read for its entry points
