"""Translated documentation pages against their source pages: code, links and headings.

translation-consistent's page half (``doc_mapping`` finds a page's source page). Pages are
read line by line
(Markdown, or reStructuredText for ``.rst``) with bounded, linear patterns; code blocks are
compared exactly (trailing spaces aside), link targets as a multiset (translators may move a
link within a sentence), headings as counts per level.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import decode
from mergeready.checks.model import Finding
from mergeready.checks.translation.page_structure import Page, read_page

_COMMENT = re.compile(r"(?:^|(?<=\s))(?:#|//)[^\n]*")


def compare_page(
    contribution: Contribution,
    f: ChangedFile,
    source: str,
    lang: str,
    source_lang: str,
    comments: bool = False,
) -> list[Finding]:
    """Compare a changed translated page with its source page at head.

    Args:
        contribution: The contribution.
        f: The translated page.
        source: The source page's path.
        lang: The translated page's language.
        source_lang: The source page's language segment, or an empty string.
        comments: Code comments may be translated: ``#`` and ``//`` line comments are left
            out when code blocks are compared.

    Returns:
        The findings, at the translated page's lines.
    """
    data, reason = contribution.data(f)
    text = decode(data) if data is not None else contribution.text_despite_nul(f)
    if text is None:  # too large, binary, in Git LFS: said, never "consistent"
        return [Finding("MR514", "warning", f"not checked: {reason}", f.path)]
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
        *_code(f.path, source, mine, theirs, comments),
        *_links(f.path, source, mine, theirs, lang, source_lang),
        *_headings(f.path, source, mine, theirs),
    ]


def _code(path: str, source: str, mine: Page, theirs: Page, comments: bool) -> list[Finding]:
    a, b = [c for _, c in theirs.code], [c for _, c in mine.code]
    if comments:
        a, b = [_uncommented(c) for c in a], [_uncommented(c) for c in b]
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


def _uncommented(block: str) -> str:
    return "\n".join(_COMMENT.sub("", line).rstrip() for line in block.split("\n"))


def _first_change(a: str, b: str) -> tuple[int, str]:
    """Return the offset of the first differing line of two blocks, and what changed."""
    left, right = a.split("\n"), b.split("\n")
    for n, (x, y) in enumerate(zip([*left, ""], [*right, ""])):
        if x != y:
            return min(n, len(right) - 1), f"{_cut(x)} became {_cut(y)}"
    return 0, "the blocks differ"


def _cut(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _norm(target: str, langs: tuple[str, ...]) -> str:
    """A link target without its ``#fragment`` and without path segments naming a language.

    Both pages' targets lose the segments naming either language, so ``/fr/img/a.png`` and
    ``/en/img/a.png`` are the same target, and so is an English ``…/en/latest/`` on both.
    """
    if "#" in target:
        target = target.split("#", 1)[0]
    keys = {x.lower().replace("_", "-") for x in langs if x}
    parts = [p for p in target.split("/") if p.lower().replace("_", "-") not in keys]
    return "/".join(parts).removeprefix("./")


def _links(
    path: str, source: str, mine: Page, theirs: Page, lang: str, source_lang: str
) -> list[Finding]:
    langs = (lang, source_lang)
    want = Counter(_norm(t, langs) for _, t in theirs.links if not t.startswith("#"))
    have = Counter(_norm(t, langs) for _, t in mine.links if not t.startswith("#"))
    if want == have:
        return []
    out = [
        Finding(
            "MR522",
            "error",
            f"links to {_cut(target)}, which {source} does not",
            path,
            line,
            hint="use the source page's link target (re-rooted to this "
            "language's folder if it points inside the docs)",
        )
        for line, target in _surplus(mine.links, have - want, langs)
    ]
    out += [
        Finding(
            "MR522",
            "error",
            f"the link to {_cut(target)} at {source}:{line} is missing here",
            path,
            _nearest(mine, line, theirs),
            hint=f"put the link to {target} back",
        )
        for line, target in _surplus(theirs.links, want - have, langs)
    ]
    return out


def _surplus(
    links: Sequence[tuple[int, str]], surplus: Counter[str], langs: tuple[str, str]
) -> list[tuple[int, str]]:
    """The links, in page order, that make up the surplus count of their (normalised) targets."""
    left = Counter(surplus)
    out = []
    for line, target in links:
        n = _norm(target, langs)
        if left[n] > 0 and not target.startswith("#"):
            left[n] -= 1
            out.append((line, target))
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
