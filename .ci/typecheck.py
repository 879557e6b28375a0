"""Run mypy on the sources as the package they install as, and on the tests (relaxed).

Usage (from anywhere):  .venv/bin/python .ci/typecheck.py

The folders ``checks/``, ``hooks/`` and ``rules/`` install as ``mergeready.checks`` and so on
(``[tool.setuptools.package-dir]``), a mapping mypy's command line cannot express and an
editable install hides behind an import hook. So this script hands mypy each file with the
module name setuptools gives it, the same mapping ``pyproject.toml`` declares, and the tests
with their own names (pytest puts ``tests/`` on the path). Settings come from
``[tool.mypy]`` in ``pyproject.toml``: strict for the package, relaxed for the tests. Exit
status 0 when mypy finds nothing, 1 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sources() -> list[tuple[str, str]]:
    """List the files to check, with their module names, from the package mapping.

    Returns:
        ``(path, module)`` of every file of the package and of the tests.
    """
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    out = []
    for package, folder in mapping.items():
        for path in sorted((ROOT / folder).glob("*.py")):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            out.append((str(path), name))
    for path in sorted((ROOT / "tests").rglob("*.py")):  # helpers and conftest keep their names
        shared = path.parent == ROOT / "tests" and path.stem in ("helpers", "conftest")
        out.append((str(path), path.stem if shared else f"tests.{path.stem}"))
    return out


def main() -> int:
    """Run mypy once over the package and the tests.

    Returns:
        0 when mypy reports nothing, else 1.
    """
    from mypy import build
    from mypy.errors import CompileError
    from mypy.main import process_options
    from mypy.modulefinder import BuildSource

    _, options = process_options(["--config-file", str(ROOT / "pyproject.toml"), "-c", "0"])
    files = [BuildSource(path, module) for path, module in sources()]
    try:
        messages = build.build(files, options).errors
    except CompileError as exc:
        messages = exc.messages
    for message in messages:
        print(message)
    print(f"mypy: {len(files)} files, {len(messages)} problems", file=sys.stderr)
    return 1 if messages else 0


if __name__ == "__main__":
    raise SystemExit(main())
