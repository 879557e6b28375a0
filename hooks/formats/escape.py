r"""Escaping of contributed text for each output medium, so it can never forge structure.

Two layers. Every human-readable format (text, compact, github, markdown, junit) renders a
copy of the result whose every string went through :func:`visible` first (``renderer`` does
it, so no format can forget): control characters, ANSI escapes, line and paragraph
separators, bidirectional overrides and undecodable bytes of file names become ``\xNN`` /
``\uNNNN`` text; so do the openings of CI log commands, which a runner acts on when they
reach its log (a test report or ``--format json`` printed in a step): ``::`` at the start of
a string (GitHub Actions reads ``::add-mask::``, ``::stop-commands::``, ``::error::`` at the
start of a line) and ``##vso[``, ``##teamcity[`` and ``##[`` anywhere (Azure Pipelines,
TeamCity, the runners' legacy syntax), and Buildkite's log groups (``--- ``, ``+++ ``, ``~~~ ``,
``^^^ +++`` opening a line: its first character is written ``\x2d``, ``\x2b``, ``\x7e``,
``\x5e``). JSON formats keep the data exact and write those
characters as JSON ``\u`` escapes (:func:`json_text`). On top of that, each medium escapes its
own syntax.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

from mergeready.checks import lazyre
from mergeready.checks.model import Finding, Result

# C0 and C1 controls (ESC starts ANSI sequences), DEL, bidi controls and marks (Trojan Source),
# line/paragraph separators, lone surrogates (undecodable bytes of a file name), and the
# noncharacters U+FFFE and U+FFFF, which XML 1.0 forbids (a raw one makes JUnit unreadable).
_UNSAFE = lazyre.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    "\ufffe\uffff]"
)

_UNSAFE_JSON = lazyre.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


# Where a CI runner reads a command in its log: ``::`` opening a line (after spaces), and the
# ``##`` of ``##vso[``, ``##teamcity[`` or ``##[`` anywhere in it.
_COMMAND_START = lazyre.compile(r"\A([ \t]*):(?=:)")
_LOG_COMMAND = lazyre.compile(r"#(?=#(?:vso|teamcity)?\[)")
# Buildkite opens, collapses or expands a log group at a line that starts with three of these.
_GROUP_START = lazyre.compile(r"\A([ \t]*)([-+~^])(?=\2\2)")


def _group(match: re.Match[str]) -> str:
    return f"{match.group(1)}\\x{ord(match.group(2)):02x}"


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, log_groups: bool = True) -> str:
    """Make every control or invisible formatting character visible as a backslash escape.

    Args:
        text: Contributed or generated text.
        log_groups: Also escape a Buildkite log group's opening (False for a patch's lines,
            whose ``---``/``+++`` headers must stay a patch).

    Returns:
        One line of printable text that encodes as strict UTF-8 and opens no CI log command.
    """
    text = _UNSAFE.sub(_show, text)
    text = _GROUP_START.sub(_group, text) if log_groups else text
    return _LOG_COMMAND.sub(r"\\x23", _COMMAND_START.sub(r"\1\\x3a", text))


def json_text(data: Any) -> str:
    r"""Write JSON whose strings keep every character, with unsafe ones as ``\u`` escapes.

    Args:
        data: JSON-ready data.

    Returns:
        The JSON text (indented, ending in a newline) that encodes as strict UTF-8 and holds no
        raw control, bidi or separator character; ``json.loads`` gives the same data back.
    """
    text = json.dumps(data, indent=2, ensure_ascii=False)  # C0 in strings is escaped already
    text = _LOG_COMMAND.sub(r"\\u0023", text)  # ``#`` occurs in JSON text only inside strings
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _finding(f: Finding) -> Finding:
    return replace(
        f,
        message=visible(f.message),
        path=None if f.path is None else visible(f.path),
        hint=None if f.hint is None else visible(f.hint),
    )


def visible_result(result: Result) -> Result:
    """Return the result with every contributed string made :func:`visible`.

    Args:
        result: The result.

    Returns:
        An equal result but for its text: paths, messages, hints, summaries, evidence, range.
    """
    types = tuple(
        replace(t, evidence=tuple(replace(e, text=visible(e.text)) for e in t.evidence))
        for t in result.types
    )
    checks = tuple(
        replace(c, summary=visible(c.summary), findings=tuple(map(_finding, c.findings)))
        for c in result.checks
    )
    return replace(result, types=types, checks=checks)  # the span holds only shas and counts


def workflow_data(text: str) -> str:
    """Escape the message part of a GitHub workflow command (after ``::``).

    Args:
        text: Contributed or generated text.

    Returns:
        Text that cannot end the command or start a new one.
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """Escape a property value of a GitHub workflow command (``file=…,title=…``).

    Args:
        text: Contributed or generated text.

    Returns:
        Text that cannot end the property or the command.
    """
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


