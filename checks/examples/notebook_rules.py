"""examples-valid's rules for notebooks: JSON, nbformat, outputs, counts, kernel, cell syntax."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.examples.companions import http_findings
from mergeready.checks.model import Finding
from mergeready.checks.text import notebooks
from mergeready.checks.text.notebooks import Cell, NotJson
from mergeready.checks.text.snippets import problem

if TYPE_CHECKING:
    from mergeready.checks.examples.examples_valid import Options


def _base(contribution: Contribution, f: ChangedFile) -> dict[str, Any] | None | bool:
    """The notebook at the base: a dict, None when there was none, False when not JSON."""
    if f.status == "added":
        return None
    text = contribution.base_text(f.old_path or f.path)
    if text is None:
        return None
    try:
        return notebooks.load(text)
    except NotJson:
        return False


def notebook_findings(
    contribution: Contribution, f: ChangedFile, text: str, options: Options
) -> list[Finding]:
    """Check one notebook the contribution adds or changes.

    Args:
        contribution: The contribution.
        f: The notebook.
        text: Its text at head.
        options: examples-valid's options.

    Returns:
        The findings, only for what the contribution introduces.
    """
    base = _base(contribution, f)
    try:
        nb = notebooks.load(text)
    except NotJson as exc:
        if base is False and not f.touches(exc.line):
            return []
        return [
            Finding(
                "MR702",
                "error",
                f"notebook is not JSON: {exc} (line {exc.line}, column {exc.column})",
                f.path,
                exc.line,
                exc.column,
                hint="a notebook is the JSON Jupyter writes: fix it there, or re-save it from"
                " Jupyter",
            )
        ]
    old = base if isinstance(base, dict) else None
    cells = notebooks.cells(text, nb)
    touched = [c for c in cells if f.touches_range(c.first, c.last)]
    out = _schema(f, nb, old, cells)
    out += _outputs(f, touched, options)
    out += _counts(f, cells, touched, options)
    out += _kernel(f, text, nb, old, options)
    out += _syntax_or_said(f, touched, notebooks.language(nb))
    if options.http:
        out += http_findings(f, text, _lines_of(touched))  # one pass over the text for all
    return out


def _syntax_or_said(f: ChangedFile, touched: Sequence[Cell], language: str) -> list[Finding]:
    """Python cells' syntax; in a notebook declaring another language (its metadata is the
    contributor's to write), a warning that its code cells were not checked, never "valid"."""
    if language.startswith("python"):
        return _syntax(f, touched)
    if not any(c.kind == "code" for c in touched):
        return []
    said = f"code cells not checked: the notebook declares language {language!r}"
    return [Finding("MR719", "warning", said, f.path, hint="declare Python to check them")]


def _lines_of(cells: Sequence[Cell]) -> set[int]:
    return {n for c in cells for n in range(c.first, c.last + 1)}


def _schema(
    f: ChangedFile, nb: dict[str, Any], old: dict[str, Any] | None, cells: Sequence[Cell]
) -> list[Finding]:
    errors = notebooks.schema_errors(nb)
    known = {m for m, _ in notebooks.schema_errors(old)} if errors and old else set()
    out = []
    for message, path in errors:
        if message in known:
            continue
        line, where = 1, ""
        if len(path) >= 2 and path[0] == "cells" and isinstance(path[1], int):
            cell = next((c for c in cells if c.index == path[1]), None)
            line = cell.first if cell else 1
            where = f" in cell {path[1] + 1}"
        if len(path) > 2 or (path and path[0] != "cells"):
            where += " at " + ".".join(str(p) for p in path)
        version = f"{nb.get('nbformat')}.{nb.get('nbformat_minor', 0)}"
        out.append(
            Finding(
                "MR703",
                "error",
                f"notebook is not valid nbformat {version}{where}: {message}",
                f.path,
                line,
                hint="re-save the notebook with Jupyter, or fix the field the message names",
            )
        )
    return out


def _cell_list(cells: Sequence[Cell]) -> str:
    numbers = [str(c.index + 1) for c in cells[:8]]
    return ", ".join(numbers) + (" …" if len(cells) > 8 else "")


