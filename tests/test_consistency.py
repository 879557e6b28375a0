"""Invariants between the parts: check modules, registry, rules, codes, README, manifest."""

from __future__ import annotations

import ast
import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from mergeready.checks.issues.registry import ISSUE_CHECKS, ISSUE_TYPES
from mergeready.checks.paths import SOURCE_FILES, TEST_FILES
from mergeready.checks.registry import CHECKS, ENGINE_CODES
from mergeready.checks.vocabulary import TYPES
from mergeready.rules.loader import profiles, shipped

ROOT = Path(__file__).parents[1]
CHECK_MODULES = tuple(spec.module.rsplit(".", 1)[1] for spec in CHECKS.values())
# the module's path in checks/, e.g. "testing/tests_present"
CHECK_PATHS = tuple(spec.module.split(".", 2)[2].replace(".", "/") for spec in CHECKS.values())
ISSUE_CHECK_PATHS = tuple(
    spec.module.split(".", 2)[2].replace(".", "/") for spec in ISSUE_CHECKS.values()
)
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
    assert found == set(CHECK_PATHS) | set(ISSUE_CHECK_PATHS)
    for check_id, spec in {**CHECKS, **ISSUE_CHECKS}.items():
        assert spec.id == check_id
        family, module = spec.module.removeprefix("mergeready.checks.").split(".")
        assert family in FAMILIES
        assert module == check_id.replace("-", "_")
    assert not set(CHECKS) & set(ISSUE_CHECKS)


def test_checks_shows_the_engine_the_families_and_the_post_run_steps():
    entries = list((ROOT / "checks").iterdir())
    # 30 + issues/ (#24), lazyre (#26), executables (#22 attack 6: git.py was at its size limit)
    assert len([e for e in entries if e.name != "__pycache__"]) <= 33
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


def test_every_issue_check_has_options_codes_and_docs():
    for check_id, spec in ISSUE_CHECKS.items():
        module = spec.load()
        assert dataclasses.is_dataclass(module.Options)
        assert vars(module.Options)["__dataclass_params__"].frozen
        assert module.__doc__.startswith(f"{check_id}: ")
        assert spec.description == module.check.__doc__.strip().split("\n")[0]
        assert module.CODES, check_id
        for code in module.CODES:  # issue reports: IR + three digits, one hundred per check
            assert re.fullmatch(r"IR\d{3}", code) and code.startswith(spec.prefix), code
    prefixes = [spec.prefix for spec in ISSUE_CHECKS.values()]
    assert len(set(prefixes)) == len(prefixes)


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
        for rule in (data.get("issue-types") or {}).values():
            assert set((rule or {}).get("require", ())) <= set(ISSUE_CHECKS)
        assert set(data.get("checks") or {}) <= set(CHECKS) | set(ISSUE_CHECKS)


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
    for check_id in [*CHECKS, *ISSUE_CHECKS]:
        assert f"`{check_id}`" in readme
    for type_name in [*TYPES, *ISSUE_TYPES]:
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
    # contribution/base.py defines the trusted reader the rules loader uses
    trees = {
        _module_key(p): ast.parse(p.read_text(), str(p)) for p in (ROOT / "checks").rglob("*.py")
    }
    assert set(CHECK_PATHS) <= set(trees)
    assert not READS_A_TOOL_FILE_ITSELF & set(CHECK_PATHS)
    offenders = {
        module: reads
        for module in sorted(set(trees) - {"contribution/base"} - READS_A_TOOL_FILE_ITSELF)
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
        for check_id, spec in {**CHECKS, **ISSUE_CHECKS}.items()
        for key in (f.name.replace("_", "-") for f in dataclasses.fields(spec.options))
        if key not in FROM_TOOLS and f"`{key}`" not in section
    }
    assert not missing


# --- imports: no cycles, no other module's private names, mergeready's own at the top ---------
#
# What runs at import time is every import outside ``if TYPE_CHECKING:`` (those only name types
# for mypy). A function-level import of mergeready's own modules is kept only where start-up
# needs it, and says so in a ``# start-up:`` comment above it (``mergeready --version`` and the
# parser import no check, no rule and no YAML: measured, the engine and the loader are about 80
# modules and 0.2 s).


def _package_modules() -> dict[str, Path]:
    """Every module of the package by its dotted name, through the package-dir mapping."""
    modules = {}
    for folder, package in (("checks", "checks"), ("hooks", "hooks"), ("rules", "rules")):
        for path in (ROOT / folder).rglob("*.py"):
            parts = [p for p in path.relative_to(ROOT / folder).with_suffix("").parts]
            parts = [p for p in parts if p != "__init__"]
            modules[".".join(["mergeready", package, *parts])] = path
    return modules


