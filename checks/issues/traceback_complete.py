"""traceback-complete: a crash or error report carries the whole traceback, as text.

A Python traceback starts ``Traceback (most recent call last):``, lists its frames
(``File "…", line N``) and ends with the exception (``ValueError: …``). The report needs one
whose last line is the exception; a traceback cut before it (or only its frames) is named as
truncated; a ``...`` line standing for frames left out is not a cut. Only the exception's last
line, with no frames, is not a traceback. A native crash (``Segmentation fault``, ``Fatal
Python error``, ``core dumped``) counts as the crash's output. A screenshot where the traceback
should be is said. No traceback is a warning (IR401) unless the template asks for one; but a
report that says it gets an error ("I get the following error", "it throws an exception") and
never shows one — no exception's name, no ``error: …`` line, no code or log after the words in
their section, no picture, no attached log — is an error (IR403): every maintainer asks for it.
So is a report that says the program crashes ("crashing when trying to launch", "App crashes
on launch") and shows nothing of it — no block, no picture, no link, no exception's name
(IR404): the crash log is what maintainers ask for first (issue 24's sixth round:
LeviLaunchroid#233, vscode#129920).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from mergeready.checks.issues.report import IssueReport, asked_by_template
from mergeready.checks.issues.text import MAX_LINE
from mergeready.checks.model import CheckResult, Finding, Severity, failed, passed

CODES: Final = {
    "IR401": "an error report without its traceback",
    "IR402": "the traceback is cut before the exception",
    "IR403": "the report says an error occurs but never shows it",
    "IR404": "the report says the program crashes but shows nothing of the crash",
}
ERROR_SAID: Final = re.compile(
    r"(?i)\b(?:get|gets|getting|got|gives?|giving|throws?|throwing|raises?|raising|see|seeing"
    r"|receive[sd]?|receiving|having|facing|faced|encounter(?:ed|ing)?|returns?|returning"
    r"|produces?|hit|hitting|ran into|run into)\b[^.\n]{0,30}?\b(?:errors?|exceptions?)\b"
    r"|\b(?:the|this) following (?:error|exception)"
)
"""Prose that says an error happens: a crash report, whose error must then be shown."""
CRASH_SAID: Final = re.compile(r"(?i)\bcrash(?:es|ed|ing)\b")
"""A verb that says the program crashed (``crash`` alone is as often a noun: a crash course)."""
_CRASH_DENIED: Final = ("n't", "not ", "never", "without", "no ", "stop", "fix")
_IF: Final = ("if ", "when ", "whenever ", "unless ", "otherwise")
"""A sentence that opens so says what would happen, not what did (a feature's reasoning)."""
_NOT_AN_ERROR: Final = frozenset({"same", "similar", "any", "no"})
_DENIED: Final = ("n't", "not ", "never", "without", "no ")
_MEASURED: Final = frozenset({"rate", "rates", "of", "bar", "bars", "metric", "term", "function"})
_ERROR_SHOWN: Final = re.compile(
    r"\b[A-Z]\w{0,60}(?:Error|Exception)\b|(?i:\berror\b[ \t]{0,3}[:\]][ \t]{0,3}\S)"
    r"|(?i:\.(?:txt|log)\)|/files/)"
)
"""An exception named, an ``error: …`` line, or a log attached: the error is shown."""
_START: Final = re.compile(r"Traceback \(most recent call last\)")
_IPYTHON_FRAME: Final = re.compile(
    r"[ \t>]{0,12}(?:Cell In ?\[\d{0,6}\], line \d|File [^\s\"]{1,500}:\d{1,7}|<ipython-input"
    r"|[^\s\"]{1,500}\.py in |-{2,}>|-{20,}|\d{1,7} )"
)
_FRAME: Final = re.compile(r"[ \t>]{0,12}File \"[^\"]{1,500}\", line \d{1,7}")
_EXCEPTION: Final = re.compile(
    r"[ \t>]{0,8}(?:[A-Za-z_][\w.]{0,200}\.)?[A-Z]\w{0,100}(?:Error|Exception|Exit|Interrupt"
    r"|Warning|Fault|Failure|Iteration|Stop)(?::.{0,2000})?$|[ \t>]{0,8}[A-Za-z_][\w.]{0,200}: "
)
_NATIVE: Final = re.compile(
    r"Segmentation fault|Fatal Python error|core dumped|Aborted \(core|SIGSEGV|SIGABRT"
    r"|terminate called after|Check failed:",
)


@dataclass(frozen=True, kw_only=True)
class Options:
    """Options of traceback-complete (the keys of its block in the rules)."""

    native: bool = True  # a native crash's output (segfault, abort) counts as the traceback
    missing: Severity = "warning"  # no traceback at all (a truncated one is always an error)


def check(report: IssueReport, options: Options) -> CheckResult:
    """A crash or error report carries its full traceback.

    Args:
        report: The issue report.
        options: This check's options.

    Returns:
        The check's result.
    """
    lines = report.text.lines
    starts = [n for n, line in enumerate(lines, 1) if _START.search(line)]
    complete = [n for n in starts if _complete(lines, n)]
    if complete:
        return passed(f"a traceback ending in its exception (line {complete[0]})")
    if starts:
        n = starts[0]
        finding = Finding(
            "IR402",
            "error",
            "the traceback stops before its last line, the exception",
            path="body",
            line=n,
            hint="paste the whole traceback, down to the exception's line",
        )
        return failed("the traceback is truncated", [finding])
    if options.native and any(_NATIVE.search(line) for line in lines):
        return passed("the crash's native output is given")
    return _missing(report, options)


def _missing(report: IssueReport, options: Options) -> CheckResult:
    unshown = _said_not_shown(report)
    if unshown is not None:
        finding = Finding(
            "IR403",
            "error",
            "the report says an error occurs but never shows it",
            path="body",
            line=unshown,
            hint="paste the error message and the full traceback as text",
        )
        return failed("the error is not shown", [finding])
    crashed = _crash_not_shown(report)
    if crashed is not None:
        finding = Finding(
            "IR404",
            "error",
            "the report says the program crashes but shows nothing of the crash",
            path="body",
            line=crashed,
            hint="paste the crash log or the output as text (or link it), and the steps that "
            "lead to the crash",
        )
        return failed("the crash is not shown", [finding])
    image = f" (line {report.text.images[0]} shows a screenshot)" if report.text.images else ""
    asked = asked_by_template(report, ("traceback", "log", "logs", "error", "output"))
    finding = Finding(
        "IR401",
        "error" if asked else options.missing,
        f"no traceback{image}",
        hint="paste the full traceback as text, from 'Traceback (most recent call last):' "
        "to the exception",
    )
    if finding.severity == "error":
        return failed("no traceback in an error report", [finding])
    return passed("no traceback (not required here)", [finding])


def says_error(line: str) -> bool:
    """Whether a line of prose says an error happens.

    "The same error" points back at one already said; "it doesn't throw any error", "without
    an error" and "no error" say none happens; "an error of 0.3", "an error rate" are numbers.

    Args:
        line: A line of the report's prose.

    Returns:
        True when the line says an error happens.
    """
    for match in ERROR_SAID.finditer(line):
        said = set(match.group().lower().split())
        before = line[max(0, match.start() - 12) : match.start()].lower()
        after = line[match.end() : match.end() + 12].lower().split()
        if said & _NOT_AN_ERROR or any(w in before for w in _DENIED):
            continue
        if after[:1] and after[0].strip(".,:;") in _MEASURED:
            continue
        return True
    return False


def says_crash(line: str) -> bool:
    """Whether a line says the program crashes ("it crashes", "crashing on launch").

    "It doesn't crash", "without crashing", "stops crashing" say it does not (any more); "when
    a model fails, the program crashes" says what would happen (a feature request's reason).

    Args:
        line: A line of the report's prose, or its title.

    Returns:
        True when the line says a crash happens.
    """
    for match in CRASH_SAID.finditer(line[:MAX_LINE]):
        before = line[max(0, match.start() - 12) : match.start()].lower()
        opening = max(line.rfind(c, 0, match.start()) for c in ".;!?") + 1
        sentence = line[opening : match.start()].strip().lower()
        if not any(w in before for w in _CRASH_DENIED) and not sentence.startswith(_IF):
            return True
    return False


def _crash_not_shown(report: IssueReport) -> int | None:
    """The line of the prose that says the program crashes, when nothing of it is shown (a
    title's "crashes" alone is a loose word: "clip crashes" over "it returns -1")."""
    text = report.text
    said = next((n for n, line in text.prose if says_crash(line)), None)
    if said is None or text.blocks or text.images or text.links:
        return None
    return None if any(_ERROR_SHOWN.search(x) for x in text.lines) else said


def _said_not_shown(report: IssueReport) -> int | None:
    """The line that says an error happens, when the report never shows the error."""
    text = report.text
    said = next((n for n, line in text.prose if says_error(line)), None)
    if said is None or text.images or any(_ERROR_SHOWN.search(x) for x in text.lines):
        return None
    return None if _code_after(report, said) else said


def _code_after(report: IssueReport, said: int) -> bool:
    """A block or a code span after the words, in their section: the error as it was seen."""
    text = report.text
    end = min((s.line for s in text.sections if s.line > said), default=len(text.lines) + 1)
    if any(said < b.line < end for b in text.blocks):
        return True
    return any("`" in line for n, line in text.prose if said <= n < end)


def _exception_line(lines: tuple[str, ...], start: int) -> int:
    """The line (1-based) of the exception the traceback starting on line ``start`` reaches;
    0 when it reaches none."""
    frames = 0
    for n, line in enumerate(lines[start : start + 5000], start + 1):
        if _FRAME.match(line):
            frames += 1
            continue
        if frames and _EXCEPTION.match(line):
            return n
        if _IPYTHON_FRAME.match(line) or line.strip() == "...":
            frames += 1  # an IPython frame, or frames the reporter left out
        elif line.strip() == "```":
            return 0  # the block closes before the exception
        elif _flush_text(line):
            return 0
    return 0


def _complete(lines: tuple[str, ...], start: int) -> bool:
    """The traceback starting on line ``start`` reaches its exception, and its message."""
    end = _exception_line(lines, start)
    return bool(end) and not _cut_after_colon(lines, end)


def _cut_after_colon(lines: tuple[str, ...], n: int) -> bool:
    """The exception's line opens its message with a colon and nothing follows it: ``TypeError:
    in user code:`` then a blank line, the block's end or the report's (TensorFlow puts the
    real error on the lines right after; load-forecasting-resnet#6 was asked for them)."""
    message = lines[n - 1].rstrip()
    after = lines[n].strip() if n < len(lines) else ""
    return message.endswith(":") and ": " in message and after in ("", "```")


def _flush_text(line: str) -> bool:
    """A line that is neither blank, indented (a frame's source) nor an elision."""
    return bool(line.strip()) and not line.startswith((" ", "\t")) and line.strip() != "..."
