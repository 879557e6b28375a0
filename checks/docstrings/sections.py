r"""Read what a docstring documents, as Google, NumPy, Sphinx and Epytext docstrings are written.

One pass over the docstring's lines, no regular expression: section headers (``Args:``,
``Parameters`` over a dashed line), their entries at the section's own indentation, and Sphinx
or Epytext fields (``:param x:``, ``@param x:``). An entry that names a parameter documents it,
whatever follows (a type in parentheses with a default, double backticks, no description at
all); names are unescaped (``arg1\_``, ``\*args``) and stripped of their stars. A raised name
is its last dotted part (``requests.HTTPError`` is ``HTTPError``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

Style = Literal["google", "numpy", "sphinx", "epytext"]
Convention = Literal["pep257", "google", "numpy"]
"""The conventions docstrings-complete's ``convention`` option takes (pydocstyle's and ruff's)."""
MODULE_FINDINGS: Final = ("new public module", "`module`:")
"""How docstrings-complete's findings about a module itself begin (the baseline keys them)."""
_KIND = Literal["params", "returns", "yields", "raises"]

SECTIONS: dict[str, _KIND] = {
    "args": "params",
    "arguments": "params",
    "parameters": "params",
    "params": "params",
    "keyword args": "params",
    "keyword arguments": "params",
    "keyword parameters": "params",
    "kwargs": "params",
    "other parameters": "params",
    "other params": "params",
    "other arguments": "params",
    "returns": "returns",
    "return": "returns",
    "yields": "yields",
    "yield": "yields",
    "raises": "raises",
    "raise": "raises",
    "exceptions": "raises",
}
FIELDS: dict[str, _KIND] = {
    "param": "params",
    "parameter": "params",
    "arg": "params",
    "argument": "params",
    "key": "params",
    "keyword": "params",
    "kwarg": "params",
    "kwparam": "params",
    "return": "returns",
    "returns": "returns",
    "rtype": "returns",
    "yield": "yields",
    "yields": "yields",
    "ytype": "yields",
    "raise": "raises",
    "raises": "raises",
    "except": "raises",
    "exception": "raises",
}
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_*\\.")
_ELSEWHERE = ("for the parameters, see", "for the other parameters, see")


@dataclass
class Sections:
    """What one docstring documents, and in which style it is written."""

    params: list[str] = field(default_factory=list)
    typed_only: set[str] = field(default_factory=set)
    returns: bool = False
    yields: bool = False
    raises: set[str] = field(default_factory=set)
    styles: list[Style] = field(default_factory=list)
    elsewhere: bool = False

    @property
    def style(self) -> Style | None:
        """The style most of the docstring's sections are written in, if any."""
        if not self.styles:
            return None
        return max(dict.fromkeys(self.styles), key=self.styles.count)


def read(docstring: str, param_sections: Sequence[str] = ()) -> Sections:
    """Read a docstring's sections and fields.

    Args:
        docstring: The docstring, as ``ast.get_docstring`` gives it.
        param_sections: Extra section titles that document parameters (Keras's
            ``Call arguments``).

    Returns:
        What it documents.
    """
    found = Sections()
    lowered = docstring.lower()
    found.elsewhere = any(phrase in lowered for phrase in _ELSEWHERE)
    sections: dict[str, _KIND] = dict(SECTIONS)
    sections.update({t.strip().lower(): "params" for t in param_sections})
    lines = docstring.expandtabs().split("\n")
    i = 0
    while i < len(lines):
        header = _header(lines, i, sections)
        if header is not None:
            kind, start, end, inline, style = header
            _section(found, kind, lines[start:end], inline)
            found.styles.append(style)
            i = end
            continue
        stripped = lines[i].strip()
        if stripped.startswith((":", "@")):
            _field(found, stripped)
        i += 1
    return found


def _header(
    lines: Sequence[str], i: int, sections: dict[str, _KIND]
) -> tuple[_KIND, int, int, str, Style] | None:
    """A section header at line ``i``: its kind, its body's first line and end, the text on the
    header's own line, and its style (a NumPy title over dashes, or a Google ``Title:``)."""
    stripped = lines[i].strip()
    following = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if stripped.lower() in sections and is_rule(following):
        return sections[stripped.lower()], i + 2, _numpy_end(lines, i + 2), "", "numpy"
    head, colon, inline = stripped.partition(":")
    if colon and not stripped.startswith((":", "@")) and head.strip().lower() in sections:
        end = _google_end(lines, i + 1, _indent(lines[i]))
        return sections[head.strip().lower()], i + 1, end, inline.strip(), "google"
    return None


