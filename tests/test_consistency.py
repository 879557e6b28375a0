"""Invariants between the parts: check modules, registry, rules, codes, README, manifest."""

from __future__ import annotations

import dataclasses
import importlib
import re
from pathlib import Path

import yaml
from mergeready.checks.classify import TYPES
from mergeready.checks.registry import CHECKS
from mergeready.rules.loader import profiles, shipped

ROOT = Path(__file__).parents[1]
CHECK_MODULES = (
    "tests_present",
    "tests_meaningful",
    "docstrings_complete",
    "changelog_updated",
    "spelling_clean",
    "translation_consistent",
    "docs_valid",
    "examples_valid",
    "claims",
)
# The lead's code hundreds (BRIEF): a check keeps its hundred wherever it sits in the registry.
HUNDREDS = {
    "tests-present": 1,
    "tests-meaningful": 8,
    "docstrings-complete": 2,
    "changelog-updated": 3,
    "spelling-clean": 4,
    "translation-consistent": 5,
    "docs-valid": 6,
    "examples-valid": 7,
    "claims": 9,
}


def test_every_check_module_is_registered_under_its_id():
    found = {
        p.stem
        for p in (ROOT / "checks").glob("*.py")
        if re.search(r"^def check\(", p.read_text(), re.M)
    }
    assert found == set(CHECK_MODULES)
    assert list(CHECKS) == [m.replace("_", "-") for m in CHECK_MODULES]


def test_every_check_has_options_codes_and_docs():
    for check_id, spec in CHECKS.items():
        number = HUNDREDS[check_id]
        module = spec.load()
        assert dataclasses.is_dataclass(module.Options)
        assert module.Options.__dataclass_params__.frozen
        assert module.__doc__.startswith(f"{check_id}: ")
        assert module.check.__doc__.strip()
        for code in module.CODES:
            assert re.fullmatch(rf"MR{number}\d\d", code), code


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
    for module in CHECK_MODULES:
        source = (ROOT / "checks" / f"{module}.py").read_text()
        top = source.split("\ndef ", 1)[0]
        assert not re.search(
            r"^(import|from) (pylint|pydocstyle|codespell_lib|polib|sphinxlint|nbformat)", top, re.M
        )
    importlib.import_module("mergeready.hooks.cli")


def test_every_shipped_profile_is_valid():
    from mergeready.rules.loader import validate

    for name in profiles():
        validate(shipped(name), f"profile {name}")
