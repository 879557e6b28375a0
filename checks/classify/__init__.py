"""Recognise a contribution's types from its title, labels, commit messages and paths."""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from mergeready.checks.attributes import NO_ATTRIBUTES, Attributes
from mergeready.checks.changelog.mechanism import (
    NO_PLACES,
    Places,
    base_state,
    file_entries,
    fragments,
    mechanism,
    type_of,
)
from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.diffkind import generated, kind
from mergeready.checks.model import Evidence, TypeMatch
from mergeready.checks.paths import TEST_FILES, first_match
from mergeready.checks.python.public_api import in_scope, private_module
from mergeready.checks.spelling.prose import LANGUAGES, translated_page
from mergeready.checks.testing.source_practice import learned_source, project_source
from mergeready.checks.titles import (
    body_types,
    branch_type,
    is_noise,
    merged_branch,
    read_title,
)
from mergeready.checks.vocabulary import AREA_ORDER, DECLARED_CODE_TYPES, KINDS, TypeRule

if TYPE_CHECKING:
    from mergeready.checks.changelog.mechanism import Mechanism

_MERGE_PR = re.compile(r"^Merge (?:pull request|PR) #?\d+")
_RELEASE_TITLE = re.compile(
    r"(?i)^(release|releasing|prepar\w{0,5} (the )?release|bump version|version|v?\d{1,4}\.\d)"
)


def title_of(contribution: Contribution) -> tuple[str | None, str]:
    """Return the contribution's title and where it came from.

    The explicit title wins; otherwise a merge commit of a pull request gives the pull
    request's title from its body, and a single commit its subject. Several commits and no
    title give none: every subject then counts alike, whatever their order.

    Args:
        contribution: The contribution.

    Returns:
        The title (or None) and its source (``title`` or ``commit <sha>``).
    """
    if contribution.title:
        return contribution.title.strip(), "title"
    commits = contribution.commits
    for commit in commits:
        if _MERGE_PR.match(commit.message.lstrip()):
            subject = subject_of(commit.message)
            if subject:
                return subject, f"commit {commit.sha[:8]}"
    own = [(c, subject_of(c.message)) for c in commits]
    own = [(c, s) for c, s in own if s]
    if len(own) == 1:
        return own[0][1], f"commit {own[0][0].sha[:8]}"
    return None, ""


def subject_of(message: str) -> str | None:
    """Return the subject a person gave a commit: a merged pull request's title, not 'Merge …'.

    Args:
        message: The full commit message.

    Returns:
        The subject, or None for a plain branch merge.
    """
    lines = [line.strip() for line in message.strip().splitlines()]
    if not lines:
        return None
    if _MERGE_PR.match(lines[0]):
        return next((line for line in lines[1:] if line), None)
    if lines[0].startswith("Merge ") and (" into " in lines[0] or "branch" in lines[0]):
        return None
    return lines[0]


# How strongly a signal declares a type: a label, then a title's prefix or tag (TITLE + 2),
# the changelog fragment or section, the title's words, a commit's prefix, a branch, a body.
LABEL, STRONG, TITLE, COMMIT, HINT, WEAK = 6, 4, 3, 2, 2, 1


@dataclass
class _Signals:
    """Every signal read, by type: its strongest strength and its evidence."""

    strength: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)

    explicit: set[str] = field(default_factory=set)

    def add(self, name: str, strength: int, evidence: str, explicit: bool = False) -> None:
        if not name:
            return
        self.strength[name] = max(self.strength.get(name, 0), strength)
        self.evidence.setdefault(name, []).append(evidence)
        if explicit:
            self.explicit.add(name)


