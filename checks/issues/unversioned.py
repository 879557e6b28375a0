"""What tells a version given from none: a number written as one, or a tool named with one.

The versions check reads both; an installation or build report that gives neither names no
version of anything (IR310), and a build depends on the toolchain, whose version is what
maintainers ask first (issue 24's sixth round: rand#22, xi-editor#334, llamadb#21). A question
about how to install is not asked for it: nothing failed yet.
"""

from __future__ import annotations

import re
from typing import Final

from mergeready.checks.issues.report import IssueReport
from mergeready.checks.issues.text import MAX_LINE
from mergeready.checks.model import Finding, Severity

NUMBER_GIVEN: Final = re.compile(r"(?<![\w(.,=*/+-])v?\d{1,4}\.\d{1,6}")
"""A version number as written (``2.1``, ``v3.4.1``, ``==2.1``); not ``sleep(0.1)``, ``x*0.5``."""
NAMED_NUMBER: Final = re.compile(
    r"(?i)\b(?:python|py|windows|win|android|ios|macos|ubuntu|debian|fedora|centos|rhel|node"
    r"|java|jdk|gcc|clang|msvc|rustc|rust|cargo|go|cuda|cudnn|xcode)[ \t]?v?\d{1,4}\b"
)
"""A tool or system named with a bare number (``Python 3``, ``Windows 10``): a version given."""


def unversioned_install(report: IssueReport, severity: Severity) -> list[Finding]:
    """IR310 for an installation or build report that names no version of anything.

    Args:
        report: The issue report, told its types.
        severity: The finding's severity (``unversioned-install``).

    Returns:
        The finding, or nothing.
    """
    if "installation" not in report.types or "question" in report.types:
        return []  # "how do I install it on BSD?" asks for steps; no build failed yet
    text = [report.title[:MAX_LINE], *report.text.lines]
    if any(NUMBER_GIVEN.search(x) or NAMED_NUMBER.search(x) for x in text):
        return []
    return [
        Finding(
            "IR310",
            severity,
            "an installation or build report names no version of anything",
            hint="add the versions of what builds or installs it (Python or the compiler, "
            "pip, cargo …), of the operating system, and of the project you tried",
        )
    ]
