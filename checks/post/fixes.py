"""What ``mergeready fix`` changes, computed from a check's result: pure, nothing is written.

``edits(contribution, result, options, number)`` turns the findings of one run of the checks
into whole-file edits at head: the missing changelog fragment or entry (changelog-updated's
MR301), docstring entries for undocumented parameters, return values and raised exceptions
(docstrings-complete's MR202–MR204, with ``TODO: describe`` that MR209 keeps failing), and
codespell's suggestion for a misspelled word on an added line (spelling-clean's MR401) when it
offers exactly one — in code files only where the code stays the same (a comment, a docstring;
never a name, keyword or string literal: ``fix_guard.code_unchanged``, which every edit to a
Python file or notebook passes again before it is offered). Each edit knows the text it was
computed from, so the caller writes it only where the file is still that text; running the
checks again on the result finds nothing more to fix, so a second ``fix`` changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from mergeready.checks.changelog.fixes import ChangelogEdit, changelog_edit, entry_title
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import git_lines
from mergeready.checks.docstrings.definition_findings import parameters_of
from mergeready.checks.docstrings.definitions import file_style
from mergeready.checks.docstrings.fixes import stub
from mergeready.checks.docstrings.overrides import taken_from_base
from mergeready.checks.model import CheckResult, Finding, Result
from mergeready.checks.post.fix_guard import code_unchanged, entry_line
from mergeready.checks.python.public_api import Scope
from mergeready.checks.spelling.codespell import Speller

DOCSTRING_CODES = frozenset({"MR202", "MR203", "MR204"})
_ODD_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@dataclass(frozen=True)
class Edit:
    """One file to write: its text at head (None for a new file) and its new text."""

    path: str
    before: str | None
    after: str
    what: tuple[str, ...]


@dataclass(frozen=True)
class Unfixed:
    """An error finding no edit answers, so that ``check`` still fails on it, and why."""

    check: str
    finding: Finding
    why: str


@dataclass(frozen=True)
class Fixes:
    """The edits to make, what could not be fixed (one line each), and the errors left."""

    edits: tuple[Edit, ...]
    problems: tuple[str, ...]
    unfixed: tuple[Unfixed, ...] = ()


WHY: Final = {
    "MR101": "fix writes no test: what to assert is yours to say",
    "MR201": "fix writes entries into a docstring, not the docstring itself",
    "MR202": "the docstring that should hold the entry is missing, or cannot be edited in place",
    "MR203": "the docstring is missing, or cannot be edited in place",
    "MR204": "the docstring is missing, or cannot be edited in place",
    "MR208": "an entry for a name the signature lacks is a typo or a removed parameter: "
    "only you know which",
    "MR209": "only you can say what each entry means",
    "MR401": "codespell offers more than one correction, or none",
    "MR402": "fix does not rewrite the title or commit messages: reword them "
    "(git commit --amend, or git rebase -i)",
}


def edits(
    contribution: Contribution,
    result: Result,
    options: Mapping[str, Any],
    number: str | None = None,
) -> Fixes:
    """Compute the edits that fix what a run of the checks found.

    Args:
        contribution: The contribution the result is for, told its types.
        result: The checks' result.
        options: For each check id, its ``Options`` instance.
        number: The pull request number (names a towncrier fragment), when known.

    Returns:
        The edits, one per file, and the problems that kept a fix from being made.
    """
    checks = {c.id: c for c in result.checks}
    texts: dict[str, str] = {}
    what: dict[str, list[str]] = defaultdict(list)
    problems: list[str] = []
    answered: set[tuple[str, str | None, int | None]] = set()
    why = dict(WHY)
    spelling = checks.get("spelling-clean")
    if spelling is not None:
        _spelling(contribution, spelling, options["spelling-clean"], texts, what, answered)
    docs = checks.get("docstrings-complete")
    if docs is not None:
        _docstrings(
            contribution, docs, options["docstrings-complete"], texts, what, problems, answered
        )
    out = _file_edits(contribution, texts, what, problems)
    changelog = checks.get("changelog-updated")
    if changelog is not None and any(f.code == "MR301" for f in changelog.findings):
        entry = _changelog_entry(contribution, options, number)
        if entry.path is None:
            why["MR301"] = f"changelog not written: {entry.problem}"
        else:
            out.append(Edit(entry.path, entry.before, entry.after, ("changelog entry",)))
            answered.update(("MR301", f.path, f.line) for f in changelog.findings)
    return Fixes(tuple(out), tuple(problems), _left(result, why, answered))


def _left(
    result: Result, why: Mapping[str, str], answered: set[tuple[str, str | None, int | None]]
) -> tuple[Unfixed, ...]:
    """The errors no edit answers, each with why fix leaves it."""
    return tuple(
        Unfixed(c.id, f, why.get(f.code, f"fix does not answer {c.id}'s {f.code}"))
        for c in result.checks
        for f in c.findings
        if f.severity == "error" and (f.code, f.path, f.line) not in answered
    )


def _file_edits(
    contribution: Contribution,
    texts: Mapping[str, str],
    what: Mapping[str, list[str]],
    problems: list[str],
) -> list[Edit]:
    """The edits of the files whose text changed and whose code did not (else a problem)."""
    out = []
    for path, text in texts.items():
        before = _head(contribution, path)
        if text == before:
            continue
        if before is not None and not code_unchanged(path, before, text):
            problems.append(f"{path} not written: the edit would change its code")
            continue
        out.append(Edit(path, before, text, tuple(what[path])))
    return out


def _changelog_entry(
    contribution: Contribution, options: Mapping[str, Any], number: str | None
) -> ChangelogEdit:
    """The changelog entry for the contribution, its title spelled right when spelling runs."""
    title = entry_title(contribution)
    if title is not None and "spelling-clean" in options:
        title = entry_line(corrected(title, options["spelling-clean"]))
    return changelog_edit(contribution, options["changelog-updated"], number, title)


def corrected(line: str, options: Any) -> str:
    """Apply codespell's single suggestion to each misspelled word of one line.

    Args:
        line: The text.
        options: spelling-clean's options (dictionaries, ignored words and regex).

    Returns:
        The line with each unambiguous misspelling replaced.
    """
    speller = Speller.get(options.dictionaries, options.ignore_words, options.ignore_regex)
    for word, fixes, col in reversed(speller.line(line, options.inline_ignore)):
        if len(fixes) == 1 and line[col - 1 :].startswith(word):
            line = line[: col - 1] + fixes[0] + line[col - 1 + len(word) :]
    return line


def _head(contribution: Contribution, path: str) -> str | None:
    f = contribution.file(path)
    return contribution.text(f) if f is not None else contribution.head_text(path)


def _spelling(
    contribution: Contribution,
    result: CheckResult,
    options: Any,
    texts: dict[str, str],
    what: dict[str, list[str]],
    answered: set[tuple[str, str | None, int | None]],
) -> None:
    """Replace each misspelling that has exactly one suggestion, on the lines found."""
    speller = Speller.get(options.dictionaries, options.ignore_words, options.ignore_regex)
    for path, found in _misspellings(result).items():
        text = texts.get(path, _head(contribution, path))
        if text is None:
            continue
        lines = git_lines(text)
        for finding in sorted(found, key=lambda x: (x.line or 0, -(x.column or 0))):
            for said in _respell(speller, options.inline_ignore, path, text, lines, finding):
                what[path].append(said)
                answered.add(("MR401", path, finding.line or 0))
        texts[path] = _text(lines, text)


def _misspellings(result: CheckResult) -> dict[str, list[Finding]]:
    """The misspellings (MR401) that name a path, line and column, by path."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        if finding.code == "MR401" and finding.path and finding.line and finding.column:
            by_path[finding.path].append(finding)
    return by_path


