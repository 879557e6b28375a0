r"""private-data: the report leaks no secret, and no personal detail it need not.

Access tokens and keys by their published shapes (GitHub ``ghp_``/``github_pat_``, GitLab
``glpat-``, OpenAI ``sk-``, Anthropic ``sk-ant-``, Hugging Face ``hf_``, Slack ``xox?-``, AWS
``AKIA``, Google ``AIza``, Stripe ``sk_live_``, a private key block, a URL with a password, a
``password = "…"``, ``api_key = "…"`` or ``token: …`` assignment with a real-looking value) are
errors; so is an e-mail address in the title. A home directory's user name (``/home/ana/``,
``/Users/ana/``, ``C:\Users\ana\``) is a warning, unless ``home-directories`` is false.
Every finding names the kind and the line and never repeats the secret: the report is public,
and the hint says to revoke it (an edit keeps it in the issue's history).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mergeready.checks.issues.report import IssueReport
from mergeready.checks.issues.text import MAX_LINE
from mergeready.checks.model import CheckResult, Finding, failed, passed

CODES: Final = {
    "IR601": "an access token or key in the report",
    "IR602": "a password in the report",
    "IR603": "an e-mail address in the title",
    "IR604": "a home directory names a user",
}
TOKENS: Final = (
    ("a GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_\w{40,255})")),
    ("a GitLab token", re.compile(r"\bglpat-[\w-]{20,64}")),
    ("an Anthropic API key", re.compile(r"\bsk-ant-[\w-]{20,255}")),
    ("an OpenAI API key", re.compile(r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,255}")),
    ("a Hugging Face token", re.compile(r"\bhf_[A-Za-z0-9]{30,64}")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,255}")),
    ("an AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}")),
    ("a Stripe key", re.compile(r"\b[sr]k_live_[0-9A-Za-z]{20,255}")),
    ("a private key", re.compile(r"-----BEGIN (?:[A-Z]{1,10} ){0,2}PRIVATE KEY-----")),
    (
        "a Weights & Biases key",
        re.compile(r"\bwandb_api_key[\"']?\s{0,4}[=:]\s{0,4}[\"']?[0-9a-f]{40}", re.I),
    ),
)
_ASSIGNED: Final = re.compile(
    r"(?i)\b(api[_-]?key|secret[_-]?key|access[_-]?token|auth[_-]?token|token|secret|password"
    r"|passwd|pwd)[\"']?[ \t]{0,4}[=:][ \t]{0,4}[\"']([^\"'\s]{4,200})[\"']"
)
_PASSWORDS: Final = frozenset({"password", "passwd", "pwd"})
_URL_PASSWORD: Final = re.compile(r"\b[a-z][a-z0-9+.-]{1,20}://[^\s:/@]{1,100}:([^\s/@]{3,100})@")
_EMAIL: Final = re.compile(r"[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}")
_HOME: Final = re.compile(r"(?:/home/|/Users/|[A-Za-z]:\\{1,2}Users\\{1,2})([^/\\\s\"'<>]{1,64})")
_NOT_SECRET: Final = re.compile(
    r"(?i)^(?:x{3,}|\*{3,}|<[^>]{0,60}>|\{[^}]{0,60}\}|\$\{?\w{0,60}\}?|your[_-]\w{0,60}|"
    r"\.{3,}|changeme|password|secret|token|placeholder|redacted|example\w{0,20}|dummy\w{0,20}"
    r"|test\w{0,20}|none|null|os\.\w{0,40})$"
)
_NOT_USERS: Final = frozenset(
    "runner user username me you name your_name yourname <user> <username> $user ... * "
    "shared public default all users admin root ubuntu jovyan vscode colab".split()
)


@dataclass(frozen=True, kw_only=True)
class Options:
    """Options of private-data (the keys of its block in the rules)."""

    home_directories: bool = True  # warn when a path names the reporter's user name


def check(report: IssueReport, options: Options) -> CheckResult:
    """The report leaks no token, key, password, or e-mail address in its title.

    Args:
        report: The issue report.
        options: This check's options.

    Returns:
        The check's result.
    """
    findings = list(_secrets(report))
    if _EMAIL.search(report.title[:MAX_LINE]):
        findings.append(
            Finding(
                "IR603",
                "error",
                "an e-mail address in the title (titles are indexed and sent in notifications)",
                path="title",
                hint="edit the title and leave the address out",
            )
        )
    if options.home_directories:
        findings += _homes(report)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        return failed(
            f"{len(errors)} secret{'s' * (len(errors) != 1)} in a public report", findings
        )
    return passed("no token, key or password found", findings)


_REVOKE: Final = "revoke it now, then edit it out (the issue's edit history keeps the old text)"


def _secrets(report: IssueReport) -> Iterator[Finding]:
    places: list[tuple[str, int | None, str]] = [("title", None, report.title[:MAX_LINE])]
    places += [("body", n, line) for n, line in enumerate(report.text.lines, 1)]
    for where, n, line in places:
        found = _secret(line)
        if found is not None:
            code, message = found
            yield Finding(code, "error", message, path=where, line=n, hint=_REVOKE)


def _secret(line: str) -> tuple[str, str] | None:
    """The code and message for the first secret of a line; the secret is never in them."""
    kind = next((kind for kind, pattern in TOKENS if pattern.search(line)), None)
    if kind is not None:
        return "IR601", f"{kind} on this line (not repeated here)"
    said = _assigned(line)
    if not said:
        return None
    code = "IR602" if "pass" in said or "pwd" in said else "IR601"
    return code, f"a value given for {said!r} on this line looks real (not repeated here)"


def _assigned(line: str) -> str:
    for match in _ASSIGNED.finditer(line):
        key, value = match.group(1).lower(), match.group(2)
        # a password is real at any length a person types (pandas#21615: '123456'); a key or
        # token shorter than 8 characters is a name or a placeholder
        short = len(value) < (4 if key in _PASSWORDS else 8)
        if not short and not _NOT_SECRET.match(value):
            return key
    url = _URL_PASSWORD.search(line)
    if url and not _NOT_SECRET.match(url.group(1)):
        return "password"
    return ""


def redacted(text: str) -> str:
    """Return text with every token, key, assigned secret and e-mail address found in it masked.

    The type line and every format quote the title as evidence: what this check flags is never
    repeated there (``ghp_Z9y8…`` → ``ghp_****``).

    Args:
        text: A line of the report (the title).

    Returns:
        The line with each secret's span after its first four characters written ``****``.
    """
    for _kind, pattern in TOKENS:
        text = pattern.sub(lambda m: m.group()[:4] + "****", text)
    text = _ASSIGNED.sub(
        lambda m: m.group()[: m.start(2) - m.start()] + "****" + m.group()[-1], text
    )
    text = _URL_PASSWORD.sub(lambda m: m.group()[: m.start(1) - m.start()] + "****@", text)
    return _EMAIL.sub("****@****", text)


def _homes(report: IssueReport) -> Iterator[Finding]:
    for n, line in enumerate(report.text.lines, 1):
        match = _HOME.search(line)
        if match and match.group(1).lower() not in _NOT_USERS:
            yield Finding(
                "IR604",
                "warning",
                "a home directory path names a user (not repeated here)",
                path="body",
                line=n,
                hint="replace the user name with ~ or <user> if you'd rather not publish it",
            )
            return
