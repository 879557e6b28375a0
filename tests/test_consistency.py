"""Invariants between the parts: check modules, registry, rules, codes, README, manifest."""

from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import yaml
from mergeready.checks.classify import TYPES
from mergeready.checks.paths import SOURCE_FILES, TEST_FILES
from mergeready.checks.registry import CHECKS, ENGINE_CODES
from mergeready.rules.loader import profiles, shipped

ROOT = Path(__file__).parents[1]
CHECK_MODULES = tuple(spec.module.rsplit(".", 1)[1] for spec in CHECKS.values())
# the module's path in checks/, e.g. "testing/tests_present"
CHECK_PATHS = tuple(spec.module.split(".", 2)[2].replace(".", "/") for spec in CHECKS.values())
# the family packages of checks/ (a folder with an __init__.py)
FAMILIES = tuple(sorted(p.parent.name for p in (ROOT / "checks").glob("*/__init__.py")))


def _module_key(path: Path) -> str:
    """A module of checks/ by its path inside it, without ``.py``: ``testing/tests_present``."""
    return path.relative_to(ROOT / "checks").with_suffix("").as_posix()


def test_every_check_module_is_registered_under_its_id():
    found = {
        _module_key(p)
        for p in (ROOT / "checks").rglob("*.py")
        if re.search(r"^def check\(", p.read_text(), re.M)
    }
    assert found == set(CHECK_PATHS)
    for check_id, spec in CHECKS.items():
        assert spec.id == check_id
        family, module = spec.module.removeprefix("mergeready.checks.").split(".")
        assert family in FAMILIES
        assert module == check_id.replace("-", "_")


def test_checks_shows_the_engine_the_families_and_the_post_run_steps():
    entries = list((ROOT / "checks").iterdir())
    assert len([e for e in entries if e.name != "__pycache__"]) <= 30
    assert len(FAMILIES) >= 7
    for family in FAMILIES:  # a family is a package that ships: no stray folders
        assert f'"mergeready.checks.{family}"' in (ROOT / "pyproject.toml").read_text()
    assert not [e.name for e in entries if e.is_dir() and e.name not in FAMILIES + ("__pycache__",)]


def test_every_check_has_options_codes_and_docs():
    for check_id, spec in CHECKS.items():
        module = spec.load()
        options: type = module.Options
        assert dataclasses.is_dataclass(options)
        assert options.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert module.__doc__.startswith(f"{check_id}: ")
        assert spec.description and spec.description == module.check.__doc__.strip().split("\n")[0]
        assert module.CODES, check_id
        for code in module.CODES:
            assert re.fullmatch(r"MR\d{3}", code) and code.startswith(spec.prefix), code


def test_each_check_owns_its_own_hundred_of_codes():
    prefixes = [spec.prefix for spec in CHECKS.values()]
    assert all(re.fullmatch(r"MR[1-9]", p) for p in prefixes), prefixes
    assert len(set(prefixes)) == len(prefixes)
    assert all(re.fullmatch(r"MR0\d\d", code) for code in ENGINE_CODES)


def test_the_engine_codes_are_exactly_those_the_engine_emits():
    """Each MR0xx written in the code is declared (and explained) once, and each declared one
    is emitted somewhere: no stale code in SARIF's rules or the README."""
    root = Path(__file__).parents[1]
    written = set()
    for folder in ("checks", "rules", "hooks"):
        for path in (root / folder).rglob("*.py"):
            if path.name != "registry.py":
                written |= set(re.findall(r'"(MR0\d\d)"', path.read_text(encoding="utf-8")))
    assert written == set(ENGINE_CODES)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert all(code in readme for code in ENGINE_CODES)


def test_the_policy_defaults_match_the_shipped_default_profile():
    default = shipped("default")
    assert tuple(default["source"]) == SOURCE_FILES
    assert tuple(default["types"]["tests"]["paths"]) == TEST_FILES


def test_every_id_in_the_rules_is_a_check():
    for name in profiles():
        data = shipped(name)
        for rule in (data.get("types") or {}).values():
            assert set((rule or {}).get("require", ())) <= set(CHECKS)
        assert set(data.get("checks") or {}) <= set(CHECKS)