def _respell(
    speller: Speller, inline_ignore: bool, path: str, text: str, lines: list[str], finding: Finding
) -> list[str]:
    """Replace the finding's word in ``lines`` when codespell offers one correction and the
    file's code stays the same; say what was replaced."""
    number, column = finding.line or 0, finding.column or 0
    if number > len(lines):
        return []
    line = lines[number - 1]
    said = []
    for word, fixes, col in speller.line(line, inline_ignore):
        if col == column and len(fixes) == 1 and line[col - 1 :].startswith(word):
            fixed = line[: col - 1] + fixes[0] + line[col - 1 + len(word) :]
            trial = [*lines[: number - 1], fixed, *lines[number:]]
            if not code_unchanged(path, text, _text(trial, text)):
                continue  # a name, keyword or string in code: reported, never renamed
            lines[number - 1] = fixed
            said.append(f"spelling: {word} → {fixes[0]} (line {number})")
    return said


def _text(lines: list[str], original: str) -> str:
    """Join git's lines again, ending as the original text ends."""
    return "\n".join(lines) + ("\n" if original.endswith("\n") else "")


def _docstrings(
    contribution: Contribution,
    result: CheckResult,
    options: Any,
    texts: dict[str, str],
    what: dict[str, list[str]],
    problems: list[str],
    answered: set[tuple[str, str | None, int | None]],
) -> None:
    """Add docstring entries where docstrings-complete found them missing."""
    import ast

    wanted: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for finding in result.findings:
        if finding.code in DOCSTRING_CODES and finding.path and finding.line:
            wanted[finding.path][finding.line].add(finding.code)
    for path, lines in wanted.items():
        f = contribution.file(path)
        if f is None:
            continue
        tree, _ = contribution.python(f)
        text = texts.get(path, contribution.text(f))
        if tree is None or text is None:
            continue
        if any(c in text for c in _ODD_BREAKS):  # only where Python's lines are git's lines
            problems.append(f"docstrings in {path} not written: its lines do not end in \\n alone")
            continue
        if path in texts:  # spelling changed words on some lines: parse the columns anew
            try:
                tree = ast.parse(text)
            except SyntaxError:
                continue
        style = file_style(tree, options.convention)
        taken = _taken(contribution, tree, path, set(lines), options)
        wanted_here = {n: frozenset(c) for n, c in lines.items()}
        new, written = stub(text, tree, wanted_here, options, style, taken)
        if new != text:
            texts[path] = new
            what[path].append(f"docstrings: entries added for {len(written)} definition(s)")
            answered.update((code, path, n) for n in written for code in lines[n])


def _taken(
    contribution: Contribution, tree: Any, path: str, lines: set[int], options: Any
) -> dict[int, frozenset[str]]:
    """For each method on ``lines``, the parameters it takes from the base class's method it
    overrides: the check's own decision (``taken_from_base``), so ``fix`` writes only what
    the check asks for."""
    import ast

    out: dict[int, frozenset[str]] = {}
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for node in cls.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno in lines:
                scope = Scope(node, f"{cls.name}.{node.name}", cls)
                taken = taken_from_base(contribution, tree, path, scope, options)
                out[node.lineno] = (
                    frozenset(parameters_of(node, True, options)) if taken is None else taken
                )
    return out
