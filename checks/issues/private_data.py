r"""private-data: the report leaks no secret, and no personal detail it need not.

Access tokens and keys by their published shapes (GitHub ``ghp_``/``github_pat_``, GitLab
``glpat-``, OpenAI ``sk-``, Anthropic ``sk-ant-``, Hugging Face ``hf_``, Slack ``xox?-``, AWS
``AKIA``, Google ``AIza``/``ya29.``, Stripe ``sk_live_``, PyPI ``pypi-``, npm ``npm_``, a
Telegram bot's, an Azure ``AccountKey=``, a JSON Web Token, a private key block) are errors, and
so are secrets by where they are written: an ``Authorization:`` header's credential, a URL with
a password (``redis://:pw@``) or a secret in its query (``?api_key=…``), a ``password = "…"``,
``db_password="…"``, ``api_key: '…'`` or ``token = "…"`` assignment or keyword argument with a
real-looking value, an unquoted ``DB_PASSWORD=…`` (a shell or ``.env`` line) or
``password=Hunter2!`` (a value that is no variable's name), and a password passed by position
to ``login``/``auth=(…)``/``HTTPBasicAuth``/a four-argument ``connect``. A token split into
adjacent string literals (``"ghp_" + "…"``) is read joined, and a base64 or hex run that decodes
to one of these, or one written backwards (``"…_phg"[::-1]``), is one.
An e-mail address in the title is an error too, and so is personal data
in the body (IR605): a person's e-mail address (a reporter's own address in a ``git config``
dump, a log, a path or prose — not a ``noreply`` address, an ``example.com``/``.test``
address, ``git@github.com``, a role address such as ``support@``, a mailing list, the package
metadata's ``Author-email:`` line or an address at a domain naming the project), and a phone
number written as one (``phone: +44 20 7946 0000``). An IP address is not flagged: a private
host's address (``10.``, ``192.168.``) reaches nothing from outside, and a public one in a
report is a service's as often as a person's. A home directory's user
name (``/home/ana/``, ``/Users/ana/``, ``C:\Users\ana\``) is a warning, unless
``home-directories`` is false. Every finding names the kind and the line and never repeats the
secret: the report is public, and the hint says to revoke it (an edit keeps it in the issue's
history).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote

from mergeready.checks.issues.personal import EMAIL as _EMAIL
from mergeready.checks.issues.personal import PHONE as _PHONE
from mergeready.checks.issues.personal import personal_findings, windows
from mergeready.checks.issues.report import IssueReport
from mergeready.checks.issues.text import MAX_LINE
from mergeready.checks.issues.vendor_tokens import masked, vendor_token
from mergeready.checks.model import CheckResult, Finding, failed, passed
from mergeready.checks.text.markup import lines_of

CODES: Final = {
    "IR601": "an access token or key in the report",
    "IR602": "a password in the report",
    "IR603": "an e-mail address in the title",
    "IR604": "a home directory names a user",
    "IR605": "a personal e-mail address or phone number in the report",
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
    ("a PyPI token", re.compile(r"\bpypi-AgE[A-Za-z0-9_-]{50,500}")),
    ("an npm token", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    ("a Google OAuth token", re.compile(r"\bya29\.[\w-]{20,500}")),
    ("a Telegram bot token", re.compile(r"\b\d{8,10}:AA[\w-]{33}\b")),
    ("an Azure storage key", re.compile(r"AccountKey=[A-Za-z0-9+/]{80,100}")),
    (
        "a JSON Web Token",
        re.compile(r"\beyJ[\w-]{8,2000}\.eyJ[\w-]{4,2000}\.[\w-]{8,2000}"),
    ),
    ("a private key", re.compile(r"-----BEGIN (?:[A-Z]{1,10} ){0,2}PRIVATE KEY(?: BLOCK)?-----")),
    (
        "a Slack webhook",
        re.compile(
            r"hooks\.slack\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,40}"
        ),
    ),
    (
        "a Discord webhook",
        re.compile(r"discord(?:app)?\.com/api/webhooks/\d{15,22}/[\w-]{40,100}"),
    ),
    (
        "a Weights & Biases key",
        re.compile(r"\bwandb_api_key[\"']?\s{0,4}[=:]\s{0,4}[\"']?[0-9a-f]{40}", re.I),
    ),
)
_KEYS: Final = (
    r"api[_-]?key|apikey|secret[_-]?access[_-]?key|access[_-]?key|secret[_-]?key|client[_-]?secret"
    r"|private[_-]?key|access[_-]?token|auth[_-]?token|token|secret|password|passwd|pwd"
)
_ASSIGNED: Final = re.compile(
    rf"(?i)(?<![A-Za-z0-9])({_KEYS})[\"']?[ \t]{{0,4}}[=:][ \t]{{0,4}}[\"']([^\"'\s]{{4,200}})[\"']"
)
"""A key named (``db_password``, ``aws_secret_access_key`` too) and given a quoted value."""
_UNQUOTED: Final = re.compile(
    rf"(?i)(?<![A-Za-z0-9])([A-Za-z0-9]{{0,20}}?(?:{_KEYS}))[ \t]{{0,4}}[=:][ \t]{{0,4}}"
    rf"([^\s\"'`,;()\[\]{{}}<>$]{{6,200}})"
)
"""The same given an unquoted value (a shell, ``.env``, YAML, DSN or credentials-file line;
``PGPASSWORD=…``: an environment variable's prefix)."""
_LIST_KEY: Final = re.compile(
    rf"(?i)[+ -]?[ \t]{{0,40}}([\w.-]{{0,40}}?(?:{_KEYS})s?[\w.-]{{0,40}})[ \t]{{0,4}}:[ \t]*$"
)
"""A YAML key that names a secret and opens a list (``github_access_tokens:``)."""
_LIST_ITEM: Final = re.compile(r"[+ -]?[ \t]{0,40}-[ \t]{1,4}[\"']?([\w./+=-]{0,200})[\"']?[ \t]*$")
"""A list item holding one value (a diff's ``+``/``-``/`` `` before it)."""
_NAME: Final = re.compile(r"[A-Za-z_][\w.]{0,199}")
_POSITIONAL: Final = re.compile(
    r"(?i)\b(?:login|log_in|signin|sign_in|authenticate|auth|HTTPBasicAuth|HTTPDigestAuth"
    r"|BasicAuth)[ \t]{0,2}[(=][ \t]{0,2}\(?[ \t]{0,2}[\"'][^\"'\n]{1,200}[\"'][ \t]{0,4},"
    r"[ \t]{0,4}[\"']([^\"'\n]{4,200})[\"']"
    r"|\bconnect[ \t]{0,2}\((?:[ \t]{0,4}[\"'][^\"'\n]{1,200}[\"'][ \t]{0,4},){2}[ \t]{0,4}"
    r"[\"']([^\"'\n]{4,200})[\"'][ \t]{0,4},"
    r"|(?<!\S)(?:-u|--user)[ \t]{1,4}[\"']?[^\s:\"']{1,100}:([^\s\"']{3,100})"
    r"|\bmachine[ \t]{1,4}\S{1,200}[ \t]{1,4}login[ \t]{1,4}\S{1,200}[ \t]{1,4}password[ \t]{1,4}"
    r"(\S{3,200})"
    r"|\bmysql\w{0,6}[ \t][^\n]{0,200}?(?<=[ \t])-p([^\s\"'-][^\s\"']{2,100})"
)
"""A password by position: ``login("ana", "…")``, ``auth=("ana", "…")``,
``connect(h, u, "…", db)``, ``curl -u ana:…``, a ``.netrc`` line, ``mysql -p…``."""
_AUTHORIZATION: Final = re.compile(
    r"(?i)\bauthorization[\"']?[ \t]{0,4}[:=][ \t]{0,4}[\"']?(?:bearer|token|basic|apikey)"
    r"[ \t]{1,4}([A-Za-z0-9._~+/=-]{8,2000})"
)
_QUERY: Final = re.compile(
    r"(?i)[?&](?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret"
    r"|client[_-]?secret|password|sig)=([^&\s#\"'<>]{8,500})"
)
_JOINED: Final = re.compile(
    r"[\"'][ \t]{0,4}\+?[ \t]{0,4}[\"']|%s[\"'][ \t]{0,4}%[ \t]{0,4}\(?[ \t]{0,4}[\"']"
)
"""Where two string literals meet (``"ghp_" + "…"``, ``"ghp_" "…"``, ``"ghp_%s" % "…"``):
read the token joined."""
_BASE64: Final = re.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{20,400}={0,2}")
_HEX: Final = re.compile(r"(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}){16,400}(?![0-9A-Fa-f])")
_PASSWORDS: Final = frozenset({"password", "passwd", "pwd"})
_URL_PASSWORD: Final = re.compile(r"\b[a-z][a-z0-9+.-]{1,20}://[^\s:/@]{0,100}:([^\s/@]{3,100})@")
_HOME: Final = re.compile(r"(?:/home/|/Users/|[A-Za-z]:\\{1,2}Users\\{1,2})([^/\\\s\"'<>]{1,64})")
_NOT_SECRET: Final = re.compile(
    r"(?i)^(?:x{3,}|\*{3,}|<[^>]{0,60}>|\{[^}]{0,60}\}|\$\{?\w{0,60}\}?|your[_-]\w{0,60}|"
    r"\.{3,}|changeme|password|secret|token|placeholder|redacted|example\w{0,20}|dummy\w{0,20}"
    r"|test\w{0,20}|none|null|os\.\w{0,40}"
    r"|[A-Za-z]{0,30}[_-](?:[A-Za-z]{1,30}[_-])?(?:token|password|passwd|secret|key|pass))$"
)
"""A value that is no secret: a mask, a variable, a placeholder naming what goes there
(``<token>``, ``your_key``, ``OAuth_Token``, ``CactusAPI_Password``: letters ending in the
key's own word after a ``_`` or ``-``)."""
_NOT_USERS: Final = frozenset(
    "runner user username me you name your_name yourname <user> <username> $user ... * "
    "shared public default all users admin root ubuntu jovyan vscode colab".split()
)


@dataclass(frozen=True, kw_only=True)
class Options:
    """Options of private-data (the keys of its block in the rules)."""

    home_directories: bool = True  # warn when a path names the reporter's user name


def check(report: IssueReport, options: Options) -> CheckResult:
    """The report leaks no token, key, password, personal address, or e-mail address in its title.

    Args:
        report: The issue report.
        options: This check's options.

    Returns:
        The check's result.
    """
    findings = [*_secrets(report), *personal_findings(report)]
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
            f"{len(errors)} secret{'s' * (len(errors) != 1)} or personal detail"
            f"{'s' * (len(errors) != 1)} in a public report",
            findings,
        )
    return passed("no token, key or password found", findings)


