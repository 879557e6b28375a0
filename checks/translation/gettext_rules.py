"""What one gettext entry that a contribution added or changed must keep.

translation-consistent's catalogue half: placeholders, plural forms, fuzzy and empty
translations, leading/trailing whitespace and newlines, and a translation left stale by a
changed msgid. Each finding points at the entry's ``msgstr`` line (``msgstr[n]`` for a plural
form, the ``#, fuzzy`` line for fuzziness) in the file at head.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from mergeready.checks.model import Finding, Severity
from mergeready.checks.translation.catalogue import Entry, Touched
from mergeready.checks.translation.placeholders import Placeholder, compare, find

_STRAY = re.compile(r"(\d{1,6}) ")


@dataclass(frozen=True)
class Context:
    """What judging an entry needs to know about its catalogue."""

    path: str
    nplurals: int | None
    fuzzy: Severity
    known: Collection[tuple[str, ...]]  # translations the base already had (msgmerge reuses them)


def judge(t: Touched, ctx: Context) -> list[Finding]:
    """Judge one added or changed entry.

    Args:
        t: The entry and what it was at the base.
        ctx: The catalogue's context.

    Returns:
        The findings, in line order.
    """
    e = t.entry
    out: list[Finding] = []
    if e.fuzzy:
        carried = e.msgstr in ctx.known or (t.before is not None and t.before.msgstr == e.msgstr)
        if carried or not any(e.msgstr):
            return []  # msgmerge's guess, not a translator's work: gettext waits for review
        out.append(
            _f(
                ctx,
                "MR506",
                ctx.fuzzy,
                e.flag_line,
                "the entry's new translation is marked fuzzy, so gettext will not use it",
                'remove "#, fuzzy" after reviewing the entry',
            )
        )
    if not any(e.msgstr):
        return [*out, _empty(ctx, e, None)]
    if e.msgid_plural and ctx.nplurals is not None and len(e.msgstr) != ctx.nplurals:
        out.append(
            _f(
                ctx,
                "MR505",
                "error",
                e.msgstr_lines[0],
                f"{len(e.msgstr)} plural form{'s' * (len(e.msgstr) != 1)} where the catalogue's "
                f"Plural-Forms header says nplurals={ctx.nplurals}",
                f"write msgstr[0] … msgstr[{ctx.nplurals - 1}], one per plural form",
            )
        )
    for n, text in enumerate(e.msgstr):
        line = e.msgstr_lines[n] if n < len(e.msgstr_lines) else e.msgstr_lines[-1]
        if not text:
            out.append(_empty(ctx, e, n))
            continue
        source = e.msgid if not e.msgid_plural or (n == 0 and ctx.nplurals != 1) else None
        out += _placeholders(ctx, e, n, text, line, source)
        out += _spacing(ctx, source if source is not None else e.msgid_plural, text, line)
    out += _hidden_fields(ctx, t)
    if t.renamed_from is not None and not e.fuzzy:
        out.append(
            _f(
                ctx,
                "MR510",
                "warning",
                e.msgstr_lines[0],
                f"the msgid changed (it was {_cut(t.renamed_from.msgid)}) but the msgstr did "
                "not: the translation may be stale",
                "translate the new msgid, or keep the msgstr if it still fits",
            )
        )
    return out


_SWITCHES_OFF: Final = frozenset({"no-c-format", "no-python-format", "no-python-brace-format"})
"""Flags that stop placeholders being read: the contribution writes them, so they are trusted
only where the entry had them at the base."""


def _hidden_fields(ctx: Context, t: Touched) -> list[Finding]:
    """Named placeholders the msgstr adds that only a contributed ``no-*-format`` flag hides.

    ``#, no-python-brace-format`` on a new entry would let ``{user.__init__.__globals__}``
    through (attack 4's 43); a flag the base already had is the project's. Positional ones
    (``100% done``, ``{0}``) stay the flag's to excuse: only a field with a name can reach
    the arguments' attributes or a mapping's keys.
    """
    e, before = t.entry, t.before or t.renamed_from
    untrusted = (e.flags & _SWITCHES_OFF) - (before.flags if before is not None else frozenset())
    if not untrusted or e.fuzzy:
        return []
    flags = e.flags - untrusted
    source = {p.key for text in (e.msgid, e.msgid_plural) for p in find(text, flags)}
    said = ", ".join(sorted(untrusted))
    out = []
    for n, text in enumerate(e.msgstr):
        line = e.msgstr_lines[min(n, len(e.msgstr_lines) - 1)]
        out += [_hidden(ctx, line, p, said) for p in _unexcused(text, e.flags, flags, source)]
    return out


def _unexcused(
    text: str, flags: frozenset[str], trusted: frozenset[str], source: set[str]
) -> list[Placeholder]:
    """The named placeholders of ``text`` that only the untrusted flags keep unread."""
    shown = {p.text for p in find(text, flags)}
    return [
        p
        for p in find(text, trusted)
        if p.key not in source and p.text not in shown and _named(p.key)
    ]


def _hidden(ctx: Context, line: int, p: Placeholder, said: str) -> Finding:
    return _f(
        ctx,
        "MR502",
        "error",
        line,
        f"the msgstr has the placeholder {p.text}, which the msgid does not (the entry's "
        f"new '{said}' flag does not excuse it)",
        f"remove {p.text}, or use the msgid's placeholders",
    )


def _named(key: str) -> bool:
    """A placeholder that names a mapping key or an argument: ``%(x)s``, ``{x.y}``."""
    return key.startswith("%(") or (key.startswith("{") and not key[1:2].isdigit())


def _placeholders(
    ctx: Context, e: Entry, n: int, text: str, line: int, source: str | None
) -> list[Finding]:
    """Compare one form with its source (for a plural form: msgid_plural, msgid allowed too)."""
    form = f"msgstr[{n}]" if e.msgid_plural else "the msgstr"
    have = find(text, e.flags)
    diff = compare(find(source if source is not None else e.msgid_plural, e.flags), have)
    dropped: tuple[Placeholder, ...] = ()
    if e.msgid_plural:
        # A form may use the singular's or the plural's placeholders; one that drops a single
        # placeholder may be a form for one number ("one", "zero"): warn, unless it is the last.
        both = {p.key for p in find(e.msgid, e.flags)} | {
            p.key for p in find(e.msgid_plural, e.flags)
        }
        added = tuple(p for p in diff.added if p.key not in both)
        last = n == (ctx.nplurals or len(e.msgstr)) - 1
        dropped = diff.missing if len(diff.missing) == 1 and not last else ()
        diff = type(diff)(() if dropped else diff.missing, added, diff.reordered and not dropped)
    out = []
    if diff.reordered:
        listed = " ".join(p.text for p in have)
        out.append(
            _f(
                ctx,
                "MR503",
                "error",
                line,
                f"{form} has the msgid's unnumbered placeholders in another order ({listed}): "
                "the arguments would be swapped",
                _reorder_hint(e.flags, have),
            )
        )
        return out
    for p in diff.missing:
        out.append(
            _f(
                ctx,
                "MR501",
                "error",
                line,
                f"{form} lacks the placeholder {p.text}",
                f"put {p.text} back in {'the msgstr' if form == 'the msgstr' else form}",
            )
        )
    for p in diff.added:
        out.append(
            _f(
                ctx,
                "MR502",
                "error",
                line,
                f"{form} has the placeholder {p.text}, which the msgid does not",
                f"remove {p.text}, or use the msgid's placeholders",
            )
        )
    for p in dropped:
        out.append(
            _f(
                ctx,
                "MR504",
                "warning",
                line,
                f"{form} drops the count placeholder {p.text}; "
                "right only if this plural form is used for a single number",
                f"keep {p.text} unless the language's plural rule gives this form one number",
            )
        )
    return out


def _reorder_hint(flags: frozenset[str], have: list[Placeholder]) -> str:
    if not any(p.text.startswith("%") for p in have):
        return "number them to reorder ({0}, {1}), or keep the msgid's order"
    if "python-format" in flags:
        return "keep the msgid's order: Python's % formatting cannot number placeholders"
    return "number them to reorder (%1$s, %2$d), or keep the msgid's order"


def _spacing(ctx: Context, source: str, text: str, line: int) -> list[Finding]:
    """Leading/trailing newlines (msgfmt --check), spaces, newline count and stray tokens."""
    out = []
    for where, a, b in (("begin", source[:1], text[:1]), ("end", source[-1:], text[-1:])):
        if (a == "\n") != (b == "\n"):
            have = "does" if b == "\n" else "does not"
            out.append(
                _f(
                    ctx,
                    "MR508",
                    "error",
                    line,
                    f"the msgstr {have} {where} with a newline and the msgid "
                    f"{'does not' if b == chr(10) else 'does'} (msgfmt --check rejects this)",
                    f"make the msgstr {where} with a newline exactly when the msgid does",
                )
            )
    if out:
        return out
    problems = _spacing_problems(source, text)
    if problems:
        out.append(
            _f(
                ctx,
                "MR509",
                "warning",
                line,
                "the msgstr differs from the msgid in spacing: " + ", ".join(problems),
                "match the msgid's leading/trailing spaces and line breaks",
            )
        )
    return out


def _spacing_problems(source: str, text: str) -> list[str]:
    """How the msgstr's spaces, line breaks and leading token differ from the msgid's."""
    problems = []
    if (source[:1] == " ") != (text[:1] == " "):
        problems.append("leading space")
    if (source[-1:] in (" ", "\t")) != (text[-1:] in (" ", "\t")):
        problems.append("trailing space")
    if source.count("\n") != text.count("\n"):
        problems.append(
            f"{text.count(chr(10))} newlines where the msgid has {source.count(chr(10))}"
        )
    stray = _STRAY.match(text)
    if stray and not source[:1].isdigit() and stray.group(1) not in source:
        problems.append(f"a stray {stray.group(0)!r} at the start")
    return problems


def _empty(ctx: Context, e: Entry, n: int | None) -> Finding:
    if n is None:
        what = "the entry has no translation (empty msgstr)"
        line = e.msgstr_lines[0]
    else:
        what = f"msgstr[{n}] is empty"
        line = e.msgstr_lines[n] if n < len(e.msgstr_lines) else e.msgstr_lines[-1]
    return _f(ctx, "MR507", "warning", line, what, "translate it, or leave the entry out")


def _f(ctx: Context, code: str, severity: Severity, line: int, message: str, hint: str) -> Finding:
    return Finding(code, severity, message, ctx.path, line, hint=hint)


def _cut(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
