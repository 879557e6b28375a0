r"""translation-consistent: the translations a contribution adds or changes keep their source.

**gettext catalogues** (``*.po``, ``*.pot``, option ``catalogues``) are parsed with polib at the
base and at head, and only the live entries the contribution **adds or changes** (msgid,
msgid_plural, msgstr[n], flags) are judged; an entry whose only change is its ``#:``
references, its comments or its wrapping is unchanged, obsolete ``#~`` entries and the header
are never judged. For each such entry, at its ``msgstr`` line in the file at head:

- every placeholder of the msgid is in the msgstr and none is added (MR501, MR502), whether or
  not the entry is flagged ``python-format``: printf (``%s``, ``%.2f``, positional ``%1$s``),
  Python named (``%(name)s``), brace (``{name}``, ``{0}``, ``{}``, ``{{ name }}``) and HTML/XML
  tags. Numbered placeholders may be reordered; unnumbered ones in another order are an error
  (MR503). ``no-python-format``/``no-c-format`` switch printf off for the entry.
- a plural entry's msgstr[n] use msgid_plural's placeholders (form 0 the msgid's, where the
  language has more than one form); a form other than the last that drops exactly one is a
  warning (MR504: right only if that form is used for one number); it has as many forms as the
  ``Plural-Forms`` header's ``nplurals`` (MR505).
- a new or changed translation still marked ``#, fuzzy`` is not used by gettext: an error
  (MR506; ``fuzzy: warning`` makes it a warning). A fuzzy entry whose msgstr the base already
  held somewhere is msgmerge's guess, not a translator's work, and is not judged.
- an empty msgstr (or msgstr[n]) is a warning (MR507; past three in a catalogue, one more
  finding counts the rest).
- msgid and msgstr both begin and end with ``\n`` or neither does, as ``msgfmt --check``
  requires (MR508); leading/trailing spaces, the number of newlines and a stray leading number
  token differing from the msgid are a warning (MR509).
- when the msgid changed and a removed entry carried the same translation, the msgstr may be
  stale (MR510, warning).

A catalogue that does not parse is one error with its line (MR511); a message defined twice is
an error, as msgfmt says (MR512). A ``.mo`` (option ``compiled``) that the contribution adds
while the base tracks none is a warning (MR513): compiled catalogues are usually built, not
committed. A ``.pot`` template, and a ``.po`` with no translated entry at all (the source
language's catalogue, as Django's ``makemessages`` keeps ``locale/en``), are checked for syntax
and duplicates only. A catalogue that cannot be read (too large) is a warning (MR514).

**Translated documentation pages**, with a mapping in ``translated-docs`` (off by default), e.g.
``{"docs/{lang}/**": "docs/en/**"}``: each changed page matching a key is compared with the
page the value names at head. Fenced and indented code blocks must be identical and in order
(MR520, MR521; with ``translated-comments: true``, ``#`` and ``//`` line comments may be
translated, as some projects' translation guides allow), the link and image targets the same
(MR522; path segments naming either page's language are left out on both sides, so ``/fr/``
may stand for ``/en/``, and a ``#fragment`` may differ), and the number of headings at each
level the same (MR523). A page whose source does not exist is a warning (MR524). Markdown
(``.md``, ``.markdown``, ``.mdx``, ``.txt``) and reStructuredText (``.rst``) pages are read,
other mapped files (images) are not; findings point at the translated page's lines. The
changed mapped pages count as the ``translation`` type and are not spell-checked in English.

The check imports nothing heavy and reads nothing when no catalogue or mapped page changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import NUL_TEXT
from mergeready.checks.model import CheckResult, Finding, Severity, failed, passed, skipped
from mergeready.checks.paths import first_match
from mergeready.checks.translation.doc_mapping import is_page, source_of

# The catalogue reader, its rules and the page comparison are imported where a catalogue or a
# mapped page changed, not by every run that loads this module's Options (the placeholder
# patterns, dataclasses and difflib cost about 12 ms of CPU; #26).
if TYPE_CHECKING:
    from mergeready.checks.translation.catalogue import Catalogue, Touched

HOOK: Final = {  # its entry in .pre-commit-hooks.yaml (tests/test_consistency.py compares)
    "id": "mergeready-translations",
    "description": (
        "Translations you change keep their source's placeholders, markup and plural forms."
    ),
    "types": ("pofile",),
    "stages": ("pre-commit",),
}
CODES: Final = {
    "MR501": "a placeholder of the msgid is missing from the msgstr",
    "MR502": "the msgstr has a placeholder the msgid does not",
    "MR503": "unnumbered placeholders in another order",
    "MR504": "a plural form drops the count placeholder",
    "MR505": "the number of plural forms differs from nplurals",
    "MR506": "a new or changed translation is still fuzzy",
    "MR507": "an added or changed entry is untranslated",
    "MR508": "msgid and msgstr do not both begin/end with a newline",
    "MR509": "leading/trailing whitespace or newlines differ from the msgid",
    "MR510": "the msgid changed but the msgstr did not",
    "MR511": "the catalogue does not parse",
    "MR512": "a message is defined twice",
    "MR513": "a compiled .mo catalogue is contributed",
    "MR514": "a catalogue or translated page could not be read",
    "MR515": "a catalogue header names a charset that is not used (read as UTF-8)",
    "MR520": "a code block differs from the source page's",
    "MR521": "a code block is missing or added",
    "MR522": "a link or image target differs from the source page's",
    "MR523": "the number of headings at a level differs",
    "MR524": "the translated page has no source page",
}
_EMPTY_LISTED = 3


@dataclass(frozen=True)
class Options:
    """Options of translation-consistent (the keys of its block in the rules)."""

    catalogues: tuple[str, ...] = ("*.po", "*.pot")
    compiled: tuple[str, ...] = ("*.mo",)
    fuzzy: Severity = "error"
    translated_docs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    translated_comments: bool = False


def check(contribution: Contribution, options: Options) -> CheckResult:
    """Translations the contribution adds or changes keep their source's placeholders and form.

    Args:
        contribution: The contribution.
        options: This check's options.

    Returns:
        The check's result.

    Raises:
        MergereadyError: If ``translated-docs`` maps patterns that do not correspond.
    """
    files = [f for f in contribution.files if f.exists and f.kind == "file"]
    catalogues = [f for f in files if first_match(f.path, options.catalogues)]
    compiled = [f for f in files if first_match(f.path, options.compiled)]
    pages: list[tuple[ChangedFile, str, str, str]] = []
    if options.translated_docs:
        mapping = options.translated_docs
        pages = [(f, *m) for f in files if is_page(f.path) and (m := source_of(f.path, mapping))]
    if not catalogues and not compiled and not pages:
        return skipped("no translation catalogue or translated page changed")
    findings: list[Finding] = []
    entries = 0
    for f in catalogues:
        found, count = _catalogue(contribution, f, options)
        findings += found
        entries += count
    findings += _compiled(contribution, compiled, options)
    if pages:
        # start-up: imported where a mapped page changed, not with the Options (see the top)
        from mergeready.checks.translation.translated_docs import compare_page

        for f, source, lang, source_lang in pages:
            findings += compare_page(
                contribution, f, source, lang, source_lang, options.translated_comments
            )
    findings.sort(key=lambda x: (x.path or "", x.line or 0))
    errors = sum(x.severity == "error" for x in findings)
    what = _what(len(catalogues), entries, len(pages))
    unread = len({x.path for x in findings if x.code == "MR514"})
    note = f" ({unread} not checked)" if unread else ""
    if errors:
        return failed(f"{errors} problem{'s' * (errors != 1)} in {what}{note}", findings)
    return passed(f"{what} consistent{note}", findings)


def _what(catalogues: int, entries: int, pages: int) -> str:
    parts = []
    if catalogues:
        parts.append(
            f"{entries} changed entr{'ies' if entries != 1 else 'y'} in {catalogues} "
            f"catalogue{'s' * (catalogues != 1)}"
        )
    if pages:
        parts.append(f"{pages} translated page{'s' * (pages != 1)}")
    return " and ".join(parts) or "compiled catalogues"


def _catalogue(
    contribution: Contribution, f: ChangedFile, options: Options
) -> tuple[list[Finding], int]:
    """Judge one changed catalogue; return its findings and how many entries were touched."""
    # start-up: imported where a catalogue changed, not with the Options (see the top)
    from mergeready.checks.translation import catalogue as po
    from mergeready.checks.translation.gettext_rules import Context, judge

    data, reason = contribution.data(f)
    if data is None:  # a NUL byte msgfmt would read past: an error, never a quiet pass
        return [
            Finding(
                "MR514",
                "error" if reason.startswith(NUL_TEXT) else "warning",
                f"not checked: {reason}",
                f.path,
                hint="check this catalogue with msgfmt --check",
            )
        ], 0
    try:
        head = po.parse(po.decode(data))
    except po.ParseError as exc:
        return [
            Finding(
                "MR511",
                "error",
                f"the catalogue does not parse: {exc}",
                f.path,
                exc.line,
                hint="fix the syntax; msgfmt --check shows the same line",
            )
        ], 0
    base = None
    if f.status != "added" or f.old_path:
        old = contribution.base_data(f.old_path or f.path)
        try:
            base = po.parse(po.decode(old)) if old is not None else None
        except po.ParseError:
            base = None  # a base that did not parse: every entry is judged as new
    touched = po.touched(head, base)
    counted = base or _same_language(contribution, f.path)  # a rename keeps the base's count
    findings = _duplicates(head, touched, f.path) + _header(f.path, data, head, counted)
    if f.path.endswith(".pot") or not any(any(e.msgstr) for e in head.entries):
        return findings, len(touched)  # a template, or a source-language catalogue
    ctx = Context(
        f.path,
        po.expected_plurals(head, counted, f.path),
        "warning" if options.fuzzy == "warning" else "error",
        po.translations(base),
    )
    empty: list[Finding] = []
    for t in touched:
        for x in judge(t, ctx):
            (empty if x.code == "MR507" else findings).append(x)
    findings += empty[:_EMPTY_LISTED]
    if len(empty) > _EMPTY_LISTED:
        rest = len(empty) - _EMPTY_LISTED
        findings.append(
            Finding(
                "MR507",
                "warning",
                f"and {rest} more untranslated entries",
                f.path,
                empty[_EMPTY_LISTED].line,
                hint="translate them, or leave them out",
            )
        )
    return findings, len(touched)


def _header(path: str, data: bytes, head: Catalogue, base: Catalogue | None) -> list[Finding]:
    """The header's charset when it is not used, and a Plural-Forms the contribution changed."""
    # start-up: imported where a catalogue changed, not with the Options (see the top)
    from mergeready.checks.translation import catalogue as po
    from mergeready.checks.translation.po_charset import charset, usable

    out = []
    named = charset(data)
    if named is not None and not usable(named):
        out.append(
            Finding(
                "MR515",
                "error",
                f"the header's charset={named} is not an ASCII-compatible text encoding; the "
                "catalogue was read as UTF-8, which is not what gettext reads",
                path,
                head.header_line("Content-Type"),
                hint="write charset=UTF-8 in the Content-Type header",
            )
        )
    expected = po.expected_plurals(head, base, path)
    if expected is not None and head.nplurals is not None and head.nplurals != expected:
        was = "the base's header" if base is not None and base.nplurals else "the language"
        out.append(
            Finding(
                "MR505",
                "error",
                f"Plural-Forms says nplurals={head.nplurals} where {was} has {expected}; "
                f"entries are judged by {expected}",
                path,
                head.header_line("Plural-Forms"),
                hint=f"keep nplurals={expected} (change it on the base branch if it is wrong)",
            )
        )
    return out


