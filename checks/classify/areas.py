"""What each changed file is: its area, or for a source file what its diff changes, its new API."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from typing import Final

from mergeready.checks.attributes import Attributes
from mergeready.checks.changes import ChangedFile
from mergeready.checks.classify.deprecation import deprecation_only
from mergeready.checks.classify.entry_points import entry_points_changed
from mergeready.checks.classify.packaged import package_module, packaged_code
from mergeready.checks.classify.scripts import shipped_script
from mergeready.checks.contribution import Contribution
from mergeready.checks.diffkind import generated, kind
from mergeready.checks.paths import TEST_FILES, first_match
from mergeready.checks.python.moved import moved_from
from mergeready.checks.python.public_api import in_scope, private_module
from mergeready.checks.spelling.prose import LANGUAGES, translated_page
from mergeready.checks.vocabulary import AREA_ORDER, TypeRule


def source_kinds(
    contribution: Contribution,
    source: Sequence[str],
    changelog: Sequence[str],
    rules: Mapping[str, TypeRule],
    evidence: dict[str, list[str]],
    attributes: Attributes,
    configured: Sequence[str],
) -> tuple[dict[str, str], bool]:
    """Put each file in its area; return what each changed source file changes.

    Args:
        contribution: The contribution.
        source: Globs of source files.
        changelog: Globs of changelog files (their own area).
        rules: The type rules by name (their paths mark areas).
        evidence: The evidence by type; each file's area is added.
        attributes: The base's ``.gitattributes`` settings (a generated file is not source).
        configured: The configured source globs (see ``packaged_code``).

    Returns:
        What each changed source file's diff changes, by path, and whether the contribution
        changes only changelog files.
    """
    kinds: dict[str, str] = {}
    notes: list[tuple[str, str]] = []
    areas = set()
    tests = rules["tests"].paths if "tests" in rules else TEST_FILES
    for f in contribution.files:
        shipped = _shipped(contribution, f, tests)
        area = None if shipped else _area(f.path, rules, changelog)
        areas.add(area or "source")
        if area is None and (shipped or _source(contribution, f, source, configured)):
            _note_source(contribution, f, tests, attributes, kinds, notes)
        elif area in evidence:
            evidence[area].append(f"path: {f.path}")
    _add_notes(kinds, notes, evidence)
    return kinds, areas == {"changelog"}


def _shipped(contribution: Contribution, f: ChangedFile, tests: Sequence[str]) -> bool:
    """Code whatever area its name says: ``src/pkg/setup.py``, retargeted entry points."""
    return package_module(contribution, f.path, tests) or entry_points_changed(contribution, f)


def _source(
    contribution: Contribution, f: ChangedFile, source: Sequence[str], configured: Sequence[str]
) -> bool:
    """A source file: named by the source globs, a shipped script, or package code."""
    return bool(
        first_match(f.path, source)
        or shipped_script(contribution, f.path)
        or packaged_code(contribution, f, configured)
    )


def _note_source(
    contribution: Contribution,
    f: ChangedFile,
    tests: Sequence[str],
    attributes: Attributes,
    kinds: dict[str, str],
    notes: list[tuple[str, str]],
) -> None:
    """Record what a changed source file's diff changes, with the area notes it earns."""
    what, why = _source_kind(contribution, f, tests, attributes)
    if why:
        notes.append(("maintenance", f"path: {f.path} ({why})"))
    if what is None:
        return
    kinds[f.path] = what
    if what == "none" and _comments_only(contribution, f):
        notes.append(("docs", f"path: {f.path} (comments only)"))
        return
    area_note = _KIND_AREAS.get(what)
    if area_note:
        notes.append((area_note[0], f"path: {f.path} ({area_note[1]})"))


def _comments_only(contribution: Contribution, f: ChangedFile) -> bool:
    """True when a change that leaves the syntax tree as it was only adds comment lines.

    Every added line is a comment or blank, and one is a comment: code reformatted or renamed
    adds code lines, so the change is its comments: documentation.
    """
    added = f.added_lines
    view = contribution.python_view(f)
    if not added or view is None:
        return False
    lines = view.lines()
    texts = [lines[n - 1].strip() for n in sorted(added) if 0 < n <= len(lines)]
    return all(not t or t.startswith("#") for t in texts) and any(texts)