_REVOKE: Final = "revoke it now, then edit it out (the issue's edit history keeps the old text)"


def _secrets(report: IssueReport) -> Iterator[Finding]:
    places: list[tuple[str, int | None, str]] = [("title", None, report.title[:MAX_LINE])]
    places += [("body", n, line) for n, line in enumerate(lines_of(report.body), 1)]
    for where, n, line in places:
        found = next(filter(None, map(_secret, windows(line))), None)
        if found is not None:
            code, message = found
            yield Finding(code, "error", message, path=where, line=n, hint=_REVOKE)
    listed = _listed(lines_of(report.body))
    if listed is not None:
        message = f"a value listed under {listed[1]!r} on this line looks real (not repeated here)"
        yield Finding("IR601", "error", message, path="body", line=listed[0], hint=_REVOKE)


def _listed(lines: list[str]) -> tuple[int, str] | None:
    """The first real value of a YAML list under a key that names a secret (``tokens:`` then
    ``- '4388b265…'``, shhgit#77): its line and the key."""
    key = ""
    for n, line in enumerate(lines, 1):
        head = _LIST_KEY.match(line[:MAX_LINE])
        item = _LIST_ITEM.match(line[:MAX_LINE]) if key else None
        if head:
            key = head.group(1)
        elif item and len(item.group(1)) >= 16 and not _NOT_SECRET.match(item.group(1)):
            return n, key  # a key's length: shorter is a name, a placeholder or empty
        elif not item:
            key = ""
    return None


