"""The engine's front door: classify a contribution, run what its types require, one Result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Final, Protocol

from mergeready.checks.attributes import Attributes
from mergeready.checks.changelog.mechanism import NO_PLACES, Places
from mergeready.checks.classify import classify
from mergeready.checks.contribution import Contribution
from mergeready.checks.docs.build import build
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import CheckResult, Finding, Result, TypeMatch, TypeVerdict
from mergeready.checks.paths import first_match
from mergeready.checks.registry import CHECKS, CheckSpec
from mergeready.checks.vocabulary import TypeRule


class Progress(Protocol):
    """Told how far a run has come (the command draws it; the engine never prints)."""

    def __call__(self, done: float, total: int, what: str = "") -> None:
        """Say that ``done`` of ``total`` steps are finished (a fraction within a long step)."""


class _Reading:
    """Tells progress how many of the contribution's files one check has read so far.

    A check is one step of ``total``; within it, the share of the files it has read moves the
    bar (never to the next step: a check may read only some), so a long check is not a still bar.
    """

    def __init__(self, progress: Progress, step: int, total: int, check_id: str, files: int):
        """Start counting one check's reads.

        Args:
            progress: Where to tell.
            step: The checks finished before this one.
            total: The checks of the run.
            check_id: This check.
            files: How many files the contribution has.
        """
        self.progress, self.step, self.total, self.check_id = progress, step, total, check_id
        self.files = files
        self.seen: set[str] = set()

    def __call__(self, path: str) -> None:
        if path in self.seen:
            return
        self.seen.add(path)
        n = min(len(self.seen), self.files)
        what = f"{self.check_id}  {n}/{self.files} files"
        self.progress(self.step + n / (self.files + 1), self.total, what)


class PolicyView(Protocol):
    """What the engine reads of a policy (``mergeready.rules.policy.Policy`` provides it)."""

    @property
    def types(self) -> Mapping[str, TypeRule]:
        """How each contribution type is recognised, and which checks it requires."""

    @property
    def source(self) -> tuple[str, ...]:
        """Globs of source files."""

    @property
    def changelog(self) -> tuple[str, ...]:
        """Globs of changelog files."""

    @property
    def options(self) -> Mapping[str, Any]:
        """Each check's validated ``Options``, by check id."""

    @property
    def attributes(self) -> Attributes:
        """The base's ``.gitattributes`` linguist settings (generated files are not source)."""

    @property
    def changelog_places(self) -> Places:
        """Where changelog-updated looks for the changelog (its ``Options.places``)."""


def evaluate(
    contribution: Contribution,
    policy: PolicyView,
    only: Sequence[str] = (),
    progress: Progress | None = None,
) -> Result:
    """Classify the contribution, then run the checks its types require.

    Args:
        contribution: The contribution.
        policy: The effective policy.
        only: When not empty, run only these check ids.
        progress: Told ``(done, total, check id)`` before each check runs.

    Returns:
        The result.
    """
    if progress is not None:
        progress(0, 1, "reading what the contribution changes")
    types = classify(
        contribution,
        policy.types,
        policy.source,
        policy.changelog,
        policy.changelog_places if contribution.files else NO_PLACES,  # read for files only
        policy.attributes,
    )
    typed = contribution.with_types(t.type for t in types)
    required = {name: rule.require for name, rule in policy.types.items()}
    if (
        _publishes_changelog(contribution, policy)
        or _publishes_docstrings(contribution)
        or _pages_unread(contribution, policy, types, required)
    ):
        # the diff demands it whatever the types: the docs build renders it (attack 5's F9,
        # F22; attack 6's F10: a page under examples/, tests/ or a locale folder)
        required = {
            t: (*r, "docs-valid") if "docs-valid" not in r else r for t, r in required.items()
        }
    return run(typed, types, required, policy.options, only, progress)


def _publishes_docstrings(contribution: Contribution) -> bool:
    """Whether the contribution changes a Python file where the base's Sphinx publishes
    docstrings (autodoc and its kin; ``docs.build``)."""
    changed = any(f.exists and f.path.endswith(".py") for f in contribution.files)
    return changed and build(contribution).autodoc


_PAGES: Final = (".md", ".markdown", ".rst", ".rest", ".txt", ".myst", ".ipynb")


def _pages_unread(
    contribution: Contribution,
    policy: PolicyView,
    types: Sequence[TypeMatch],
    required: Mapping[str, Sequence[str]],
) -> bool:
    """Whether a changed page would go unread: the project validates its docs pages, no type of
    this contribution asks for docs-valid, and the contribution changes a page (F10c)."""
    if "docs-valid" not in required.get("docs", ()):
        return False  # the project's own choice: its pages are not validated
    if any("docs-valid" in required.get(t.type, ()) for t in types):
        return False
    return _changes_pages(contribution, policy)


def _changes_pages(contribution: Contribution, policy: PolicyView) -> bool:
    """Whether the contribution adds or changes a page docs-valid reads (its ``paths``), wherever
    the page lives: the path that types it ``example``, ``tests`` or ``translation`` does not
    stop a renderer or the docs build from reading it."""
    if not any(f.exists and f.path.lower().endswith(_PAGES) for f in contribution.files):
        return False  # no page: docs-valid's options (and module) are not loaded
    docs = policy.options.get("docs-valid")
    paths, skip = (docs.paths, docs.skip) if docs is not None else ((), ())
    return any(  # a notebook's cells are read wherever it is (nbsphinx, myst-nb render them)
        f.exists
        and (first_match(f.path, paths) or f.path.endswith(".ipynb"))
        and not first_match(f.path, skip)
        for f in contribution.files
    )


