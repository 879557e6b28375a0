"""Jupyter notebooks as data: parsed with ``json``, validated with nbformat's own validator.

Validation goes through ``nbformat.validator.iter_validate``, which picks the JSON schema that
the notebook's own ``nbformat``/``nbformat_minor`` declare (v3 and every v4 minor ship with
nbformat, so a 4.0 notebook is not judged by 4.5's rules), never modifies the notebook, and runs
through fastjsonschema with jsonschema's messages for errors. That is the definition Jupyter
itself applies when it opens a file; a bare JSON Schema validator would need the schema picked
and kept in step by hand. Nothing in a notebook is executed or rendered.

Importing nbformat costs twice what validating takes (it brings jsonschema, referencing and
traitlets, for the messages of invalid notebooks). So a notebook whose version has a schema
file of its own in nbformat's tables (``SCHEMAS``; a test keeps them equal) is first run
through fastjsonschema with that very file, which is what nbformat's validator itself does
first: when it passes, nbformat would find nothing either, and nbformat is not imported. Any
error, any other version, another ``NBFORMAT_VALIDATOR``, or a validator that cannot run goes
to nbformat as before, so the verdicts and messages are nbformat's.

Each cell is mapped to its lines in the file by the ``"cell_type"`` key that every cell has
(Jupyter writes one key a line), so a finding can name a line and only touched cells count;
when they cannot be told apart (a notebook written on one line) every cell spans the file and
is read whole. nbformat 3 keeps its cells in ``worksheets`` and a code cell's source in
``input``: both are read.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

_PYTHON_KERNELS: Final = ("python", "pypy", "ipykernel", "ipython", "xpython")
_CELL_KEY: Final = re.compile(r'[ \t]*"cell_type"[ \t]*:')
_SOURCE_KEY: Final = re.compile(r'[ \t]*"(?:source|input)"[ \t]*:')
MAX_ERRORS: Final = 5
# nbformat's schema file for each (major, minor) its ``v3``/``v4`` ``nbformat_schema`` tables name.
SCHEMAS: Final = {
    (3, 0): "v3/nbformat.v3.schema.json",
    **{(4, minor): f"v4/nbformat.v4.{minor}.schema.json" for minor in range(6)},
}
_VALIDATORS: dict[tuple[int, int], Callable[[Any], Any] | None] = {}


@dataclass(frozen=True)
class Cell:
    """One cell: its index, type, lines in the file and what it holds."""

    index: int
    kind: str
    first: int
    last: int
    source_line: int
    source: str
    outputs: int
    execution_count: object
    placed: bool = True  # False: its lines could not be told apart from the others'


class NotJson(Exception):
    """The file is not JSON; carries the line and column of the problem."""

    def __init__(self, message: str, line: int, column: int) -> None:
        """Build the error.

        Args:
            message: What ``json`` said.
            line: The 1-based line.
            column: The 1-based column.
        """
        super().__init__(message)
        self.line, self.column = line, column


def load(text: str) -> dict[str, Any]:
    """Parse a notebook's JSON.

    Args:
        text: The file's text.

    Returns:
        The notebook as a dictionary.

    Raises:
        NotJson: If the text is not JSON, or its top level is not an object.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotJson(exc.msg, exc.lineno, exc.colno) from exc
    except RecursionError as exc:
        raise NotJson("nested too deeply", 1, 1) from exc
    except ValueError as exc:  # a number too long to convert (Python's digit limit)
        raise NotJson(str(exc).split(";", 1)[0][:120], 1, 1) from exc
    if not isinstance(data, dict):
        raise NotJson(f"the top level is a JSON {type(data).__name__}, not an object", 1, 1)
    return data


