"""Placeholders a translation must keep: printf, Python named, brace fields and markup tags.

Each is reduced to a key that ignores what may change between languages: ``%5.2f`` is ``%f``,
``{price:.2f}`` is ``{price}``, ``<a href="…">`` is ``<a href>`` (attribute names count, values
do not, but a ``javascript:``/``vbscript:``/``data:`` value does), ``<br/>`` is ``<br>``; a field
nested in a format spec (``{user:{user}}``) is a field too. Unnumbered
printf and ``{}`` fields are numbered in order of appearance (``%s %d`` is ``%1$s %2$d``), so a
translation may reorder them only by numbering them, as gettext's ``msgfmt --check`` allows.
Every pattern is linear: fixed alternatives and bounded repetitions, never nested.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

_PRINTF = re.compile(
    r"%(?:(?P<pos>[1-9]\d{0,2})\$)?(?:\((?P<name>[^()\n]{1,60})\))?[-+#0]{0,4}"
    r"(?:\d{1,3}|\*)?(?:\.(?:\d{1,3}|\*))?(?:hh|ll|[hlLqjzt])?(?P<conv>[diouxXeEfFgGcrsa%])"
)
_BRACE = re.compile(
    r"\{\{[ ]{0,3}(?P<double>[A-Za-z_][\w.]{0,60})[ ]{0,3}\}\}|\{\{|\}\}"
    r"|\{(?P<field>[A-Za-z_]\w{0,60}|\d{1,3})?(?P<attr>(?:\.\w{1,60}|\[[^\[\]{}]{0,30}\]){0,5})"
    r"(?:![rsa])?(?::(?P<spec>(?:[^{}\n]|\{[\w.]{0,60}\}){0,40}))?\}"
)
_NESTED = re.compile(r"\{([\w.]{0,60})\}")
_TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][\w:.-]{0,30})(?P<attrs>\s[^<>]{0,500})?/?>")
_ATTR = re.compile(
    r"([A-Za-z_:][\w:.-]{0,60})"
    r"(?:[ \t]*=[ \t]*(\"[^\"]{0,500}\"|'[^']{0,500}'|[^\s\"'=<>`]{1,500}))?"
)
_UNSAFE: Final = ("javascript:", "vbscript:", "data:")
"""URL schemes that run or embed code where a translated string is shown unescaped."""
HTML_TAGS: Final = frozenset(
    "a abbr address area article aside b bdi bdo big blockquote body br button caption cite code "
    "col colgroup data dd del details dfn div dl dt em embed fieldset figcaption figure font "
    "footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend "
    "li link main mark meta nav noscript object ol optgroup option output p param pre q rp rt "
    "ruby s samp script section select small source span strike strong style sub summary sup "
    "table tbody td template textarea tfoot th thead time title tr track tt u ul var video "
    "wbr".split()
)


@dataclass(frozen=True)
class Placeholder:
    """One placeholder: its comparison key and the text it was written as."""

    key: str
    text: str


def find(text: str, flags: Collection[str] = ()) -> list[Placeholder]:
    """Return the placeholders of a message, in order.

    Args:
        text: The msgid or msgstr.
        flags: The entry's gettext flags; ``no-c-format``/``no-python-format`` switch printf
            off, ``no-python-brace-format`` brace fields.

    Returns:
        The placeholders, printf first, then brace fields, then tags.
    """
    found: list[Placeholder] = []
    if "%" in text and not {"no-c-format", "no-python-format"} & set(flags):
        found += _printf(text)
    if "{" in text and "no-python-brace-format" not in flags:
        found += _brace(text)
    if "<" in text:
        found += _tags(text)
    return found


def _tags(text: str) -> list[Placeholder]:
    """The message's markup tags: known HTML ones, and any tag that is closed in the message."""
    closing = {m.group("name").lower() for m in _TAG.finditer(text) if m.group("close")}
    found = []
    for m in _TAG.finditer(text):
        name = m.group("name").lower()
        if name in HTML_TAGS or name in closing:
            key = f"<{m.group('close')}{name}{_attributes(m.group('attrs') or '')}>"
            found.append(Placeholder(key, m.group(0) if len(m.group(0)) <= 60 else key))
    return found