def _secret(line: str) -> tuple[str, str] | None:
    """The code and message for the first secret of a line; the secret is never in them."""
    joined = _JOINED.sub("", line)
    texts = dict.fromkeys((line, joined, unquote(line) if "%" in line else line))
    for text in texts:
        found = _shaped(text) or _placed(text)
        if found is not None:
            return found
    return _turned(line) or _in_base64(line)


def _in_base64(line: str) -> tuple[str, str] | None:
    """A token a base64 run decodes to."""
    for run in _BASE64.finditer(line):
        decoded = _decoded(run.group())
        # a byte or two before the token shift it off a word boundary (attack 5's F3)
        found = next(filter(None, (_shaped(decoded[k:]) for k in range(3))), None)
        found = found or _placed(decoded) if decoded else None
        if found is not None:
            return found[0], found[1].replace("on this line", "base64-encoded on this line")
    return None


def _turned(line: str) -> tuple[str, str] | None:
    """A token written backwards (``"…_phg"[::-1]``) or in hex (``bytes.fromhex("6768…")``),
    attack 5's F3."""
    found = _shaped(line[::-1])
    if found is not None:
        return found[0], found[1].replace("on this line", "reversed on this line")
    for run in _HEX.finditer(line):
        found = _shaped(bytes.fromhex(run.group()).decode("ascii", "replace"))
        if found is not None:
            return found[0], found[1].replace("on this line", "hex-encoded on this line")
    return None