# Markdown punctuation that could open a link, an image, emphasis, a heading or HTML.
_MARKDOWN = lazyre.compile(r"[\\`*_{}\[\]()#+!<>|~]")
# GitHub turns @name, @org/team and #123 into mentions and links; bare URLs into links.
_MENTION = lazyre.compile(r"@(?=[A-Za-z0-9])")
_AUTOLINK = lazyre.compile(r"(?i)(?<=[a-z])(?=://)|(?<=www)(?=\.)")
_ZWSP = "&#8203;"
# A cross-reference (#123, owner/repo#123) becomes a link on GitHub.
_REFERENCE = lazyre.compile(r"#(?=[0-9])")
# GitHub links GH-123 as it links #123: a zero-width space goes between GH and the dash.
_GH_REFERENCE = lazyre.compile(r"(?i)(?<![a-z0-9])gh(?=-[0-9])")
_JOINS = ("](", "][", "]:")  # an inline link or image, a reference, a definition


def _markdown_prose(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # html.escape
    text = _MARKDOWN.sub(lambda m: "\\" + m.group(), text)
    text = _REFERENCE.sub("#" + _ZWSP, text)  # an escaped \#12 is still a cross-reference
    text = _GH_REFERENCE.sub(lambda m: m.group() + _ZWSP, text)
    return _AUTOLINK.sub(_ZWSP, _MENTION.sub("@" + _ZWSP, text))


def _code_span(code: str) -> str:
    fence = "`" * (max((len(run) for run in re.findall("`+", code)), default=0) + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code.replace('|', chr(92) + '|')}{pad}{fence}"


def inert(text: str) -> str:
    """Make plain text that a tool will post as Markdown carry no live mention, link or image.

    reviewdog posts rdjson messages and ``compact`` lines (``-efm``) as review comments in
    Markdown. The text stays as readable in a terminal as it was: a zero-width space (U+200B)
    is put inside each construct GitHub would make live — ``](``, ``][`` and ``]:`` (links,
    images, references), ``<`` (HTML such as ``<img>``, autolinks), ``@`` before a name
    (mentions, e-mail), ``#`` before a number and ``GH`` before ``-`` and a number
    (cross-references), ``www.`` and ``://`` (bare URLs). A backslash the text holds cannot
    undo it: it escapes the zero-width space.

    Args:
        text: Contributed or generated text, already :func:`visible` where needed.

    Returns:
        Text in which GitHub finds no mention, cross-reference, link, image or HTML tag.
    """
    for join in _JOINS:
        text = text.replace(join, f"{join[0]}\u200b{join[1]}")
    text = text.replace("<", "<\u200b")
    text = _REFERENCE.sub("#\u200b", _MENTION.sub("@\u200b", text))
    text = _GH_REFERENCE.sub(lambda m: m.group() + "\u200b", text)
    return _AUTOLINK.sub("\u200b", text)


# SARIF's plain-text messages hold embedded links, ``[text](uri)`` (SARIF 2.1.0 §3.11.6): a
# literal bracket, and a backslash before one, is written with a backslash.
_SARIF_LITERAL = lazyre.compile(r"\\(?=[\[\]])|[\[\]]")


def sarif_text(text: str) -> str:
    """Make a SARIF plain-text message show its brackets, never an embedded link.

    Args:
        text: Contributed or generated text.

    Returns:
        The text with ``[``, ``]`` and a backslash before either escaped by a backslash.
    """
    return _SARIF_LITERAL.sub(lambda m: "\\" + m.group(), text)


def markdown_cell(text: str) -> str:
    """Render text for a Markdown table cell or list item: inert, with code spans as code.

    Generated messages quote names in backticks (`` `clip` does not document `x` ``); those
    spans become real code spans (where nothing is a link, mention or HTML). Everything else
    is escaped: HTML, link and image brackets, emphasis, ``@mentions`` and bare URLs.

    Args:
        text: Contributed or generated text.

    Returns:
        One line that cannot break the table, inject HTML, link, ping or show an image.
    """
    flat = " ".join(text.split())
    parts = flat.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code spans at all
        return _markdown_prose(flat)
    return "".join(
        _code_span(part) if n % 2 and part else _markdown_prose(part)
        for n, part in enumerate(parts)
    )
