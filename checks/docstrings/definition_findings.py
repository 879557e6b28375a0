"""What docstrings-complete finds on one definition: its docstring, parameters, returns, raises."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from mergeready.checks.docstrings.backends import parse
from mergeready.checks.docstrings.definitions import (
    annotation_of,
    own_nodes,
    raised_by,
    signature_names,
)
from mergeready.checks.model import Finding
from mergeready.checks.python.public_api import Def, Scope, decorator_names

if TYPE_CHECKING:
    from mergeready.checks.docstrings.backends import ParsedDocstring
    from mergeready.checks.docstrings.docstrings_complete import Options


# What ``mergeready fix`` writes into the entries it adds; a docstring holding it is not done.
PLACEHOLDER: Final = "TODO: describe"


@dataclass(frozen=True)
class _Where:
    path: str
    line: int
    column: int

    def finding(self, code: str, message: str, hint: str) -> Finding:
        return Finding(code, "error", message, self.path, self.line, self.column, hint)


def parameters_of(
    node: ast.FunctionDef | ast.AsyncFunctionDef, method: bool, options: Options
) -> list[str]:
    """List the parameters a function's docstring documents.

    Args:
        node: The function.
        method: Whether it is a method (its first parameter is ``self`` or ``cls``).
        options: The check's options (``document-varargs``).

    Returns:
        The public parameter names, in order.
    """
    a = node.args
    names = [x.arg for x in (*a.posonlyargs, *a.args)]
    if method and "staticmethod" not in decorator_names(node):
        names = names[1:]  # self or cls
    names += [x.arg for x in a.kwonlyargs]
    names += _varargs(a) if options.document_varargs else []
    return [n for n in names if not n.startswith("_")]


def _varargs(a: ast.arguments) -> list[str]:
    """The names of ``*args`` and ``**kwargs``, those the function has."""
    return [x.arg for x in (a.vararg, a.kwarg) if x is not None]


def definition(
    scope: Scope,
    path: str,
    options: Options,
    style: str | None = None,
    older: frozenset[str] = frozenset(),
    bare: bool = False,
    inherited: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Find what one public definition's docstring is missing.

    Args:
        scope: The definition and the class that owns it, if any.
        path: The file's path.
        options: docstrings-complete's options.
        style: The file's docstring style, when one is read from it.
        older: Parameters the base's signature had and its docstring did not document: a
            gap that predates the contribution, so a warning.
        bare: The base's definition of the same name had no docstring either: a docstring
            still missing, on a definition that gained no parameter, is a warning.
        inherited: Parameters an override takes from the method it overrides, documented there.

    Returns:
        The findings: no docstring, or the parameters, returns, raises and yields it misses.
    """
    node, name = scope.node, scope.qualname
    where = _Where(path, node.lineno, node.col_offset + 1)
    doc = ast.get_docstring(node, clean=True)
    class_doc = _class_documents(scope, options)
    if doc is None and class_doc is None:
        return (
            _no_docstring(scope, where, options, (older, bare), style)
            if "presence" in options.require
            else []
        )
    if isinstance(node, ast.ClassDef):  # its entries are its methods' to ask for; a stub is not
        return _placeholder(name, doc, where)
    parsed = parse(doc or "", options.param_sections)
    out = _placeholder(name, doc, where) if doc is not None else _in_class(scope, class_doc, path)
    if "params" in options.require and not parsed.elsewhere:
        out += _params(scope, parsed, class_doc, where, options, style, older, inherited)
    if doc is not None:  # a method the class documents has no sections of its own to ask for
        out += _flow(node, name, parsed, where, options)
    return out


def _class_documents(scope: Scope, options: Options) -> str | None:
    """The class docstring that documents this method (``class-documents``: ``__init__``), if
    the class has one."""
    if scope.owner is None or scope.node.name not in options.class_documents:
        return None
    return ast.get_docstring(scope.owner) or None


def _placeholder(name: str, doc: str | None, where: _Where) -> list[Finding]:
    """MR209: the docstring still holds what ``mergeready fix`` wrote."""
    if doc is None or PLACEHOLDER not in doc:
        return []
    return [
        where.finding(
            "MR209",
            f"`{name}`'s docstring still says {PLACEHOLDER!r}",
            hint=f"replace each {PLACEHOLDER!r} with what the entry means",
        )
    ]


def _in_class(scope: Scope, class_doc: str | None, path: str) -> list[Finding]:
    """MR209 on the class docstring that holds a method's entries (``__init__``, Keras's
    ``call``): a stub there fails whether or not the class itself is in scope (one finding,
    on the class, however many of its methods it documents)."""
    owner = scope.owner
    if owner is None:
        return []
    where = _Where(path, owner.lineno, owner.col_offset + 1)
    return _placeholder(scope.qualname.rsplit(".", 1)[0], class_doc, where)


