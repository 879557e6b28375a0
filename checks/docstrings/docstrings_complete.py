"""docstrings-complete: what the contribution adds to the public API is documented.

For each public module, class, function and method that the contribution adds, or whose
signature it changes (name, parameters, defaults, annotations, decorators), a docstring exists
and documents every parameter; a change only inside a body does not oblige the contributor to
document a legacy definition. As the rules ask (``require``), also the return value, explicitly
raised exceptions, yields of generators, and a convention (``pep257``, ``google``, ``numpy``)
checked by pydocstyle (``style``). Google ``Args:``, NumPy ``Parameters`` and Sphinx
``:param x:`` all document a parameter: an entry that names it documents it, with or without a
type or a description. A documented parameter the signature does not have is reported too
(unless the function takes ``*args``/``**kwargs``), with a *did you mean* for a close name.
Hints are written in the docstring's style, else the module's, else the configured
convention's. A raised exception is the class the ``raise`` names (``raise Err.from_response()``
raises ``Err``); one that cannot be told from the code asks nothing. Private names and test
files are out of scope; a file that cannot be read or parsed (too large, a NUL byte, invalid
encoding, syntax newer than the running Python) gets one warning and the summary says it was
not checked. Public means no leading underscore in the name or any enclosing class or module;
optionally only what an export decorator (``@keras_export``) or ``__all__`` exports. An entry
that still says ``TODO: describe`` (what ``mergeready fix`` writes) fails (MR209): a stub is not
documentation. A
``# noqa`` comment silences pydocstyle only when the base configuration says
``inline-noqa: true`` or in a whole-tree audit (``--all`` without ``--base``): a
contributed comment never switches a check off.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from mergeready.checks.attributes import NO_ATTRIBUTES, Attributes
from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import check_choices
from mergeready.checks.model import CheckResult, Finding, failed, passed, plural, skipped
from mergeready.checks.paths import NOT_LIBRARY, SOURCE_FILES, TEST_FILES, first_match
from mergeready.checks.public_api import Def, Scope, decorator_names, in_scope, private_module

if TYPE_CHECKING:
    from mergeready.checks.docstrings.backends import ParsedDocstring
    from mergeready.checks.docstrings.practice import Practice

# How the findings about a module itself (not one of its definitions) begin, for the baseline.
MODULE_FINDINGS: Final = ("new public module", "`module`:")
CODES: Final = {
    "MR201": "a public definition in scope has no docstring",
    "MR202": "a parameter is not documented",
    "MR203": "the return value is not documented",
    "MR204": "an explicitly raised exception is not documented",
    "MR205": "what a generator yields is not documented",
    "MR206": "the docstring does not follow the configured convention",
    "MR207": "a Python file does not parse, is too large or cannot be read, so it was not checked",
    "MR208": "the docstring documents a parameter the signature does not have",
    "MR209": "the docstring still holds the placeholder `mergeready fix` wrote (TODO: describe)",
}
# What ``mergeready fix`` writes into the entries it adds; a docstring holding it is not done.
PLACEHOLDER: Final = "TODO: describe"
REQUIREMENTS: Final = ("presence", "params", "returns", "raises", "yields", "style")
CONVENTIONS: Final = ("pep257", "google", "numpy")


@dataclass(frozen=True)
class Options:
    """Options of docstrings-complete (the keys of its block in the rules)."""

    require: tuple[str, ...] = ("presence", "params")
    convention: str | None = None
    document_varargs: bool = False
    export_decorators: tuple[str, ...] = ()
    use_all: bool = False
    param_sections: tuple[str, ...] = ()
    class_documents: tuple[str, ...] = ("__init__",)
    exclude: tuple[str, ...] = NOT_LIBRARY
    source: tuple[str, ...] = SOURCE_FILES
    tests: tuple[str, ...] = TEST_FILES
    modules: bool = True
    inline_noqa: bool = False
    follow_project: bool = True
    project_linter: str = ""
    project_ignores: tuple[str, ...] = ()
    attributes: Attributes = NO_ATTRIBUTES  # the base's .gitattributes, from the rules loader

    def __post_init__(self) -> None:
        """Refuse an unknown requirement or convention.

        Raises:
            OptionError: Naming the key and the nearest valid value.
        """
        check_choices("require", self.require, REQUIREMENTS)
        check_choices("convention", self.convention, CONVENTIONS)


@dataclass(frozen=True)
class _Where:
    path: str
    line: int
    column: int

    def finding(self, code: str, message: str, hint: str) -> Finding:
        return Finding(code, "error", message, self.path, self.line, self.column, hint)


def check(contribution: Contribution, options: Options) -> CheckResult:
    """Public definitions that the contribution adds or re-signs are documented.

    Args:
        contribution: The contribution.
        options: This check's options.

    Returns:
        The check's result.
    """
    findings: list[Finding] = []
    counted = unchecked = 0
    from mergeready.checks.diffkind import generated

    for f in contribution.files:
        if not _applies(f, options) or generated(contribution, f, options.attributes):
            continue
        tree, reason = contribution.python(f)
        if tree is None:  # never silent: a file that cannot be read is a file not checked
            unchecked += 1
            findings.append(
                Finding("MR207", "warning", f"{reason}; docstrings not checked", f.path)
            )
            continue
        scopes = list(in_scope(tree, f, options.export_decorators, options.use_all))
        module_new = options.modules and f.status == "added" and bool(tree.body)
        counted += len(scopes) + module_new
        asked = _Asked(contribution, f, options)
        if module_new and "presence" in options.require and ast.get_docstring(tree) is None:
            findings.append(asked.relax(_no_module_docstring(f.path), _module_code(f.path)))
        style = file_style(tree, options.convention) if scopes else None
        for scope in scopes:
            found = _definition(scope, f.path, options, style)
            findings += [asked.relax(x, _missing_code(scope)) for x in found]
        if "style" in options.require and options.convention and (scopes or module_new):
            findings += _style(contribution, f, scopes, module_new, options)
    note = f" ({unchecked} Python file{'s' * (unchecked != 1)} not checked)" if unchecked else ""
    if not counted:
        if unchecked:
            return skipped(
                f"{unchecked} Python file{'s' * (unchecked != 1)} not checked: "
                "it could not be read or parsed",
                findings,
            )
        return skipped("no public definition added or re-signed", findings)
    errors = [x for x in findings if x.severity == "error"]
    relaxed = sum(NOT_ASKED in x.message for x in findings)
    if relaxed:
        note += f" ({relaxed} not required by this project: warnings)"
    if errors:
        names = sorted({x.message.split("`")[1] for x in errors if "`" in x.message})
        return failed(
            f"{plural(len(errors), 'docstring problem')}"
            f"{': ' + ', '.join(names[:4]) if names else ''}"
            f"{' …' if len(names) > 4 else ''}{note}",
            findings,
        )
    done = "checked" if relaxed else "documented"
    return passed(f"{plural(counted, 'public definition')} {done}{note}", findings)


NOT_ASKED: Final = "not required here: "


class _Asked:
    """Whether the project asks for what a finding says is missing (docstring_practice)."""

    def __init__(self, contribution: Contribution, f: ChangedFile, options: Options) -> None:
        self.contribution, self.f, self.options = contribution, f, options
        self._practice: Practice | None = None

    def relax(self, finding: Finding, code: str) -> Finding:
        """Turn a missing docstring or parameter the project does not ask for into a warning."""
        if finding.severity != "error" or finding.code not in ("MR201", "MR202"):
            return finding
        why = self._why(finding.code, code)
        if not why:
            return finding
        message = f"{finding.message} ({NOT_ASKED}{why})"
        return dataclasses.replace(finding, severity="warning", message=message)

    def _why(self, finding_code: str, code: str) -> str:
        options = self.options
        if not options.follow_project:
            return ""
        if finding_code == "MR201" and code in options.project_ignores:
            return f"{options.project_linter or 'the project'} ignores {code}"
        if options.project_linter or options.convention:
            return ""  # the project lints docstrings
        if self._practice is None:
            from mergeready.checks.docstrings.practice import practice

            self._practice = practice(self.contribution, self.f)
        what = "presence" if finding_code == "MR201" else "params"
        return "" if self._practice.asks(what) else self._practice.why(what)


def _no_module_docstring(path: str) -> Finding:
    return Finding(
        "MR201",
        "error",
        f"{MODULE_FINDINGS[0]} has no docstring",
        path,
        1,
        1,
        hint="add a module docstring on line 1 that says what the module is for",
    )


def _module_code(path: str) -> str:
    return "D104" if path.endswith("__init__.py") else "D100"


def _missing_code(scope: Scope) -> str:
    """pydocstyle's code for a missing docstring on this kind of definition."""
    node = scope.node
    if isinstance(node, ast.ClassDef):
        return "D106" if scope.owner is not None else "D101"
    if scope.owner is None:
        return "D103"
    if node.name == "__init__":
        return "D107"
    return "D105" if node.name.startswith("__") else "D102"