def classify(
    contribution: Contribution,
    rules: Mapping[str, TypeRule],
    source: Sequence[str],
    changelog: Sequence[str] = (),
    changelog_places: Places = NO_PLACES,
    attributes: Attributes = NO_ATTRIBUTES,
) -> tuple[TypeMatch, ...]:
    """Return the contribution's types, each with the evidence that said so.

    Every signal a maintainer reads is read: the title (a merge commit's pull request title),
    every commit subject (order does not matter), the branch name, the body's closing
    keywords, labels, and the changelog fragment or section the contribution adds. The
    strongest signal for a code type wins (a label, prefix, tag or fragment type over a word
    guessed from a title); weaker ones are shown as outweighed. A title that claims typing,
    lint or formatting declares ``maintenance`` only when the diff changes nothing else, and
    a claim of a typo or docs fix declares ``docs`` only when no code changed. A maintenance
    or performance declaration on a diff that changes behaviour keeps ``code`` beside it (new
    public API: ``feature``). A type is added
    for every non-source area the contribution touches, and ``code`` when source changed and
    nothing declared a code type.

    Args:
        contribution: The contribution.
        rules: The type rules by name.
        source: Globs of source files.
        changelog: Globs of changelog files, which are evidence, not a type.
        changelog_places: Where the changelog is kept (changelog-updated's ``Options.places``:
            fragment directories, files, the base's towncrier settings), to read the changelog
            evidence the contribution adds.
        attributes: The base's ``.gitattributes`` settings (a generated file is not source).

    Returns:
        The types in the order of ``rules``.
    """
    evidence: dict[str, list[str]] = {name: [] for name in rules}
    places = changelog_places
    mech = mechanism(
        contribution, places.fragment_dirs, places.files, places.towncrier, places.learn
    )
    evidence_globs = (*changelog, *mech.files, *(d + "/**" for d in mech.dirs))
    test_globs = rules["tests"].paths if "tests" in rules else TEST_FILES
    learned = learned_source(contribution, source, test_globs)
    source = project_source(contribution, source, test_globs)
    kinds, only_changelog = _source_kinds(
        contribution, source, evidence_globs, rules, evidence, attributes
    )
    changed = any(k in ("text", "exports", "code") for k in kinds.values())
    behaviour = any(k in ("text", "code") for k in kinds.values())
    signals = _Signals()
    title, origin = title_of(contribution)
    if title and _read(title, f"{origin}: {title}", rules, signals, TITLE, kinds, evidence):
        changed = any(k in ("exports", "code") for k in kinds.values())  # text was the typo
        behaviour = any(k == "code" for k in kinds.values())
    _read_commits(contribution, title, rules, signals)
    _read_branch(contribution, rules, signals)
    _read_bodies(contribution, signals)
    if not (title and _RELEASE_TITLE.match(title)) and not only_changelog:
        _read_changelog(contribution, mech, signals, changed)
    if only_changelog and "maintenance" in evidence and not signals.strength:
        evidence["maintenance"].append("only the changelog changed")
    wanted = {label.strip().lower() for label in contribution.labels}
    for name, rule in rules.items():
        for x in rule.labels:
            if x.lower() in wanted:
                signals.add(name, LABEL, f"label: {x}", explicit=True)
    _resolve(signals, evidence, changed, _public_api(contribution, kinds))
    _fix_by_test(evidence, behaviour, rules)
    if (
        any(k == "code" for k in kinds.values())
        and (evidence.get("maintenance") or evidence.get("performance"))
        and not any(evidence.get(t) for t in ("bugfix", "feature", "code"))
    ):
        # A declared maintenance or performance type (chore:, ci:, perf:, a release title, a
        # misc fragment, a chore/ branch, an empty commit's subject) never removes what the
        # diff demands: mergeready cannot tell a speed-up from a behaviour change (issue 22).
        # A prose message reworded (poetry's "chore(git): fix typos in error message") demands
        # no test: the spelling check reads it.
        evidence.setdefault("code", []).append(
            "source code changed beyond annotations, formatting and comments"
        )
    if not any(evidence.values()) and "maintenance" in evidence:
        # Build rules, data and settings no area names (BUILD, settings.yml, *.json) are
        # maintenance: a contribution always has a type, so its requirements are known.
        evidence.setdefault("maintenance", []).extend(
            f"path: {f.path} (no area: build, data or settings)" for f in contribution.files
        )
    _say_learned(contribution, learned, evidence)
    if "tests" in signals.strength and not changed and "docs" not in signals.strength:
        # A title about tests ("Update test expectations") that also edits docstrings is a
        # tests change: the docstrings hold doctest expectations (found on scrapy #8016).
        evidence["docs"] = [e for e in evidence.get("docs", []) if "(docstrings only)" not in e]
    return tuple(
        TypeMatch(name, tuple(map(Evidence.parse, _short(ev))))
        for name, ev in evidence.items()
        if ev
    )


