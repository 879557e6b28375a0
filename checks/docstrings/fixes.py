"""Docstring stubs for what docstrings-complete found missing, in the docstring's own style.

Pure text in, text out: for each definition a finding points at, the missing parameter entries
(and, when the finding asks for them, a return value and raised exceptions) are written into
the existing docstring, in its style (Google ``Args:``, NumPy ``Parameters`` over dashes,
Sphinx ``:param x:``), with the type taken from the annotation and ``TODO: describe`` as the
text — which docstrings-complete reports (MR209) until the contributor replaces it. Copied
text that could end the docstring or start structure (``fix_guard.docstring_safe``) is left
out. A
definition without a docstring, or whose docstring cannot be placed on its lines exactly (a
one-quote string, bytes offsets that do not line up), is left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Union

from mergeready.checks.docstrings.backends import parse
from mergeready.checks.docstrings.definition_findings import PLACEHOLDER, parameters_of
from mergeready.checks.docstrings.definitions import annotation_of, own_nodes, raised_by
from mergeready.checks.docstrings.docstrings_complete import Options
from mergeready.checks.docstrings.splice import into_section, into_titled
from mergeready.checks.post.fix_guard import docstring_safe

_FlowNode = (ast.FunctionDef, ast.AsyncFunctionDef)
_Doc = Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef]


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
    return stub(text, tree, wanted, options, style)[0]


@dataclass(frozen=True)
class _Part:
    """Entries for one section of one docstring; ``title`` names a section of its own."""

    kind: str
    entries: tuple[str, ...]
    title: str | None = None


def stub(
    text: str,
    tree: ast.Module,
    wanted: Mapping[int, frozenset[str]],
    options: Options,
    style: str | None,
    inherited: Mapping[int, frozenset[str]] | None = None,
) -> tuple[str, frozenset[int]]:
    """Write the missing entries, and say which definitions got every entry they lacked.

    A method the class documents (``class-documents``: ``__init__``, Keras's ``call``) and
    that has no docstring of its own gets its entries in the class docstring: ``__init__``'s
    in the class's parameter section (Google ``Args:``, NumPy ``Parameters``, Sphinx
    ``:param:``), another method's in the first of ``param-sections`` (Keras's ``Call
    arguments:``), which is added after ``Args:`` when the class docstring lacks it.

    Args:
        text: The module's text (git's lines, one per newline).
        tree: Its tree, with git's line numbers.
        wanted: For each definition line, the finding codes there.
        options: docstrings-complete's options.
        style: The module's docstring style, used when a docstring shows none of its own.
        inherited: For a method's line, the parameters it takes from the base class's
            method it overrides (``overrides.taken_from_base``): the check does not ask for
            them, so no entry is written (Keras's ``inputs``).

    Returns:
        The new text, and the lines of the definitions whose entries were all written.
    """
    lines = text.split("\n")
    plans: dict[int, tuple[_Doc, str, list[_Part], list[int]]] = {}
    for node, owner in _definitions(tree):
        codes = wanted.get(node.lineno)
        if not codes:
            continue
        taken = (inherited or {}).get(node.lineno, frozenset())
        plan = _plan(node, owner, codes, options, style, taken)
        if plan is not None:
            target, own_style, parts = plan
            entry = plans.setdefault(target.lineno, (target, own_style, [], []))
            entry[2].extend(parts)
            entry[3].append(node.lineno)
    written: set[int] = set()
    for target, own_style, parts, nodes in sorted(plans.values(), key=lambda t: -t[0].lineno):
        if _stub(lines, target, parts, own_style):
            written.update(nodes)
    return "\n".join(lines), frozenset(written)


def _plan(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    owner: ast.ClassDef | None,
    codes: frozenset[str],
    options: Options,
    style: str | None,
    taken: frozenset[str] = frozenset(),
) -> tuple[_Doc, str, list[_Part]] | None:
    """Decide which docstring gets a definition's missing entries, and which entries."""
    doc = ast.get_docstring(node, clean=True)
    class_doc = _class_doc(node, owner, options)
    if doc is None and class_doc is None:
        return None
    missing = _missing(node, owner is not None, (doc, class_doc), codes, options, taken)
    if not missing:
        return None
    target: _Doc = node
    text, title = doc, None
    if doc is None and owner is not None:  # the class docstring takes them
        target, text, title = owner, class_doc, _title(node, options)
    own_style = parse(text or "", options.param_sections).style or style or "google"
    return target, own_style, _parts(node, missing, own_style, title)


def _parts(
    node: ast.FunctionDef | ast.AsyncFunctionDef, missing: Missing, style: str, title: str | None
) -> list[_Part]:
    parts = [
        _Part(kind, tuple(_entries(node, missing, kind, style)), title)
        for kind in ("params", "returns", "raises")
    ]
    return [p for p in parts if p.entries]


def _class_doc(
    node: ast.FunctionDef | ast.AsyncFunctionDef, owner: ast.ClassDef | None, options: Options
) -> str | None:
    """The class docstring, when the class documents this method (``class-documents``)."""
    if owner is None or node.name not in options.class_documents:
        return None
    return ast.get_docstring(owner, clean=True)


def _missing(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    method: bool,
    docs: tuple[str | None, str | None],
    codes: frozenset[str],
    options: Options,
    taken: frozenset[str] = frozenset(),
) -> Missing:
    """What the findings ask for that neither the docstring nor the class docstring has (nor
    the base class's method it overrides: ``taken``)."""
    doc, class_doc = docs
    parsed = parse(doc or "", options.param_sections)
    documented = set(parsed.params)
    if class_doc is not None:
        documented |= parse(class_doc, options.param_sections).params
    wanted = parameters_of(node, method, options) if "MR202" in codes else []
    params = tuple(p for p in wanted if p not in documented and p not in taken)
    if doc is None:  # a method the class documents has no sections of its own to ask for
        return Missing(params)
    raised = raised_by(list(own_nodes(node))) if "MR204" in codes else set()
    return Missing(
        params, "MR203" in codes and not parsed.returns, tuple(sorted(raised - parsed.raises))
    )


def _title(node: ast.FunctionDef | ast.AsyncFunctionDef, options: Options) -> str | None:
    """The section of its own a method's parameters take in the class docstring, if any."""
    if node.name != "__init__" and options.param_sections:
        return options.param_sections[0]
    return None


def _definitions(
    tree: ast.Module,
) -> list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.ClassDef | None]]:
    out: list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, ast.ClassDef | None]] = []
    for node in tree.body:
        if isinstance(node, _FlowNode):
            out.append((node, None))
        elif isinstance(node, ast.ClassDef):
            out += [(n, node) for n in node.body if isinstance(n, _FlowNode)]
    return out