def _applies(f: ChangedFile, options: Options) -> bool:
    return (
        f.exists
        and f.kind == "file"
        and f.path.endswith(".py")  # of the source globs, only what ``ast`` parses
        and first_match(f.path, options.source) is not None
        and first_match(f.path, options.tests) is None
        and first_match(f.path, options.exclude) is None
        and not private_module(f.path)
    )


def _parameters(
    node: ast.FunctionDef | ast.AsyncFunctionDef, method: bool, options: Options
) -> list[str]:
    a = node.args
    names = [x.arg for x in (*a.posonlyargs, *a.args)]
    if method and names and "staticmethod" not in decorator_names(node):
        names = names[1:]
    names += [x.arg for x in a.kwonlyargs]
    if options.document_varargs:
        names += [x.arg for x in (a.vararg, a.kwarg) if x is not None]
    return [n for n in names if not n.startswith("_")]


def _own_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Walk a function's body without entering nested functions, classes or lambdas."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(child))


def _raised(own: list[ast.AST]) -> set[str]:
    names = set()
    for child in own:
        if isinstance(child, ast.Raise) and child.exc is not None:
            name = exception_name(child.exc)
            if name:
                names.add(name)
    return names - {"NotImplementedError"}


def exception_name(exc: ast.expr) -> str | None:
    """Name the class a ``raise`` statement raises, when it can be told from the code.

    ``raise ValueError(x)`` and ``raise errors.HTTPError(r)`` raise what they name;
    ``raise Err.from_response(r)`` and ``raise MyError.a.b.c(...)`` call a factory, and the
    class is the last CapWords part of the chain. ``raise exc`` or ``raise self.error()``
    cannot be told, and nothing is asked of the docstring.

    Args:
        exc: The raised expression.

    Returns:
        The class's name, or None.
    """
    target = exc.func if isinstance(exc, ast.Call) else exc
    parts: list[str] = []
    while isinstance(target, ast.Attribute):
        parts.append(target.attr)
        target = target.value
    if isinstance(target, ast.Name):
        parts.append(target.id)
    return next((p for p in parts if p[:1].isupper() and not p.isupper()), None)


