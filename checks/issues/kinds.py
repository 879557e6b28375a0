"""Report types: what kind of report an issue is, from its template, labels, title and content.

As for contributions, each type carries the evidence that decided it. Words (the template
used, a label, the title) name what the reporter meant; the content may add a type and its
requirements (a traceback makes a crash report, "used to work in 3.3" a regression), never
remove one. A report nothing recognises is judged as a bug report, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from mergeready.checks.issues.private_data import redacted
from mergeready.checks.issues.registry import ISSUE_TYPES, IssueTypeRule
from mergeready.checks.issues.report import IssueReport
from mergeready.checks.issues.text import MAX_LINE, words
from mergeready.checks.issues.traceback_complete import says_crash, says_error
from mergeready.checks.model import Evidence, TypeMatch

TRACEBACK: Final = re.compile(
    r"Traceback \(most recent call last\)|^\s{0,8}File \"[^\"\n]{1,500}\", line \d{1,7}", re.M
)
EXCEPTION_LINE: Final = re.compile(
    r"[ \t>`]{0,8}(?:\w{1,40}:)?(?:[A-Za-z_][\w.]{0,200}\.)?[A-Z]\w{0,100}(?:Error|Exception):[ \t]"
)
"""An exception's line (``ValueError: …``, ``error:InstantiationException: …``): a crash report."""
GENERIC: Final = ("bug", "crash")
"""Types whose title words (``error``, ``broken``) say less than another type's."""
TITLE_TAG: Final = re.compile(r"[ \t]{0,4}(?:\[([^\]\n]{1,40})\]|([A-Za-z][\w -]{0,30})[:|])")
"""A title's tag: ``[Bug]``, ``BUG:``, ``Feature request:`` (matched at its start)."""
CRASHED: Final = (
    "segmentation fault",
    "seg fault",
    "segfault",
    "core dumped",
    "is crashing",
    "keeps crashing",
    "kernel died",
    "kernel crashes",
    "kernel crashed",
)
"""Words of the prose that say the process died: a crash report, with its output asked for."""
BUILD_FAILED: Final = re.compile(
    r"(?i)\b(?:build|install|installation|compile|compilation)\w{0,3}[ \t]+(?:fails?|failed"
    r"|failure|errors?|broken)\b|\bfail(?:s|ed)?[ \t]+to[ \t]+(?:build|install|compile)\b"
    r"|\b(?:cannot|can't|can not|unable to)[ \t]+(?:build|install|compile)\b"
    r"|\b(?:pip|pip3|conda|uv|poetry|cargo|npm)[ \t]+(?:install|build|add)\b[^.\n]{0,40}?"
    r"\b(?:fails?|failed|errors?)\b"
)
"""A title that says a build or an installation fails: an installation report, whatever the
template (``cargo build fails``, ``fails to install on BSD``, ``pip install proj fails``)."""
_TYPE_FIELDS: Final = ("issue type", "type of issue", "issue kind")
_QUESTION: Final = re.compile(
    r"(?i)^(how|why|what|is there|is it|can i|can you|does|do i|should i)\b"
)


def classify(report: IssueReport, rules: Mapping[str, IssueTypeRule]) -> tuple[TypeMatch, ...]:
    """Give a report its types, each with the evidence that decided it.

    Args:
        report: The report.
        rules: How each type is recognised.

    Returns:
        The types in ``ISSUE_TYPES`` order; ``bug`` with its reason when nothing else said.
    """
    found: dict[str, list[Evidence]] = {}

    def add(kind: str, evidence: Evidence) -> None:
        found.setdefault(kind, [])
        if evidence not in found[kind]:
            found[kind].append(evidence)

    for name, evidence in _declared(report, rules):
        add(name, evidence)
    for name, evidence in _content(report):
        if name in rules:
            add(name, evidence)
    if not found:
        for name, evidence in _fallback(report, rules):
            add(name, evidence)
    return tuple(TypeMatch(t, tuple(found[t])) for t in ISSUE_TYPES if t in found)


