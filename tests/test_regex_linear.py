"""Every regular expression that sees contributed text is linear on adversarial input.

Each case grows an adversarial input eightfold and compares how the regex's time grows with
how a linear baseline's time grows on the very same input, in the same process: a linear regex
grows like the baseline (ratio near 1), a quadratic one eight times faster. No absolute time
is asserted, and what is measured is the thread's own CPU time (``time.thread_time_ns``) with
the garbage collector off, the best of several runs: the time another process takes from this
one (a busy machine, a parallel test run) is not counted, so it cannot move a ratio.
"""

from __future__ import annotations

import ast
import gc
import importlib
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mergeready.checks import (
    diff,
    diffkind,
    git,
    lazyre,
    paths,
    span,
    titles,
)
from mergeready.checks.changelog import changelog_updated, mechanism, sections
from mergeready.checks.changelog import fixes as changelog_fixes
from mergeready.checks.claims import claims
from mergeready.checks.classify import areas, deprecation, packaged, signals
from mergeready.checks.contribution import parsing
from mergeready.checks.docs import docs_valid
from mergeready.checks.examples import kerasio
from mergeready.checks.issues import (
    duplicate_prone,
    kinds,
    personal,
    private_data,
    repository,
    reproduction,
    snippet,
    template_filled,
    templates,
    traceback_complete,
    unfilled,
    unversioned,
    versions,
)
from mergeready.checks.issues import text as issue_text
from mergeready.checks.post import suppressions
from mergeready.checks.python import pycode, sides
from mergeready.checks.spelling import code_tokens, codespell, spelling_clean
from mergeready.checks.testing import invocation, reenabled, tests_meaningful, uncollected, where
from mergeready.checks.text import anchors, blocks, links, markup, notebooks, rst, snippets
from mergeready.checks.translation import (
    catalogue,
    doc_mapping,
    gettext_rules,
    page_structure,
    placeholders,
    po_charset,
    translated_docs,
)
from mergeready.hooks import github, history_context, org_plan, runner_change
from mergeready.hooks.formats import escape, history_html

# The linear baseline: a lazy scan that tries the end at every character. It costs a few times
# less than listing every character (``findall`` of one character, the old baseline, spent four
# fifths of this file's time building lists) and stays linear down to small inputs.
_BASELINE = re.compile(r"[\s\S]*?$")
_BASELINE_BYTES = re.compile(rb"[\s\S]*?$")


def _best(call: Callable[[str], object], text: str, runs: int) -> float:
    """The least CPU time this thread spent in ``call(text)`` over ``runs`` runs, in seconds."""
    best = float("inf")
    collecting = gc.isenabled()
    gc.disable()  # a collection would charge one call for every earlier allocation
    try:
        for _ in range(runs):
            start = time.thread_time_ns()
            call(text)
            best = min(best, time.thread_time_ns() - start)
    finally:
        if collecting:
            gc.enable()
    return max(best, 1) / 1e9


def growth(call: Callable[[str], object], make: Callable[[int], str], n: int = 2000) -> float:
    """How much faster than a linear baseline the call's time grows from n to 8n."""
    small, large = make(n), make(8 * n)

    def base(s: str | bytes) -> object:
        if isinstance(s, bytes):
            return _BASELINE_BYTES.match(s)
        return _BASELINE.match(s)

    ratio_small = _best(call, small, 7) / _best(base, small, 7)
    ratio_large = _best(call, large, 3) / _best(base, large, 3)
    return ratio_large / ratio_small


def _speller_line(text: str) -> object:
    return codespell.Speller.get(("clear",), (), None).line(text)


def _sections(text: str) -> object:
    lines = text.split("\n")
    return sections.sections(lines)


