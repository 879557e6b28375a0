"""Recognise a contribution's types from its title, labels, commit messages and paths."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from mergeready.checks.attributes import NO_ATTRIBUTES, Attributes
from mergeready.checks.changelog.mechanism import NO_PLACES, Mechanism, Places, mechanism
from mergeready.checks.classify.signals import (
    RELEASE_TITLE,
    TITLE,
    Signals,
    read_bodies,
    read_branch,
    read_changelog,
    read_commits,
    read_labels,
    read_title_claims,
    title_of,
)
from mergeready.checks.contribution import Contribution
from mergeready.checks.model import Evidence, TypeMatch
from mergeready.checks.paths import TEST_FILES, first_match
from mergeready.checks.testing.source_practice import learned_source, project_source
from mergeready.checks.vocabulary import DECLARED_CODE_TYPES, TypeRule


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
    restored = _restored(contribution, rules)
    if restored:
        return restored
    evidence: dict[str, list[str]] = {name: [] for name in rules}
    mech, only_changelog = Mechanism(), False
    learned: Sequence[tuple[str, str]] = ()
    kinds: dict[str, str] = {}
    api: list[str] = []
    if contribution.files:  # none changed: the base's tree, history and diffs have nothing to say
        mech, learned, kinds, only_changelog, api = _read_files(
            contribution, rules, source, changelog, changelog_places, attributes, evidence
        )
    signals, changed, behaviour = _read_signals(
        contribution, rules, kinds, evidence, mech, only_changelog
    )
    _resolve(signals, evidence, changed, api)
    _fix_by_test(evidence, behaviour, rules)
    _keep_what_the_diff_demands(contribution, kinds, evidence)
    _say_learned(contribution, learned, evidence)
    if _about_tests(signals, changed):
        _doctests(signals, evidence)
    return tuple(
        TypeMatch(name, tuple(map(Evidence.parse, _short(ev))))
        for name, ev in evidence.items()
        if ev
    )


def _restored(contribution: Contribution, rules: Mapping[str, TypeRule]) -> tuple[TypeMatch, ...]:
    """A revert or rewind: every changed file as the project's history merged it before.

    Keras's "Rewind pluggable backend commits, restoring master to 623d01d19" restores 283
    files (code, tests, conftest.py) to a revision the project merged and tested: nothing in it
    is new to the project, so it is maintenance, not a change to test again. A single file that
    differs from every earlier state is a change like any other.
    """
    if "maintenance" not in rules or contribution.mode == "all":
        return ()
    sha = contribution.restored_revision()
    if sha is None:
        return ()
    text = f"diff: every changed file restored to its state at {sha[:10]} (merged before)"
    return (TypeMatch("maintenance", (Evidence.parse(text),)),)


def _read_files(
    contribution: Contribution,
    rules: Mapping[str, TypeRule],
    source: Sequence[str],
    changelog: Sequence[str],
    places: Places,
    attributes: Attributes,
    evidence: dict[str, list[str]],
) -> tuple[Mechanism, Sequence[tuple[str, str]], dict[str, str], bool, list[str]]:
    """Read the changed files: changelog mechanism, learned source, each diff's kind, new API."""
    # start-up: the diff classifier (ast-heavy) loads only when some file changed
    from mergeready.checks.classify.areas import public_api, source_kinds

    mech = mechanism(
        contribution, places.fragment_dirs, places.files, places.towncrier, places.learn
    )
    test_globs = rules["tests"].paths if "tests" in rules else TEST_FILES
    learned = learned_source(contribution, source, test_globs)
    configured, source = source, project_source(contribution, source, test_globs)
    evidence_globs = (*changelog, *mech.files, *(d + "/**" for d in mech.dirs))
    kinds, only_changelog = source_kinds(
        contribution, source, evidence_globs, rules, evidence, attributes, configured
    )
    return mech, learned, kinds, only_changelog, public_api(contribution, kinds)


def _read_signals(
    contribution: Contribution,
    rules: Mapping[str, TypeRule],
    kinds: Mapping[str, str],
    evidence: dict[str, list[str]],
    mech: Mechanism,
    only_changelog: bool,
) -> tuple[Signals, bool, bool]:
    """Read every word the contribution says of itself, checked against what its diff changes.

    Returns the signals, whether source changed and whether behaviour did (the text a title's
    typo fix rewords is neither).
    """
    changed = _changes(kinds, ("text", "exports", "code"))
    behaviour = _changes(kinds, ("text", "code"))
    signals = Signals()
    title, origin = title_of(contribution)
    if title and read_title_claims(
        title, f"{origin}: {title}", rules, signals, TITLE, kinds, evidence, only_changelog
    ):
        changed = _changes(kinds, ("exports", "code"))  # text was the typo
        behaviour = _changes(kinds, ("code",))
    read_commits(contribution, title, rules, signals)
    read_branch(contribution, rules, signals)
    read_bodies(contribution, signals)
    if not (title and RELEASE_TITLE.match(title)) and not only_changelog:
        read_changelog(contribution, mech, signals, changed)
    claimed = signals.strength or evidence.get("docs")  # a typo fixed in an entry is docs
    if only_changelog and "maintenance" in evidence and not claimed:
        evidence["maintenance"].append("only the changelog changed")
    read_labels(contribution, rules, signals)
    return signals, changed, behaviour


