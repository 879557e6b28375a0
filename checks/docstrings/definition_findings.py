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
    if method and names and "staticmethod" not in decorator_names(node):
        names = names[1:]
    names += [x.arg for x in a.kwonlyargs]
    if options.document_varargs:
        names += [x.arg for x in (a.vararg, a.kwarg) if x is not None]
    return [n for n in names if not n.startswith("_")]


def definition(
    scope: Scope,
    path: str,
    options: Options,
    style: str | None = None,
    older: frozenset[str] = frozenset(),
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
        inherited: Parameters an override takes from the method it overrides, documented there.

    Returns:
        The findings: no docstring, or the parameters, returns, raises and yields it misses.
    """
    node, name = scope.node, scope.qualname
    where = _Where(path, node.lineno, node.col_offset + 1)
    doc = ast.get_docstring(node, clean=True)
    class_doc = ast.get_docstring(scope.owner) if scope.owner else None
    by_class = scope.owner is not None and node.name in options.class_documents and class_doc
    if doc is None and not by_class:
        if "presence" not in options.require:
            return []
        kind = (
            "class" if isinstance(node, ast.ClassDef) else "method" if scope.owner else "function"
        )
        return [
            where.finding(
                "MR201",
                f"public {kind} `{name}` has no docstring",
                hint=f"add a docstring to `{name}` saying what it does"
                + (", with an Args: section" if _has_params(node, scope, options) else ""),
            )
        ]
    if isinstance(node, ast.ClassDef):
        return []
    parsed = parse(doc or "", options.param_sections)
    out: list[Finding] = []
    if doc is not None and PLACEHOLDER in doc:
        out.append(
            where.finding(
                "MR209",
                f"`{name}`'s docstring still says {PLACEHOLDER!r}",
                hint=f"replace each {PLACEHOLDER!r} with what the entry means",
            )
        )
    if "params" in options.require and not parsed.elsewhere:
        out += _params(
            scope, parsed, class_doc if by_class else None, where, options, style, older, inherited
        )
    if doc is not None:  # a method the class documents has no sections of its own to ask for
        out += _flow(node, name, parsed, where, options)
    return out


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
    decorators = decorator_names(node)
    abstract = bool(decorators & {"abstractmethod", "property", "cached_property"})
    returns = any(
        isinstance(n, ast.Return)
        and n.value is not None
        and not (isinstance(n.value, ast.Constant) and n.value.value is None)
        for n in own
    )
    if (
        "returns" in options.require
        and returns
        and not generator
        and not abstract
        and node.name != "__init__"
        and not parsed.returns
    ):
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
    if "raises" in options.require:
        missing = sorted(raised_by(own) - parsed.raises)
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
    documented = set(parsed.params)
    if class_doc is not None:
        documented |= parse(class_doc, options.param_sections).params
    wanted = [
        p for p in parameters_of(node, scope.owner is not None, options) if p not in inherited
    ]
    missing = [p for p in wanted if p not in documented and p not in older]
    gap = [p for p in wanted if p not in documented and p in older]
    extra = [p for p in parsed.documented if p not in signature_names(node)]
    if node.args.kwarg is not None or node.args.vararg is not None:
        extra = []  # names documented for **kwargs / *args are the function's to accept
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
        listed = ", ".join(f"`{p}`" for p in missing)
        typed = [p for p in missing if p in parsed.typed_only]
        message = f"`{name}` does not document {listed}"
        if extra:
            message += "; it documents " + ", ".join(f"`{p}`" for p in extra)
            are = "is not a parameter" if len(extra) == 1 else "are not parameters"
            message += f", which {are}"
        out.append(
            where.finding(
                "MR202",
                message,
                hint=_class_hint(node, missing[0], options)
                if class_doc is not None and not parsed.documented and style in (None, "google")
                else _param_hint(node, missing, extra, typed, style, bool(parsed.documented)),
            )
        )
    elif extra:
        listed = ", ".join(f"`{p}`" for p in extra)
        are = "is not a parameter" if len(extra) == 1 else "are not parameters"
        out.append(
            where.finding(
                "MR208",
                f"`{name}` documents {listed}, which {are} of its signature",
                hint=f"remove {listed} from the docstring, or rename "
                f"{'it' if len(extra) == 1 else 'them'} to the parameter meant",
            )
        )
    return out


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
