"""docs-valid: the docs lines a contribution adds do not break the page, its links or its code.

On the Markdown and reST pages the contribution adds or changes, and only on their added or
changed lines: sphinx-lint's reST checkers (broken roles and backticks, bad directive syntax,
unbalanced literals, …; layout checkers such as trailing whitespace are warnings); every
relative link, image, ``:doc:`` reference and ``.. image::``/``.. include::`` path resolves to
a file at head, and each ``#anchor`` to a heading or label of its page (GitHub's slugs for
Markdown); ``http://`` where ``https://`` is expected is a warning; every Python code block
(```` ```python ````, ``.. code-block:: python``, ``>>>`` sessions) the contribution adds or
changes parses with ``ast``; an added heading that skips a level, a duplicated anchor and an
unclosed code fence are reported (also a fence a deletion leaves open). A link that an
unchanged line of a page makes to a file the contribution deletes or renames, or to a heading
anchor a changed page no longer defines (a renamed or removed heading), is reported too: the
contribution breaks it. Nothing is fetched, rendered, built or run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final, Literal

from mergeready.checks.changelog.places import NO_TOWNCRIER, Towncrier
from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import decode
from mergeready.checks.docs.build import Build, build
from mergeready.checks.docs.entries import entry, entry_findings
from mergeready.checks.docs.link_findings import (
    RST,
    AnchorHints,
    broken_anchors,
    broken_elsewhere,
    http_findings,
    lost_anchors,
    page_link_findings,
)
from mergeready.checks.docs.published import published, reads
from mergeready.checks.docs.rstlint import BUDGET, PARAGRAPH, STYLE, checkers, lint
from mergeready.checks.model import CheckResult, Finding, failed, passed, skipped
from mergeready.checks.paths import first_match
from mergeready.checks.text.anchors import github_slug, plain, toc_slug
from mergeready.checks.text.links import Site
from mergeready.checks.text.markup import CONSOLE, PYTHON, Page
from mergeready.checks.text.rst import scan_myst, scan_rst
from mergeready.checks.text.snippets import problem

HOOK: Final = {  # its entry in .pre-commit-hooks.yaml (tests/test_consistency.py compares)
    "id": "mergeready-docs",
    "description": (
        "Pages you change render as written (fences, headings, anchors, links, "
        "images, reST markup)."
    ),
    "types_or": ("markdown", "rst"),
    "stages": ("pre-commit",),
}
CODES: Final = {
    "MR601": "reST markup that sphinx-lint reports, on an added line",
    "MR602": "a relative link, image, include or :doc: target that does not exist at head",
    "MR603": "an #anchor that names no heading or label of its page",
    "MR604": "an http:// link where https:// is expected",
    "MR605": "a Python code block that does not parse",
    "MR606": "an added heading that skips a level",
    "MR607": "a duplicated anchor in the page",
    "MR608": "an unclosed code fence",
    "MR609": "a reST title whose underline is shorter than the title",
    "MR610": "a page not checked: too large, a NUL byte, or not text",
    "MR611": "an unchanged link to a file or anchor the contribution deletes or renames",
    "MR612": "a code block marked as pseudo-code, not parsed",
    "MR613": "a :ref: to a label that no page of the project defines",
    "MR614": "changed reST paragraphs too large for sphinx-lint, not linted",
    "MR615": "an include, image or :file: target outside the repository",
    "MR616": "a Python file the docs build runs (conf.py, a local extension): not docs only",
}
Tolerated = Literal["placeholders", "pseudo"]
_PSEUDO: Final = re.compile(r"\b(?:pseudo(?:-?code)?|notest|no-check|nocheck)\b", re.I)


@dataclass(frozen=True)
class Options:
    """Options of docs-valid (the keys of its block in the rules)."""

    paths: tuple[str, ...] = ("*.md", "*.markdown", "*.rst", "*.rest")
    skip: tuple[str, ...] = ()
    rst_lint: bool = True
    rst_disable: tuple[str, ...] = ()
    rst_enable: tuple[str, ...] = ()
    links: bool = True
    anchors: bool = True
    http: bool = True
    http_hosts: tuple[str, ...] = ()
    code_blocks: bool = True
    tolerate: tuple[Tolerated, ...] = ("placeholders", "pseudo")
    structure: bool = True
    towncrier: Towncrier = NO_TOWNCRIER  # the base's ``[tool.towncrier]`` (never a YAML key)


_LARGER = "the docs build reads it whole: raise --max-file-size to check it"


def _unread(path: str, reason: str, audit: bool) -> Finding:
    """MR610 for a page not read: a warning, but an error for a contributed page too large to
    read (the docs build reads it whole: a padded page must not hide an include, attack 5's F18)."""
    if reason.startswith("larger than") and not audit:
        return Finding("MR610", "error", f"not checked: {reason}", path, hint=_LARGER)
    return Finding("MR610", "warning", f"not checked: {reason}", path)


def check(contribution: Contribution, options: Options) -> CheckResult:
    """Added docs lines keep links, anchors, reST markup, code blocks and structure valid.

    Args:
        contribution: The contribution.
        options: This check's options.

    Returns:
        The check's result.
    """
    sphinx = build(contribution)
    read = {
        f.path: entry(f.path, options.towncrier, _named(f.path, options, sphinx))
        for f in contribution.files
        if f.exists and f.kind == "file" and not first_match(f.path, options.skip)
    }
    pages = [
        f
        for f in contribution.files
        if f.path in read and (read[f.path] or _named(f.path, options, sphinx))
    ]
    others = [
        f for f in contribution.files if f.path in read and f not in pages and reads(f.path, sphinx)
    ]
    removed = any(not f.exists or f.status == "renamed" for f in contribution.files)
    if not pages and not others and not (removed and options.links):
        return skipped("no Markdown or reST page changed")
    site = Site.of(contribution)
    hints = AnchorHints()
    findings: list[Finding] = []
    gone: dict[str, tuple[set[str], set[str]]] = {}  # page: (anchors it lost, anchors it has)
    unread = 0
    for f in pages:
        text, said = _text(contribution, f)
        findings += said
        if text is None:  # too large, binary, in Git LFS: said, never counted as valid
            unread += 1
            continue
        how = read[f.path]
        if how is not None:  # a changelog entry: read as the changelog it lands in
            findings += entry_findings(f, text, how, contribution.head_links())
            findings += (
                _sphinx_lint(f, text, options) if how[0] == "rst" and options.rst_lint else []
            )
            continue
        base = _base_text(contribution, f)
        rst = f.path.endswith(RST) or sphinx.page(f.path) == "rst"
        findings += _page(site, f, text, options, base, hints, rst)
        if options.links and options.anchors:
            lost = lost_anchors(site, f, base)
            if lost[0]:
                gone[f.path] = lost
    findings += published(contribution, sphinx, others) if options.links else []
    if removed and options.links:
        findings += broken_elsewhere(site, {f.path for f in pages}, options)
    if gone:
        findings += broken_anchors(site, {f.path: f for f in pages}, gone, options, hints)
    errors = [x for x in findings if x.severity == "error"]
    pages += others
    count = f"{len(pages)} page{'s' * (len(pages) != 1)}"
    where = f"in {count}" if pages else "in links to deleted or renamed files"
    note = f" ({unread} not checked)" if unread else ""
    if errors:
        return failed(f"{len(errors)} problem{'s' * (len(errors) != 1)} {where}{note}", findings)
    if not pages:
        return passed("no link breaks on the files this contribution deletes or renames", findings)
    if unread == len(pages):
        return passed(f"{count} not checked (see the warnings)", findings)
    valid = f"{len(pages) - unread} page{'s' * (len(pages) - unread != 1)}"
    return passed(f"links, code blocks and markup valid in {valid}{note}", findings)


def _named(path: str, options: Options, sphinx: Build) -> bool:
    """A page: named by ``paths``, or a file the Sphinx build reads by its ``source_suffix``."""
    return bool(first_match(path, options.paths) or sphinx.page(path))


def _text(contribution: Contribution, f: ChangedFile) -> tuple[str | None, list[Finding]]:
    """A page's text as the docs build reads it (a NUL byte as a space), and what is said."""
    data, reason = contribution.data(f)
    text = decode(data) if data is not None else contribution.text_despite_nul(f)
    if text is None:
        return None, [_unread(f.path, reason, contribution.is_audit)]
    if data is None:  # a planted NUL byte: the docs build reads the rest, and so does this
        return text, [Finding("MR610", "warning", f"{reason}: read as a space", f.path)]
    return text, []


def _base_text(contribution: Contribution, f: ChangedFile) -> Callable[[], str | None]:
    """How to read the page as it was at the base, when a finding needs to compare."""

    def read() -> str | None:
        if f.status == "added":
            return None
        data = contribution.base_data(f.old_path or f.path)
        return decode(data) if data is not None else None

    return read


def _page(
    site: Site,
    f: ChangedFile,
    text: str,
    options: Options,
    base: Callable[[], str | None],
    hints: AnchorHints,
    rst: bool,
) -> list[Finding]:
    page = scan_rst(text) if rst else scan_myst(text)
    site.pages[f.path] = page
    out: list[Finding] = []
    if options.links:
        out += page_link_findings(site, f, page, options, hints)
    if options.http:
        out += http_findings(f, page, options)
    if options.code_blocks:
        out += _blocks(f, page, options)
    if options.structure:
        out += _structure(f, page, rst, base)
    if rst and options.rst_lint:
        out += _sphinx_lint(f, text, options)
    return out


def _blocks(f: ChangedFile, page: Page, options: Options) -> Iterator[Finding]:
    placeholders = "placeholders" in options.tolerate
    for block in page.blocks:
        if block.language not in PYTHON | CONSOLE:
            continue
        last = block.line + block.code.count("\n")
        if not f.touches_range(block.line - 1, last + 1):
            continue
        first_line = block.code.lstrip().split("\n", 1)[0]
        if "pseudo" in options.tolerate and (
            _PSEUDO.search(block.info.partition(" ")[2]) or _PSEUDO.search(first_line[:80])
        ):
            yield Finding(
                "MR612",
                "warning",
                "code block marked as pseudo-code: not parsed",
                f.path,
                block.line,
                hint="drop the marker once the code is real Python",
            )
            continue
        found = problem(block.code, console=block.language in CONSOLE, placeholders=placeholders)
        if found:
            offset, message = found
            yield Finding(
                "MR605",
                "error",
                f"Python code block does not parse: {message}",
                f.path,
                block.line + offset - 1,
                hint="fix the code, or give the block another language (text) if it is not Python",
            )


def _structure(
    f: ChangedFile, page: Page, rst: bool, base: Callable[[], str | None]
) -> Iterator[Finding]:
    previous = 0
    for h in page.headings:
        if previous and h.level > previous + 1 and f.touches(h.line):
            yield Finding(
                "MR606",
                "error" if rst else "warning",
                f"heading level {h.level} follows level {previous}: a level is skipped",
                f.path,
                h.line,
                hint=f"make it a level {previous + 1} heading"
                + (" (use that level's underline character)" if rst else ""),
            )
        previous = h.level
        if rst and h.short and f.touches(h.line):
            yield Finding(
                "MR609",
                "warning",
                "title underline is shorter than the title",
                f.path,
                h.line,
                hint="make the underline at least as long as the title",
            )
    yield from _duplicates(f, page, rst)
    # A fence left open swallows the rest of the page, whether the contribution added the opening
    # fence or deleted the closing one (no added line then): compare with the page at the base.
    opened_by_deletion = False
    if page.unclosed and not any(f.touches_range(line, 1 << 30) for line in page.unclosed):
        before = base()
        was = (scan_rst(before) if rst else scan_myst(before)) if before is not None else None
        opened_by_deletion = was is not None and len(was.unclosed) < len(page.unclosed)
    for line in page.unclosed:
        if opened_by_deletion or f.touches_range(line, 1 << 30):
            yield Finding(
                "MR608",
                "error",
                "code fence is never closed: the rest of the page renders as code",
                f.path,
                line,
                hint="close the block with the same fence (```) on its own line",
            )


def _duplicates(f: ChangedFile, page: Page, rst: bool) -> Iterator[Finding]:
    yield from _duplicate_ids(f, page)
    yield from _duplicate_titles(f, page, rst)


def _duplicate_ids(f: ChangedFile, page: Page) -> Iterator[Finding]:
    """MR607 for an anchor defined twice in the page, when the contribution touches either."""
    seen: dict[str, int] = {}
    for line, name in page.ids:
        if name in seen and (f.touches(line) or f.touches(seen[name])):
            yield Finding(
                "MR607",
                "error",
                f"anchor {name!r} is defined twice in this page (first on line {seen[name]})",
                f.path,
                line,
                hint="give each label or id a unique name",
            )
        seen.setdefault(name, line)


def _duplicate_titles(f: ChangedFile, page: Page, rst: bool) -> Iterator[Finding]:
    """MR607 for two headings with one anchor under the same parent, when either is touched."""
    titles: dict[tuple[str, int], int] = {}
    parents: list[tuple[int, int]] = []  # (level, line) of the enclosing headings
    for h in page.headings:
        while parents and parents[-1][0] >= h.level:
            parents.pop()
        # Repeats under different parents (each release's "Fixed") are the page's structure.
        slug = (
            toc_slug(plain(h.text)) if rst else github_slug(plain(h.text)),
            parents[-1][1] if parents else 0,
        )
        parents.append((h.level, h.line))
        if slug in titles and (f.touches(h.line) or f.touches(titles[slug])):
            yield Finding(
                "MR607",
                "warning",
                f"heading {h.text!r} has the same anchor as line {titles[slug]}'s",
                f.path,
                h.line,
                hint="reword one heading so that links to each are unambiguous",
            )
        titles.setdefault(slug, h.line)


def _sphinx_lint(f: ChangedFile, text: str, options: Options) -> Iterator[Finding]:

    chosen = checkers(options.rst_disable, options.rst_enable)
    found, skipped = lint(text, chosen, f.touches)
    for line, message, name in found:
        line = max(line, 1)
        if f.touches(line):
            yield Finding(
                "MR601",
                "warning" if name in STYLE else "error",
                f"{message} (sphinx-lint {name})",
                f.path,
                line,
                hint=f"fix the markup, or add {name!r} to checks.docs-valid.rst-disable",
            )
    if skipped:
        yield Finding(
            "MR614",
            "warning",
            f"sphinx-lint not run on {len(skipped)} changed paragraph"
            f"{'s' * (len(skipped) != 1)} (over {PARAGRAPH:,} characters, or past {BUDGET:,}"
            " characters of changed reST in this page)",
            f.path,
            skipped[0],
            hint="split long paragraphs, or run sphinx-lint on the page yourself",
        )
