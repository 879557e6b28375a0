"""spelling-clean's reading of the title and the commit messages, and its wording of a finding.

A title or subject line's misspelled word is an error, said once per line however often it is
there (a 4 MB subject of one word repeated was 200,000 findings); a message body's words are
warnings, once per message. Messages come cut to ``text.bounds.MAX_MESSAGE`` characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from mergeready.checks.classify.signals import subject_of
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import git_lines
from mergeready.checks.model import Finding
from mergeready.checks.spelling.codespell import Speller


def messages(
    contribution: Contribution, speller: Speller, inline: bool, words_where: str
) -> Iterator[tuple[str, Finding]]:
    """Spell the title and each commit subject (errors), and each message body (warnings).

    A message body is advice, not a gate: its words are warnings, each reported once per
    message with the lines it is on, so a squash message of many commits is not re-judged line
    by line (Keras #23109 squashed 3,687 lines; every one of its words failed the check).

    Args:
        contribution: the contribution whose title and commits are read.
        speller: codespell's dictionaries.
        inline: whether ``codespell:ignore`` comments are honoured.
        words_where: where the project keeps its ignored words, for the hint.

    Yields:
        ``(word, finding)`` pairs.
    """
    texts = [("title", t) for t in [contribution.title] if t]
    texts += [(f"commit {c.sha[:8]}", c.message) for c in contribution.commits]
    for where, text in texts:
        subject = subject_of(text) if where != "title" else None
        body: dict[str, tuple[Sequence[str], list[int]]] = {}
        for number, line in enumerate(git_lines(text), start=1):
            if where != "title" and line.strip() != subject:
                _body_words(speller.line(line, inline), number, body)
                continue
            place = where if where == "title" else f"{where} message line {number}"
            yield from _title_words(speller.line(line, inline), place, words_where)
        yield from _body_warnings(where, body, words_where)


def _body_words(
    found: Iterable[tuple[str, Sequence[str], int]],
    number: int,
    body: dict[str, tuple[Sequence[str], list[int]]],
) -> None:
    for word, fixes, _ in found:
        body.setdefault(word, (fixes, []))[1].append(number)


def _title_words(
    found: Iterable[tuple[str, Sequence[str], int]], place: str, words_where: str
) -> Iterator[tuple[str, Finding]]:
    """One MR402 error per distinct misspelled word of a title or subject line."""
    seen: dict[str, tuple[Sequence[str], list[int]]] = {}
    for word, fixes, col in found:
        seen.setdefault(word, (fixes, []))[1].append(col)
    for word, (fixes, cols) in seen.items():
        more = f", and {len(cols) - 1:,} more time{'s' * (len(cols) > 2)}" * (len(cols) > 1)
        message = f"{word!r} may be misspelled in the {place} (column {cols[0]}{more})"
        said = f"{message}; did you mean {either(fixes)}?"
        yield word, Finding("MR402", "error", said, hint=hint(word, fixes, words_where))


def _body_warnings(
    where: str, body: Mapping[str, tuple[Sequence[str], list[int]]], words_where: str
) -> Iterator[tuple[str, Finding]]:
    """One warning per word of a message body, with the first three lines it is on."""
    for word, (fixes, numbers) in body.items():
        lines = ", ".join(map(str, numbers[:3])) + (" …" if len(numbers) > 3 else "")
        said = f"line{'s' * (len(numbers) > 1)} {lines}); did you mean {either(fixes)}?"
        message = f"{word!r} may be misspelled in the {where} message body ({said}"
        yield word, Finding("MR402", "warning", message, hint=hint(word, fixes, words_where))


def either(fixes: Sequence[str]) -> str:
    """Write codespell's suggestions as a reader reads them (``'a' or 'b'``).

    Args:
        fixes: the suggestions.

    Returns:
        The text, or "another word" when there is none.
    """
    return " or ".join(repr(x) for x in fixes) if fixes else "another word"


def hint(word: str, fixes: Sequence[str], where: str) -> str:
    """Say what to do about a misspelled word: replace it, or add it where ignored words are kept.

    Args:
        word: the misspelled word.
        fixes: codespell's suggestions.
        where: where the project keeps its ignored words.

    Returns:
        The hint.
    """
    fix = f"replace it with {fixes[0]!r}" if fixes else "reword it"
    return f"{fix}, or add {word.lower()!r} to {where or 'checks.spelling-clean.ignore-words'}"
