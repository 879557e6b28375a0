"""template-filled: the report fills the project's issue template, not just keeps it.

With the template the report was written from (an issue form or a Markdown template read from the
default branch, matched by the report's headings): every required field is present and says
something (a form's ``_No response_`` is empty); no field is left at the form's ``value:``, its
``placeholder`` or the Markdown template's text, nor at a stock placeholder (``A bug happened!``,
``# Your code here``, ``1. Go to '...'``); the title is more than the template's prefix
(``[Bug]: ``) and holds no placeholder (``<add a description here>``); the boxes the template
requires are ticked. A report that is the template untouched fails at once. Without a template the
report must still say something: a title and at least ``min-words`` words, a code block or a link.
A Markdown template's section the reporter deleted is a warning (optional sections, ``optional``,
are not named). A docs report that links no page (a picture is no link) is asked, as a warning, for
the page and the part of it that is wrong or missing (IR107: "which part renders incorrectly",
keras#20297).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mergeready.checks.issues.duplicate_prone import VAGUE
from mergeready.checks.issues.kinds import TITLE_TAG
from mergeready.checks.issues.report import IssueReport
from mergeready.checks.issues.templates import (
    BOX,
    NO_RESPONSE,
    Field,
    Template,
    strip_comments,
    unticked,
)
from mergeready.checks.issues.text import MAX_LINE, Section, words
from mergeready.checks.issues.unfilled import BRACKETED, INSTRUCTION, PROMPT, scaffold
from mergeready.checks.model import CheckResult, Finding, failed, passed

CODES: Final = {
    "IR101": "a section the template asks for is missing or empty",
    "IR102": "a section is left at the template's text, value or placeholder",
    "IR103": "the title is empty, only the template's prefix, or holds its placeholder",
    "IR104": "a checkbox the template requires is not ticked",
    "IR105": "the report is the template untouched",
    "IR106": "the report says almost nothing",
    "IR107": "a docs report links no page",
}
PLACEHOLDERS: Final = (
    "A bug happened!",
    "# Your code here",
    "Your code here",
    "1. Go to '...'",
    "2. Click on '....'",
    "3. Scroll down to '....'",
    "4. See error",
    "A clear and concise description of what the bug is.",
    "A clear and concise description of what you expected to happen.",
    "Add any other context about the problem here.",
    "Steps to reproduce the behavior:",
    "If applicable, add screenshots to help explain your problem.",
    "Tell us what you see!",
    "Tell us what happened",
    "Paste your code here",
    "Please provide a minimal code snippet",
    "# Paste the output here pd.show_versions() here",
    "# Paste the output here",
    "---",
)
OPTIONAL: Final = (
    "additional context",
    "additional information",
    "anything else",
    "screenshots",
    "other",
    "notes",
    "alternatives",
    "relevant log output",
    "logs",
    "contributing",
    "code of conduct",
)


@dataclass(frozen=True, kw_only=True)
class Options:
    """Options of template-filled (the keys of its block in the rules)."""

    placeholders: tuple[str, ...] = PLACEHOLDERS
    optional: tuple[str, ...] = OPTIONAL  # section headings a reporter may leave out
    min_words: int = 8  # without a template: the fewest words (title and prose) that say something


def check(report: IssueReport, options: Options) -> CheckResult:
    """The report fills its template (required sections, no template text left).

    Args:
        report: The issue report.
        options: This check's options.

    Returns:
        The check's result.
    """
    template = report.template
    findings = list(_title(report, template))
    if template is None:
        findings += _unguided(report, options)
        what = "the report (no project template matched)"
    else:
        findings += _untouched(report, template) or list(_fields(report, template, options))
        what = f"the template {template.path}"
    findings += _no_page(report)
    errors = sum(f.severity == "error" for f in findings)
    if errors:
        return failed(f"{errors} thing{'s' * (errors != 1)} of {what} left unfilled", findings)
    return passed(f"{what} is filled", findings)


def _no_page(report: IssueReport) -> list[Finding]:
    """A docs report whose only links, if any, are pictures: which page, which part of it."""
    pictured = set(report.text.images)
    if "docs" not in report.types or any(n not in pictured for n, _ in report.text.links):
        return []
    return [
        Finding(
            "IR107",
            "warning",
            "the docs report links no page",
            hint="link the page and quote the part of it that is wrong or missing "
            "(a screenshot of it helps)",
        )
    ]


_TITLE_PLACEHOLDER: Final = re.compile(
    r"<(?:(?:[A-Za-z]{1,20}[ _-]){1,8}[A-Za-z]{1,20}|title|summary|description|issue|subject)>",
    re.I,
)
"""A template's placeholder left in the title: ``<add a description here>``, ``<title>`` (not
``List<String>``, ``<br>``: one word that is no placeholder's)."""