def test_every_hook_id_names_a_check_or_all():
    manifest = ROOT / ".pre-commit-hooks.yaml"
    if manifest.exists():
        for hook in yaml.safe_load(manifest.read_text()):
            only = re.search(
                r"--only[= ](\S+)", hook["entry"] + " " + " ".join(hook.get("args", []))
            )
            if only:
                assert set(only.group(1).split(",")) <= set(CHECKS)


def test_readme_names_every_check_type_and_exit_code():
    readme = (ROOT / "README.md").read_text()
    for check_id in CHECKS:
        assert f"`{check_id}`" in readme
    for type_name in TYPES:
        assert f"`{type_name}`" in readme
    for code in ("| `0` |", "| `1` |", "| `2` |"):
        assert code in readme


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    command = re.search(r"<!-- test-command -->\n```sh\n(.+?)\n```", readme, re.S).group(1)
    assert command in (ROOT / ".ci" / "run").read_text()


def test_version_matches_pyproject():
    from mergeready.hooks import __version__

    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'version = "{__version__}"' in pyproject


def test_check_modules_import_no_heavy_tool_at_top():
    for module in CHECK_PATHS:
        source = (ROOT / "checks" / f"{module}.py").read_text()
        top = source.split("\ndef ", 1)[0]
        assert not re.search(
            r"^(import|from) (pylint|pydocstyle|codespell_lib|polib|sphinxlint|nbformat)", top, re.M
        )


# The one helper that still reads a tool's file itself: docs-valid's link resolver reads the
# Sphinx ``conf.py`` of the project a changed page belongs to (autosectionlabel, intersphinx),
# through the trusted reader; which ``conf.py`` depends on the pages, so the loader cannot read
# it ahead. The cache digests it (``Contribution.config_read``). No check module may join this.
READS_A_TOOL_FILE_ITSELF = {"text/links"}
_CONFIG_READERS = {"config_text", "config_read"}
_CONFIG_PARSERS = {"tomllib", "tomli", "configparser"}


def _configuration_reads(tree: ast.Module) -> list[str]:
    """What in a module reads configuration: ``config_text``/``config_read``, a TOML/INI parser."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in _CONFIG_READERS:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in _CONFIG_READERS:
            found.append(f"line {node.lineno}: {node.id}")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
            if any((n or "").split(".")[0] in _CONFIG_PARSERS for n in names):
                found.append(f"line {node.lineno}: imports {names}")
    return found


def test_no_check_reads_configuration_itself():
    # every module of checks/ (each check in the registry and every helper it could call);
    # contribution.py defines the trusted reader the rules loader uses
    trees = {
        _module_key(p): ast.parse(p.read_text(), str(p)) for p in (ROOT / "checks").rglob("*.py")
    }
    assert set(CHECK_PATHS) <= set(trees)
    assert not READS_A_TOOL_FILE_ITSELF & set(CHECK_PATHS)
    offenders = {
        module: reads
        for module in sorted(set(trees) - {"contribution"} - READS_A_TOOL_FILE_ITSELF)
        if (reads := _configuration_reads(trees[module]))
    }
    assert offenders == {}
    assert _configuration_reads(trees["text/links"])  # the exception is still needed, or drop it


def test_imports_go_one_way():
    for folder, forbidden in (("checks", ("hooks", "rules")), ("rules", ("hooks",))):
        for path in (ROOT / folder).rglob("*.py"):
            imports = re.findall(r"^\s*(?:from|import) mergeready\.(\w+)", path.read_text(), re.M)
            assert not set(imports) & set(forbidden), path


def test_the_command_line_imports_no_tool_and_no_check_until_it_runs():
    code = (
        "import sys, mergeready.hooks.cli; print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'pylint', 'pydocstyle', 'codespell_lib', 'astroid', 'yaml'}), "
        f"[m for m in sys.modules if m in {[spec.module for spec in CHECKS.values()]!r}])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] []"


def test_every_shipped_profile_is_valid():
    from mergeready.rules.loader import validate

    for name in profiles():
        validate(shipped(name), f"profile {name}")


def test_every_check_option_is_named_in_the_readme():
    """The README's "Check options" paragraph names every YAML key each check's Options has."""
    import dataclasses

    from mergeready.rules.schema import FROM_TOOLS

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("Check options:")
    section = readme[start : readme.index("```", start)]
    missing = {
        check_id: key
        for check_id, spec in CHECKS.items()
        for key in (f.name.replace("_", "-") for f in dataclasses.fields(spec.options))
        if key not in FROM_TOOLS and f"`{key}`" not in section
    }
    assert not missing
