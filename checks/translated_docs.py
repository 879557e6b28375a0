"""Translated documentation pages against their source pages: code, links and headings.

translation-consistent's page half. A mapping such as ``{"docs/{lang}/**": "docs/en/**"}``
names, for a translated page, its source page: ``{lang}`` matches one path segment, and the
``*``/``**`` wildcards of the key fill those of the value in order. Pages are read line by line
(Markdown, or reStructuredText for ``.rst``) with bounded, linear patterns; code blocks are
compared exactly (trailing spaces aside), link targets as a multiset (translators may move a
link within a sentence), headings as counts per level.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Mapping

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Finding
from mergeready.checks.page_structure import Page, read_page

_TOKEN = re.compile(r"\{lang\}|\*\*/|\*\*|\*|\?")


@functools.lru_cache(maxsize=64)
def _compile(pattern: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    out, wild, i = [], [], 0
    for m in _TOKEN.finditer(pattern):
        out.append(re.escape(pattern[i : m.start()]))
        token = m.group(0)
        if token == "{lang}":
            out.append(r"(?P<lang>[A-Za-z]{2,3}(?:[-_@][A-Za-z0-9]{1,8}){0,2})")
        else:
            out.append(
                {"**/": "((?:[^/]+/){0,50})", "**": "(.*)", "*": "([^/]*)", "?": "([^/])"}[token]
            )
            wild.append(token)
        i = m.end()
    out.append(re.escape(pattern[i:]))
    return re.compile("".join(out) + r"\Z", re.DOTALL), tuple(wild)


def source_of(path: str, mapping: Mapping[str, str]) -> tuple[str, str, str] | None:
    """Return a translated page's source page, from the first mapping key that matches.

    Args:
        path: A changed file's path.
        mapping: Translated-page pattern → source-page pattern.

    Returns:
        ``(source path, language, source language)``, or None when no key matches or the path
        is its own source. The source language is the value's segment where the key has
        ``{lang}`` (empty when that segment is not literal).

    Raises:
        MergereadyError: If a key has no ``{lang}`` or its wildcards do not match the value's.
    """
    for key, value in mapping.items():
        regex, wild = _compile(key)
        target = [t for t in _TOKEN.findall(value) if t != "{lang}"]
        if "{lang}" not in key or tuple(target) != wild:
            raise MergereadyError(
                f"checks.translation-consistent.translated-docs: {key!r} needs {{lang}} and the "
                f"same wildcards, in order, as {value!r}"
            )
        m = regex.match(path)
        if m is None:
            continue
        source = _fill(value, _without_lang(m))
        if source == path:
            return None
        return source, m.group("lang"), _source_lang(key, value)
    return None


def _fill(pattern: str, parts: list[str]) -> str:
    """Put the captured wildcards into a pattern's wildcards, in order."""
    values = iter(parts)
    return _TOKEN.sub(lambda t: next(values) if t.group(0) != "{lang}" else "", pattern)


def _without_lang(m: re.Match[str]) -> list[str]:
    lang_index = m.re.groupindex["lang"]
    return [g for i, g in enumerate(m.groups(), start=1) if i != lang_index]


def _source_lang(key: str, value: str) -> str:
    segments = key.split("/")
    where = next(i for i, s in enumerate(segments) if "{lang}" in s)
    values = value.split("/")
    if where < len(values) and not _TOKEN.search(values[where]) and segments[where] == "{lang}":
        return values[where]
    return ""


def compare_page(
    contribution: Contribution, f: ChangedFile, source: str, lang: str, source_lang: str
) -> list[Finding]:
    """Compare a changed translated page with its source page at head.

    Args:
        contribution: The contribution.
        f: The translated page.
        source: The source page's path.
        lang: The translated page's language.
        source_lang: The source page's language segment, or an empty string.

    Returns:
        The findings, at the translated page's lines.
    """
    text = contribution.text(f)
    if text is None:
        return []
    original = contribution.head_text(source)
    if original is None:
        return [
            Finding(
                "MR524",
                "warning",
                f"no source page {source} for this translated page",
                f.path,
                1,
                hint=f"add {source}, or fix checks.translation-consistent.translated-docs",
            )
        ]
    rst = f.path.endswith(".rst")
    mine, theirs = read_page(text, rst), read_page(original, rst)
    return [
        *_code(f.path, source, mine, theirs),
        *_links(f.path, source, mine, theirs, lang, source_lang),
        *_headings(f.path, source, mine, theirs),
    ]


