"""private-data's personal details: a person's e-mail address or phone number in a report.

A report is public and indexed: an address a reporter pastes (a ``git config`` dump, a log's
author, a path, "my login email: …") is personal data, and so is a phone number written as one.
An address that is nobody's is not: a no-reply, a reserved or private domain (``example.com``,
``.test``), ``git@github.com``, a role or placeholder (``support@``, ``you@``), one made only
of placeholder words or one letter repeated (``name.surname@``, ``john.doe@``, ``xxxx@``: a
pasted configuration's example value) or at a placeholder domain (``yourdomain.com``), a
mailing list,
the package metadata's ``Author-email:`` line, an address at a domain naming the project. An IP
address is not flagged: a private host's reaches nothing from outside, and a public one in a
report is a service's as often as a person's. The finding names the line, never the detail.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Final

from mergeready.checks.issues.report import IssueReport
from mergeready.checks.issues.text import MAX_LINE
from mergeready.checks.model import Finding
from mergeready.checks.text.markup import lines_of

EMAIL: Final = re.compile(r"[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}")
_NOT_PERSONAL: Final = re.compile(
    r"(?i)(?:^|[._+-])(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon)(?:$|[._+-])"
    r"|^(?:git|security|support|info|contact|help|team|admin|abuse|privacy|conduct|press"
    r"|hello|dev|developers?|maintainers?|webmaster|postmaster|bugs|issues|feedback|sales"
    r"|root|user|username|name|email|you|your[._-]?\w{0,20}|me|someone|somebody|foo|bar)$"
)
"""A local part that is no person's: a no-reply, a role, a placeholder (``you@``, ``name@``)."""
_PLACEHOLDER_WORDS: Final = frozenset(
    "name surname firstname lastname first last fname lname full my your yourname myname email "
    "mail address user username someone somebody john jane doe foo bar baz test tester demo "
    "sample example dummy fake abc xyz".split()
)
"""Words a placeholder address is made of (``name.surname@``, ``john.doe@``, ``test.user@``)."""
_PLACEHOLDER_DOMAINS: Final = frozenset(
    "domain yourdomain mydomain company yourcompany mycompany host yourhost".split()
)
_GENERIC_TLDS: Final = frozenset(
    "com org net edu gov mil int info biz io ai dev app me co xyz tech online site email mail "
    "cloud pro name mobi page".split()
)
_RESERVED: Final = frozenset("example test invalid localhost local internal lan".split())
"""Reserved names (RFC 2606, RFC 6762) and names of private networks: nobody's address."""
_LISTS: Final = ("googlegroups.com", "groups.io", "python.org", "noreply.github.com")
_METADATA: Final = re.compile(r"(?i)^[\s>|-]{0,8}(?:author|maintainer)-email:")
"""``pip show``'s metadata lines: the package author's address, not the reporter's."""
PHONE: Final = re.compile(
    r"(?i)\b(?:phone|tel|telephone|mobile|cell|whatsapp)"
    r"(?:[ \t]?(?:no\.?|number|#)[ \t]{0,3}[:=]?|[ \t]{0,3}[:=])"
    r"[ \t]{0,3}(\+?\d[\d ().-]{5,20}\d)"
)
"""A phone number written as one: after ``phone:``, ``tel:``, ``mobile no.``, ``WhatsApp #``
(a colon, ``no``, ``number`` or ``#`` after the word: ``mobile 1.0 224`` is a model's name)."""


def personal_findings(report: IssueReport) -> Iterator[Finding]:
    """Find the first line of the body that gives a person's e-mail address or phone number.

    The finding names the line, never the address: one finding is enough to send the reporter
    back over the whole report.

    Args:
        report: the issue report.

    Yields:
        At most one IR605 finding.
    """
    names = {n.lower().replace("_", "-") for n in report.project.names if n}
    for n, line in enumerate(lines_of(report.body), 1):
        for piece in windows(line):
            kind = _personal_kind(piece, names)
            if kind:
                yield Finding(
                    "IR605",
                    "error",
                    f"{kind} on this line (not repeated here)",
                    path="body",
                    line=n,
                    hint="edit it out (the issue's edit history keeps the old text); a "
                    "maintainer reaches you through the issue",
                )
                return


def _personal_kind(line: str, names: set[str]) -> str:
    """What personal detail the line gives: an e-mail address, a phone number, or nothing."""
    if PHONE.search(line):
        return "a phone number"
    if _METADATA.match(line):
        return ""
    for match in EMAIL.finditer(line):
        before, after = line[max(match.start() - 3, 0) : match.start()], line[match.end() :][:1]
        code = before == "://" or after in ("(", "[")  # a URL's user, a call: x@w.to(device)
        if not code and is_personal_email(match.group(), names):
            return "a personal e-mail address"
    return ""


def is_personal_email(address: str, names: Collection[str] = ()) -> bool:
    """Whether an address found by ``EMAIL`` is a person's.

    Not a person's: one whose top-level domain is no real one (``keras@3.0.1``, ``x@self.weight``
    — a version pin, a matrix product), a reserved or private domain (``example.com``,
    ``.test``, ``.local``), a no-reply, role or placeholder local part (``name.surname``,
    ``xxxx``), a placeholder domain (``yourdomain.com``), a mailing list's host,
    and a domain that names the project (``security@pandas.pydata.org``).

    Args:
        address: The address.
        names: The project's names, lower case.

    Returns:
        True for a person's address.
    """
    local, _, domain = address.rpartition("@")
    labels = domain.lower().split(".")
    if not _real_domain(domain) or _RESERVED & set(labels) or _NOT_PERSONAL.search(local):
        return False
    if _placeholder(local) or _PLACEHOLDER_DOMAINS & set(labels):
        return False
    if any(domain.lower() == x or domain.lower().endswith("." + x) for x in _LISTS):
        return False
    return not any(label in names for label in labels)


_SEPARATORS: Final = str.maketrans("._+-", "    ")


def _placeholder(local: str) -> bool:
    """A local part made only of placeholder words (``name.surname``, ``my-email``) or of one
    letter repeated (``xxxx``): a pasted configuration's example value, nobody's address."""
    pieces = local.lower().translate(_SEPARATORS).split()
    if len(set(local.lower())) == 1 and local.isalpha():
        return True
    return bool(pieces) and all(p in _PLACEHOLDER_WORDS for p in pieces)


def _real_domain(domain: str) -> bool:
    """A top-level domain that exists (generic, or two lower-case letters), after a name of at
    least two letters: ``keras@3.0.1`` and ``x@w.to(device)`` are code, not addresses."""
    tld = domain.rsplit(".", 1)[-1]
    if not (tld.lower() in _GENERIC_TLDS or (len(tld) == 2 and tld.isalpha() and tld.islower())):
        return False
    return max(map(len, domain.split(".")[:-1])) >= 2


def windows(line: str) -> list[str]:
    """Cut a line into overlapping pieces of at most ``MAX_LINE`` characters.

    A secret past the reader's cut of a long pasted line is read too (attack 4's 01), and the
    pieces overlap by more than any secret's length, so none is split unread.

    Args:
        line: one line of the report.

    Returns:
        The pieces, in order.
    """
    step = MAX_LINE - _OVERLAP
    return [line[i : i + MAX_LINE] for i in range(0, max(len(line) - _OVERLAP, 1), step)]


_OVERLAP: Final = 400
