"""claims: the pull request description fills its template, and its ticked boxes hold for the diff.

Pull request templates ask contributors to tick boxes ("I added tests", "I updated the
changelog", "I updated the documentation"). With the description known (``--body``, or the
event in GitHub Actions), every ticked task-list item (``- [x] …``, matched case-insensitively)
whose text holds one of a claim's phrases is checked: ``tests`` holds when an added or changed
test function can fail and runs (tests-meaningful's rules), ``changelog`` when a changelog file
or fragment gains lines, ``docs`` when a documentation file or a docstring changes. A ticked
claim the diff contradicts is an error on the claim. Unticked boxes are not findings, items
that say something is not needed (``no``, ``not``, ``n/a``) claim nothing, and an item with a
condition ("… if fixing a bug", "… when applicable") is a claim only for a bug fix or a
feature. The phrases are configurable per claim.

The description is also read against the project's pull request template at the base
(``templates``: where it may be), by the reader issue reports use: the template untouched is an
error (MR902); a section still holding the template's text (MR903) and a box the template asks
to tick ("I have read …", "I agree …") left unticked (MR904) are warnings.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.claims.description import template_findings
from mergeready.checks.contribution import Contribution
from mergeready.checks.model import CheckResult, Finding, failed, passed, skipped
from mergeready.checks.paths import PR_TEMPLATES, first_match
from mergeready.checks.python.pycode import docstring_lines
from mergeready.checks.testing import tests_meaningful
from mergeready.checks.testing.pytest_config import Collection

CODES: Final = {
    "MR901": "a ticked claim in the description is contradicted by the diff",
    "MR902": "the description is the pull request template untouched",
    "MR903": "a section of the description still holds the template's text",
    "MR904": "a box the pull request template asks to tick is not ticked",
}
MAX_BODY: Final = 65_536
MAX_LINE: Final = 2_000
_ITEM = re.compile(r"[ \t>]{0,16}(?:[-*+]|\d{1,9}[.)])[ \t]{1,8}\[([ xX])\][ \t]*(.*)")
_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\[\]\n]{0,2000}\)")  # no shared runs
_NON_WORD = re.compile(r"[^a-z0-9]+")
_NEGATIONS: Final = frozenset(
    word.split("'")[0]  # "doesn't" reads as the words "doesn" and "t"
    for word in "no not none without skip skipped unnecessary doesn't don't isn't aren't "
    "didn't nothing never".split()
)
_CONDITIONS: Final = frozenset("if when applicable relevant needed necessary where".split())
TESTS: Final = (
    "added tests",
    "added a test",
    "added test",
    "add tests",
    "added unit tests",
    "added new tests",
    "added regression test",
    "added regression tests",
    "tests added",
    "test added",
    "new tests",
    "include new tests",
    "wrote tests",
    "written tests",
    "updated tests",
    "update existing tests",
    "tests that prove",
    "test that proves",
    "added test cases",
    "covered by tests",
    "tests have been added",
)
CHANGELOG: Final = (
    "changelog",
    "change log",
    "news entry",
    "news fragment",
    "newsfragment",
    "whatsnew",
    "release notes",
    "release note",
    "changes entry",
    "history entry",
)
DOCS: Final = (
    "updated the documentation",
    "updated documentation",
    "update the documentation",
    "documentation updated",
    "documentation has been updated",
    "changes to the documentation",
    "include documentation",
    "added documentation",
    "updated the docs",
    "updated docs",
    "docs updated",
    "added docs",
    "updated docstrings",
    "added docstrings",
    "documented the change",
    "documentation accordingly",
)
DOC_FILES: Final = ("docs/**", "doc/**", "*.md", "*.rst", "*.txt", "*.adoc")
CHANGELOG_FILES: Final = (
    "CHANGELOG*",
    "CHANGES*",
    "HISTORY*",
    "NEWS*",
    "RELEASE_NOTES*",
    "changelog.d/**",
    "changelog/**",
    "changes/**",
    "newsfragments/**",
    "news/**",
    "docs/changelog.d/**",
    "**/whatsnew/**",
    "**/release-notes/**",
)


@dataclass(frozen=True)
class Options:
    """Options of claims (the keys of its block in the rules): the phrases of each claim."""

    tests: tuple[str, ...] = TESTS
    changelog: tuple[str, ...] = CHANGELOG
    docs: tuple[str, ...] = DOCS
    changelog_files: tuple[str, ...] = CHANGELOG_FILES
    doc_files: tuple[str, ...] = DOC_FILES
    pytest: Collection = Collection()  # the project's pytest naming, from the rules loader
    templates: tuple[str, ...] = PR_TEMPLATES  # where the pull request template may be (base)


def check(contribution: Contribution, options: Options) -> CheckResult:
    """The boxes ticked in the pull request description hold for the diff.

    Args:
        contribution: The contribution (its body is the pull request description).
        options: This check's options.

    Returns:
        The check's result.
    """
    if not contribution.body:
        return skipped("no pull request description to check (pass --body, or run in Actions)")
    findings = template_findings(contribution, options.templates)
    claims = list(_claims(contribution, options))
    if not claims:
        if any(f.severity == "error" for f in findings):
            return failed("the description is the pull request template untouched", findings)
        return skipped("no ticked box in the description claims tests, changelog or docs", findings)
    findings += _contradicted(claims, contribution, options)
    names = ", ".join(dict.fromkeys(c for c, _ in claims))
    contradicted = sum(f.code == "MR901" for f in findings)
    if contradicted:
        return failed(
            f"{contradicted} ticked claim{'s' * (contradicted != 1)} not borne out by the diff",
            findings,
        )
    if any(f.severity == "error" for f in findings):
        return failed("the description is the pull request template untouched", findings)
    return passed(f"the ticked claims hold: {names}", findings)


_HINTS: Final = {
    "tests": "add a test that fails without the change, or untick the box",
    "changelog": "add the changelog entry or fragment, or untick the box",
    "docs": "update the documentation, or untick the box",
}


def _quote(item: str) -> str:
    return item if len(item) <= 80 else item[:77] + "..."


def ticked(body: str) -> Iterator[str]:
    """Yield the text of every ticked task-list item of a Markdown description.

    Args:
        body: The description (only its first 64 KiB are read).

    Yields:
        Each ticked item's text, its wrapped continuation lines joined to it.
    """
    lines = body[:MAX_BODY].replace("\r\n", "\n").split("\n")
    current: list[str] | None = None
    for line in lines:
        match = _ITEM.match(line[:MAX_LINE])
        if match:
            if current is not None:
                yield " ".join(current)
            current = [match.group(2).strip()] if match.group(1) in "xX" else None
        elif current is not None and line[:1] in (" ", "\t") and line.strip():
            current.append(line.strip()[:MAX_LINE])
        else:
            if current is not None:
                yield " ".join(current)
            current = None
    if current is not None:
        yield " ".join(current)


def _words(text: str) -> str:
    """Lower-case words of an item: entities decoded (``added&nbsp;tests`` is two words, as
    GitHub renders it) and format characters (zero-width spaces, joiners) dropped first."""
    text = "".join(ch for ch in html.unescape(text) if unicodedata.category(ch) != "Cf")
    text = _LINK.sub(r"\1", text.lower())
    return " " + " ".join(_NON_WORD.sub(" ", text).split()) + " "


def _claims(contribution: Contribution, options: Options) -> Iterator[tuple[str, str]]:
    declared = {"bugfix", "feature"} & set(contribution.types)
    for item in ticked(contribution.body or ""):
        words = _words(item)
        vocabulary = set(words.split())
        if vocabulary & _NEGATIONS or " n a " in words:
            continue
        if vocabulary & _CONDITIONS and not declared:
            continue
        for claim, phrases in (
            ("tests", options.tests),
            ("changelog", options.changelog),
            ("docs", options.docs),
        ):
            if _says(words, phrases):
                yield claim, item


def _says(words: str, phrases: Sequence[str]) -> bool:
    return any(f" {p.strip()} " in words for p in (_words(x).strip() for x in phrases) if p)


def _contradicted(
    claims: Sequence[tuple[str, str]], contribution: Contribution, options: Options
) -> list[Finding]:
    """MR901 for each ticked claim (kind, item) the diff does not bear out."""
    out = []
    for claim, item in claims:
        why = _contradiction(claim, contribution, options)
        if why:
            out.append(
                Finding(
                    "MR901",
                    "error",
                    f"the description ticks “{_quote(item)}”, but {why}",
                    hint=_HINTS[claim],
                )
            )
    return out


def _contradiction(claim: str, contribution: Contribution, options: Options) -> str:
    if claim == "tests":
        return _tests_contradiction(contribution, options)
    files = [f for f in contribution.files if f.exists and (f.added_lines is None or f.added_lines)]
    if claim == "changelog":
        if any(first_match(f.path, options.changelog_files) for f in files):
            return ""
        return "no changelog file or fragment was added or changed"
    return _docs_contradiction(contribution, files, options)


def _docs_contradiction(
    contribution: Contribution, files: Sequence[ChangedFile], options: Options
) -> str:
    """Why the docs box does not hold ("" when a file outside the changelog documents)."""
    for f in files:
        if not first_match(f.path, options.changelog_files) and _documents(
            contribution, f, options
        ):
            return ""
    return "no documentation file or docstring was changed"


def _tests_contradiction(contribution: Contribution, options: Options) -> str:
    """Why the tests box does not hold: no test changed, or none that counts ("" if it holds)."""
    verdicts, _ = tests_meaningful.examine(
        contribution, tests_meaningful.Options(pytest=options.pytest)
    )
    if not verdicts:
        return "no test function was added or changed"
    if not any(v.counts for v in verdicts):
        return "none of the added or changed tests can fail and runs (see tests-meaningful)"
    return ""


def _documents(contribution: Contribution, f: ChangedFile, options: Options) -> bool:
    """Whether a changed file is documentation: a docs file, or Python whose docstrings changed."""
    if first_match(f.path, options.doc_files):
        return True
    if not f.path.endswith(".py"):
        return False
    tree, _ = contribution.python(f)
    return tree is not None and any(f.touches(n) for n in docstring_lines(tree))
