"""Docstring stubs for what docstrings-complete found missing, in the docstring's own style.

Pure text in, text out: for each definition a finding points at, the missing parameter entries
(and, when the finding asks for them, a return value and raised exceptions) are written into
the existing docstring, in its style (Google ``Args:``, NumPy ``Parameters`` over dashes,
Sphinx ``:param x:``), with the type taken from the annotation and ``TODO: describe`` as the
text — which docstrings-complete reports (MR209) until the contributor replaces it. A
definition without a docstring, or whose docstring cannot be placed on its lines exactly (a
one-quote string, bytes offsets that do not line up), is left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mergeready.checks.docstrings.backends import parse
from mergeready.checks.docstrings.definition_findings import PLACEHOLDER, parameters_of
from mergeready.checks.docstrings.definitions import annotation_of, own_nodes, raised_by
from mergeready.checks.docstrings.docstrings_complete import Options
from mergeready.checks.docstrings.sections import SECTIONS

_GOOGLE_PARAMS = ("args", "arguments", "parameters", "params")
_NUMPY_ORDER = ("parameters", "returns", "yields", "raises")
_FlowNode = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Missing:
    """What one definition's docstring lacks."""

    params: tuple[str, ...] = ()
    returns: bool = False
    raises: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.params or self.returns or self.raises)


def stub_docstrings(
    text: str,
    tree: ast.Module,
    wanted: Mapping[int, frozenset[str]],
    options: Options,
    style: str | None,
) -> str:
    """Write the missing entries into the docstrings of the definitions findings point at.

    Args:
        text: The module's text (git's lines, one per newline).
        tree: Its tree, with git's line numbers.
        wanted: For each definition line, the finding codes there (``MR202`` parameters,
            ``MR203`` the return value, ``MR204`` raised exceptions).
        options: docstrings-complete's options (which parameters count).
        style: The module's docstring style (``google``, ``numpy``, ``sphinx``), used when
            a docstring shows none of its own.

    Returns:
        The new text; the same text when nothing could be added.
    """
    lines = text.split("\n")
    targets = []
    for node, method in _definitions(tree):
        codes = wanted.get(node.lineno)
        doc = ast.get_docstring(node, clean=True)
        if not codes or doc is None:
            continue
        parsed = parse(doc, options.param_sections)
        missing = Missing(
            tuple(p for p in parameters_of(node, method, options) if p not in parsed.params)
            if "MR202" in codes
            else (),
            "MR203" in codes and not parsed.returns,
            tuple(sorted(raised_by(list(own_nodes(node))) - parsed.raises))
            if "MR204" in codes
            else (),
        )
        if missing:
            targets.append((node, missing, parsed.style or style or "google"))
    for node, missing, own_style in sorted(targets, key=lambda t: -t[0].lineno):
        _stub(lines, node, missing, own_style)
    return "\n".join(lines)


def _definitions(tree: ast.Module) -> list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, bool]]:
    out: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, bool]] = []
    for node in tree.body:
        if isinstance(node, _FlowNode):
            out.append((node, False))
        elif isinstance(node, ast.ClassDef):
            out += [(n, True) for n in node.body if isinstance(n, _FlowNode)]
    return out


def _stub(
    lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef, missing: Missing, style: str
) -> None:
    """Splice the entries into one docstring, in place; leave it alone when it cannot be placed."""
    ds = node.body[0]
    assert isinstance(ds, ast.Expr) and ds.end_lineno is not None and ds.end_col_offset
    first, last = ds.lineno - 1, ds.end_lineno - 1
    if last >= len(lines):
        return
    start = len(lines[first].encode("utf-8")[: ds.col_offset].decode("utf-8", "replace"))
    if lines[first][:start].strip():
        return  # ``def f(x): """Doc."""`` on one line: no place for sections
    closing = lines[last]
    end = len(closing.encode("utf-8")[: ds.end_col_offset].decode("utf-8", "replace"))
    quote = closing[end - 3 : end]
    if quote not in ('"""', "'''"):
        return
    opening = lines[first]
    indent = opening[: len(opening) - len(opening.lstrip())]
    block = lines[first : last + 1]
    before, after = closing[: end - 3], closing[end - 3 :]
    if before.strip() and (first != last or before.strip() != quote):
        block[-1:] = [before.rstrip(), indent + after]
    elif first == last:
        return
    body = block[:-1]
    for kind in ("params", "returns", "raises"):
        entries = _entries(node, missing, kind, style)
        if entries:
            body = _into_section(body, kind, entries, style, indent)
    lines[first : last + 1] = [*body, block[-1]]