def _no_docstring(
    scope: Scope,
    where: _Where,
    options: Options,
    before: tuple[frozenset[str], bool],
    style: str | None = None,
) -> list[Finding]:
    """MR201: a public definition without a docstring.

    A warning when the base's definition had none either (``before``: the parameters it left
    undocumented, whether it had no docstring) and the contribution adds no parameter: the
    gap predates the contribution. The hint names the section the module's style uses.
    """
    older, bare = before
    node, name = scope.node, scope.qualname
    kind = "class" if isinstance(node, ast.ClassDef) else "method" if scope.owner else "function"
    args = f", with {_SECTIONS.get(style or '', 'an Args: section')}"
    args = args if _has_params(node, scope, options) else ""
    finding = where.finding(
        "MR201",
        f"public {kind} `{name}` has no docstring",
        hint=f"add a docstring to `{name}` saying what it does{args}",
    )
    new = [] if isinstance(node, ast.ClassDef) else parameters_of(node, bool(scope.owner), options)
    if bare and all(p in older for p in new):
        message = f"{finding.message} (undocumented before this contribution: a warning)"
        finding = dataclasses.replace(finding, severity="warning", message=message)
    return [finding]


_SECTIONS: Final = {"numpy": "a Parameters section", "sphinx": ":param x: fields"}


def _has_params(node: Def, scope: Scope, options: Options) -> bool:
    return not isinstance(node, ast.ClassDef) and bool(
        parameters_of(node, scope.owner is not None, options)
    )


def _flow(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    name: str,
    parsed: ParsedDocstring,
    where: _Where,
    options: Options,
) -> list[Finding]:
    out: list[Finding] = []
    if not {"returns", "yields", "raises"} & set(options.require):
        return out
    own = list(own_nodes(node))
    generator = any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in own)
    if "returns" in options.require and not generator and _undocumented_return(node, own, parsed):
        out.append(
            where.finding(
                "MR203",
                f"`{name}` returns a value but does not document it",
                hint="add a Returns: section saying what it returns",
            )
        )
    if "yields" in options.require and generator and not parsed.yields:
        out.append(
            where.finding(
                "MR205",
                f"`{name}` is a generator but does not document what it yields",
                hint="add a Yields: section",
            )
        )
    return out + _raises(name, own, parsed, where, options)


def _raises(
    name: str, own: list[ast.AST], parsed: ParsedDocstring, where: _Where, options: Options
) -> list[Finding]:
    """MR204: exceptions the function raises and its docstring does not document."""
    out: list[Finding] = []
    missing = sorted(raised_by(own) - parsed.raises) if "raises" in options.require else []
    if missing:
        listed = ", ".join(missing)
        out.append(
            where.finding(
                "MR204",
                f"`{name}` raises {listed} but does not document "
                f"{'it' if len(missing) == 1 else 'them'}",
                hint=f"add a Raises: section with {missing[0]}: and when",
            )
        )
    return out


def _undocumented_return(
    node: ast.FunctionDef | ast.AsyncFunctionDef, own: list[ast.AST], parsed: ParsedDocstring
) -> bool:
    """Whether a function returns a value its docstring does not document (not an abstract
    method, a property or ``__init__``)."""
    abstract = decorator_names(node) & {"abstractmethod", "property", "cached_property"}
    if abstract or node.name == "__init__" or parsed.returns:
        return False
    return any(isinstance(n, ast.Return) and not _returns_none(n) for n in own)


def _returns_none(node: ast.Return) -> bool:
    """``return`` or ``return None``."""
    return node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None)