def _definition(
    scope: Scope, path: str, options: Options, style: str | None = None
) -> list[Finding]:
    from mergeready.checks.docstrings.backends import parse

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
        out += _params(scope, parsed, class_doc if by_class else None, where, options, style)
    if doc is not None:  # a method the class documents has no sections of its own to ask for
        out += _flow(node, name, parsed, where, options)
    return out


def _has_params(node: Def, scope: Scope, options: Options) -> bool:
    return not isinstance(node, ast.ClassDef) and bool(
        _parameters(node, scope.owner is not None, options)
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
    own = list(_own_nodes(node))
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
        missing = sorted(_raised(own) - parsed.raises)
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
) -> list[Finding]:
    """Compare the parameters a docstring documents with the signature's, both ways."""
    from mergeready.checks.docstrings.backends import parse

    node, name = scope.node, scope.qualname
    assert not isinstance(node, ast.ClassDef)
    documented = set(parsed.params)
    if class_doc is not None:
        documented |= parse(class_doc, options.param_sections).params
    wanted = _parameters(node, scope.owner is not None, options)
    missing = [p for p in wanted if p not in documented]
    extra = [p for p in parsed.documented if p not in _signature_names(node)]
    if node.args.kwarg is not None or node.args.vararg is not None:
        extra = []  # names documented for **kwargs / *args are the function's to accept
    style = parsed.style or file_style
    out: list[Finding] = []
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
                hint=_param_hint(node, missing, extra, typed, style, bool(parsed.documented)),
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