def _title(report: IssueReport, template: Template | None) -> Iterator[Finding]:
    prefix = words(template.title) if template else ""
    placeholder = _TITLE_PLACEHOLDER.search(report.title[:MAX_LINE])
    if not words(report.title) or (prefix and words(report.title) == prefix) or placeholder:
        yield Finding(
            "IR103",
            "error",
            "the title is empty, only the template's prefix, or holds its placeholder",
            path="title",
            hint="say in the title what goes wrong, in a few words",
        )


def _untouched(report: IssueReport, template: Template) -> list[Finding]:
    body = words(strip_comments(report.body))
    if template.form or not body or body != words(template.text):
        return []
    return [
        Finding(
            "IR105",
            "error",
            f"the report is the template {template.path} untouched",
            hint="answer each of the template's sections",
        )
    ]


_MARKUP: Final = ("```", "~~~", "<details", "</details", "<summary", "</summary")
_ORIGINALLY: Final = re.compile(r"^_{1,2}Originally posted by ")
CORE: Final = (
    "current behavior",
    "current behaviour",
    "describe the bug",
    "bug description",
    "describe the problem",
    "problem description",
    "describe the issue",
    "describe your issue",
    "issue description",
    "what happened",
    "describe the feature",
    "describe the solution",
    "question",
)
"""Headings of the section that says what the report is about: empty, the report says nothing."""
_RENDERS_EMPTY: Final = re.compile(
    r"(?i)&(?:nbsp|ensp|emsp|thinsp|zwsp|zwnj|zwj|#0{0,4}160|#x0{0,4}a0|#0{0,4}820[0-3]"
    r"|#x0{0,4}200[0-3ab]);|</?(?:br|hr|p|div|span)[ \t]{0,4}/?>"
)
"""What GitHub renders as nothing: white-space entities and empty or void tags (attack 4's 52)."""


def _left_empty(section: Section, placeholders: set[str]) -> bool:
    if any(BOX.match(line) for line in section.lines):
        return False  # a choice among boxes is an answer, ticked or not
    raw = [
        x for x in _content(section).split("\n") if not BRACKETED.match(x) and not PROMPT.match(x)
    ]
    lines = {words(x) for x in raw} - {""}
    instructions = {x for x in lines if x in placeholders or INSTRUCTION.match(x)}
    return lines <= instructions


def _content(section: Section | None) -> str:
    if section is None:
        return ""
    text = _RENDERS_EMPTY.sub("", strip_comments(section.content))
    lines = [
        line
        for line in text.split("\n")
        if line.strip() and not BOX.match(line) and not line.strip().startswith(_MARKUP)
    ]
    return "\n".join(lines).strip()


def _fields(report: IssueReport, template: Template, options: Options) -> Iterator[Finding]:
    sections = {s.key: s for s in report.text.sections}
    placeholders = {words(p) for p in options.placeholders} - {""}
    optional = tuple(words(o) for o in options.optional)
    for field in template.fields:
        if field.kind == "checkboxes":
            yield from _boxes(report, field)
            continue
        needed = field.required and not any(o in field.key for o in optional)
        finding = _field(field, sections.get(field.key), needed, template.form, placeholders)
        if finding is not None:
            yield finding


def _field(
    field: Field, section: Section | None, needed: bool, form: bool, placeholders: set[str]
) -> Finding | None:
    """What one field of the template lacks: IR101 (missing, empty), IR102 (template text)."""
    content = _content(section)
    said = words(content)
    if not said or content == NO_RESPONSE:
        return _empty(field, section, form) if needed else None
    left = _left_at(said, content, field, placeholders)
    if not left:
        return None
    return Finding(
        "IR102",
        "error" if needed or left == "placeholder" else "warning",
        f"“{field.label}” is left at the template's {left}",
        path="body",
        line=section.line if section else None,
        hint=f"replace the template's text under “{field.label}” with your own",
    )


def _empty(field: Field, section: Section | None, form: bool) -> Finding:
    return Finding(
        "IR101",
        "error" if form or section is not None else "warning",
        f"“{field.label}” is {'empty' if section else 'missing'}",
        path="body" if section else None,
        line=section.line if section else None,
        hint=f"fill in “{field.label}”",
    )