def _outputs(f: ChangedFile, touched: Sequence[Cell], options: Options) -> list[Finding]:
    if options.notebook_outputs not in _OUTPUT_RULES:
        return []
    wrong, message, hint = _OUTPUT_RULES[options.notebook_outputs]
    bad = [c for c in touched if c.kind == "code" and wrong(c)]
    if not bad:
        return []
    return [
        Finding("MR704", "error", message.format(_cell_list(bad)), f.path, bad[0].first, hint=hint)
    ]


def _keeps_outputs(cell: Cell) -> bool:
    return bool(cell.outputs)


def _lacks_outputs(cell: Cell) -> bool:
    return not cell.outputs and bool(cell.source.strip())


# notebook-outputs → (the code cell it rejects, MR704's message with {} for the cells, hint)
_OUTPUT_RULES: Final[Mapping[str, tuple[Callable[[Cell], bool], str, str]]] = {
    "stripped": (
        _keeps_outputs,
        "code cells keep their outputs (cells {}); this project keeps notebooks stripped",
        "clear all outputs before committing (Jupyter: Edit → Clear All Outputs, or nbstripout)",
    ),
    "kept": (
        _lacks_outputs,
        "code cells have no outputs (cells {}); this project keeps executed notebooks",
        "run the notebook top to bottom and save it with its outputs",
    ),
}


def _counts(
    f: ChangedFile, cells: Sequence[Cell], touched: Sequence[Cell], options: Options
) -> list[Finding]:
    if options.execution_counts == "cleared":
        bad = [c for c in touched if c.kind == "code" and c.execution_count not in (None, 0)]
        if bad:
            return [
                Finding(
                    "MR705",
                    "error",
                    f"code cells keep execution counts (cells {_cell_list(bad)})",
                    f.path,
                    bad[0].first,
                    hint="clear the outputs and execution counts before committing",
                )
            ]
    elif options.execution_counts == "in-order" and any(c.kind == "code" for c in touched):
        counts = [c.execution_count for c in cells if c.kind == "code" and c.source.strip()]
        cleared = all(n in (None, 0) for n in counts)  # never run: notebook-outputs decides
        if not cleared and counts != list(range(1, len(counts) + 1)):
            shown = ", ".join("-" if n is None else str(n) for n in counts[:8])
            return [
                Finding(
                    "MR705",
                    "error",
                    f"execution counts are {shown}{' …' if len(counts) > 8 else ''}, not 1, 2,"
                    " 3, … in order: the notebook was not run top to bottom",
                    f.path,
                    next((c.first for c in touched if c.kind == "code"), 1),
                    hint="restart the kernel, run all cells, and save",
                )
            ]
    return []


def _line_of(text: str, needle: str) -> int:
    """The first line (1-based) that holds the needle, else 1."""
    return next((n for n, x in enumerate(text.split("\n"), start=1) if needle in x), 1)


def _kernel(
    f: ChangedFile, text: str, nb: dict[str, Any], old: dict[str, Any] | None, options: Options
) -> list[Finding]:
    if options.kernel == "any" and not options.kernel_names:
        return []
    name = notebooks.kernel(nb)
    if old is not None and notebooks.kernel(old) == name:
        return []
    line = _line_of(text, '"kernelspec"')
    if name is None:
        if options.kernel == "required" or options.kernel_names:
            return [
                Finding(
                    "MR706",
                    "error",
                    "notebook names no kernel (metadata.kernelspec)",
                    f.path,
                    line,
                    hint="save the notebook from Jupyter with the project's kernel selected",
                )
            ]
        return []
    if options.kernel_names and name not in options.kernel_names:
        return [
            Finding(
                "MR706",
                "error",
                f"notebook's kernel {name!r} is not one of {', '.join(options.kernel_names)}",
                f.path,
                line,
                hint=f"switch the kernel to {options.kernel_names[0]} and save",
            )
        ]
    return []


def _syntax(f: ChangedFile, touched: Sequence[Cell]) -> list[Finding]:

    out = []
    for c in touched:
        if c.kind != "code" or not c.source.strip():
            continue
        found = problem(c.source, placeholders=False)
        if found:
            offset, message = found
            out.append(
                Finding(
                    "MR707",
                    "error",
                    f"cell {c.index + 1} does not parse: {message} (cell line {offset})",
                    f.path,
                    c.source_line + offset - 1,
                    hint="fix the code in the cell",
                )
            )
    return out