def _source_kinds(
    contribution: Contribution,
    source: Sequence[str],
    changelog: Sequence[str],
    rules: Mapping[str, TypeRule],
    evidence: dict[str, list[str]],
    attributes: Attributes,
) -> tuple[dict[str, str], bool]:
    """Put each file in its area; return what each changed source file changes.

    The second value tells whether the contribution changes only changelog files.
    """
    kinds: dict[str, str] = {}
    notes: list[tuple[str, str]] = []
    areas = set()
    tests = rules["tests"].paths if "tests" in rules else TEST_FILES
    for f in contribution.files:
        area = _area(f.path, rules, changelog)
        areas.add(area or "source")
        if area is None and first_match(f.path, source):
            if generated(contribution, f, attributes):
                notes.append(("maintenance", f"path: {f.path} (generated)"))
                continue
            if f.path.endswith(".py") and _script(contribution, f.path, tests):
                notes.append(("maintenance", f"path: {f.path} (a script outside the packages)"))
                continue
            what = kind(contribution, f) if f.path.endswith(".py") and f.exists else "code"
            if what in ("exports", "text", "code") and _version_only(contribution, f):
                notes.append(("maintenance", f"path: {f.path} (a version number only)"))
                what = "none"
            kinds[f.path] = what
            area_note = _KIND_AREAS.get(what)
            if area_note:
                notes.append((area_note[0], f"path: {f.path} ({area_note[1]})"))
        elif area in evidence:
            evidence[area].append(f"path: {f.path}")
    # A docstring- or format-only file is its own area only when no code changed beside it.
    if not any(k in ("text", "exports", "code") for k in kinds.values()):
        for name, note in notes:
            if name in evidence:
                evidence[name].append(note)
    return kinds, areas == {"changelog"}


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


_VERSION_NAME: Final = re.compile(r"(?i)_{0,2}(version|version_info|version_tuple)_{0,2}|__build__")


def _version_only(contribution: Contribution, f: ChangedFile) -> bool:
    """True when a module's change is a release's: only its version number's literal changed.

    ``__version__ = "2.34.2"`` and ``__build__ = 0x023402`` (requests' release commits,
    tf-keras's nightly bumps) change no behaviour a test could pin. Only a string, number or
    tuple of them assigned to a version name counts: any other difference, or a computed
    value, is code.
    """
    if f.status != "modified" or not f.path.endswith(".py"):
        return False
    head = contribution.python(f)[0]
    base = contribution.base_python(f.path)
    if head is None or base is None:
        return False
    before, after = _without_versions(base), _without_versions(head)
    return before is not None and after is not None and before == after


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
    literal = isinstance(value, ast.Constant) or (
        isinstance(value, ast.Tuple) and all(isinstance(x, ast.Constant) for x in value.elts)
    )
    if isinstance(target, ast.Name) and _VERSION_NAME.fullmatch(target.id) and literal:
        return ast.Expr(ast.Constant(target.id))
    return node


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


def _read(
    text: str,
    where: str,
    rules: Mapping[str, TypeRule],
    signals: _Signals,
    strength: int,
    kinds: Mapping[str, str],
    evidence: dict[str, list[str]],
) -> bool:
    """Read the title, checking its claims against what the diff changes.

    Returns True when the title is a docs claim (a typo fix) that the diff bears out, so
    changed string literals are the typo, not code.
    """
    worst = max((KINDS.index(k) for k in kinds.values()), default=0)
    for name, how in read_title(text, rules):
        if how == "explicit":
            signals.add(name, strength + 2, where, explicit=True)
            if name == "docs" and worst <= KINDS.index("text"):
                return True  # docs: a help text or message reworded, not code
        elif how in ("natural", "tooling-claim"):
            signals.add(name, strength, where)
            if how == "tooling-claim" and worst > KINDS.index("annotations"):
                evidence.setdefault("code", []).append(
                    "source code changed beyond annotations, formatting and comments"
                )
        elif worst <= KINDS.index("text") or how == "docs-claim":
            # A typo or docs fix: docs, and code too when code changed beyond text; a typo
            # fixed only in tests is a tests change.
            if kinds or any(evidence.get(t) for t in ("docs", "example", "translation")):
                evidence.setdefault("docs", []).insert(0, where)
            return worst <= KINDS.index("text")
        # A weak docs claim ("Fix raw markup printed …") that code changes disprove: read on.
    return False