def _source_kind(
    contribution: Contribution, f: ChangedFile, tests: Sequence[str], attributes: Attributes
) -> tuple[str | None, str]:
    """What a source file's diff changes (None: it is no code of the project) and why, if so."""
    if generated(contribution, f, attributes):
        return None, "generated"
    if f.path.endswith(".py") and _script(contribution, f.path, tests):
        return None, "a script outside the packages"
    what = kind(contribution, f) if f.path.endswith(".py") and f.exists else "code"
    if what in ("exports", "text", "code") and _version_only(contribution, f):
        return "none", "a version number only"
    if what in ("exports", "text", "code") and deprecation_only(contribution, f):
        return "none", "deprecation shims removed or rescheduled only"
    return what, ""


def _add_notes(
    kinds: Mapping[str, str], notes: Sequence[tuple[str, str]], evidence: dict[str, list[str]]
) -> None:
    """A docstring- or format-only file is its own area only when no code changed beside it."""
    if any(k in ("text", "exports", "code") for k in kinds.values()):
        return
    for name, note in notes:
        if name in evidence:
            evidence[name].append(note)


def _script(contribution: Contribution, path: str, tests: Sequence[str]) -> bool:
    """True for a Python file outside every folder that holds the project's packages.

    ``oss_setup.py`` at the top, ``tools/write_pyi.py``, ``tasks/upgrade_wheels.py``: build and
    release scripts no import of the library reaches, in a project whose code lives in packages
    (a top-level folder with an ``__init__.py`` somewhere under it, at the base or at head). A
    project with no package at all keeps every Python file as code.
    """
    tops: frozenset[str] = contribution.once(
        "package-tops",
        lambda: frozenset(
            p.split("/", 1)[0]
            for p in contribution.base_paths() | contribution.head_paths()
            if p.endswith("/__init__.py") and not first_match(p, tests)
        ),
    )
    return bool(tops) and ("/" not in path or path.split("/", 1)[0] not in tops)


# ``__version__``, ``VERSION``, ``version_info``, and a semantic version's parts
# (``_MINOR_VERSION``, ``VERSION_MAJOR``, ``VERSION_SUFFIX``): release metadata.
_VERSION_NAME: Final = re.compile(
    r"(?i)_{0,2}(?:(?:major|minor|patch|micro)_)?(?:version|version_info|version_tuple)"
    r"(?:_(?:major|minor|patch|micro|suffix))?_{0,2}|__build__"
)


def _version_only(contribution: Contribution, f: ChangedFile) -> bool:
    """True when a module's change is a release's: only its version number's literal changed.

    ``__version__ = "2.34.2"`` and ``__build__ = 0x023402`` (requests' release commits,
    tf-keras's nightly bumps) change no behaviour a test could pin. Only a string, number or
    tuple of them assigned to a version name counts: any other difference, a computed value,
    or a version name the module's own code reads, is code.
    """
    if f.status != "modified" or not f.path.endswith(".py"):
        return False
    head = contribution.python(f)[0]
    base = contribution.base_python(f.path)
    if head is None or base is None:
        return False
    before, after = _without_versions(base), _without_versions(head)
    if before is None or after is None or before != after:
        return False
    return not _reads_version(head)


def _reads_version(tree: ast.Module) -> bool:
    """True when the module's own code reads a version name it assigns.

    ``VERSION = "2"`` read by ``endpoint()`` builds the URL the client calls: changing it
    changes behaviour (attack 4's 41); ``__version__`` that only describes the release is
    assigned and never read (module-level metadata such as
    ``VERSION = __version__`` reads it outside any function: still a release's).
    """
    return any(
        isinstance(node, ast.Name)
        and isinstance(node.ctx, ast.Load)
        and _VERSION_NAME.fullmatch(node.id) is not None
        for top in tree.body
        if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        for node in ast.walk(top)
    )


def _without_versions(tree: ast.Module) -> str | None:
    """The module's top level with each literal version number blanked, or None if it has none."""
    body = [_blank_version(node) for node in tree.body]
    if all(a is b for a, b in zip(body, tree.body)):
        return None
    return ast.dump(ast.Module(body=body, type_ignores=[]))


def _blank_version(node: ast.stmt) -> ast.stmt:
    """A literal version assignment (``__version__ = "1.2"``) as its name alone; else the node."""
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, value = node.targets[0], node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        target, value = node.target, node.value
    else:
        return node
    if isinstance(target, ast.Name) and _VERSION_NAME.fullmatch(target.id) and _literal(value):
        return ast.Expr(ast.Constant(target.id))
    return node


def _literal(value: ast.expr) -> bool:
    """True for a constant, or a tuple of constants (``(2, 34, "rc1")``)."""
    return isinstance(value, ast.Constant) or (
        isinstance(value, ast.Tuple) and all(isinstance(x, ast.Constant) for x in value.elts)
    )