def _params(
    scope: Scope,
    parsed: ParsedDocstring,
    class_doc: str | None,
    where: _Where,
    options: Options,
    file_style: str | None,
    older: frozenset[str] = frozenset(),
    inherited: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Compare the parameters a docstring documents with the signature's, both ways.

    Parameters the base's signature already had and its docstring did not document
    (``older``) are a warning: a gap that predates the contribution is the project's.
    """
    node, name = scope.node, scope.qualname
    assert not isinstance(node, ast.ClassDef)
    missing, gap = _undocumented(scope, parsed, class_doc, options, older, inherited)
    extra = _not_parameters(node, parsed)
    style = parsed.style or file_style
    out: list[Finding] = []
    if gap:  # undocumented at the base already: the project's gap, not the contributor's
        listed = ", ".join(f"`{p}`" for p in gap)
        out.append(
            dataclasses.replace(
                where.finding(
                    "MR202",
                    f"`{name}` does not document {listed} (undocumented before this "
                    "contribution: a warning)",
                    hint=_param_hint(node, gap, [], [], style, bool(parsed.documented)),
                ),
                severity="warning",
            )
        )
    if missing:
        by_class = class_doc is not None and not parsed.documented and style in (None, "google")
        hint = (
            _class_hint(node, missing[0], options)
            if by_class
            else _param_hint(
                node, missing, extra, _typed(missing, parsed), style, bool(parsed.documented)
            )
        )
        out.append(where.finding("MR202", _missing_message(name, missing, extra), hint))
    elif extra:
        out.append(_extra_finding(name, extra, where))
    return out


def _undocumented(
    scope: Scope,
    parsed: ParsedDocstring,
    class_doc: str | None,
    options: Options,
    older: frozenset[str],
    inherited: frozenset[str] = frozenset(),
) -> tuple[list[str], list[str]]:
    """The parameters neither the docstring nor the class's documents: those the contribution
    left out, and those the base already left out (``older``); never those an override takes
    from the method it overrides (``inherited``)."""
    node = scope.node
    assert not isinstance(node, ast.ClassDef)
    documented = set(parsed.params)
    if class_doc is not None:
        documented |= parse(class_doc, options.param_sections).params
    wanted = [
        p
        for p in parameters_of(node, scope.owner is not None, options)
        if p not in documented and p not in inherited
    ]
    return [p for p in wanted if p not in older], [p for p in wanted if p in older]


def _not_parameters(
    node: ast.FunctionDef | ast.AsyncFunctionDef, parsed: ParsedDocstring
) -> list[str]:
    """Names the docstring documents that the signature does not have (none when it takes
    ``*args`` or ``**kwargs``: names documented for those are the function's to accept)."""
    if node.args.kwarg is not None or node.args.vararg is not None:
        return []
    return [p for p in parsed.documented if p not in signature_names(node)]


def _typed(missing: list[str], parsed: ParsedDocstring) -> list[str]:
    """The missing parameters a Sphinx ``:type x:`` field names without a ``:param x:``."""
    return [p for p in missing if p in parsed.typed_only]


def _missing_message(name: str, missing: list[str], extra: list[str]) -> str:
    """MR202's message: the parameters not documented, and the names documented instead."""
    message = f"`{name}` does not document " + ", ".join(f"`{p}`" for p in missing)
    if extra:
        are = "is not a parameter" if len(extra) == 1 else "are not parameters"
        message += "; it documents " + ", ".join(f"`{p}`" for p in extra) + f", which {are}"
    return message


def _extra_finding(name: str, extra: list[str], where: _Where) -> Finding:
    """MR208: the docstring documents names the signature does not have."""
    listed = ", ".join(f"`{p}`" for p in extra)
    are = "is not a parameter" if len(extra) == 1 else "are not parameters"
    return where.finding(
        "MR208",
        f"`{name}` documents {listed}, which {are} of its signature",
        hint=f"remove {listed} from the docstring, or rename "
        f"{'it' if len(extra) == 1 else 'them'} to the parameter meant",
    )


def _class_hint(node: ast.FunctionDef | ast.AsyncFunctionDef, first: str, options: Options) -> str:
    """Say where the class docstring takes a parameter of a method it documents."""
    title = "Args"
    if node.name != "__init__" and options.param_sections:
        title = options.param_sections[0]
    annotation = annotation_of(node, first)
    typed_name = f"{first} ({annotation})" if annotation else first
    return f'add "{typed_name}: …" under {title}: in the class docstring'


def _param_hint(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    missing: Sequence[str],
    extra: Sequence[str],
    typed: Sequence[str],
    style: str | None,
    has_section: bool,
) -> str:
    """Say what to add, in the style the docstring (or its module, or the convention) uses."""
    import difflib

    first = missing[0]
    close = difflib.get_close_matches(first, extra, n=1, cutoff=0.6)
    if close:
        return f"rename `{close[0]}` to `{first}` in the docstring (did you mean `{first}`?)"
    if first in typed:
        return f"add ':param {first}: …' (':type {first}:' gives only its type)"
    annotation = annotation_of(node, first)
    if style == "numpy":
        where = "under Parameters" if has_section else "in a Parameters section"
        return f"add '{first} : {annotation or 'type'}' with a description {where}"
    if style == "sphinx":
        return f"add ':param {first}: …' to the docstring"
    if style == "epytext":
        return f"add '@param {first}: …' to the docstring"
    typed_name = f"{first} ({annotation})" if annotation else first
    return f'add "{typed_name}: …" ' + ("under Args:" if has_section else "in an Args: section")