def schema_errors(nb: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    """Validate a notebook against the nbformat schema it declares.

    Args:
        nb: The parsed notebook.

    Returns:
        ``(message, path in the document)`` for each problem, the first few only.
    """
    major, minor = nb.get("nbformat"), nb.get("nbformat_minor", 0)
    if not isinstance(major, int) or isinstance(major, bool) or not isinstance(minor, int):
        return [("'nbformat' and 'nbformat_minor' must be whole numbers", ())]
    if major not in (3, 4):
        return [(f"nbformat {major} is not a notebook format nbformat can validate (3 or 4)", ())]
    if _passes_schema(nb, (major, minor)):
        return []
    from nbformat.validator import ValidationError, iter_validate

    out: list[tuple[str, tuple[Any, ...]]] = []
    try:
        for error in iter_validate(nb):  # type: ignore[no-untyped-call]
            message = str(getattr(error, "message", error)).split("\n", 1)[0]
            out.append((message[:200], tuple(getattr(error, "absolute_path", ()))))
            if len(out) >= MAX_ERRORS:
                break
    except (ValidationError, RecursionError) as exc:
        out.append((str(exc).split("\n", 1)[0][:200], ()))
    except Exception as exc:  # nbformat's own code on hostile data (a cell_type that is a dict)
        out.append((f"nbformat's validator cannot read it ({type(exc).__name__})", ()))
    return out


def _passes_schema(nb: dict[str, Any], version: tuple[int, int]) -> bool:
    """Whether fastjsonschema accepts the notebook by nbformat's schema file for its version.

    False also when that cannot be told here (no file of its own, another validator chosen,
    the validator failing): nbformat then decides.
    """
    if os.environ.get("NBFORMAT_VALIDATOR", "fastjsonschema") != "fastjsonschema":
        return False
    if version not in _VALIDATORS:
        _VALIDATORS[version] = _compile(version)
    validate = _VALIDATORS[version]
    if validate is None:
        return False
    try:
        validate(nb)
    except Exception:  # invalid, or data the validator cannot walk: nbformat's verdict
        return False
    return True


def _compile(version: tuple[int, int]) -> Callable[[Any], Any] | None:
    """fastjsonschema's validator for nbformat's schema file of a version, or None."""
    spec = importlib.util.find_spec("nbformat")  # finds the package without importing it
    if version not in SCHEMAS or spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(spec.submodule_search_locations[0], SCHEMAS[version])
    try:
        import fastjsonschema  # nbformat's own dependency and default validator

        with open(path, encoding="utf-8") as schema:
            return fastjsonschema.compile(json.load(schema))
    except Exception:  # no such file or module, or a schema it cannot compile
        return None


def cells(text: str, nb: dict[str, Any]) -> list[Cell]:
    """Return the notebook's cells with their lines in the file.

    Args:
        text: The file's text.
        nb: The parsed notebook.

    Returns:
        The cells; when the lines cannot be told apart (a one-line file), every cell spans
        the whole file.
    """
    raw = all_cells(nb)
    lines = text.split("\n")
    starts = [n for n, line in enumerate(lines, start=1) if _CELL_KEY.match(line)]
    placed = len(starts) == len(raw)
    if not placed:
        starts = [1] * len(raw)
        ends = [len(lines)] * len(raw)
    else:
        ends = [s - 2 for s in starts[1:]] + [len(lines)]
    out = []
    for index, (cell, first, last) in enumerate(zip(raw, starts, ends)):
        if not isinstance(cell, dict):
            continue
        source = cell.get("source", cell.get("input", ""))  # nbformat 3 code cells: input
        text_source = (
            "".join(x for x in source if isinstance(x, str))
            if isinstance(source, list)
            else str(source)
        )
        source_line = (
            next(
                (
                    n
                    for n in range(first, min(last, len(lines)) + 1)
                    if _SOURCE_KEY.match(lines[n - 1])
                ),
                first,
            )
            if placed
            else 1
        )
        if isinstance(source, list) and source_line < len(lines):
            if lines[source_line - 1].rstrip().endswith("["):
                source_line += 1  # one JSON line per source line follows
        outputs = cell.get("outputs")
        out.append(
            Cell(
                index=index,
                kind=str(cell.get("cell_type", "")),
                first=max(first - 1, 1),
                last=max(last, first),
                source_line=source_line,
                source=text_source,
                outputs=len(outputs) if isinstance(outputs, list) else 0,
                execution_count=cell.get("execution_count", cell.get("prompt_number")),
                placed=placed,
            )
        )
    return out


def all_cells(nb: dict[str, Any]) -> list[Any]:
    """Return a notebook's cells: ``cells`` (nbformat 4), else every worksheet's (nbformat 3).

    Args:
        nb: The parsed notebook.

    Returns:
        The cells as the file holds them (not necessarily dictionaries).
    """
    found = nb.get("cells")
    if isinstance(found, list):
        return found
    sheets = nb.get("worksheets")
    out: list[Any] = []
    for sheet in sheets if isinstance(sheets, list) else []:
        inner = sheet.get("cells") if isinstance(sheet, dict) else None
        out += inner if isinstance(inner, list) else []
    return out


def source_lines(lines: Sequence[str], cell: Cell) -> list[tuple[int, str]]:
    """Return a cell's source as ``(line in the file, text)`` pairs, JSON strings decoded.

    Jupyter writes a list source one JSON string a line, so each source line has its own file
    line; a source written as one string (or a one-line file) puts every source line on the
    line of its ``"source"`` key. Outputs and metadata are never part of it.

    Args:
        lines: The file's lines (git's: split at newlines).
        cell: A cell of the file (from ``cells``).

    Returns:
        The pairs, in order; empty when the source cannot be found where ``cells`` put it.
        A cell whose lines could not be told apart (a notebook written on one line) gives its
        whole source, every line on line 1: read, never skipped.
    """
    if not cell.placed:
        return [(1, part) for part in cell.source.split("\n")]
    n = cell.source_line
    if not 0 < n <= len(lines):
        return []
    key = _SOURCE_KEY.match(lines[n - 1])
    if key:  # the whole source on its key's line
        try:
            value = json.loads(lines[n - 1][key.end() :].strip().rstrip(","))
        except (ValueError, RecursionError):
            return []
        if isinstance(value, list):
            value = "".join(x for x in value if isinstance(x, str))
        return [(n, part) for part in value.split("\n")] if isinstance(value, str) else []
    out = []
    while n <= len(lines):
        raw = lines[n - 1].strip()
        if not raw.startswith('"'):
            break
        try:
            value = json.loads(raw[:-1] if raw.endswith(",") else raw)
        except ValueError:
            break
        if not isinstance(value, str):
            break
        out += [(n, part) for part in value.rstrip("\n").split("\n")]
        n += 1
    return out


def language(nb: dict[str, Any]) -> str:
    """Return the notebook's language, decided by the kernel it runs on.

    A Python kernel makes it ``python`` whatever ``language_info`` claims (attack 6's F14);
    otherwise its metadata says (``python`` when it says nothing).

    Args:
        nb: The parsed notebook.

    Returns:
        The lower-case language name.
    """
    meta = _metadata(nb)
    name = kernel(nb) or ""
    if name.lower().startswith(_PYTHON_KERNELS):  # the kernel it runs on decides (F14)
        return "python"
    for key, field in (("kernelspec", "language"), ("language_info", "name")):
        value = meta.get(key)
        if isinstance(value, dict) and isinstance(value.get(field), str):
            return str(value[field]).lower()
    return "python"


def kernel(nb: dict[str, Any]) -> str | None:
    """Return the kernel name the notebook's metadata names.

    Args:
        nb: The parsed notebook.

    Returns:
        ``metadata.kernelspec.name``, or None when it is missing.
    """
    spec = _metadata(nb).get("kernelspec")
    if isinstance(spec, dict) and isinstance(spec.get("name"), str) and spec["name"]:
        return str(spec["name"])
    return None


def _metadata(nb: dict[str, Any]) -> dict[str, Any]:
    meta = nb.get("metadata")
    return meta if isinstance(meta, dict) else {}