def is_rule(line: str) -> bool:
    """Whether a stripped line is a NumPy header's underline (three or more ``-`` or ``=``).

    Args:
        line: The line, stripped.

    Returns:
        True for ``---`` or ``===`` and longer runs of one or both.
    """
    return len(line) >= 3 and set(line) <= {"-", "="}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _google_end(lines: Sequence[str], start: int, indent: int) -> int:
    """Return the index of the first line after a Google section's body."""
    for j in range(start, len(lines)):
        if lines[j].strip() and _indent(lines[j]) <= indent:
            return j
    return len(lines)


def _numpy_end(lines: Sequence[str], start: int) -> int:
    """Return the index of the next NumPy section header (a title over dashes), or the end."""
    for j in range(start, len(lines) - 1):
        if lines[j].strip() and is_rule(lines[j + 1].strip()):
            return j
    return len(lines)


def _section(found: Sections, kind: _KIND, body: Sequence[str], inline: str) -> None:
    """Record one section's entries."""
    filled = [line for line in body if line.strip()]
    if kind in ("returns", "yields"):
        setattr(found, kind, getattr(found, kind) or bool(filled or inline))
    elif kind == "params":
        found.params += _entries(filled)
    else:
        found.raises |= {n.rsplit(".", 1)[-1] for n in _entries(filled) if n}


def _entries(filled: Sequence[str]) -> list[str]:
    """The names a section's entries document: its lines at the body's own indent."""
    indent = min((_indent(line) for line in filled), default=0)
    return [
        name for line in filled if _indent(line) == indent for name in _entry_names(line.strip())
    ]


def _entry_names(text: str) -> list[str]:
    """Return the names an entry line documents, or none when it is not an entry."""
    listed = _listed_names(text)
    if listed is None:
        return []
    names, rest = listed
    if rest.startswith("("):
        close = _closing(rest)
        if close < 0:
            return []
        rest = rest[close + 1 :].lstrip(" ")
    return names if not rest or rest.startswith(":") else []


def _listed_names(text: str) -> tuple[list[str], str] | None:
    """The names an entry starts with (``x, y : int`` documents both) and the text after them,
    or None when it does not start with a name or a comma leads to none."""
    names: list[str] = []
    rest = text
    while True:
        end = 0
        while end < len(rest) and rest[end] in _NAME_CHARS:
            end += 1
        name = _clean(rest[:end])
        if not name:
            return None
        names.append(name)
        rest = rest[end:].lstrip(" ")
        if not rest.startswith(","):
            return names, rest
        rest = rest[1:].lstrip(" ")
        if not (rest[:1] and rest[:1] in _NAME_CHARS):
            return None


def _closing(text: str) -> int:
    """Return the index of the parenthesis that closes the one text starts with, or -1."""
    depth = 0
    for k, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _clean(name: str) -> str:
    r"""Unescape a documented name and drop its stars: ``\*\*kwargs`` is ``kwargs``."""
    return name.replace("\\", "").lstrip("*").rstrip(".")


def _field(found: Sections, line: str) -> None:
    """Record one Sphinx (``:param x:``) or Epytext (``@param x:``) field."""
    style: Style = "sphinx" if line[0] == ":" else "epytext"
    head, colon, rest = line[1:].partition(":")
    if not colon:
        return
    words = head.split()
    if words and words[0].lower() == "type" and len(words) > 1:
        found.typed_only.add(_clean(words[-1]))
        found.styles.append(style)
        return
    kind = FIELDS.get(words[0].lower()) if words else None
    if kind is not None:
        found.styles.append(style)
        _field_kind(found, kind, words, rest)


def _field_kind(found: Sections, kind: _KIND, words: Sequence[str], rest: str) -> None:
    """Record what one field of a known kind documents."""
    if kind == "params" and len(words) > 1:
        found.params.append(_clean(words[-1]))
    elif kind == "raises":
        named = words[1:] or rest.split()[:1]
        found.raises |= {_clean(w.rstrip(",")).rsplit(".", 1)[-1] for w in named}
    elif kind in ("returns", "yields"):
        setattr(found, kind, True)


def every_style(docstrings: Sequence[str]) -> Iterator[Style]:
    """Yield the style of each docstring that has sections.

    Args:
        docstrings: Docstrings of one module.

    Yields:
        Each one's style.
    """
    for doc in docstrings:
        style = read(doc).style
        if style is not None:
            yield style
