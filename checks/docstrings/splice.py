"""Where new entries go in a docstring: into the section of their kind, or a new one in its place.

Pure list-of-lines in, list-of-lines out, for the three styles the fixer writes (Google, NumPy,
Sphinx fields); ``docstrings.fixes`` decides what to write and calls these.
"""

from __future__ import annotations

from collections.abc import Sequence

from mergeready.checks.docstrings.sections import SECTIONS, is_rule

_GOOGLE_PARAMS = ("args", "arguments", "parameters", "params")
_NUMPY_ORDER = ("parameters", "returns", "yields", "raises")


def into_titled(body: list[str], title: str, entries: Sequence[str], indent: str) -> list[str]:
    """Add entries to a Google section of its own title (Keras's ``Call arguments:``).

    Args:
        body: The docstring's lines, without the line of its closing quotes.
        title: The section's title, without its colon.
        entries: The entry lines, relative to the section's indent.
        indent: The docstring's indentation.

    Returns:
        The new lines: the section gets them, or a new section after ``Args:`` (else at the end).
    """
    for i, line in enumerate(body):
        if line.strip().lower() == title.lower() + ":":
            level = line[: len(line) - len(line.lstrip())]
            stop = _before_varargs(body, i, _last_line(body, i, level))
            return [*body[:stop], *(level + e for e in entries), *body[stop:]]
    section = [indent + title + ":", *(indent + e for e in entries)]
    header = _find_header(body, "params", "google")
    if header is None:  # no Args: either: at the end
        return [*body[: _last_line(body, 0, "")], "", *section]
    stop = _last_line(body, *header)
    return [*body[:stop], "", *section, *body[stop:]]


def _before_varargs(body: Sequence[str], start: int, stop: int) -> int:
    """Where new entries go in a Google section: above a ``*args``/``**kwargs`` entry, which
    Keras (and most projects) keep last; else at the section's end (``stop``)."""
    entry = next((line for line in body[start + 1 : stop] if line.strip()), None)
    if entry is None:
        return stop
    level = len(entry) - len(entry.lstrip())
    for i in range(start + 1, stop):
        line = body[i]
        if len(line) - len(line.lstrip()) == level and line.lstrip().startswith("*"):
            return i
    return stop


def _last_line(body: Sequence[str], start: int, level: str) -> int:
    """Return the index just past a Google section's last line that is not blank."""
    stop = _section_end(body, start, "google", level) if level or start else len(body)
    return _trim_blanks(body, start, stop)


_TITLES = {
    "params": ("Args", "Parameters"),
    "returns": ("Returns", "Returns"),
    "raises": ("Raises", "Raises"),
}


def into_section(
    body: list[str], kind: str, entries: Sequence[str], style: str, indent: str
) -> list[str]:
    """Add entries to an existing section of this kind, or a new section where it belongs.

    Args:
        body: The docstring's lines, without the line of its closing quotes.
        kind: ``params``, ``returns`` or ``raises``.
        entries: The entry lines, relative to the section's indent.
        style: ``google``, ``numpy`` or ``sphinx``.
        indent: The docstring's indentation.

    Returns:
        The new lines.
    """
    if style == "sphinx":
        return _into_fields(body, kind, entries, indent)
    header = _find_header(body, kind, style)
    if header is not None:
        return _into_existing(body, header, entries, style)
    section = [*(indent + h for h in _heading(kind, style)), *(indent + e for e in entries)]
    at = _next_section(body, kind, style)
    if at is None:
        return [*_without_trailing_blanks(body), "", *section]
    return [*body[:at], *section, "", *body[at:]]


def _into_existing(
    body: list[str], header: tuple[int, str], entries: Sequence[str], style: str
) -> list[str]:
    """Add entries at the end of the section whose header is at ``header`` (above ``*args``)."""
    start, level = header
    stop = _trim_blanks(body, start, _section_end(body, start, style, level))
    if style != "numpy":
        stop = _before_varargs(body, start, stop)
    return [*body[:stop], *(level + e for e in entries), *body[stop:]]


