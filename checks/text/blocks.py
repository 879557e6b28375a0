"""Where Markdown blocks start: fences, list items and indentation, the rule every reader shares.

``markup`` (docs-valid, spelling's pages, issue reports), ``page_code`` (``fix``'s guard) and
translation's page reader ask ``opens_fence`` whether a line opens a fence, so a line one
reader calls code is code to all of them, as CommonMark renders it; ``block_language`` is the
one reader of a block's language (a fence's info string, a MyST or reST directive's argument).
"""

from __future__ import annotations

import re
from typing import Final

_FENCE: Final = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
BLOCK_START: Final = re.compile(r"(?:[-*+>|]|\d{1,9}[.)])(?:[ \t]|$)")
"""A line (without its indentation) that starts a list item, a quote or a table row."""


def columns(line: str) -> int:
    """Return a line's indentation in columns, a tab reaching the next multiple of four.

    Args:
        line: The line.

    Returns:
        The width of its leading spaces and tabs.
    """
    width = 0
    for c in line:
        if c == " ":
            width += 1
        elif c == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def run(line: str, i: int, char: str) -> int:
    """Return the index after the run of ``char`` that starts at ``i``.

    Args:
        line: The line.
        i: Where the run starts.
        char: The character repeated.

    Returns:
        The index of the first other character (``i`` when none of ``char`` is there).
    """
    while i < len(line) and line[i] == char:
        i += 1
    return i


def list_marker(stripped: str) -> int:
    """Return the width of a list marker and its spaces when a line starts a list item.

    Args:
        stripped: The line without its indentation.

    Returns:
        The columns from the marker to the item's content (0 when no list item starts here).
    """
    i = 0
    if stripped[:1] in ("-", "+", "*"):
        i = 1
    else:
        while i < len(stripped) and i < 9 and stripped[i].isdigit():
            i += 1
        if not i or stripped[i : i + 1] not in (".", ")"):
            return 0
        i += 1
    spaces = run(stripped, i, " ") - i
    if i == len(stripped):
        return i + 1
    if not spaces:
        return 0
    return i + (spaces if spaces <= 4 else 1)


def opens_fence(line: str, container: int, in_paragraph: bool) -> re.Match[str] | None:
    """Return the fence a Markdown line opens, if it opens one: the one rule of every reader.

    CommonMark (GitHub, MkDocs, MyST): a fence is three or more backticks or tildes indented at
    most three columns past the content of the list item it is in; a line indented further
    inside a paragraph continues the paragraph (it renders as text), and a backtick fence's
    info string holds no backtick. (Indented further after a blank line, the line is an
    indented code block: code either way, so it is read as a fence.)

    Args:
        line: The line.
        container: The content column of the list item the line is in (0 outside lists).
        in_paragraph: Whether the line before is a paragraph's text.

    Returns:
        The match (indentation, marks, info), or None when the line opens no fence.
    """
    fence = _FENCE.match(line)
    if fence is None or (fence.group(2)[0] == "`" and "`" in fence.group(3)):
        return None
    if in_paragraph and columns(line) - container > 3:
        return None
    return fence


def enter_list(lists: list[int], line: str, in_paragraph: bool) -> None:
    """Keep the content columns of the list items a line is in (a lazy line leaves them be).

    Args:
        lists: The content column of each open list item, innermost last (updated).
        line: The line.
        in_paragraph: Whether the line before is a paragraph's text.
    """
    stripped = line.lstrip()
    if not stripped:
        return
    indent = columns(line)
    if not in_paragraph:
        while lists and indent < lists[-1]:
            lists.pop()
    marker = list_marker(stripped)
    if marker:
        while lists and lists[-1] > indent:
            lists.pop()
        lists.append(indent + marker)


# MyST directives whose body is code in the language of their argument, and those that are Python.
_CODE_DIRECTIVES: Final = frozenset({"code-block", "code", "sourcecode", "code-cell"})
_PYTHON_DIRECTIVES: Final = {
    "testcode": "python",
    "jupyter-execute": "python",
    "doctest": "doctest",
}


def block_language(info: str) -> str:
    """Read a code block's language from its info string or directive argument, every spelling.

    ```` ```Python ````, ```` ```{.python} ````, ```` ```{code-block} python ````, MyST's
    ``{code-cell} ipython3`` and reST's ``code-block:: ipython3`` all say Python (attack 6's F13).

    Args:
        info: The fence's info string, or a reST code directive's argument.

    Returns:
        The language in lower case (``""`` when none is said); a MyST directive that is no
        code block is its own name (``eval-rst``).
    """
    words = info.split()
    if not words:
        return ""
    first = words[0].lower()
    if first.startswith("{") and first.endswith("}") and not first.startswith("{."):
        name = first[1:-1]
        if name in _CODE_DIRECTIVES:
            return block_language(words[1]) if len(words) > 1 else ""
        return _PYTHON_DIRECTIVES.get(name, name)
    return first.strip("{}.")


def without_options(body: list[str]) -> list[str]:
    """Blank a MyST directive's options (``:linenos:`` lines, a ``---`` block) in its body.

    Args:
        body: The directive's lines.

    Returns:
        The lines, the options blank (the line count kept).
    """
    out = list(body)
    if out and out[0].strip() == "---":
        end = next((k for k in range(1, len(out)) if out[k].strip() == "---"), 0)
        out[: end + 1] = [""] * (end + 1)
        return out
    k = 0
    while k < len(out) and out[k].startswith(":") and out[k].count(":") >= 2:
        out[k] = ""
        k += 1
    return out