def _area(path: str, rules: Mapping[str, TypeRule], changelog: Sequence[str]) -> str | None:
    if first_match(path, changelog):
        return "changelog"
    for name in AREA_ORDER:
        rule = rules.get(name)
        if rule and first_match(path, rule.paths):
            if name == "translation" and _page_about_translating(path):
                continue  # devguide's translations/translating.rst is an English page
            return name
    return None


_PAGES: Final = frozenset({"md", "rst", "txt", "markdown", "adoc", "html", "svg", "png", "jpg"})


def _page_about_translating(path: str) -> bool:
    """A page or picture under a translations folder that no language marks as translated.

    A translated page says its language: in its name (``index.fr.md``) or a folder
    (``translations/fr/``, ``locale/pt_BR/``). An English page about translating, kept in a
    ``translations/`` folder, is documentation; catalogues (``*.po``) are translations
    wherever they are.
    """
    name = path.rsplit("/", 1)[-1].lower()
    if name.rsplit(".", 1)[-1] not in _PAGES or translated_page(path):
        return False
    folders = (p.lower().replace("_", "-").split("-", 1)[0] for p in path.split("/")[:-1])
    return not any(f in LANGUAGES and f != "en" for f in folders)


_KIND_AREAS: Final = {
    "none": ("maintenance", "formatting, comments or a rename only"),
    "docstrings": ("docs", "docstrings only"),
    "annotations": ("maintenance", "annotations only"),
    "moved": ("maintenance", "statements extracted into a private helper, the same ones"),
}


def public_api(contribution: Contribution, kinds: Mapping[str, str]) -> list[str]:
    """The public definitions the diff adds or re-signs in source files whose code changed.

    A definition is new when the base's module has no definition of that name, re-signed
    when its parameters' names or kinds differ from the base's (a default or an annotation
    alone re-signs nothing); private modules, modules no import can name (``extras/x-y.py``),
    private names and tests are not API.

    Args:
        contribution: The contribution.
        kinds: What each changed source file's diff changes, by path.

    Returns:
        The evidence for at most three definitions.
    """
    found: list[str] = []
    for path, what in kinds.items():
        f = contribution.file(path)
        if what != "code" or f is None or not _importable(path) or private_module(path):
            continue
        found += _api_changes(contribution, f)
    return found[:3]


def _api_changes(contribution: Contribution, f: ChangedFile) -> list[str]:
    """The public definitions one changed module adds or re-signs."""
    tree, _ = contribution.python(f)
    if tree is None:
        return []
    base = contribution.base_python(f.old_path or f.path) if f.status != "added" else None
    before = _signatures(base) if base is not None else {}
    found = []
    for scope in in_scope(tree, f):
        now = _signatures_of(scope.node)
        if before.get(scope.qualname, None) != now:
            new = scope.qualname not in before
            if new and _moved_as_it_was(contribution, f, scope.qualname, now):
                continue  # moved from another module with the same parameters
            found.append(
                f"diff: {'new' if new else 're-signed'} public API {scope.qualname} in {f.path}"
            )
    return found


def _moved_as_it_was(contribution: Contribution, f: ChangedFile, qualname: str, now: str) -> bool:
    """True when another changed module gave up this definition, with the same parameters."""
    origin = moved_from(contribution, f, qualname)
    if origin is None:
        return False
    known: dict[int, tuple[ast.Module, dict[str, str]]] = contribution.once(
        "areas:origin-signatures", dict
    )  # by the tree's id, the tree kept beside: read once, not once per definition
    if id(origin) not in known:
        known[id(origin)] = (origin, _signatures(origin))
    return known[id(origin)][1].get(qualname) == now


def _importable(path: str) -> bool:
    """True for a Python module an import can name: every part of its path an identifier."""
    parts = path[: -len(".py")].split("/") if path.endswith(".py") else []
    return bool(parts) and all(p.isidentifier() for p in parts)


def _signatures(tree: ast.Module) -> dict[str, str]:
    """Each top-level definition's and each class's methods' parameters, by dotted name."""
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out[node.name] = _signatures_of(node)
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out[f"{node.name}.{item.name}"] = _signatures_of(item)
    return out


def _signatures_of(node: ast.AST) -> str:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        a = node.args  # names and kinds: a default or an annotation alone re-signs nothing
        names = [[x.arg for x in group] for group in (a.posonlyargs, a.args, a.kwonlyargs)]
        rest = [x.arg if x else "" for x in (a.vararg, a.kwarg)]
        return repr((names, rest))
    if isinstance(node, ast.ClassDef):
        return "class " + ast.dump(ast.Tuple(elts=node.bases, ctx=ast.Load()))
    return ""