def _attributes(text: str) -> str:
    """A tag's attribute names, sorted, and whether a value is a code-running URL: a
    translation may change where ``href`` points, never add ``onclick`` or ``javascript:``."""
    names, unsafe = set(), False
    for m in _ATTR.finditer(text):
        names.add(m.group(1).lower())
        value = "".join((m.group(2) or "").strip("\"'").split()).lower()
        unsafe = unsafe or value.startswith(_UNSAFE)
    return "".join(f" {n}" for n in sorted(names)) + (" (a script URL)" if unsafe else "")


def _printf(text: str) -> list[Placeholder]:
    out, auto = [], 0
    for m in _PRINTF.finditer(text):
        conv = m.group("conv")
        if conv == "%":
            continue
        if m.group("name") is not None:
            key = f"%({m.group('name')}){conv}"
        elif m.group("pos"):
            key = f"%{m.group('pos')}${conv}"
        else:
            auto += 1
            key = f"%{auto}${conv}"
        out.append(Placeholder(key, m.group(0)))
    return out


def _brace(text: str) -> list[Placeholder]:
    out, auto = [], 0
    for m in _BRACE.finditer(text):
        if m.group("double"):
            out.append(Placeholder("{{" + m.group("double") + "}}", m.group(0)))
        elif m.group(0) in ("{{", "}}"):
            continue
        else:
            field = m.group("field")
            if field is None:
                field, auto = str(auto), auto + 1
            spec = m.group("spec") or ""
            # a width or precision past 999 (``{user:>999999999}``) allocates at run time: the
            # spec is then part of the key, so only the msgid's own spec matches it
            huge = ":" + spec if _longest_digits(spec) > 3 else ""
            key = "{" + field + (m.group("attr") or "") + huge + "}"
            out.append(Placeholder(key, m.group(0)))
            out += [Placeholder("{" + x.group(1) + "}", x.group(0)) for x in _NESTED.finditer(spec)]
    return out


def _longest_digits(text: str) -> int:
    longest = run = 0
    for ch in text:
        run = run + 1 if ch.isdigit() else 0
        longest = max(longest, run)
    return longest


@dataclass(frozen=True)
class Difference:
    """How a translation's placeholders differ from its source's."""

    missing: tuple[Placeholder, ...]
    added: tuple[Placeholder, ...]
    reordered: bool


def compare(source: list[Placeholder], translation: list[Placeholder]) -> Difference:
    """Compare a source message's placeholders with a translation's.

    Args:
        source: The msgid's (or msgid_plural's) placeholders.
        translation: The msgstr's placeholders.

    Returns:
        The placeholders missing from and added to the translation (by key, counted), and
        whether unnumbered printf/brace placeholders only changed order.
    """
    want, have = Counter(p.key for p in source), Counter(p.key for p in translation)
    missing = _pick(source, want - have)
    added = _pick(translation, have - want)
    reordered = False
    if missing and added:
        # Same conversions in another order, without numbers: arguments would be swapped.
        written = [p for p in source if not _numbered(p)]
        others = [p for p in translation if not _numbered(p)]
        same = Counter(_kind(p) for p in written) == Counter(_kind(p) for p in others)
        if same and written and {p.key for p in missing} <= {p.key for p in written}:
            reordered = True
    return Difference(missing, added, reordered)


def _numbered(p: Placeholder) -> bool:
    return (
        p.text.startswith("%")
        and ("$" in p.text or "(" in p.text)
        or (p.text.startswith("{") and p.text[1:2] not in ("}", ":", "!"))
    )


def _kind(p: Placeholder) -> str:
    return p.key.rsplit("$", 1)[-1] if p.key.startswith("%") else "{}"


def _pick(items: list[Placeholder], counts: Counter[str]) -> tuple[Placeholder, ...]:
    left, out = Counter(counts), []
    for p in items:
        if left[p.key] > 0:
            left[p.key] -= 1
            out.append(p)
    return tuple(out)