def _same_language(contribution: Contribution, path: str) -> Catalogue | None:
    """A catalogue the base has for the new catalogue's language, with a plural count.

    A new catalogue of a language the base already translates (a delete and an add, or a
    second domain) is judged by that catalogue's ``nplurals``, never by a count it picks
    (attack 5's F5: ``app.po`` with 3 forms removed, ``app2.po`` with 2 added).
    """
    # start-up: imported where a catalogue changed, not with the Options (see the top)
    from mergeready.checks.translation import catalogue as po

    language = po.path_language(path)
    others = sorted(p for p in contribution.base_paths() if p != path and p.endswith(".po"))
    same = (p for p in others if language and po.path_language(p) == language)
    return next((c for c in map(lambda p: _base_catalogue(contribution, p), same) if c), None)


def _base_catalogue(contribution: Contribution, path: str) -> Catalogue | None:
    """A catalogue at the base that parses and says its plural count, else None."""
    # start-up: imported where a catalogue changed, not with the Options (see the top)
    from mergeready.checks.translation import catalogue as po

    data = contribution.base_data(path)
    try:
        found = po.parse(po.decode(data)) if data is not None else None
    except po.ParseError:
        return None
    return found if found is not None and found.nplurals is not None else None


def _duplicates(head: Catalogue, touched: list[Touched], path: str) -> list[Finding]:
    seen: dict[tuple[str | None, str], int] = {}
    changed = {t.entry.line for t in touched}
    out = []
    for e in head.entries:
        if e.key in seen and e.line in changed:
            message = f"the message {e.msgid[:60]!r} is already defined at line {seen[e.key]}"
            out.append(
                Finding(
                    "MR512", "error", message, path, e.line, hint="merge the two entries into one"
                )
            )
        seen.setdefault(e.key, e.line)
    return out


def _compiled(
    contribution: Contribution, compiled: list[ChangedFile], options: Options
) -> list[Finding]:
    added = [f for f in compiled if f.status in ("added", "renamed", "copied")]
    if not added or any(f.status == "modified" for f in compiled):
        return []
    new = {f.path for f in contribution.files if f.status in ("added", "renamed", "copied")}
    gone = {p for f in contribution.files for p in (f.old_path,) if p}
    gone |= {f.path for f in contribution.files if not f.exists}
    base = (contribution.head_paths() - new) | gone
    if any(first_match(p, options.compiled) for p in base):
        return []
    severity: Severity = "warning"
    return [
        Finding(
            "MR513",
            severity,
            "a compiled catalogue is added, but the project tracks no .mo file at the base",
            f.path,
            hint="remove the .mo file; it is built from the .po (msgfmt, compilemessages)",
        )
        for f in added
    ]