def _shaped(line: str) -> tuple[str, str] | None:
    """A token or key known by its published shape."""
    kind = next((kind for kind, pattern in TOKENS if pattern.search(line)), None)
    kind = kind or vendor_token(line)
    if kind is not None:
        return "IR601", f"{kind} on this line (not repeated here)"
    return None


_PLACES: Final = (
    (_AUTHORIZATION, "IR601", "an Authorization header's credential on this line"),
    (_POSITIONAL, "IR602", "a password passed to a login or connect call on this line"),
    (_QUERY, "IR601", "a secret in a URL's query on this line"),
)
"""Where a value is a secret by its place alone, its code and what the finding says."""


def _placed(line: str) -> tuple[str, str] | None:
    """A secret known by where it is written: a header, an assignment, a login's argument."""
    said = _assigned(line)
    if said:
        code = "IR602" if "pass" in said or "pwd" in said else "IR601"
        return code, f"a value given for {said!r} on this line looks real (not repeated here)"
    for pattern, code, message in _PLACES:
        found = pattern.search(line)
        value = _last(found) if found else ""
        if value and not _NOT_SECRET.match(value):
            return code, f"{message} (not repeated here)"
    return None


def _decoded(run: str) -> str:
    """A base64 run decoded, when it decodes to printable ASCII; else empty."""
    try:
        raw = base64.b64decode(run + "=" * (-len(run) % 4), validate=True)
    except (binascii.Error, ValueError):
        return ""
    text = raw.decode("ascii", "replace")
    return text if text.isprintable() else ""


def _assigned(line: str) -> str:
    for match in _ASSIGNED.finditer(line):
        key, value = match.group(1).lower(), match.group(2)
        # a password is real at any length a person types (pandas#21615: '123456'); a key or
        # token shorter than 8 characters is a name or a placeholder
        short = len(value) < (4 if key in _PASSWORDS else 8)
        if not short and not _NOT_SECRET.match(value):
            return key
    for match in _UNQUOTED.finditer(line):
        key, value = match.group(1).lower(), match.group(2)
        if _real_unquoted(match.group(1), value) and not _NOT_SECRET.match(value):
            return key
    url = _URL_PASSWORD.search(line)
    if url and not _NOT_SECRET.match(url.group(1)):
        return "password"
    return ""


def _real_unquoted(key: str, value: str) -> bool:
    """An unquoted value is a secret unless it may be a variable: ``password=pw`` is code.

    ``DB_PASSWORD=…`` (an upper-case key: a shell or ``.env`` line) is always a value; a
    lower-case key's value is one when it is no (dotted) name, or a name mixing at least two
    digits and two letters (``password=hunter22``, not ``password=db_pass``).
    """
    if key.isupper():
        return True
    if not _NAME.fullmatch(value):
        return True
    digits = sum(c.isdigit() for c in value)
    return "." not in value and digits >= 2 and len(value) - digits >= 2


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
        # the token as pip writes a package's name (``ghp-…``; attack 6's F23)
        for match in reversed(list(pattern.finditer(text.replace("-", "_")))):
            text = text[: match.start() + 4] + "****" + text[match.end() :]
    text = masked(text)
    for pattern in (_ASSIGNED, _UNQUOTED, _AUTHORIZATION, _QUERY, _POSITIONAL, _URL_PASSWORD):
        text = pattern.sub(_masked, text)
    text = _PHONE.sub(_masked, text)
    return _EMAIL.sub("****@****", text)


def _last(match: re.Match[str]) -> str:
    """The value a pattern found: its last group that matched."""
    return next((g for g in reversed(match.groups()) if g), "")


def _masked(match: re.Match[str]) -> str:
    """The match with its secret (its last group that matched) written ``****``, when the check
    would call it one (``password=args.password`` stays as written)."""
    value = _last(match)
    group = max(g for g in range(1, len(match.groups()) + 1) if match.group(g) == value)
    unquoted = match.re is _UNQUOTED and not _real_unquoted(match.group(1), value)
    if not value or unquoted or _NOT_SECRET.match(value):
        return match.group()
    start, end = match.start(group) - match.start(), match.end(group) - match.start()
    return match.group()[:start] + "****" + match.group()[end:]


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