def _left_at(said: str, content: str, field: Field, placeholders: set[str]) -> str:
    if any(said == words(d) for d in field.defaults if words(d)):
        return "value" if field.kind != "textarea" or field.defaults else "text"
    lines = {words(x) for x in content.split("\n")} - {""}
    if lines and lines <= placeholders:
        return "placeholder"
    return ""


def _boxes(report: IssueReport, field: Field) -> Iterator[Finding]:
    for label in unticked(report.text.lines, field):
        yield Finding(
            "IR104",
            "error",
            f"the box “{label[:80]}” is not ticked",
            hint="read what it asks and tick it",
        )


def _unguided(report: IssueReport, options: Options) -> list[Finding]:
    """Without a known template: a template left unfilled, or a report that says nothing."""
    left = _template_left(report, options) or scaffold(report) or _core_empty(report, options)
    if left:
        return left
    return _copied(report) or _too_short(report, options)


def _copied(report: IssueReport) -> list[Finding]:
    """IR106 for a comment moved into an issue with nothing said after it."""
    if not _copied_comment(report):
        return []
    return [
        Finding(
            "IR106",
            "error",
            "the report is only a comment copied from another thread (“Originally posted "
            "by …” ends it)",
            hint="say here what the problem is: what you did, what happened and what you expected",
        )
    ]


def _too_short(report: IssueReport, options: Options) -> list[Finding]:
    """IR106 for a report whose title and prose say fewer than ``min-words`` words (twice
    that under a title with no word of its own, ``Bug report``), and hold no code."""
    prose = len(
        [w for _, line in report.text.prose if not _ORIGINALLY.search(line) for w in line.split()]
    )
    said = prose + len(_content_words(report.title))  # a title that says it all counts
    vague = report.title.strip() and not _says_what(report.title)  # an empty one is IR103
    least = options.min_words * (2 if vague else 1)
    if said >= least or report.text.blocks:
        return []
    return [
        Finding(
            "IR106",
            "error",
            f"the report says almost nothing ({said} word{'s' * (said != 1)}, title included)",
            hint="say what you did, what happened and what you expected",
        )
    ]


def _says_what(title: str) -> bool:
    """The title has a word beyond the vague ones (``Bug report``, ``Error``, ``Help``)."""
    return any(w not in VAGUE and not w.isdigit() for w in words(title[:MAX_LINE]).split())


def _copied_comment(report: IssueReport) -> bool:
    """The body ends at GitHub's "Reference in new issue" attribution: another thread's comment
    moved into an issue, nothing said after it (5 of 5 such reports in the corpus were asked
    what the problem is)."""
    lines = [x for x in report.text.lines if x.strip()]
    return bool(lines) and bool(_ORIGINALLY.search(lines[-1].strip()))


def _core_empty(report: IssueReport, options: Options) -> list[Finding]:
    """The section that says what the report is about (``Current behavior``) left empty."""
    placeholders = {words(p) for p in options.placeholders} - {""}
    return [
        Finding(
            "IR101",
            "error",
            f"“{s.heading[:60]}” is empty",
            path="body",
            line=s.line,
            hint=f"fill in “{s.heading[:60]}”: it is what the report is about",
        )
        for s in report.text.sections
        if any(s.key == c or s.key.startswith(c + " ") for c in CORE)
        and (_left_empty(s, placeholders) or _content(s) == NO_RESPONSE)
    ][:1]


def _content_words(title: str) -> list[str]:
    """The title's words, its tag (``BUG:``, ``[Docs]``) left out."""
    tag = TITLE_TAG.match(title[:MAX_LINE])
    return [w for w in words(title[tag.end() if tag else 0 : MAX_LINE]).split() if len(w) > 1]


def _optional(key: str, options: Options) -> bool:
    return any(words(o) in key for o in options.optional)


def _template_left(report: IssueReport, options: Options) -> list[Finding]:
    """A pasted template whose sections are mostly empty or still hold its instructions."""
    placeholders = {words(p) for p in options.placeholders} - {""}
    sections = [s for s in report.text.sections if not _optional(s.key, options)]
    empty = [s for s in sections if _left_empty(s, placeholders)]
    if len(sections) < 3 or len(empty) * 2 < len(sections):
        return []
    return [
        Finding(
            "IR105",
            "error",
            f"{len(empty)} of the report's {len(sections)} sections are empty or still hold "
            "the template's text",
            path="body",
            line=empty[0].line,
            hint="fill in each section of the template: "
            + ", ".join(f"“{s.heading[:40]}”" for s in empty[:4]),
        )
    ]
