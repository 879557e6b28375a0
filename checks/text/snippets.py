"""Does a snippet of Python parse? Code blocks, console sessions and notebook cells, by ``ast``.

Nothing is compiled to bytecode or run: ``ast.parse`` only. A console session (``>>>`` and
``...`` prompts) is parsed one prompt statement at a time, its output lines ignored; IPython
magics (``%``, ``!``) and help lines (``x?``) are left out. With placeholders tolerated, a block
that fails only because of ``...``/``…`` placeholders or ``<your value>`` slots is accepted.
"""

from __future__ import annotations

import ast
import re
import warnings
from typing import Final

_SLOT: Final = re.compile(r"<[A-Za-z][\w .,'/-]{0,80}>")
_DOTS_ARG: Final = re.compile(r",[ \t]*\.\.\.|\.\.\.[ \t]*,")


def problem(
    code: str, *, console: bool = False, placeholders: bool = True
) -> tuple[int, str] | None:
    """Return the first syntax error of a snippet.

    Args:
        code: The snippet, dedented.
        console: Parse it as a ``>>>`` session (also chosen when the first line is a prompt).
        placeholders: Accept a snippet that parses once its placeholders are filled in.

    Returns:
        The 1-based line of the error within the snippet and its message, or None.
    """
    first = next((x.strip() for x in code.split("\n") if x.strip()), "")
    if console or first.startswith(">>>"):
        return _session(code, placeholders)
    return _parse(_without_magics(code), placeholders)


def _parse(code: str, placeholders: bool) -> tuple[int, str] | None:
    error = _error(code)
    if error is None or not placeholders:
        return error
    filled = _fill(code)
    if filled != code and _error(filled) is None:
        return None
    return error


def _error(code: str) -> tuple[int, str] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(code)
    except SyntaxError as exc:
        return exc.lineno or 1, exc.msg
    except (ValueError, RecursionError, MemoryError) as exc:
        return 1, type(exc).__name__
    return None


def _fill(code: str) -> str:
    """Fill in the usual placeholders with something that parses."""
    code = code.replace("…", "...")
    code = _SLOT.sub("_", code)
    code = _DOTS_ARG.sub("", code)
    out = []
    for line in code.split("\n"):
        if line.strip() == "...":
            out.append(line.replace("...", "pass", 1))
        else:
            out.append(line.replace("...", "_"))
    return "\n".join(out)


PYTHON_CELL_MAGICS: Final = frozenset(
    {"capture", "time", "timeit", "prun", "debug", "python", "python3", "memit", "mprun"}
)
"""IPython cell magics whose body runs as Python: it is parsed like any cell."""


def _without_magics(code: str) -> str:
    """Blank IPython magics and shell escapes, keeping the line count."""
    if "%" not in code and "!" not in code and "?" not in code:
        return code
    lines = code.split("\n")
    if lines[0].lstrip().startswith("%%"):
        if (lines[0].strip()[2:].split() or [""])[0] not in PYTHON_CELL_MAGICS:
            return ""  # %%bash, %%html: not Python
        lines[0] = ""  # %%time, %%capture: the body runs as Python
    return "\n".join(
        "" if x.lstrip().startswith(("%", "!")) or x.rstrip().endswith("?") else x for x in lines
    )


def _session(code: str, placeholders: bool) -> tuple[int, str] | None:
    """Parse each ``>>>`` statement of a console session with its ``...`` continuation lines."""
    statement: list[str] = []
    start = 0
    lines = code.split("\n")
    for number, line in enumerate([*lines, ""], start=1):
        text = line.strip()
        if text.startswith("..."):
            if statement and (text == "..." or text.startswith("... ")):
                statement.append(line.lstrip()[4:])
                continue
        if statement:
            found = _parse(_without_magics("\n".join(statement)), placeholders)
            if found:
                return start + found[0] - 1, found[1]
            statement = []
        if text == ">>>" or text.startswith(">>> "):
            statement, start = [line.lstrip()[4:]], number
    return None