def _stub(lines: list[str], node: _Doc, parts: Sequence[_Part], style: str) -> bool:
    """Splice the entries into one docstring, in place; False when it cannot be placed."""
    placed = _placed(lines, node)
    if placed is None:
        return False
    first, last, block, indent = placed
    body = block[:-1]
    for part in parts:
        if part.title and style == "google":
            body = into_titled(body, part.title, part.entries, indent)
        else:
            body = into_section(body, part.kind, part.entries, style, indent)
    lines[first : last + 1] = [*body, block[-1]]
    return True


def _placed(lines: Sequence[str], node: _Doc) -> tuple[int, int, list[str], str] | None:
    """The docstring's first and last line, its lines (the closing quotes on a line of their
    own) and its indent; None when it cannot be placed on its lines exactly."""
    ds = node.body[0]
    assert isinstance(ds, ast.Expr) and ds.end_lineno is not None and ds.end_col_offset
    first, last = ds.lineno - 1, ds.end_lineno - 1
    if last >= len(lines) or lines[first][: _column(lines[first], ds.col_offset)].strip():
        return None  # ``def f(x): """Doc."""`` on one line: no place for sections
    closing = lines[last]
    end = _column(closing, ds.end_col_offset)
    quote = closing[end - 3 : end]
    if quote not in ('"""', "'''"):
        return None
    indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
    block = list(lines[first : last + 1])
    before, after = closing[: end - 3], closing[end - 3 :]
    if before.strip() and (first != last or before.strip() != quote):
        block[-1:] = [before.rstrip(), indent + after]
    elif first == last:
        return None
    return first, last, block, indent


def _column(line: str, offset: int) -> int:
    """The character column of a UTF-8 byte offset in the line (ast's offsets are bytes)."""
    return len(line.encode("utf-8")[:offset].decode("utf-8", "replace"))


def _entries(
    node: ast.FunctionDef | ast.AsyncFunctionDef, missing: Missing, kind: str, style: str
) -> list[str]:
    """The entry lines (relative to the section's indent) for one kind of section."""
    if kind == "params":
        return [line for name in missing.params for line in _param_entry(node, name, style)]
    if kind == "returns" and missing.returns:
        return _returns_entry(node, style)
    if kind == "raises":
        return [
            line
            for name in filter(docstring_safe, missing.raises)
            for line in _raises_entry(name, style)
        ]
    return []


def _param_entry(node: ast.FunctionDef | ast.AsyncFunctionDef, name: str, style: str) -> list[str]:
    """One parameter's entry, with its annotation when it is safe inside a docstring."""
    kind_of = annotation_of(node, name)
    kind_of = kind_of if docstring_safe(kind_of) else ""  # '"""; import os' stays out
    if style == "numpy":
        return [f"{name} : {kind_of}" if kind_of else name, f"    {PLACEHOLDER}"]
    if style == "sphinx":
        return [f":param {name}: {PLACEHOLDER}", *([f":type {name}: {kind_of}"] if kind_of else [])]
    return [f"    {name} ({kind_of}): {PLACEHOLDER}" if kind_of else f"    {name}: {PLACEHOLDER}"]


def _returns_entry(node: ast.FunctionDef | ast.AsyncFunctionDef, style: str) -> list[str]:
    """The return value's entry, with the annotation when it is short and safe."""
    returned = ast.unparse(node.returns) if node.returns is not None else ""
    returned = returned if len(returned) <= 40 and docstring_safe(returned) else ""
    if style == "numpy":
        return [returned or "object", f"    {PLACEHOLDER}"]
    if style == "sphinx":
        return [f":returns: {PLACEHOLDER}", *([f":rtype: {returned}"] if returned else [])]
    return [f"    {returned}: {PLACEHOLDER}" if returned else f"    {PLACEHOLDER}"]


def _raises_entry(name: str, style: str) -> list[str]:
    """One raised exception's entry."""
    if style == "numpy":
        return [name, f"    {PLACEHOLDER}"]
    if style == "sphinx":
        return [f":raises {name}: {PLACEHOLDER}"]
    return [f"    {name}: {PLACEHOLDER}"]