def _read_commits(
    contribution: Contribution, title: str | None, rules: Mapping[str, TypeRule], signals: _Signals
) -> None:
    """Read every commit subject: explicit prefixes count, words count less than a title."""
    for commit in contribution.commits:
        subject = subject_of(commit.message)
        if not subject or subject == title or is_noise(subject):
            continue
        where = f"commit {commit.sha[:8]}: {subject}"
        for name, how in read_title(subject, rules):
            if how == "explicit":
                signals.add(name, COMMIT + 1, where, explicit=True)
            elif how == "natural" and name in (*DECLARED_CODE_TYPES, "code"):
                signals.add(name, COMMIT if title is None else WEAK, where)


def _read_branch(
    contribution: Contribution, rules: Mapping[str, TypeRule], signals: _Signals
) -> None:
    branches = [contribution.branch] if contribution.branch else []
    for commit in contribution.commits:
        named = merged_branch(commit.message.lstrip())
        if named:
            branches.append(named)
    for branch in branches:
        name = branch_type(branch, rules)
        if name:
            signals.add(name, HINT, f"branch: {branch}")


def _read_bodies(contribution: Contribution, signals: _Signals) -> None:
    bodies = [("body", contribution.body or "")]
    bodies += [
        (f"commit {c.sha[:8]}", c.message.split("\n", 1)[1])
        for c in contribution.commits
        if "\n" in c.message
    ]
    for where, text in bodies:
        for name, phrase in body_types(text):
            signals.add(name, WEAK, f"{where}: {phrase!r}")


def _read_changelog(
    contribution: Contribution, mech: Mechanism, signals: _Signals, changed: bool
) -> None:
    """Read the type the contribution's own changelog fragment or section says.

    A fix, feature or performance fragment (or entry under such a section) declares its type
    outright, a ``misc`` or ``removal`` one only hints at one. It is not read for a release or
    for a change to the changelog alone (release notes are no contribution type).
    """
    if not mech.found:
        return
    added, _ = fragments(contribution, mech)
    # A project whose fragment types cannot say "performance" files speed-ups as fixes or
    # features: then the fragment does not outweigh a title that says performance.
    no_perf = "performance" in signals.strength and not any(
        type_of(t) == "performance" for t in mech.fragment_types
    )
    for entry in added:
        name = type_of(entry.kind or "")
        strong = name in ("bugfix", "feature", "performance", "docs")
        if name and (strong or changed):
            level = HINT if not strong or (no_perf and name != "docs") else STRONG
            signals.add(name, level, f"fragment: {entry.path}", strong)
    for path in mech.files:
        f = contribution.file(path)
        if f is None or not f.exists or added or base_state(contribution, path) != "open":
            continue
        entries, _, state = file_entries(contribution, f)
        named = {type_of(e.kind or "") for e in entries}
        if state == "release" and (len(named) != 1 or None in named):
            # A release collects every kind of change. A new version section whose entries
            # all sit under one kind ("Bug fixes") is a contribution starting the next
            # release's notes with its own entry (found on keras-tuner #954).
            continue
        for entry in entries[:5]:
            name = type_of(entry.kind or "")
            strong = name in ("bugfix", "feature", "performance")
            if name and (strong or changed):
                where = f"changelog: {path} under {entry.kind!r}"
                signals.add(name, STRONG if strong else HINT, where, strong)