def _declared(
    report: IssueReport, rules: Mapping[str, IssueTypeRule]
) -> list[tuple[str, Evidence]]:
    """What the template, the labels and the title say, the title's words last."""
    found: list[tuple[str, Evidence]] = []
    worded: list[str] = []
    title = Evidence("title", redacted(report.title[:MAX_LINE])[:80])
    for name, rule in rules.items():
        found += [(name, e) for e in _named(report, rule)]
        how = _titled(report, rule)
        if how == "tag":
            found.append((name, title))
        elif how == "words":
            worded.append(name)
    # the title's words decide only what the template, labels and tags left open, and a more
    # specific word (docs, question, installation …) outweighs a generic "broken" or "error"
    if not found:
        specific = [n for n in worded if n not in GENERIC] or worded
        found = [(name, title) for name in specific]
    return found


def _named(report: IssueReport, rule: IssueTypeRule) -> list[Evidence]:
    """The template and the labels that name this type."""
    said: list[Evidence] = []
    template = report.template
    if template is not None and _names_template(rule, template.path, template.name):
        said.append(Evidence("template", template.path))
    elif template is None:
        said += [Evidence("template", x) for x in _headed(report) if _heading_names(rule, x)]
    labels = {x.lower() for x in rule.labels}
    return said + [Evidence("label", x) for x in report.labels if x.lower() in labels]


def _titled(report: IssueReport, rule: IssueTypeRule) -> str:
    """``tag`` when the title's tag names this type, ``words`` when its words do, else empty."""
    title_tag = _title_tag(report.title)
    if title_tag and title_tag in {words(x) for x in rule.titles}:
        return "tag"
    title_words = f" {words(report.title)} "
    return "words" if any(f" {w} " in title_words for w in map(words, rule.words) if w) else ""


def _fallback(
    report: IssueReport, rules: Mapping[str, IssueTypeRule]
) -> list[tuple[str, Evidence]]:
    """Nothing said a type: a title that asks is a question, anything else a bug report."""
    title = report.title.strip()
    if (_QUESTION.match(title[:MAX_LINE]) or title.endswith("?")) and "question" in rules:
        return [("question", Evidence("title", redacted(report.title[:MAX_LINE])[:80]))]
    if "bug" in rules:
        return [("bug", Evidence("source", "no template, label or title said otherwise"))]
    return []


def _headed(report: IssueReport) -> list[str]:
    """What a template the project did not give us says of the type, from the report itself.

    A Markdown template opens with a heading naming its kind (``## 📚 Documentation``, ``## 🐛
    Bug``), and an issue form asks for it (``### Issue type`` answered ``Documentation Bug``).
    """
    sections = report.text.sections
    said = [s.heading for s in sections[:1] if s.line <= 2]
    said += [s.content.split("\n", 1)[0] for s in sections if s.key in _TYPE_FIELDS and s.content]
    return said


def _heading_names(rule: IssueTypeRule, heading: str) -> bool:
    """The heading (or the type field's answer), or its first word, names this type."""
    said = words(heading)
    names = {words(x) for x in (*rule.templates, *rule.titles)} - {""}
    return said in names or said.split(" ", 1)[0] in names


def _names_template(rule: IssueTypeRule, path: str, name: str) -> bool:
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    return any(x.lower() in (stem, name.lower()) for x in rule.templates)


def _title_tag(title: str) -> str:
    match = TITLE_TAG.match(title[:MAX_LINE])
    if not match:
        return ""
    return words(match.group(1) or match.group(2) or "")


def _content(report: IssueReport) -> list[tuple[str, Evidence]]:
    said: list[tuple[str, Evidence]] = []
    crashed = _crashed(report)
    if crashed:
        said.append(("crash", Evidence("body", crashed)))
    if BUILD_FAILED.search(report.title[:MAX_LINE]):
        said.append(("installation", Evidence("title", "says the build or installation fails")))
    return said


def _crashed(report: IssueReport) -> str:
    """What in the body makes a crash report (a traceback, words that say it), or nothing."""
    if TRACEBACK.search(report.body):
        return "a Python traceback"
    if crashed := next((w for w in CRASHED if f" {w} " in f" {words(report.text.plain)} "), ""):
        return f"says “{crashed}”"
    said = _prose_says(report)
    if not said and any(EXCEPTION_LINE.match(line) for line in report.text.lines):
        return "an exception's line"
    return said


def _prose_says(report: IssueReport) -> str:
    """The prose says the program crashes, or that it gets an error; else nothing."""
    if any(says_crash(line) for _, line in report.text.prose):
        return "says the program crashes"
    if any(says_error(line) for _, line in report.text.prose):
        return "says it gets an error"
    return ""
