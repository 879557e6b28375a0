"""What of a template a reporter left unanswered: its instructions, empty fields and steps.

template-filled reads these lines without knowing the template: a line in square brackets or
one that instructs (``Please describe …``) is the template's text, a list item ending in its
colon (``- OS:``) an empty field, ``1.`` an empty step, ``Yes/No`` a choice not made. A report
made only of them is the template untouched (IR105).
"""

from __future__ import annotations

import re
from typing import Final

from mergeready.checks.issues.report import IssueReport
from mergeready.checks.issues.text import MAX_LINE, heading_of, words
from mergeready.checks.model import Finding

BRACKETED: Final = re.compile(r"[ \t]{0,8}\[[A-Za-z][^\n]{2,500}\][ \t]*$")
"""A whole line in square brackets (not a link), opening with a word: a template's instruction."""
INSTRUCTION: Final = re.compile(
    r"(?:this should explain|paste the output|your code here|describe |a clear and concise"
    r"|include |provide |please |add any |steps to reproduce|if applicable|copy and paste"
    r"|paste |put link here|if possible)"
)
PROMPT: Final = re.compile(r"[ \t]{0,3}[-*+][ \t]{1,4}[^\n]{1,200}:[ \t]*$")
"""A template's field left unanswered: a list item that ends with its colon (``- OS:``)."""


_EMPTY_ITEM: Final = re.compile(r"[ \t]{0,3}(?:\d{1,3}[.)]|[-*+])[ \t]*$")
"""A numbered or bulleted item with nothing after it: ``1.``, ``2.``, ``-``."""
_CHOICE: Final = re.compile(r"(?i)\byes[ \t]{0,2}/[ \t]{0,2}no\b")
"""A question's choices left for the reporter to pick (``…disabled?: Yes/No``)."""


def scaffold(report: IssueReport) -> list[Finding]:
    """IR105 for a report that is only a template's scaffolding, none of it answered.

    Empty fields (``- OS Version:``), empty steps (``1.``), choices left (``Yes/No``),
    headings, instructions (vscode#211094: the bug template pasted, nothing written).

    Args:
        report: The issue report.

    Returns:
        The finding, or nothing.
    """
    lines = [x for _, x in report.text.prose if x.strip()]
    if len(lines) < 3 or report.text.blocks:
        return []
    if any(not _scaffolding(x) for x in lines):
        return []
    return [
        Finding(
            "IR105",
            "error",
            "the report is a template's fields and steps, none of them answered",
            path="body",
            hint="answer each field and write out the steps, what happened and what you expected",
        )
    ]


def _scaffolding(line: str) -> bool:
    """A line of a template that the reporter did not answer."""
    heading = heading_of(line[:MAX_LINE])
    if line.lstrip().startswith("#") or (heading is not None and not heading[1]):
        return True  # a heading with nothing after it
    if PROMPT.match(line) or _EMPTY_ITEM.match(line) or _CHOICE.search(line[:MAX_LINE]):
        return True
    return bool(BRACKETED.match(line) or INSTRUCTION.match(words(line[:MAX_LINE])))