def _entries(
    node: ast.FunctionDef | ast.AsyncFunctionDef, missing: Missing, kind: str, style: str
) -> list[str]:
    """The entry lines (relative to the section's indent) for one kind of section."""
    returned = ast.unparse(node.returns) if node.returns is not None else ""
    returned = returned if len(returned) <= 40 else ""
    out: list[str] = []
    if kind == "params":
        for name in missing.params:
            kind_of = annotation_of(node, name)
            if style == "numpy":
                out += [f"{name} : {kind_of}" if kind_of else name, f"    {PLACEHOLDER}"]
            elif style == "sphinx":
                out.append(f":param {name}: {PLACEHOLDER}")
                out += [f":type {name}: {kind_of}"] if kind_of else []
            else:
                out.append(
                    f"    {name} ({kind_of}): {PLACEHOLDER}"
                    if kind_of
                    else f"    {name}: {PLACEHOLDER}"
                )
    elif kind == "returns" and missing.returns:
        if style == "numpy":
            out += [returned or "object", f"    {PLACEHOLDER}"]
        elif style == "sphinx":
            out.append(f":returns: {PLACEHOLDER}")
            out += [f":rtype: {returned}"] if returned else []
        else:
            out.append(f"    {returned}: {PLACEHOLDER}" if returned else f"    {PLACEHOLDER}")
    elif kind == "raises":
        for name in missing.raises:
            if style == "numpy":
                out += [name, f"    {PLACEHOLDER}"]
            elif style == "sphinx":
                out.append(f":raises {name}: {PLACEHOLDER}")
            else:
                out.append(f"    {name}: {PLACEHOLDER}")
    return out


_TITLES = {
    "params": ("Args", "Parameters"),
    "returns": ("Returns", "Returns"),
    "raises": ("Raises", "Raises"),
}


def _into_section(
    body: list[str], kind: str, entries: Sequence[str], style: str, indent: str
) -> list[str]:
    """Add entries to an existing section of this kind, or a new section where it belongs."""
    if style == "sphinx":
        return _into_fields(body, kind, entries, indent)
    header = _find_header(body, kind, style)
    if header is not None:
        start, level = header
        stop = _section_end(body, start, style, level)
        while stop > start + 1 and not body[stop - 1].strip():
            stop -= 1
        return [*body[:stop], *(level + e for e in entries), *body[stop:]]
    title = _TITLES[kind][1 if style == "numpy" else 0]
    head = [title, "-" * len(title)] if style == "numpy" else [title + ":"]
    later = [k for k in _NUMPY_ORDER[_NUMPY_ORDER.index(_kind_name(kind)) + 1 :]]
    at = next(
        (h[0] for k in later for h in [_find_header(body, _kind_key(k), style)] if h is not None),
        None,
    )
    section = [*(indent + h for h in head), *(indent + e for e in entries)]
    if at is None:
        while len(body) > 1 and not body[-1].strip():
            body = body[:-1]
        return [*body, "", *section]
    return [*body[:at], *section, "", *body[at:]]


def _kind_name(kind: str) -> str:
    return {"params": "parameters"}.get(kind, kind)


def _kind_key(name: str) -> str:
    return {"parameters": "params"}.get(name, name)


def _find_header(body: Sequence[str], kind: str, style: str) -> tuple[int, str] | None:
    """Return the index and indentation of this kind's section header, if the docstring has one."""
    for i, line in enumerate(body):
        title = line.strip().lower()
        level = line[: len(line) - len(line.lstrip())]
        if style == "numpy":
            below = body[i + 1].strip() if i + 1 < len(body) else ""
            if SECTIONS.get(title) == kind and len(below) >= 3 and set(below) <= {"-", "="}:
                return i, level
        elif title.endswith(":") and SECTIONS.get(title[:-1].strip()) == kind:
            if kind != "params" or title[:-1].strip() in _GOOGLE_PARAMS:
                return i, level
    return None


def _section_end(body: Sequence[str], start: int, style: str, level: str) -> int:
    """Return the index just past a section's last line."""
    if style == "numpy":
        i = start + 2
        while i < len(body):
            below = body[i + 1].strip() if i + 1 < len(body) else ""
            if body[i].strip() and len(below) >= 3 and set(below) <= {"-", "="}:
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
    fields = [i for i, line in enumerate(body) if line.strip().startswith(":")]
    params = [i for i in fields if body[i].strip().startswith((":param", ":type"))]
    if kind == "params" and params:
        at = params[-1] + 1
        while at < len(body) and body[at].strip() and not body[at].strip().startswith(":"):
            at += 1  # the last entry's continuation lines
        return [*body[:at], *(indent + e for e in entries), *body[at:]]
    if kind == "params" and fields:
        at = fields[0]
        return [*body[:at], *(indent + e for e in entries), *body[at:]]
    while len(body) > 1 and not body[-1].strip():
        body = body[:-1]
    gap = [] if fields else [""]
    return [*body, *gap, *(indent + e for e in entries)]