def _signature_names(node: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    a = node.args
    every = [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]
    return {x.arg for x in every if x is not None}


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
    annotation = _annotation(node, first)
    if style == "numpy":
        where = "under Parameters" if has_section else "in a Parameters section"
        return f"add '{first} : {annotation or 'type'}' with a description {where}"
    if style == "sphinx":
        return f"add ':param {first}: …' to the docstring"
    if style == "epytext":
        return f"add '@param {first}: …' to the docstring"
    typed_name = f"{first} ({annotation})" if annotation else first
    return f'add "{typed_name}: …" ' + ("under Args:" if has_section else "in an Args: section")


def _annotation(node: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> str:
    a = node.args
    for arg in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg):
        if arg is not None and arg.arg == name and arg.annotation is not None:
            text = ast.unparse(arg.annotation)
            return text if len(text) <= 40 else ""
    return ""


def file_style(tree: ast.Module, convention: str | None) -> str | None:
    """Tell which docstring style a module writes, else the one its convention implies.

    Args:
        tree: The module.
        convention: The configured pydocstyle convention, if any.

    Returns:
        ``google``, ``numpy``, ``sphinx``, ``epytext`` or None.
    """
    from mergeready.checks.docstrings.sections import every_style

    docs = [d for n in _definitions(tree) for d in [ast.get_docstring(n)] if d]
    styles = list(every_style(docs))
    if styles:
        return max(dict.fromkeys(styles), key=styles.count)
    return {"numpy": "numpy", "google": "google"}.get(convention or "")


_DEFINITION: Final = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)


def _definitions(
    tree: ast.Module,
) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module]:
    """The module and every definition in it, breadth first, as ``ast.walk`` meets them, but
    through statement lists only: a 50,000-line module's expressions are never visited."""
    from collections import deque

    queue: deque[ast.AST] = deque([tree])
    while queue:
        node = queue.popleft()
        if isinstance(node, _DEFINITION):
            yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            children = getattr(node, field, None)
            if isinstance(children, list):
                queue.extend(c for c in children if isinstance(c, ast.AST))


def _style(
    contribution: Contribution,
    f: ChangedFile,
    scopes: list[Scope],
    module_new: bool,
    options: Options,
) -> list[Finding]:
    from mergeready.checks.docstrings.backends import conventions, style_errors

    convention = options.convention or ""
    if convention not in conventions():
        raise ValueError(f"unknown docstring convention {convention!r}")
    view = contribution.python_view(f)
    if view is None:
        return []
    text = "\n".join(view.lines())  # pydocstyle breaks lines where Python does, at \n only
    lines = {s.node.lineno: s.qualname for s in scopes}
    out = []
    noqa = options.inline_noqa or contribution.is_audit
    for error in style_errors(text, f.path, convention, noqa):
        definition = view.git_line(error.definition_line)
        if definition in lines or (module_new and definition <= 1):
            name = lines.get(definition, "module")
            out.append(
                Finding(
                    "MR206",
                    "error",
                    f"`{name}`: {error.message} ({convention})"
                    if name != "module"
                    else f"{MODULE_FINDINGS[1]} {error.message} ({convention})",
                    f.path,
                    view.git_line(error.line),
                    None,
                    hint=f"fix the docstring to the {convention} convention",
                )
            )
    return out