def _code(path: str, source: str, mine: Page, theirs: Page) -> list[Finding]:
    a, b = [c for _, c in theirs.code], [c for _, c in mine.code]
    out = []
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in ops:
        if op == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                offset, change = _first_change(a[i], b[j])
                out.append(
                    Finding(
                        "MR520",
                        "error",
                        f"this code block differs from the one at "
                        f"{source}:{theirs.code[i][0]}: {change}",
                        path,
                        mine.code[j][0] + offset,
                        hint="copy the code block from the source page unchanged",
                    )
                )
            continue
        for j in range(j1, j2) if op in ("insert", "replace") else ():
            out.append(
                Finding(
                    "MR521",
                    "error",
                    f"this code block is not in {source}",
                    path,
                    mine.code[j][0],
                    hint="remove it, or add it to the source page",
                )
            )
        for i in range(i1, i2) if op in ("delete", "replace") else ():
            near = mine.code[j1][0] if j1 < len(mine.code) else mine.last_line
            out.append(
                Finding(
                    "MR521",
                    "error",
                    f"the code block at {source}:{theirs.code[i][0]} is missing here",
                    path,
                    near,
                    hint="copy the missing code block from the source page",
                )
            )
    return out


def _first_change(a: str, b: str) -> tuple[int, str]:
    """Return the offset of the first differing line of two blocks, and what changed."""
    left, right = a.split("\n"), b.split("\n")
    for n, (x, y) in enumerate(zip([*left, ""], [*right, ""])):
        if x != y:
            return min(n, len(right) - 1), f"{_cut(x)} became {_cut(y)}"
    return 0, "the blocks differ"


def _cut(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _norm(target: str, lang: str) -> str:
    if "#" in target:
        target = target.split("#", 1)[0]
    key = lang.lower().replace("_", "-")
    parts = [p for p in target.split("/") if not (key and p.lower().replace("_", "-") == key)]
    return "/".join(parts).removeprefix("./")


def _links(
    path: str, source: str, mine: Page, theirs: Page, lang: str, source_lang: str
) -> list[Finding]:
    want = Counter(_norm(t, source_lang) for _, t in theirs.links if not t.startswith("#"))
    have = Counter(_norm(t, lang) for _, t in mine.links if not t.startswith("#"))
    if want == have:
        return []
    out = []
    extra, lost = have - want, want - have
    for line, target in mine.links:
        n = _norm(target, lang)
        if extra[n] > 0 and not target.startswith("#"):
            extra[n] -= 1
            out.append(
                Finding(
                    "MR522",
                    "error",
                    f"links to {_cut(target)}, which {source} does not",
                    path,
                    line,
                    hint="use the source page's link target (re-rooted to this "
                    "language's folder if it points inside the docs)",
                )
            )
    for line, target in theirs.links:
        n = _norm(target, source_lang)
        if lost[n] > 0 and not target.startswith("#"):
            lost[n] -= 1
            near = _nearest(mine, line, theirs)
            out.append(
                Finding(
                    "MR522",
                    "error",
                    f"the link to {_cut(target)} at {source}:{line} is missing here",
                    path,
                    near,
                    hint=f"put the link to {target} back",
                )
            )
    return out


def _nearest(mine: Page, line: int, theirs: Page) -> int:
    """Map a source line to the translated page proportionally (pages differ line by line)."""
    if theirs.last_line <= 1:
        return 1
    return max(1, min(mine.last_line, round(line * mine.last_line / theirs.last_line)))


def _headings(path: str, source: str, mine: Page, theirs: Page) -> list[Finding]:
    out = []
    for level in sorted(set(mine.headings) | set(theirs.headings)):
        have, want = mine.headings.get(level, []), theirs.headings.get(level, [])
        if len(have) != len(want):
            line = have[len(want)] if len(have) > len(want) else (have[-1] if have else 1)
            out.append(
                Finding(
                    "MR523",
                    "error",
                    f"{len(have)} level-{level} heading"
                    f"{'s' * (len(have) != 1)} where {source} has {len(want)}",
                    path,
                    line,
                    hint="translate every section of the source page, and add none",
                )
            )
    return out