# (name, the call on contributed text, adversarial input of about n characters)
CASES: list[tuple[str, Callable[[str], object], Callable[[int], str]]] = [
    (
        "URI, e-mail local part",
        lambda s: codespell.URI.sub(" ", s),
        lambda n: "a." * (n // 2) + "@",
    ),
    ("URI, e-mail domain", lambda s: codespell.URI.sub(" ", s), lambda n: "a@" + "-" * n),
    ("URI, schemes", lambda s: codespell.URI.sub(" ", s), lambda n: "http://" * (n // 7)),
    ("speller line", _speller_line, lambda n: "a." * (n // 2) + "@ teh"),
    (
        "codespell:ignore tag",
        codespell.IGNORE_TAG.search,
        lambda n: "#" + " " * n + "x codespell:ignore",
    ),
    ("word", codespell.WORD.findall, lambda n: "a-'" * (n // 3)),
    ("Changelog: trailer", changelog_updated._TRAILER.search, lambda n: "\n" * n),
    ("Changelog: trailer, spaces", changelog_updated._TRAILER.search, lambda n: " \n" * (n // 2)),
    ("release date, one word", sections.DATE.search, lambda n: "a" * n),
    ("release date, digits", sections.DATE.search, lambda n: "1 " + "a" * n),
    ("release date, numbers", sections.DATE.search, lambda n: "11" * (n // 2)),
    ("unreleased title", sections.UNRELEASED.search, lambda n: "mai" * (n // 3)),
    ("RST underline", sections.RST_UNDERLINE.match, lambda n: "=" * n + "x"),
    ("changelog headings", _sections, lambda n: "#" * 6 + " " * n + "x\n"),
    ("changelog file name", mechanism._FILES.match, lambda n: "changelog" * (n // 9)),
    ("release title", titles._RELEASE.match, lambda n: "1" + ".1" * (n // 2) + " x"),
    ("release title, digits", titles._RELEASE.match, lambda n: "v" + "1" * n + " x"),
    ("conventional prefix", titles._CONVENTIONAL.match, lambda n: "a" * n),
    ("conventional scope", titles._CONVENTIONAL.match, lambda n: "a(" + "(" * n),
    ("bracket tags", titles._TAGS.match, lambda n: "[" * n),
    ("bracket tags, open", titles._TAGS.match, lambda n: "[a] " * (n // 4) + "[a"),
    ("wording", titles._STRONG_DOCS.search, lambda n: "misspell" * (n // 8)),
    ("tooling", titles._TOOLING.search, lambda n: "type " * (n // 5)),
    ("merge subject", signals._MERGE_PR.match, lambda n: "Merge PR #" + "1" * n + "x"),
    ("subject of a message", signals.subject_of, lambda n: "\n" * n + "x"),
    ("PEP 695 syntax line", parsing._PEP695.match, lambda n: "def " + "a" * n + " " * n),
    ("PEP 695 spaces", parsing._PEP695.match, lambda n: " " * n + "type" + " " * n),
    ("markdown links, unclosed", markup.scan_markdown, lambda n: "[a](" * (n // 4)),
    ("markdown links, no opener", markup.scan_markdown, lambda n: "](" * (n // 2)),
    ("markdown comments", markup.scan_markdown, lambda n: "<!-- -" * (n // 6)),
    ("heading links", anchors.plain, lambda n: "[a](" * (n // 4)),
    ("glob with two stars", lambda s: paths.matches(s, "*a*b*.py"), lambda n: "a" * n),
    ("glob with **", lambda s: paths.matches(s, "**/locale/**"), lambda n: "a/" * (n // 2)),
]


@pytest.mark.parametrize("name, call, make", CASES, ids=[c[0] for c in CASES])
def test_every_regex_on_contributed_text_is_linear(name, call, make):
    # A linear call grows like the baseline (about 1); a quadratic one about 8 times faster.
    # A busy machine can make one measurement look worse, never a quadratic one look linear:
    # the best of three attempts is compared.
    ratios = []
    for _ in range(3):
        ratios.append(growth(call, make, n=16000))
        if ratios[-1] < 4:
            break
    assert min(ratios) < 4, (name, ratios)


def test_the_growth_measure_tells_a_quadratic_regex_from_a_linear_one():
    # The measure can fail: a pattern that rescans the rest of the input from every position
    # (``\s*x`` on spaces) grows about eight times faster than the baseline; ``x`` grows like it.
    def spaces(n: int) -> str:
        return " " * n

    assert max(growth(re.compile(r"\s*x").findall, spaces, n=300) for _ in range(3)) >= 4
    assert min(growth(re.compile("x").findall, spaces, n=16000) for _ in range(3)) < 4


GLOBS = ["*.py", "**/locale/**", "tests/**", "test_*.py", "*a*b*.py", "a/**/b.md", "?x*", "**/x"]


@settings(max_examples=300, deadline=None)
@given(path=st.text("ab/x.py-_", max_size=16), pattern=st.sampled_from(GLOBS))
def test_the_linear_glob_matcher_agrees_with_the_regex(path, pattern):
    if "/" in pattern.rstrip("/"):
        target, glob = path, pattern.lstrip("/")
    else:
        target, glob = path.rsplit("/", 1)[-1], pattern
    assert paths._linear_match(glob, target) == (paths._compile(glob).match(target) is not None)


# The rewritten patterns say the same as the originals wherever the originals finish.
ORIGINALS = {
    "URI": (
        re.compile(r"\b(?:https?|[ts]?ftp|file|git|smb)://\S+|\b[\w.%+-]+@[\w.-]+\b"),
        codespell.URI,
    ),
}
# (the release title and date patterns were since rewritten with bounded quantifiers for what
# they mean, so only their linearity is tested above; the URI pattern is compared below)


PROSE = st.lists(
    st.sampled_from(
        ["teh", "word", "a.b@c.org", "x-y@z.io", "+tag@x.org", "http://e.org/teh", "(", ")", ","]
        + ["mailto:q@r.net", "git://h/p", ".", "-", "1.0", "@", "user@host"]
    ),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=PROSE)
def test_the_linear_uri_pattern_leaves_the_same_words_in_prose(text):
    # Where an address is written as in prose, the speller sees the same words. (On strings such
    # as 'a@a.@a' the old pattern restarted inside a run of address characters; that artefact
    # of backtracking is what made it quadratic, and is not kept.)
    old, new = ORIGINALS["URI"]
    left_old = codespell.WORD.findall(old.sub(lambda m: " " * len(m.group()), text))
    left_new = codespell.WORD.findall(new.sub(lambda m: " " * len(m.group()), text))
    assert [w for w in left_old if w.strip("-'")] == [w for w in left_new if w.strip("-'")]


TRAILERS = ["Changelog: skip", "changelog : none", "  Changelog:no", "\tCHANGELOG: skip  "]


@pytest.mark.parametrize("line", TRAILERS)
def test_the_trailer_is_still_found_on_its_own_line(line):
    assert changelog_updated._TRAILER.search(f"fix: x\n\nbody\n{line}\n")
    assert not changelog_updated._TRAILER.search("fix: x changelog: skip\n")


# --- the audit: every pattern in checks/, rules/ and hooks/ is in the table or trusted ------
#
# The growth table above calls the functions that hold the historic offenders; the table below
# names every pattern itself. A test walks the source (ast) for every ``re.compile``,
# ``re.match``, ``re.search``… call and fails on a pattern that is neither in ``PATTERNS`` nor
# in ``TRUSTED`` (with the reason it only sees trusted input), and on an entry that no longer
# names a pattern of the source. Each entry is measured on its own adversarial units and on
# units derived from the pattern's own characters and a string it nearly matches, each
# repeated into a long input, called the way the source calls it (anchored ``match`` only
# when no caller scans with it).

ROOT = Path(__file__).parents[1]
_CALLS = frozenset({"compile", "match", "search", "fullmatch", "findall", "finditer"})
_CALLS |= {"sub", "subn", "split"}
_ANCHORED = frozenset({"match", "fullmatch"})
Text = str | bytes


@dataclass(frozen=True)
class Entry:
    """One pattern of the source, with how to call it on adversarial text."""

    pattern: re.Pattern[str] | re.Pattern[bytes] | lazyre.Pattern[str] | str | bytes
    units: tuple[Text, ...] = ()
    anchored: bool = False  # every caller uses match/fullmatch: only the start is tried
    call: Callable[[Text], object] | None = None  # for a pattern built at run time
    key: str | None = None  # that pattern's place in the source, ``path: expression``

    @property
    def compiled(self) -> re.Pattern[str] | re.Pattern[bytes]:
        p = self.pattern
        if isinstance(p, lazyre.Pattern):
            return p.compiled
        return p if isinstance(p, re.Pattern) else re.compile(p)

    @property
    def name(self) -> str:
        return self.key or repr(self.compiled.pattern)[:70]

    def runner(self) -> Callable[[Text], object]:
        if self.call is not None:
            return self.call
        method = self.compiled.match if self.anchored else self.compiled.findall
        return method  # type: ignore[return-value]


def E(pattern, *units: Text, anchored: bool = False, call=None, key=None) -> Entry:
    return Entry(pattern, tuple(units), anchored, call, key)


def _carried(s: Text) -> object:
    # a misspelling looked up in a long run of the base's removed lines (an escaped word)
    return spelling_clean._Carried(removed=str(s)).carries("teh", "x")


def _glob_path(pattern: str) -> Callable[[Text], object]:
    return lambda s: paths.matches(str(s), pattern)


def _mapped(s: Text) -> object:
    return doc_mapping.source_of(str(s), {"docs/{lang}/**/*.md": "docs/en/**/*.md"})


def _fence(s: Text) -> object:
    return markup.scan_markdown("```" + "\n" + str(s) + "\n")


def _titled(s: Text) -> object:
    from mergeready.rules.loader import load_policy

    return titles.read_title(str(s), load_policy(lambda _: None).types)


# Every pattern of the source: (the pattern, adversarial units, how it is called).
PATTERNS: list[Entry] = [
    E(po_charset._CHARSET, b"charset=", b"charset=a"),
    E(catalogue._NPLURALS, "nplurals ", "nplurals=" + " " * 5),
    E(catalogue._LINE, "(line 1", "(line "),
    E(catalogue._KEYWORD, "msgstr[1", anchored=True),
    E(mechanism._FILES, "changelog."),
    E(mechanism._RELEASES, "releases.", anchored=True),
    E(sections.UNRELEASED, "mai", "in dev"),
    E(sections.DATE, "1 ", "11", "a 1,", "(1"),
    E(sections.VERSION, "v1.", "1"),
    E(sections.MD_HEADING, "#" * 6 + " ", anchored=True),
    E(sections.RST_UNDERLINE, "=", "= ", anchored=True),
    *[E(p, "bug", "fix ", "misc") for _, p in mechanism._WORD_TYPES],
    E(changelog_fixes._PREFIX, "ab(", "a"),
    E(runner_change._MENTION, "mergeready", "a", "-"),
    E(runner_change._PRE_COMMIT, "pre-commit", "pre-", "-"),
    E(changelog_fixes._BULLET, " ", "- ", anchored=True),
    E(changelog_fixes._NUMBER, "1", "/1", "#1-"),
    *[E(p, ":pr:`1", "(#1", "{pr}`") for p, _ in changelog_fixes._REFERENCES],
    E(r"^([=\-~^\"'`#*+])\1{2,}[ \t]*$", "=", anchored=True),
    E(changelog_updated._TRAILER, "\n", " \n", "changelog :"),
    E(diff._HUNK, b"@@", b"@@ +1", anchored=True),
    E(rb"(?m)^diff --git ", b"diff --git", b"\ndiff --gi"),
    E(claims._ITEM, " ", "- [", "1. ", anchored=True),
    E(claims._LINK, "[a](", "[", "](", "[[a]"),
    E(claims._NON_WORD, "-", "a-"),
    E(signals._MERGE_PR, "Merge PR #1", anchored=True),
    E(signals.RELEASE_TITLE, "v1.", "prepare ", anchored=True),
    E(areas._VERSION_NAME, "_", "__version", "__build_", "minor_", anchored=True),
    E(deprecation._SHIM_NAME, "_", "deprecat", "a_deprecat", "_d", anchored=True),
    E(deprecation._CATEGORY, "a", "DeprecationWarnin", "Future", anchored=True),
    E(packaged._VERSION_FILE, "1.", "1", " ", anchored=True),
    E(parsing._PEP695, " ", "def a", "type a ", anchored=True),
    E(diffkind._GENERATED, "generated by", "do not edi", "@generate"),
    E(doc_mapping._TOKEN, "*", "**/", "{lang"),
    E(
        doc_mapping.__name__,
        "a/",
        "en/",
        "a.md/",
        call=_mapped,
        key="checks/translation/doc_mapping.py: ''.join(out) + '\\\\Z'",
    ),
    E(docs_valid._PSEUDO, "pseudo-", "notes"),
    E(r"\r\n|\r|\n", "\r", "\r\n"),
    E(gettext_rules._STRAY, "1", anchored=True),
    E(kerasio._FIELD, " ", "Title ", "Title :", anchored=True),
    E(kerasio._DATE, "1111/11/1", "1/"),
    E(kerasio._SENTENCE_BREAK, ". ", ".\t"),
    E(links._SCHEME, "a", "a+", "a:"),
    E(r"[/:?#]", "a", "/"),
    E(blocks._FENCE, " ", "`", "``", anchored=True),
    E(markup._ATX, " ", "#", anchored=True),
    E(blocks.BLOCK_START, "1", "-", anchored=True),
    E(markup._SETEXT, "=", "- ", anchored=True),
    E(markup._REFDEF, " [", "[a", "[a]:", anchored=True),
    E(markup._HTML_ATTR, "src=", "href = '", "id='a"),
    E(anchors._ATTR_ID, "{#", "{ #a", "{#a}"),
    E(markup.MYST_LABEL, "(a", "(a)=", "(a)= "),
    E(markup._MYST_DOC, "{doc}`", "{ref}`a"),
    E(markup._MYST_PATH, "{include} ", "{image}\t", "{figure} a", anchored=True),
    E(rst._FILE_OPTION, " :file: ", "\t:file:\ta", anchored=True),
    E(markup.HTTP, "http://", "http://a"),
    E(rst._DIRECTIVE, " ", ".. ", ".. |a| ", anchored=True),
    E(rst.RST_LABEL, " ", ".. _", ".. _a", anchored=True),
    E(rst._ROLE, ":doc:`", ":ref:`a", "::doc:"),
    E(rst._RST_LINK, "`", "`a<http://", "<https://a>"),
    E(r"[^\w\s-]", "!", "a!"),
    E(r"[-\s]+", "-", " -"),
    E(anchors._LINK_TEXT, "![", "[a](", "](", "[a](b", "[[a]", "[a]("),
    E(r"<[^<>\n]{0,500}>", "<", "<a"),
    E(r"`+", "`", "a`"),
    E(r"(?:[-*+>|]|\d{1,9}[.)])(?:[ \t]|$)", "1", "-", anchored=True),
    E(r"<a\s", "<a", anchored=True),
    E(r"[ \t]+:[\w-]+:", " ", " :a", anchored=True),
    E(markup.__name__, "`", "``", "~", call=_fence, key="checks/text/markup.py: closer"),
    E(notebooks._CELL_KEY, " ", '"cell_type" ', anchored=True),
    E(notebooks._SOURCE_KEY, "\t", '"source"\t', anchored=True),
    E(page_structure._LIST, " ", "1", anchored=True),
    E(page_structure._ATX, " ", "#", anchored=True),
    E(page_structure._SETEXT, "=", " -", anchored=True),
    E(page_structure._CODE_SPAN, "`", "`a"),
    *[E(p, "](", "]( <", "](a", "[", "[a]:", " [a") for p in page_structure._MD_LINKS],
    E(page_structure._HTML, "href=", "src = '", "href='a"),
    E(page_structure._AUTO, "<http:", "<mailto:a"),
    E(page_structure._BARE, "http://", "https://a", "(http://"),
    E(page_structure._ADORN, "=", "= ", anchored=True),
    E(page_structure._DIRECTIVE, " ", ".. ", ".. a::", anchored=True),
    *[
        E(p, "`", "`a<", "<a>`", ".. _", ".. _a:", ":doc:`", ":ref:`a<")
        for p in page_structure._RST_LINKS
    ],
    E(placeholders._PRINTF, "%", "%(", "%1$", "%(a)"),
    E(placeholders._BRACE, "{", "{{", "{a", "{{ a"),
    E(placeholders._TAG, "<", "<a ", "</a"),
    E(placeholders._ATTR, "a", "a=", 'a = "', "a='"),
    E(placeholders._NESTED, "{", "{a"),
    E(placeholders._BRACE, "{a:", "{a:{", "{a:{b}"),
    E(pycode._PY_BREAK, "\r", "\r\n"),
    E(snippets._SLOT, "<", "<a ", "<a,"),
    E(snippets._DOTS_ARG, ",", ", ", "...", ", .."),
    E(codespell.WORD, "a-'", "a"),
    E(codespell.URI, "a.", "a@", "http://", "a@-"),
    E(codespell.IGNORE_TAG, "# ", "#codespell:ignore ", "# codespell:ignore a,"),
    E(code_tokens.BACKTICKS, "`", "`a", "``"),
    E(suppressions.MARKER, "mergeready:", "mergeready: ignore[", "mergeready:ignore[a,"),
    E(tests_meaningful._SMOKE_WORDS, "raise", "error "),
    E(uncollected._WORD, "a", "_1"),
    E(where._TEST_FOLDER, "a", "a_test", "tests", anchored=True),
    E(reenabled.NODE_ID, "a", "a.py::", "a.py::a::", " ", anchored=True),
    E(invocation.RUNNER, "pytest", "py.", "hatch ", "manage.py ", " "),
    E(invocation.SELECTS, " -o", " -o a", " -o 'a ", " -p ", " -m ", "|| ", "; exit ", "set ", " "),
    E(invocation.UNFAILS, "continue-on-error ", "continue-on-error: ", "ignore_outcome ", " "),
    E(translated_docs._COMMENT, " #", "//", " //a"),
    E(titles._CONVENTIONAL, "a", "a(", " ", anchored=True),
    E(titles._TAGS, "[", "[a] ", "[a", anchored=True),
    E(titles._EMOJI, " ", "!", anchored=True),
    E(titles._SHORTCODE, " :", ":a", anchored=True),
    E(titles._STRONG_DOCS, "misspell", "typo "),
    E(titles._WEAK_DOCS, "link", "links "),
    E(titles._TOOLING, "type ", "type-"),
    E(titles._RELEASE, "1.", "v1", "release ", anchored=True),
    E(titles._TOOLING_CLAIM, "fix ", "the ", anchored=True),
    E(titles._OBJECT, "ab ", "ab a ", anchored=True),
    *[E(p, "fix ", "make a ", "test on ") for _, p in titles._ANYWHERE],
    *[E(p, "make ", "make a", "to improve ") for _, p in titles._PHRASES],
    E(titles._NOISE, "review ", "wip", anchored=True),
    E(titles._BRANCH, "ab", "ab/", anchored=True),
    E(titles._BRANCH_BOTS, "dependabot", anchored=True),
    E(titles._MERGED_BRANCH, "Merge PR #1 from ", anchored=True),
    E(titles._CLOSES, "fixes ", "fix a/a#", "close #1"),
    E(titles._PR_REF, " (#1)", " ", "(#1)"),
    E(titles._SCOPE, "(", "(a", "(a)!"),
    E(titles._SCOPE_WORDS, "type", "typing", anchored=True),
    E(r"\[([^\]]{1,40})\]", "[", "[a"),
    E(
        titles.__name__,
        "fix",
        "fixes ",
        "[a] ",
        call=_titled,
        key="checks/titles.py: re.escape(w) + '(?![\\\\w-])'",
    ),
    E(paths.__name__, "a", "a/", call=_glob_path("*a*b*.py"), key="checks/paths.py: glob"),
    E(sides.EXPORT_DECORATOR, "_", "a_export", "export_"),
    E(
        spelling_clean.__name__,
        "teh ",
        "teh-",
        "a",
        call=_carried,
        key="checks/spelling/spelling_clean.py: pattern",
    ),
    E(escape._UNSAFE, "\x1b", "a\x00"),
    E(escape._UNSAFE_JSON, "\x85", "a\u2028"),
    E(escape._MARKDOWN, "`", "a*"),
    E(escape._MENTION, "@", "@a"),
    E(escape._AUTOLINK, "www", "http", "://"),
    E(escape._REFERENCE, "#", "#1"),
    E(escape._GH_REFERENCE, "gh", "GH-", "gh-1", " gh-1"),
    E(escape._COMMAND_START, " ", ":", " :", call=escape._COMMAND_START.match),
    E(escape._LOG_COMMAND, "#", "##", "##vso", "##teamcity"),
    E(escape._GROUP_START, " ", "-", " -", "--", call=escape._GROUP_START.match),
    E(escape._SARIF_LITERAL, "\\", "[", "\\["),
    E("`+", "`", "a`"),
    E(history_html._PR, "#", "#1", "#11"),
    E(r"``([^`\n]{1,200})``", "``", "``a", "`"),
    # issue reports (checks/issues): the report's title and body are contributed text
    E(issue_text._BOLD, "**", "**a", "__a", anchored=True),
    E(issue_text._LABEL, "a", "a ", "a:", anchored=True),
    E(issue_text._LINK, "http://", "https://a"),
    E(issue_text._IMAGE, "![", "![a]", "<img"),
    E(issue_text._NON_WORD, "-", "a-"),
    E(templates.BOX, " ", "- [", "- [x] ", anchored=True),
    E(templates._FRONT, "---\n", "a\n", anchored=True),
    E(kinds.TRACEBACK, "Traceback (", ' File "', " "),
    E(kinds.BUILD_FAILED, "build ", "pip install ", "fails to ", "cannot ", "a "),
    E(kinds.TITLE_TAG, "[", "a", "a-", anchored=True),
    E(kinds._QUESTION, "how", "is ", anchored=True),
    E(kinds.EXCEPTION_LINE, " ", "a:", "a.", "AError", "AError:", anchored=True),
    E(snippet._PROMPT, " ", ">>>", "In [", anchored=True),
    E(snippet._SHELL_LINE, " ", "pip", "pip ", anchored=True),
    E(snippet._CODE_HINT, " ", "import", "\nfrom "),
    E(snippet._OUTPUT_HINT, "Traceback", ' File "', " "),
    E(reproduction.CONFIG_FILE, "a", "a.", "a.json", "config ", "-a.ya"),
    E(reproduction._FILE, "a", "a.", "/a.csv", "a.csv."),
    E(versions._VERSION_AFTER, " ", "1.", "a 1", "v1.1", anchored=True),
    E(versions._LATEST, " ", "lates", anchored=True),
    E(versions._DEVELOPMENT, "de", "+g", "+a"),
    E(versions._NAME_EDGE, "a", "-", anchored=True),
    E(versions._WORD, "a", "-"),
    E(versions._NUMBERS, "1.", "1", anchored=True),
    E(unversioned.NUMBER_GIVEN, "1", "1.", "v1.1", " 1.1"),
    E(unversioned.NAMED_NUMBER, "python", "python 3", "win1", " "),
    E(versions._NAMED_BUILD, "a", "main", "mai"),
    E(versions._SITE, "/site-packages/", "/", "/dist-packages/a"),
    E(versions._MODULE_ERROR, "module 'a", "module 'a.", "cannot import name 'a' from '"),
    E(versions._MARKDOWN_HEADING, " ", "#", "**", "**a", "**a**", anchored=True),
    E(traceback_complete._START, "Traceback (", "Traceback"),
    E(traceback_complete._IPYTHON_FRAME, " ", "Cell In[", "File a:", "a.py", "-", anchored=True),
    E(traceback_complete._FRAME, " ", 'File "', 'File "a", line ', anchored=True),
    E(traceback_complete._EXCEPTION, " ", "a.", "AError", "a: ", anchored=True),
    E(traceback_complete._NATIVE, "Segmentation", "core", "SIG"),
    E(traceback_complete.CRASH_SAID, "crash", "crashes", "crashe"),
    E(traceback_complete.ERROR_SAID, "get ", "get a ", "the following ", "got error"),
    E(traceback_complete._ERROR_SHOWN, "A", "AError", "error ", "error: ", ".txt"),
    E(template_filled._TITLE_PLACEHOLDER, "<", "<a ", "<a b", "a-"),
    E(template_filled._ORIGINALLY, "_", "__Originally"),
    E(unfilled.INSTRUCTION, "describe", "please", "a", anchored=True),
    E(unfilled.BRACKETED, " ", "[a", "[a]", "[a]]", anchored=True),
    E(unfilled.PROMPT, " ", "- ", "- a:", "- a: ", anchored=True),
    E(unfilled._EMPTY_ITEM, " ", "1", "1.", "- ", anchored=True),
    E(unfilled._CHOICE, "yes", "yes/", "yes /n"),
    E(template_filled._RENDERS_EMPTY, "&", "&#0", "<br", "</p ", "&nbsp"),
    *[
        E(p, "ghp_", "sk-", "AKIA", "xoxb-", "a" * 10, "-----BEGIN ")
        for _, p in private_data.TOKENS
    ],
    E(private_data._LIST_KEY, " ", "a", "token", "tokens ", "a-", anchored=True),
    E(private_data._LIST_ITEM, " ", "- ", "- a", "-", anchored=True),
    E(private_data._ASSIGNED, "token", "password=", "api_key = '", 'secret: "a'),
    E(private_data._URL_PASSWORD, "a://", "a://b:", "a://b:c", "ab"),
    E(private_data._UNQUOTED, "token", "password=", "db_password = a", "="),
    E(private_data._NAME, "a", "a.", "_1"),
    E(private_data._POSITIONAL, "login(", 'login("a", "', 'connect("a","b",', "-u a:", " -u "),
    E(private_data._AUTHORIZATION, "authorization", "Authorization: Bearer ", "basic a"),
    E(private_data._QUERY, "?", "?token=", "&api_key=a"),
    E(private_data._JOINED, '"', "' + '", '"  '),
    E(private_data._BASE64, "a", "+/", "aA0="),
    E(private_data._HEX, "a", "0f", "a0b"),
    E(personal.EMAIL, "a.", "a@", "a@b.", "@a."),
    E(private_data._HOME, "/home/", "/Users/a", "C:\\Users\\"),
    E(personal._NOT_PERSONAL, "no-reply", ".", "a-", "your_"),
    E(personal._METADATA, " ", "- ", "author"),
    E(personal.PHONE, "phone", "tel: +1", "1 ", "mobile no. 1"),
    E(private_data._NOT_SECRET, "x", "*", "<a", "your_", anchored=True),
    E(duplicate_prone._EXCEPTION_ONLY, "a", "a.", "AError", "[a]: ", anchored=True),
]

# Patterns that never see contributed text, and why.
TRUSTED: dict[str, str] = {
    git._HEADER.pattern.decode(): "git cat-file's own header line, one per object asked for",
    "checks/lazyre.py: self._source": "the door that compiles each ``lazyre.compile`` constant on "
    "first use; every one of them is audited here at its own ``lazyre.compile`` call",
    span._SHA.pattern: "full shas mergeready resolved; fullmatch on 40 characters",
    github._SHA.pattern: "the event's sha fields (GitHub writes them); fullmatch",
    history_context._REMOTE.pattern: "the URL of the clone's own remote (local git config)",
    org_plan._OPTION.pattern: "one word of a line of the repositories list the operator writes",
    org_plan._UNSAFE.pattern: "a repository's name from the operator's list or a clone's folder",
    "checks/spelling/codespell.py: pattern or ''": "compiles the base's ignore-regex to validate "
    "it; runs on no text (the project's own pattern: SECURITY.md says what mergeready cannot "
    "promise for it)",
    "checks/spelling/codespell.py: ignore_regex": "the base configuration's ignore-regex, the "
    "project's own pattern (SECURITY.md); mergeready cannot make a project's pattern linear",
    repository._TAG_VERSION.pattern: "the repository's own tag names, read at the default branch",
    repository._DECLARED.pattern: "the default branch's own pyproject.toml and version module",
    repository._NAME.pattern: "the default branch's own pyproject.toml and setup.cfg",
    repository._PYTHON.pattern: "the default branch's own pyproject.toml and setup.cfg",
}


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for folder in ("checks", "rules", "hooks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text("utf-8"))


def _module(path: str) -> object:
    return importlib.import_module("mergeready." + path[:-3].replace("/", "."))


def _key(path: str, call: ast.Call, target: str | None) -> str:
    """A pattern's key: its text when it is a literal or a module's constant, else its place."""
    try:
        value = ast.literal_eval(call.args[0])
    except ValueError:
        value = None
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, str):
        return value
    if target is not None and hasattr(_module(path), target):
        pattern = getattr(_module(path), target).pattern
        return pattern.decode() if isinstance(pattern, bytes) else pattern
    local = {"closer": "closer", "glob": "glob"}.get(target or "", None)
    where = {"checks/paths.py": "glob", "checks/text/markup.py": "closer"}.get(path)
    return f"{path}: {where or local or ast.unparse(call.args[0])}"


def _found() -> dict[str, set[str]]:
    """Every pattern of the source, by key, with how its callers use it (anchored or scan)."""
    trees = list(_sources())
    uses: dict[str, set[str]] = {}
    for _path, tree in trees:  # every ``NAME.method(`` and every other mention of a name
        parents = {id(c): n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
        for node in ast.walk(tree):
            name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
            if not isinstance(node, (ast.Name, ast.Attribute)) or name is None:
                continue
            parent = parents.get(id(node))
            call = parents.get(id(parent))
            if isinstance(parent, ast.Attribute) and isinstance(call, ast.Call):
                uses.setdefault(name, set()).add("anchored" if parent.attr in _ANCHORED else "scan")
            elif not (isinstance(parent, (ast.Assign, ast.AnnAssign)) and node in _targets(parent)):
                uses.setdefault(name, set()).add("scan")  # passed on: assume the worst
    found: dict[str, set[str]] = {}
    for path, tree in trees:
        parents = {id(c): n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
        for node in ast.walk(tree):
            if not _is_re_call(node):
                continue
            assert isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            target = _assigned(parents.get(id(node)))
            if node.func.attr != "compile":
                how = {"anchored" if node.func.attr in _ANCHORED else "scan"}
            elif target is not None:
                how = uses.get(target, set()) or {"scan"}
            else:
                how = {"scan"}
            found.setdefault(_key(path, node, target), set()).update(how)
    return found


def _is_re_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _CALLS
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in ("re", "lazyre")  # lazyre.compile: compiled on first use
        and bool(node.args)
    )


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return list(node.targets) if isinstance(node, ast.Assign) else [node.target]


def _assigned(parent: ast.AST | None) -> str | None:
    if isinstance(parent, (ast.Assign, ast.AnnAssign)):
        target = _targets(parent)[0]
        return target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
    return None


def _entry_key(entry: Entry) -> str:
    if entry.key is not None:
        return entry.key
    pattern = entry.compiled.pattern
    return pattern.decode() if isinstance(pattern, bytes) else pattern


def test_every_pattern_in_the_source_is_measured_or_trusted():
    found = _found()
    listed = {_entry_key(e): e for e in PATTERNS}
    missing = sorted(k for k in found if k not in listed and k not in TRUSTED)
    assert not missing, f"add these patterns to PATTERNS (or TRUSTED, with why): {missing}"
    stale = sorted(k for k in [*listed, *TRUSTED] if k not in found)
    assert not stale, f"these entries name no pattern of the source any more: {stale}"
    scanned = sorted(k for k, e in listed.items() if e.anchored and "scan" in found[k])
    assert not scanned, f"a caller scans with these; measure them unanchored: {scanned}"


def test_the_audit_finds_every_kind_of_call():
    # The walk sees module constants, patterns in tables, inline calls and run-time patterns.
    found = _found()
    assert found[codespell.URI.pattern] == {"scan"}
    assert found[blocks._FENCE.pattern] == {"anchored"}
    assert found[r"[-\s]+"] == {"scan"}
    assert "checks/paths.py: glob" in found and git._HEADER.pattern.decode() in found
    assert mechanism._WORD_TYPES[0][1].pattern in found


# The regex parser: re._parser from Python 3.11 (sre_parse, before, now warns when imported).
_sre: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")


def _chars(parsed: object, out: set[str]) -> None:
    for op, av in parsed:  # type: ignore[attr-defined]
        name = str(op)
        if name == "LITERAL":
            out.add(chr(av))
        elif name == "NOT_LITERAL":
            out.add("b" if chr(av) == "a" else "a")
        elif name == "IN":
            out.update(_members(av))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            _chars(av[2], out)
        elif name == "SUBPATTERN":
            _chars(av[-1], out)
        elif name == "BRANCH":
            for branch in av[1]:
                _chars(branch, out)
        elif name in ("ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
            _chars(av[-1], out)


def _members(items: list[tuple[object, object]]) -> set[str]:
    """One character for each member of a character class."""
    out = set()
    for o, a in items:
        if str(o) == "LITERAL":
            out.add(chr(a))  # type: ignore[arg-type]
        elif str(o) == "RANGE":
            out.add(chr(a[0]))  # type: ignore[index]
        elif str(o) == "CATEGORY":
            out.add({"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " "}.get(str(a), "a"))
    return out


def _example(parsed: object) -> str:
    """A string the pattern nearly matches: one of each repeat, the first branch."""
    out = []
    for op, av in parsed:  # type: ignore[attr-defined]
        name = str(op)
        if name == "LITERAL":
            out.append(chr(av))
        elif name in ("NOT_LITERAL", "ANY"):
            out.append("a" if name == "ANY" or chr(av) != "a" else "b")
        elif name == "IN":
            chars: set[str] = set()
            _chars([(op, av)], chars)
            out.append(min(chars) if chars else "a")
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            out.append(_example(av[2]) * max(1, min(av[0], 3)))
        elif name == "SUBPATTERN":
            out.append(_example(av[-1]))
        elif name == "BRANCH":
            out.append(_example(av[1][0]))
    return "".join(out)


def derived_units(pattern: str | bytes) -> list[Text]:
    """Units to repeat: the pattern's own characters, and a string it nearly matches."""
    text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
    parsed = _sre.parse(text)
    chars: set[str] = {"a", " ", "\n", "1", "-"}
    _chars(parsed, chars)
    near = _example(parsed)
    pairs = sorted({"a" + c for c in chars} | {c + " " for c in chars})  # "a.", "# "…
    units = sorted(chars) + pairs + [u for u in (near, near[:-1], near + " ") if u]
    if isinstance(pattern, bytes):
        return [u.encode("latin-1", "replace") for u in units if ord(max(u)) < 256]
    return list(units)


def _screen(call: Callable[[Text], object], unit: Text) -> float:
    def make(n: int) -> Text:
        return unit * (n // len(unit) + 1)

    last = 1e-7
    for n in (8, 16, 32, 64, 128, 256):  # exponential backtracking shows (and stops) early
        took = _best(call, make(n), 3)  # type: ignore[arg-type]
        if took > 1e-3 and took > 16 * last:
            return float("inf")
        last = max(took, 1e-7)
    ratio = growth(call, make, n=1500)  # type: ignore[arg-type]
    for _ in range(3):  # a suspect is measured again before it counts (a busy machine)
        if ratio < 4:
            break
        ratio = min(ratio, growth(call, make, n=1500))  # type: ignore[arg-type]
    return ratio


@pytest.mark.parametrize("entry", PATTERNS, ids=[e.name for e in PATTERNS])
def test_every_pattern_is_linear_on_adversarial_repetitions(entry):
    call = entry.runner()
    units = list(entry.units)
    if entry.call is None:
        units += derived_units(entry.compiled.pattern)
    if isinstance(entry.compiled.pattern, bytes):
        units = [u.encode() if isinstance(u, str) else u for u in units]
    slow = {repr(u): r for u in dict.fromkeys(units) if (r := _screen(call, u)) >= 4}
    assert not slow, (entry.name, slow)


def _links_by_rescanning(line: str) -> list[tuple[int, str, str]]:
    """The quadratic reading the linear one replaced: scan from every ``](`` to its end."""
    out = []
    pos = line.find("](")
    while pos != -1:
        start = pos + 2
        while start < len(line) and line[start] in " \t":
            start += 1
        if start < len(line) and line[start] == "<":
            end = line.find(">", start)
            target = line[start + 1 : end] if end != -1 else ""
        else:
            depth, end = 0, start
            while end < len(line) and not line[end].isspace():
                if line[end] == "(":
                    depth += 1
                elif line[end] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                end += 1
            target = line[start:end]
        opener = line.rfind("[", 0, pos)
        kind = "image" if opener > 0 and line[opener - 1] == "!" else "link"
        if target:
            out.append((start + 1, target, kind))
        pos = line.find("](", pos + 2)
    return out


@settings(max_examples=500, deadline=None)
@given(line=st.text("[]()!a <>\t", max_size=40))
def test_linear_markdown_links_read_as_the_rescanning_reader(line):
    found = [(k.column, k.target, k.kind) for k in markup._inline_links(line, 1)]
    assert found == _links_by_rescanning(line)


@settings(max_examples=300, deadline=None)
@given(line=st.text("<!-> a", max_size=40))
def test_comment_masking_reads_as_the_pattern_it_replaced(line):
    old = re.sub(r"<!--.{0,2000}?-->", lambda m: " " * len(m.group()), line)
    assert markup._mask_comments(line) == old
