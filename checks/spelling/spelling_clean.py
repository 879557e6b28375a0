"""spelling-clean: no known misspellings in the lines the contribution adds.

codespell's own dictionaries (``clear`` and ``rare`` by default) are applied in-process to the
added lines of text files, and to the pull request title and the commit messages when they are
known (the title and each commit's subject fail the check; a message body's words are warnings,
each once per message). Each finding names the word, codespell's suggestion(s) and
``path:line:column``. An
``ignore-words`` list and an ``ignore-regex`` in the rules silence words (read from the base
revision when there is one, never from the contribution). A ``codespell:ignore`` comment on a
line is honoured as codespell honours it only when the base configuration says
``inline-ignore: true`` or in a whole-tree audit (``--all`` without ``--base``): a contributed
comment never switches a check off. In a Jupyter notebook only the cells' sources are read
(their JSON strings decoded, outputs and metadata never), on the lines the contribution
touches. Binary files, translation files, lock files and minified files are skipped, and so
is what is not the project's own prose (unless ``prose-only: false``): binary formats told by
their content (a PDF, an image, an archive, whatever the extension), translated pages
(``README.de.md``), and files the base's ``.gitattributes`` marks ``linguist-vendored`` or
``linguist-generated``. In mergeready's own configuration (``.mergeready.yaml``, the
``[tool.mergeready]`` tables of ``pyproject.toml``) and codespell's (``[tool.codespell]``,
``[codespell]`` in ``setup.cfg`` or ``.codespellrc``) only comments are prose: keys, ids and
word lists are the loader's to judge (a misspelled key is one ``MR010``) or words that are not
English on purpose. A text file too
large to read or holding a NUL byte gets a warning, and the summary says it was not checked.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final

from mergeready.checks.attributes import NO_ATTRIBUTES, Attributes
from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import LFS_TEXT, NUL_TEXT, decode, git_lines
from mergeready.checks.diffkind import generated
from mergeready.checks.errors import OptionError
from mergeready.checks.model import CheckResult, Finding, failed, passed, plural, skipped
from mergeready.checks.paths import first_match
from mergeready.checks.spelling.code_tokens import (
    Spans,
    identifiers,
    in_code,
    python_spans,
    tokens,
)
from mergeready.checks.spelling.codespell import Speller, dictionaries, regex_problem
from mergeready.checks.spelling.messages import either, hint, messages
from mergeready.checks.spelling.prose import (
    binary_format,
    configuration_prose,
    translated_layout,
    translated_page,
)
from mergeready.checks.text.notebooks import NotJson, cells, load, source_lines

HOOK: Final = {  # its entry in .pre-commit-hooks.yaml (tests/test_consistency.py compares)
    "id": "mergeready-spelling",
    "description": "No known misspellings in the lines you add.",
    "types": ("text",),
    "stages": ("pre-commit",),
}
CODES: Final = {
    "MR401": "a misspelled word in an added line",
    "MR402": "a misspelled word in the pull request title or a commit message",
    "MR403": "a text file was too large to check, or holds a NUL byte",
}


@dataclass(frozen=True)
class Options:
    """Options of spelling-clean (the keys of its block in the rules)."""

    ignore_words: tuple[str, ...] = ()
    ignore_regex: str | None = None
    dictionaries: tuple[str, ...] = ("clear", "rare")
    skip: tuple[str, ...] = (
        "*.po",
        "*.pot",
        "*.mo",
        "**/locale/**",
        "**/translations/**",
        "*.lock",
        "*-lock.json",
        "*.lock.json",
        "package-lock.json",
        "*.min.js",
        "*.min.css",
        "*.map",
        "*.svg",
        "*.csv",
    )
    messages: bool = True
    codespell_config: bool = True
    inline_ignore: bool = False
    ignore_words_where: str = ""
    prose_only: bool = True
    attributes: Attributes = NO_ATTRIBUTES  # the base's .gitattributes, from the rules loader

    def __post_init__(self) -> None:
        """Refuse an ignore-regex that does not compile or a dictionary codespell lacks.

        Raises:
            OptionError: Naming the key and, for a dictionary, the nearest one.
        """
        problem = regex_problem(self.ignore_regex)
        if problem:
            raise OptionError("ignore-regex", f"is not a valid regular expression ({problem})")
        known = dictionaries()
        for name in self.dictionaries:
            if name not in known:
                raise OptionError("dictionaries", f"has unknown value {name!r}", name, known)


def check(contribution: Contribution, options: Options) -> CheckResult:
    """No known misspellings in added lines, the title or commit messages.

    Args:
        contribution: The contribution.
        options: This check's options.

    Returns:
        The check's result.
    """
    speller = Speller.get(options.dictionaries, options.ignore_words, options.ignore_regex)
    findings: list[Finding] = []
    words: set[str] = set()
    kept: set[str] = set()  # words carried over from the base's lines: not the contributor's
    skipped_files = checked = unchecked = not_prose = 0
    inline = options.inline_ignore or contribution.is_audit  # an audit contributes no line
    for f in contribution.files:
        if not f.exists or f.kind != "file":
            continue
        if first_match(f.path, options.skip):
            skipped_files += 1
            continue
        data, reason = contribution.data(f)
        if data is None:
            if reason.startswith(("larger than", NUL_TEXT, LFS_TEXT)):
                unchecked += 1
                findings.append(Finding("MR403", "warning", f"not checked: {reason}", f.path))
            continue
        if options.prose_only and (
            binary_format(data)
            or translated_page(f.path)
            or translated_layout(f.path, contribution.head_paths())
            or options.attributes.excluded(f.path)
            or generated(contribution, f, options.attributes)  # by its header at the base
        ):
            not_prose += 1
            continue
        checked += 1
        carried = _carried(contribution, f, kept)
        honoured = _honoured(contribution, f.path, inline)
        reading = _Reading(speller, honoured, options.ignore_words_where)
        for word, finding in _capped(
            f.path, _found(contribution, f, decode(data), reading, carried)
        ):
            words.add(word)
            findings.append(finding)
    findings, ours = _without_project_words(contribution, findings)
    words = {w for w in words if w.lower() not in ours}
    if options.messages:
        for word, finding in messages(contribution, speller, inline, options.ignore_words_where):
            words.add(word)
            findings.append(finding)
    errors = [x for x in findings if x.severity == "error"]
    if errors:
        listed = ", ".join(sorted(words)[:5]) + (" …" if len(words) > 5 else "")
        unread = f" ({plural(unchecked, 'file')} not checked)" if unchecked else ""
        return failed(f"{plural(len(errors), 'misspelling')}: {listed}{unread}", findings)
    note = _note(skipped_files, not_prose, unchecked, kept)
    if not checked and not contribution.title and not contribution.commits:
        return skipped(f"no added text to check{note}", findings)
    return passed(f"no misspellings in {plural(checked, 'file')}{note}", findings)


MAX_PER_WORD: Final = 20
"""Findings of one word listed per file; the rest are counted in one more."""
MAX_PER_FILE: Final = 1_000
"""Findings read per file: a file cannot make a report grow without bound (attack 5's F7)."""


def _capped(path: str, found: Iterator[tuple[str, Finding]]) -> Iterator[tuple[str, Finding]]:
    """One file's findings, at most ``MAX_PER_WORD`` of a word and ``MAX_PER_FILE`` in all,
    each cut said by a finding of its own."""
    count: collections.Counter[str] = collections.Counter()
    for n, (word, finding) in enumerate(found, start=1):
        count[word] += 1
        if count[word] <= MAX_PER_WORD:
            yield word, finding
        if n == MAX_PER_FILE:
            said = f"more misspellings in this file are not read (at most {MAX_PER_FILE:,})"
            yield word, Finding("MR401", "error", said, path)
            break
    for word, n in count.items():
        if n > MAX_PER_WORD:
            said = f"{word!r} {n - MAX_PER_WORD:,} more times in this file, not listed"
            yield word, Finding("MR401", "error", said, path)


def _honoured(contribution: Contribution, path: str, inline: bool) -> Callable[[int], bool]:
    """Whether a line's inline ignore counts: by the options, in an audit, or on a line
    ``--all`` on a branch keeps as the trusted revision has it (``trusted_line``)."""
    if inline:
        return lambda _: True
    return lambda number: contribution.trusted_line(path, number)


def _in_code(contribution: Contribution, finding: Finding) -> bool:
    """A misspelling in Python code that the contribution wrote (not a line ``--all`` on a
    branch keeps as the trusted revision has it, judged as in that revision's audit)."""
    path, line = finding.path or "", finding.line or 0
    return (
        finding.code == "MR401"
        and path.endswith(".py")
        and not (contribution.mode == "all" and contribution.trusted_line(path, line))
    )


def _word(finding: Finding) -> str:
    return finding.message.split("'", 2)[1].lower() if finding.message.count("'") >= 2 else ""


def _without_project_words(
    contribution: Contribution, findings: list[Finding]
) -> tuple[list[Finding], frozenset[str]]:
    """Drop the words flagged in Python code that the base's own code already uses.

    Such a word is the project's (an einsum subscript, ``ord="fro"``, a metric's abbreviation):
    one note says which, instead of one failure per line.
    """
    flagged = {_word(x) for x in findings if _in_code(contribution, x)}
    ours = contribution.base_code_words(flagged) if flagged else frozenset()
    if not ours:
        return findings, ours
    kept = [x for x in findings if not (_in_code(contribution, x) and _word(x) in ours)]
    listed = ", ".join(sorted(ours)[:5]) + (" …" if len(ours) > 5 else "")
    note = f"{listed}: the base's own code uses {'them' if len(ours) > 1 else 'it'}, not reported"
    return [*kept, Finding("MR401", "warning", note)], ours


def _note(skipped_files: int, not_prose: int, unchecked: int, kept: set[str]) -> str:
    """What the summary adds: the files skipped or not checked, the words not reported."""
    return (
        (f" ({skipped_files} translation, lock or minified files skipped)" if skipped_files else "")
        + (
            f" ({not_prose} binary, translated, vendored or generated file"
            f"{'s' * (not_prose != 1)} skipped)"
            if not_prose
            else ""
        )
        + (f" ({unchecked} file{'s' * (unchecked != 1)} not checked)" if unchecked else "")
        + (
            f" ({', '.join(sorted(kept)[:5])}: carried over from the base's lines, not reported)"
            if kept
            else ""
        )
    )


@dataclass
class _Carried:
    """What a changed file's base held that its added lines may carry over."""

    removed: str = ""  # the base's lines the head no longer has, lower-cased
    moved: frozenset[str] = frozenset()  # base lines the head has no more copies of
    kept: set[str] = field(default_factory=set)  # the words not reported

    def carries(self, word: str, line: str) -> bool:
        """Tell whether a flagged word on an added line was already the file's; remember it."""
        moved = line in self.moved
        lower = word.lower()
        pattern = rf"(?<![\w-]){re.escape(lower)}(?![\w-])"
        if not moved and (not self.removed or re.search(pattern, self.removed) is None):
            return False
        self.kept.add(lower)
        return True


def _carried(contribution: Contribution, f: ChangedFile, kept: set[str]) -> _Carried:
    """The base lines a contribution removes or moves: a misspelling on them is not new.

    A line rewritten or moved keeps its words: pre-commit #3701 rewrote a test around its
    ``'dne'`` repository name, scrapy #7401 moved code with an ``uptodate`` status. A word the
    contribution adds anew, even one the file already has elsewhere, is still reported, and so
    is one more copy of a base line.
    """
    base = contribution.base_text(f.old_path or f.path) if f.status != "added" else None
    if not base:
        return _Carried(kept=kept)
    before = collections.Counter(git_lines(base))
    after = collections.Counter(git_lines(contribution.text(f) or ""))
    removed = [line for line, n in (before - after).items() for _ in range(n)]
    moved = frozenset(line for line, n in after.items() if 0 < n <= before[line])
    return _Carried("\n".join(removed).lower(), moved, kept)


@dataclass(frozen=True)
class _Reading:
    """How words are read: the speller, on which lines inline ignores count, where words are
    kept."""

    speller: Speller
    inline: Callable[[int], bool]
    where: str


def _file(
    f: ChangedFile, text: str, reading: _Reading, carried: _Carried, code: Callable[[], Spans]
) -> Iterator[tuple[str, Finding]]:
    speller, inline, where = reading.speller, reading.inline, reading.where
    suspects = speller.suspects(text)
    if not suspects:
        return
    for number, line in enumerate(git_lines(text), start=1):
        if f.touches(number) and any(word in line.lower() for word in suspects):
            for word, fixes, col in speller.line(line, inline(number)):
                if not carried.carries(word, line) and not in_code(
                    line, col, word, code().get(number)
                ):
                    yield word, _misspelt(f.path, number, col, word, fixes, where)


def _found(
    contribution: Contribution, f: ChangedFile, text: str, reading: _Reading, carried: _Carried
) -> Iterator[tuple[str, Finding]]:
    """The misspellings of one file: a notebook's cells, or a text file's code-free words."""
    if f.path.endswith(".ipynb"):
        return _notebook(f, text, reading.speller, reading.inline, reading.where, carried)
    text = configuration_prose(f.path, text)  # its names are the loader's to judge (MR010)
    found: list[Spans] = []

    def code() -> Spans:  # tokenized only when a misspelling is found: most files have none
        if not found:
            found.append(_python_code(contribution, f, text) if f.path.endswith(".py") else {})
        return found[0]

    return _file(f, text, reading, carried, code)


def _python_code(contribution: Contribution, f: ChangedFile, text: str) -> Spans:
    """The code spans of a Python file: bare strings, and names the base already uses."""
    read = tokens(text)
    if contribution.is_audit:  # the project's own tree: its names are the project's
        return python_spans(text, identifiers(text, read), read)
    if contribution.mode == "all":  # on a branch: the names the trusted revision's file uses
        base = contribution.trusted_names(f.path)
    else:
        base = contribution.base_text(f.old_path or f.path) if f.status != "added" else None
    return python_spans(text, identifiers(base), read)


def _notebook(
    f: ChangedFile,
    text: str,
    speller: Speller,
    inline: Callable[[int], bool],
    where: str,
    carried: _Carried,
) -> Iterator[tuple[str, Finding]]:
    """A notebook's cell sources (never its outputs or metadata), on the touched lines."""
    if not speller.suspects(text):
        return
    try:
        nb = load(text)
    except NotJson:
        return  # examples-valid says what is wrong with it
    lines = git_lines(text)
    seen: set[tuple[int, int]] = set()
    for cell in cells(text, nb):
        pairs = source_lines(lines, cell)
        for number in dict.fromkeys(n for n, _ in pairs):
            if (cell.index, number) in seen or not f.touches(number):
                continue
            seen.add((cell.index, number))
            raw = lines[number - 1]
            for source in (t for n, t in pairs if n == number):
                for word, fixes, col in speller.line(source, inline(number)):
                    if not carried.carries(word, raw):
                        at = raw.find(word)  # the column in the file, not in the decoded source
                        column = at + 1 if at >= 0 else col
                        yield word, _misspelt(f.path, number, column, word, fixes, where)


def _misspelt(
    path: str, line: int, column: int, word: str, fixes: Sequence[str], where: str
) -> Finding:
    """An MR401 finding: the word, codespell's suggestions, and where to add the word."""
    message = f"{word!r} may be misspelled; did you mean {either(fixes)}?"
    return Finding("MR401", "error", message, path, line, column, hint=hint(word, fixes, where))