def _keep_what_the_diff_demands(
    contribution: Contribution, kinds: Mapping[str, str], evidence: dict[str, list[str]]
) -> None:
    """Keep ``code`` beside a declaration that would drop it; give a typeless change a type."""
    if _declared_away(kinds, evidence):
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


def _doctests(signals: Signals, evidence: dict[str, list[str]]) -> None:
    """A title about tests ("Update test expectations") that also edits docstrings is a tests
    change: the docstrings hold doctest expectations (found on scrapy #8016)."""
    docs = evidence.get("docs", [])
    evidence["docs"] = [e for e in docs if "(docstrings only)" not in e]
    if len(evidence["docs"]) < len(docs) and not evidence.get("tests"):
        evidence["tests"] = list(signals.evidence["tests"])  # the doctests are the tests


def _about_tests(signals: Signals, changed: bool) -> bool:
    """True for a title about tests on a diff that changes no source and declares no docs."""
    return "tests" in signals.strength and not changed and "docs" not in signals.strength


def _changes(kinds: Mapping[str, str], what: Sequence[str]) -> bool:
    """True when a changed source file's diff is of one of these kinds."""
    return any(k in what for k in kinds.values())


def _declared_away(kinds: Mapping[str, str], evidence: Mapping[str, list[str]]) -> bool:
    """True when code changed and only a maintenance or performance declaration speaks for it."""
    declared = bool(evidence.get("maintenance") or evidence.get("performance"))
    decided = any(evidence.get(t) for t in ("bugfix", "feature", "code"))
    return _changes(kinds, ("code",)) and declared and not decided


def _resolve(
    signals: Signals, evidence: dict[str, list[str]], changed: bool, api: Sequence[str] = ()
) -> None:
    """Keep the strongest code types, every other declared type, and ``code`` if none.

    New or re-signed public API is a feature by the diff's own evidence: words may add a type
    beside it, never take its requirements away (a ``chore:`` title on a new public function
    still needs its tests), and a change no word declares is then a feature, not ``code``.
    """
    code_types = [t for t in (*DECLARED_CODE_TYPES, "code") if t in signals.strength]
    winners = _winners(signals, code_types, changed)
    if api and set(winners) <= {"maintenance", "performance"} and not evidence.get("code"):
        evidence.setdefault("feature", []).extend(api)
    _credit(signals, evidence, code_types, winners, changed)
    if changed and not winners and not api:
        evidence.setdefault("code", []).append(_UNDECLARED)


def _winners(signals: Signals, code_types: Sequence[str], changed: bool) -> list[str]:
    """The strongest of the code types a signal may declare here."""
    # Words guessed from a title declare a code type only when source code changed.
    usable = [t for t in code_types if t in signals.explicit or changed or t == "maintenance"]
    top = max((signals.strength[t] for t in usable), default=0)
    return [t for t in usable if signals.strength[t] == top]


def _credit(
    signals: Signals,
    evidence: dict[str, list[str]],
    code_types: Sequence[str],
    winners: Sequence[str],
    changed: bool = True,
) -> None:
    """Put each type's signals first in its evidence; a winner names the code types it beat."""
    for name in signals.strength:
        if (
            name not in code_types
            and name in evidence
            and not _unborne(name, signals, evidence, changed)
        ):
            evidence[name][:0] = signals.evidence[name]
    for name in winners:
        evidence.setdefault(name, [])[:0] = signals.evidence[name]
        for other in code_types:
            if other not in winners:
                evidence[name] += [f"outweighed: {other} ({e})" for e in signals.evidence[other]]


def _unborne(name: str, signals: Signals, evidence: Mapping[str, list[str]], changed: bool) -> bool:
    """True for a title's word for tests on a diff that changes no test file, or a docs word
    on a diff whose only pages are examples.

    "Fix the test badge" on a README is docs: a word guessed from the title adds the tests
    type only where tests changed (a ``test:`` prefix, tag or label still declares it).
    "[DOC] Update plot_templateflow" on a gallery example (and nothing but the changelog) is
    the example: the gallery is the project's documentation, and the example type's checks
    read every file the docs type would.
    """
    if name == "docs":
        return not changed and _gallery_only(evidence)
    return name == "tests" and name not in signals.explicit and not evidence.get(name)


def _gallery_only(evidence: Mapping[str, list[str]]) -> bool:
    """True when examples are the only area a diff touches (the changelog aside)."""
    others = [t for t, ev in evidence.items() if ev and t not in ("example", "docs")]
    return bool(evidence.get("example")) and not evidence.get("docs") and not others


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


def _short(evidence: list[str]) -> tuple[str, ...]:
    paths = [e for e in evidence if e.startswith("path: ")]
    other = list(dict.fromkeys(e for e in evidence if not e.startswith("path: ")))
    kept = other[:6] + paths[:3]
    if len(paths) > 3:
        kept.append(f"path: … and {len(paths) - 3} more")
    return tuple(kept)