def _resolve(
    signals: _Signals, evidence: dict[str, list[str]], changed: bool, api: Sequence[str] = ()
) -> None:
    """Keep the strongest code types, every other declared type, and ``code`` if none.

    New or re-signed public API is a feature by the diff's own evidence: words may add a type
    beside it, never take its requirements away (a ``chore:`` title on a new public function
    still needs its tests), and a change no word declares is then a feature, not ``code``.
    """
    code_types = [t for t in (*DECLARED_CODE_TYPES, "code") if t in signals.strength]
    # Words guessed from a title declare a code type only when source code changed.
    usable = [t for t in code_types if t in signals.explicit or changed or t == "maintenance"]
    top = max((signals.strength[t] for t in usable), default=0)
    winners = [t for t in usable if signals.strength[t] == top]
    if api and set(winners) <= {"maintenance", "performance"} and not evidence.get("code"):
        evidence.setdefault("feature", []).extend(api)
    for name in signals.strength:
        if name not in code_types and name in evidence:
            evidence[name][:0] = signals.evidence[name]
    for name in winners:
        evidence.setdefault(name, [])[:0] = signals.evidence[name]
        for other in code_types:
            if other not in winners:
                evidence[name] += [f"outweighed: {other} ({e})" for e in signals.evidence[other]]
    if changed and not winners and not api:
        evidence.setdefault("code", []).append(_UNDECLARED)


_UNDECLARED: Final = "source code changed"


_FIXED_ORDER: Final = ("bugfix", "feature", "performance", "code")


def _say_learned(
    contribution: Contribution,
    learned: Sequence[tuple[str, str]],
    evidence: dict[str, list[str]],
) -> None:
    """Name the learned convention that made a changed non-Python file code, with its origin."""
    target = next((t for t in (*_FIXED_ORDER, "maintenance") if evidence.get(t)), None)
    if target is None:
        return
    for glob, origin in learned:
        if any(first_match(f.path, (glob,)) for f in contribution.files):
            evidence[target].append(f"{glob} is code here: {origin} (pin it with source:)")


def _fix_by_test(
    evidence: dict[str, list[str]], behaviour: bool, rules: Mapping[str, TypeRule]
) -> None:
    """Call an undeclared change of existing behaviour that comes with a test a bug fix.

    The diff is the witness: no new public API, behaviour of existing code changed, and a
    test added or changed beside it is how a fix looks in every project of the corpus. Only
    where a bug fix requires at least what ``code`` requires, so the reading never removes a
    requirement.
    """
    tested = any(e.startswith("path: ") for e in evidence.get("tests", ()))
    if evidence.get("code") != [_UNDECLARED] or not behaviour or not tested:
        return
    bugfix, code = rules.get("bugfix"), rules.get("code")
    if bugfix is None or (code is not None and not set(code.require) <= set(bugfix.require)):
        return
    evidence["code"] = []
    evidence["bugfix"] = [
        "diff: existing code's behaviour changed, with a test beside it (no new public API)"
    ]


def _public_api(contribution: Contribution, kinds: Mapping[str, str]) -> list[str]:
    """The public definitions the diff adds or re-signs in source files whose code changed.

    A definition is new when the base's module has no definition of that name, re-signed
    when its parameters' names or kinds differ from the base's (a default or an annotation
    alone re-signs nothing); private modules, modules no import can name (``extras/x-y.py``),
    private names and tests are not API.
    """
    found: list[str] = []
    for path, what in kinds.items():
        f = contribution.file(path)
        if what != "code" or f is None or not _importable(path) or private_module(path):
            continue
        tree, _ = contribution.python(f)
        if tree is None:
            continue
        base = contribution.base_python(f.old_path or path) if f.status != "added" else None
        before = _signatures(base) if base is not None else {}
        for scope in in_scope(tree, f):
            now = _signatures_of(scope.node)
            if before.get(scope.qualname, None) != now:
                new = scope.qualname not in before
                found.append(
                    f"diff: {'new' if new else 're-signed'} public API {scope.qualname} in {path}"
                )
    return found[:3]


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


def _short(evidence: list[str]) -> tuple[str, ...]:
    paths = [e for e in evidence if e.startswith("path: ")]
    other = list(dict.fromkeys(e for e in evidence if not e.startswith("path: ")))
    kept = other[:6] + paths[:3]
    if len(paths) > 3:
        kept.append(f"path: … and {len(paths) - 3} more")
    return tuple(kept)