def _imports(tree: ast.Module) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import of the module, with whether it sits at the top (outside any function)."""
    typing_only = {
        id(n)
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for n in ast.walk(node)
    }
    top = {id(n) for n in tree.body}
    return [
        (node, id(node) in top)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in typing_only
    ]


def _targets(node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> set[str]:
    """The mergeready modules an import statement loads."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in modules}
    found = set()
    for alias in node.names:
        full = f"{node.module}.{alias.name}"
        found.add(full if full in modules else node.module or "")
    return found & set(modules)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles():
    modules = _package_modules()
    graph = {
        name: {
            t for node, _ in _imports(ast.parse(path.read_text())) for t in _targets(node, modules)
        }
        - {name}
        for name, path in modules.items()
    }
    assert _cycles(graph) == []
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_another_modules_private_names():
    modules = _package_modules()
    offenders = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text())
        bound = set()  # local names of imported mergeready modules
        for statement, _ in _imports(tree):
            if not isinstance(statement, ast.ImportFrom):
                continue
            for alias in statement.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                if f"{statement.module}.{alias.name}" in modules:
                    bound.add(alias.asname or alias.name)
                elif private and (statement.module or "").startswith("mergeready"):
                    offenders.append(f"{name}: from {statement.module} import {alias.name}")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in bound
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                offenders.append(f"{name}: {node.value.id}.{node.attr}")
    assert offenders == []


def test_mergeready_imports_sit_at_the_top_unless_start_up_needs_them():
    offenders = []
    for name, path in _package_modules().items():
        lines = path.read_text().split("\n")
        for node, at_top in _imports(ast.parse("\n".join(lines))):
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            if at_top or not (module or "").startswith("mergeready"):
                continue
            above = node.lineno - 2  # the comment sits above the run of imports it explains
            while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
                above -= 1
            if "# start-up:" not in lines[above]:
                offenders.append(f"{name}:{node.lineno}")
    assert offenders == []


def test_the_classifier_reads_the_changelog_places_typed_not_through_getattr():
    """classify takes changelog-updated's ``Options.places`` (a frozen ``Places``), never its
    options object read attribute by attribute with defaults."""
    tree = ast.parse((ROOT / "checks" / "classify" / "__init__.py").read_text())
    calls = [
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    ]
    assert "getattr" not in calls
    (classify,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "classify"]
    annotations = {a.arg: ast.unparse(a.annotation) for a in classify.args.args if a.annotation}
    assert annotations["changelog_places"] == "Places"


def test_the_engine_words_are_declared_once_in_the_vocabulary():
    """Contribution types, diff kinds, title readings and changelog states are Literals in
    checks/vocabulary.py (mypy's strict equality rejects a misspelt word); no other module
    keeps its own copy of one of them (a decision may name a few, as ``in ("docs", "example")``
    does)."""
    from typing import get_args

    from mergeready.checks import vocabulary

    words = [
        set(get_args(w))
        for w in (
            vocabulary.ContributionType,
            vocabulary.DiffKind,
            vocabulary.TitleReading,
            vocabulary.ChangelogState,
        )
    ]
    assert set(shipped("default")["types"]) == set(vocabulary.TYPES)
    spelt = []
    for path in (ROOT / "checks").rglob("*.py"):
        if path.name == "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.Tuple, ast.List)):
                found = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if any(found == w for w in words):
                    spelt.append(f"{_module_key(path)}:{node.lineno}")
    assert spelt == []


# --- a check is declared once: what is said about it elsewhere is tested against its module ---


def test_each_hook_in_the_manifest_is_its_checks_own_declaration():
    """A check module's ``HOOK`` (id, description, file types, stage) is its entry in
    .pre-commit-hooks.yaml; every single-check hook has one."""
    manifest = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    declared = set()
    for check_id, spec in CHECKS.items():
        hook = getattr(spec.load(), "HOOK", None)
        if hook is None:
            continue
        entry = manifest[hook["id"]]
        assert f"--only {check_id}" in entry["entry"]
        for key, value in hook.items():
            assert tuple(entry[key]) == value if isinstance(value, tuple) else entry[key] == value
        assert not {"types", "types_or", "stages"} - set(hook) & set(entry), hook["id"]
        declared.add(hook["id"])
    single = {h for h, e in manifest.items() if re.search(r"--only [\w-]+(\s|$)", e["entry"])}
    assert single <= declared


def test_the_report_schema_names_exactly_the_registered_checks():
    schema = json.loads((ROOT / "tests" / "report.schema.json").read_text())
    assert schema["$defs"]["check"]["enum"] == [*CHECKS, "configuration", *ISSUE_CHECKS]


def _codes_in(text: str, prefix: str = "MR") -> set[str]:
    """Every code a README cell names: ``MR101``, and ranges ``MR501–MR514``."""
    codes = set()
    for first, last in re.findall(rf"({prefix}\d{{3}})(?:\s*[–-]\s*({prefix}\d{{3}}))?", text):
        stop = int((last or first)[2:])
        codes |= {f"{prefix}{n}" for n in range(int(first[2:]), stop + 1)}
    return codes


def test_the_readme_check_table_names_each_checks_own_codes():
    readme = (ROOT / "README.md").read_text()
    for check_id, spec in CHECKS.items():
        (row,) = [line for line in readme.splitlines() if line.startswith(f"| `{check_id}` |")]
        assert _codes_in(row.split("|")[2]) == set(spec.codes), check_id
    for check_id, spec in ISSUE_CHECKS.items():
        (row,) = [line for line in readme.splitlines() if line.startswith(f"| `{check_id}` |")]
        assert _codes_in(row.split("|")[2], "IR") == set(spec.codes), check_id
    assert _codes_in("MR501–MR503, MR520") == {"MR501", "MR502", "MR503", "MR520"}