def _publishes_changelog(contribution: Contribution, policy: PolicyView) -> bool:
    """Whether the contribution adds or changes a changelog file or fragment (a published page)."""
    if not contribution.files:
        return False
    places = policy.changelog_places
    dirs = tuple(
        d.rstrip("/") + "/" for d in (*places.fragment_dirs, places.towncrier.directory or "") if d
    )
    return any(
        f.exists and (first_match(f.path, policy.changelog) or f.path.startswith(dirs))
        for f in contribution.files
    )


def run(
    contribution: Contribution,
    types: Sequence[TypeMatch],
    required: Mapping[str, Sequence[str]],
    options: Mapping[str, Any],
    only: Sequence[str] = (),
    progress: Progress | None = None,
) -> Result:
    """Run every check that the contribution's types require, in registry order.

    Args:
        contribution: The contribution, already told its types.
        types: The types it has, with their evidence.
        required: For each type, the ids of the checks it requires.
        options: For each check id, its ``Options`` instance.
        only: When not empty, run only these check ids.
        progress: Told ``(done, total, check id)`` before each check runs, as it reads the
            contribution's files (``done`` then grows by a fraction), and at the end.

    Returns:
        The result, with a verdict per type.
    """
    wanted = {c for t in types for c in required.get(t.type, ()) if not only or c in only}
    results: dict[str, CheckResult] = {}
    for check_id, spec in CHECKS.items():
        if check_id in wanted:
            if progress is not None:
                progress(len(results), len(wanted), check_id)
                count = len(contribution.files)
                contribution.watch(_Reading(progress, len(results), len(wanted), check_id, count))
            try:
                outcome = spec.function(contribution, options[check_id])
            finally:
                contribution.watch(None)
            results[check_id] = bounded(checked(replace(outcome, id=check_id)))
    if progress is not None:
        progress(len(results), len(wanted), "")
    files = contribution.files
    return Result(
        span=contribution.span,
        types=tuple(types),
        checks=tuple(results.values()),
        by_type=verdicts(types, required, results),
        files_changed=len(files),
        lines_added=sum(f.added_count or 0 for f in files),
        lines_removed=sum(f.removed for f in files),
    )


def verdicts(
    types: Sequence[TypeMatch],
    required: Mapping[str, Sequence[str]],
    results: Mapping[str, CheckResult],
    table: Mapping[str, CheckSpec] = CHECKS,
) -> dict[str, TypeVerdict]:
    """Say for each type which checks it required and whether they all passed.

    Args:
        types: The types, with their evidence.
        required: For each type, the ids of the checks it requires.
        results: Each check that ran, by id.
        table: The checks, in the order they are reported.

    Returns:
        The verdict of each type.
    """
    by_type: dict[str, TypeVerdict] = {}
    for t in types:
        ids = tuple(c for c in table if c in required.get(t.type, ()) and c in results)
        failed = tuple(c for c in ids if results[c].status == "fail")
        by_type[t.type] = TypeVerdict(required=ids, passed=not failed, failed=failed)
    return by_type


# A file may give each check at most this many findings, plus the lines a check adds itself to
# say what it cut (spelling-clean's); past that the rest is one finding (attack 5's F7).
LISTED: Final = 1_000
_ROOM: Final = 100


def bounded(result: CheckResult) -> CheckResult:
    """Return a check's result with at most ``LISTED`` findings per file, the rest counted.

    One file cannot make a report grow without bound: past ``LISTED`` findings (and room for a
    check's own summaries), the file's findings are cut to ``LISTED`` and one more, of the
    worst cut severity, says how many were left out. The status stays what the check said.

    Args:
        result: A check's result.

    Returns:
        The result, its findings bounded per file.
    """
    by_path: dict[str | None, list[Finding]] = {}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    if all(len(found) <= LISTED + _ROOM for found in by_path.values()):
        return result
    kept: list[Finding] = []
    for path, found in by_path.items():
        kept += found[:LISTED]
        cut = found[LISTED:]
        if len(found) <= LISTED + _ROOM:
            kept += cut
        elif cut:
            worst = next((f for f in cut if f.severity == "error"), cut[0])
            kept.append(
                Finding(
                    worst.code,
                    worst.severity,
                    f"{len(cut):,} more findings of this check in this file, not listed "
                    f"(at most {LISTED:,} per file)",
                    path,
                    hint="fix the ones listed and run again",
                )
            )
    return replace(result, findings=tuple(kept))


def checked(result: CheckResult, table: Mapping[str, CheckSpec] = CHECKS) -> CheckResult:
    """Return a check's result once every finding's code is one its module declares.

    Args:
        result: The check's result, its id filled in.
        table: The table of checks it belongs to.

    Returns:
        The same result.

    Raises:
        MergereadyError: If a finding's code is not in the check's ``CODES`` (a bug).
    """
    codes = table[result.id].codes
    for finding in result.findings:
        if finding.code not in codes:
            raise MergereadyError(
                f"internal error: {result.id} reported {finding.code!r}, which is not in its "
                "CODES; please report this bug"
            )
    return result
