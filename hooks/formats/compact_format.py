r"""Compact lines for editors, pre-commit and reviewdog: ``path:line:col: CODE message``.

Only findings are printed, one a line, the hint on the same line; no verdict or summary line
that a problem matcher could take for a file name. A finding with a path but no line is
``path: CODE message``; one with no file (the title, a commit message) starts with its code.
A ``:`` before a digit in a path is written ``\x3a``, so a file name cannot forge a location.
reviewdog posts these lines as Markdown (``-efm``), so messages and hints go through
``escape.inert``: no mention, link, image or HTML from contributed text.
"""

from __future__ import annotations

from mergeready.checks.model import Result
from mergeready.checks.post.statistics import arrange
from mergeready.hooks.formats.escape import inert


def _path(location: str, path: str) -> str:
    r"""The location with each ``:`` before a digit in the path written ``\x3a``, so a file
    named ``README.md:1:1: MR000 …`` cannot forge the ``path:line:col:`` reviewdog reads; the
    path goes through ``inert`` as messages do (reviewdog posts it as Markdown)."""
    shown = inert(path)
    for digit in "0123456789":
        shown = shown.replace(f":{digit}", f"\\x3a{digit}")
    return shown + location[len(path) :]


def render(result: Result, *, color: bool = False) -> str:
    """Render one line per finding: the errors, then the warnings, each file by file.

    Args:
        result: The result.
        color: Ignored; pre-commit colours its own output.

    Returns:
        The lines (empty when nothing was found).
    """
    out = []
    arranged = arrange(result, collapse_over=None)
    for f in (p.finding for p in (*arranged.errors, *arranged.warnings)):
        sev = "" if f.severity == "error" else " (warning)"
        hint = f" → {f.hint}" if f.hint else ""
        where = f"{_path(f.location(), f.path)}: " if f.path is not None else ""
        out.append(f"{where}{f.code} {inert(f.message)}{sev}{inert(hint)}")
    return "".join(line + "\n" for line in out)
