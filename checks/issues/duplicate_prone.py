"""duplicate-prone: a title others can find and that says which problem this is.

A title that is only an exception's name (``ValueError``, ``TypeError:``) or holds no content
word (``Bug``, ``Error!``, ``Help please``, ``Not working``) matches every other report like
it: maintainers and search cannot tell whether it is a duplicate. Both are hints (warnings):
they never fail a report. ``vague`` lists the words that say nothing on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from mergeready.checks.issues.report import IssueReport
from mergeready.checks.issues.text import MAX_LINE, words
from mergeready.checks.model import CheckResult, Finding, passed

CODES: Final = {
    "IR701": "the title is only an exception's name",
    "IR702": "the title has no word that says what the problem is",
}
VAGUE: Final = (
    "a an the this that it is are was be in on of for to with and or not no my i we you "
    "bug bugs issue issues problem problems error errors help please question questions urgent "
    "broken working work works doesnt doesn t does don t cant can t fail fails failed failure "
    "crash crashes wrong strange weird unexpected behavior behaviour some something anything "
    "feature request report new fix need needed when using use get getting got hi hello "
    "request idea suggestion improvement enhancement"
).split()
_EXCEPTION_ONLY: Final = re.compile(
    r"[ \t\[\]\w-]{0,40}?[:\]]?[ \t]*`?(?:[A-Za-z_][\w]{0,60}\.){0,6}[A-Z]\w{0,60}"
    r"(?:Error|Exception"
    r"|Warning)`?[ \t:.!]*"
)


@dataclass(frozen=True, kw_only=True)
class Options:
    """Options of duplicate-prone (the keys of its block in the rules)."""

    vague: tuple[str, ...] = tuple(VAGUE)


def check(report: IssueReport, options: Options) -> CheckResult:
    """The title names the problem, not just an exception or a complaint.

    Args:
        report: The issue report.
        options: This check's options.

    Returns:
        The check's result (hints only: it never fails).
    """
    title = report.title.strip()[:MAX_LINE]
    if not title:
        return passed("no title to judge (template-filled names it)")
    if _EXCEPTION_ONLY.fullmatch(title):
        finding = Finding(
            "IR701",
            "warning",
            "the title is only the exception's name: every report of it looks the same",
            path="title",
            hint="say which call raises it and on what (e.g. 'model.fit raises ValueError on …')",
        )
        return passed("the title is only an exception's name", [finding])
    vague = set(options.vague)
    content = [w for w in words(title).split() if w not in vague and not w.isdigit()]
    if not content:
        finding = Finding(
            "IR702",
            "warning",
            "the title has no word that says what the problem is",
            path="title",
            hint="name the function, layer or option and what goes wrong",
        )
        return passed("the title says nothing specific", [finding])
    return passed("the title names the problem")