def _heading(kind: str, style: str) -> list[str]:
    """A new section's title lines: NumPy's title over dashes, Google's ``Title:``."""
    title = _TITLES[kind][1 if style == "numpy" else 0]
    return [title, "-" * len(title)] if style == "numpy" else [title + ":"]


def _next_section(body: Sequence[str], kind: str, style: str) -> int | None:
    """The index of the first section that NumPy's order puts after this kind, if any."""
    for name in _NUMPY_ORDER[_NUMPY_ORDER.index(_kind_name(kind)) + 1 :]:
        header = _find_header(body, _kind_key(name), style)
        if header is not None:
            return header[0]
    return None


def _trim_blanks(body: Sequence[str], start: int, stop: int) -> int:
    """Move ``stop`` back over blank lines, never past the line after ``start``."""
    while stop > start + 1 and not body[stop - 1].strip():
        stop -= 1
    return stop


def _without_trailing_blanks(body: list[str]) -> list[str]:
    """The lines without their trailing blank ones (the first line always stays)."""
    while len(body) > 1 and not body[-1].strip():
        body = body[:-1]
    return body


def _kind_name(kind: str) -> str:
    return {"params": "parameters"}.get(kind, kind)


def _kind_key(name: str) -> str:
    return {"parameters": "params"}.get(name, name)


def _find_header(body: Sequence[str], kind: str, style: str) -> tuple[int, str] | None:
    """Return the index and indentation of this kind's section header, if the docstring has one."""

    heads = _is_numpy_header if style == "numpy" else _is_google_header
    for i, line in enumerate(body):
        if heads(body, i, kind):
            return i, line[: len(line) - len(line.lstrip())]
    return None


def _is_numpy_header(body: Sequence[str], i: int, kind: str) -> bool:
    """Whether line ``i`` titles a NumPy section of this kind (a title over dashes)."""
    below = body[i + 1].strip() if i + 1 < len(body) else ""
    return SECTIONS.get(body[i].strip().lower()) == kind and is_rule(below)


def _is_google_header(body: Sequence[str], i: int, kind: str) -> bool:
    """Whether line ``i`` is a Google ``Title:`` of this kind (for parameters, ``Args:`` and
    the titles Google's guide gives them, not Keras's ``Call arguments:``)."""
    title = body[i].strip().lower()
    if not title.endswith(":") or SECTIONS.get(title[:-1].strip()) != kind:
        return False
    return kind != "params" or title[:-1].strip() in _GOOGLE_PARAMS


def _section_end(body: Sequence[str], start: int, style: str, level: str) -> int:
    """Return the index just past a section's last line."""
    if style == "numpy":
        i = start + 2
        while i < len(body):
            below = body[i + 1].strip() if i + 1 < len(body) else ""
            if body[i].strip() and is_rule(below):
                return i
            i += 1
        return len(body)
    i = start + 1
    while i < len(body):
        line = body[i]
        if line.strip() and len(line) - len(line.lstrip()) <= len(level):
            return i
        i += 1
    return len(body)


def _into_fields(body: list[str], kind: str, entries: Sequence[str], indent: str) -> list[str]:
    """Sphinx fields: parameters after the last ``:param``/``:type``, the rest at the end."""
    added = [indent + e for e in entries]
    at = _param_field_at(body) if kind == "params" else None
    if at is not None:
        return [*body[:at], *added, *body[at:]]
    gap = [] if any(_is_field(line) for line in body) else [""]
    return [*_without_trailing_blanks(body), *gap, *added]


def _is_field(line: str) -> bool:
    """Whether the line starts a Sphinx field (``:param x:``, ``:returns:``)."""
    return line.strip().startswith(":")


def _param_field_at(body: Sequence[str]) -> int | None:
    """Where a parameter field goes: past the last ``:param``/``:type`` entry and its
    continuation lines, else before the first field; None when there is no field."""
    fields = [i for i, line in enumerate(body) if _is_field(line)]
    params = [i for i in fields if body[i].strip().startswith((":param", ":type"))]
    if not params:
        return fields[0] if fields else None
    at = params[-1] + 1
    while at < len(body) and body[at].strip() and not _is_field(body[at]):
        at += 1
    return at
