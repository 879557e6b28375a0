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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from mergeready.checks.attributes import NO_ATTRIBUTES, Attributes
from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.diffkind import generated
from mergeready.checks.docstrings.backends import conventions, parse, style_errors
from mergeready.checks.docstrings.definition_findings import definition, parameters_of
from mergeready.checks.docstrings.definitions import (
    file_style,
)
from mergeready.checks.docstrings.overrides import taken_from_base
from mergeready.checks.docstrings.practice import practice
from mergeready.checks.docstrings.sections import MODULE_FINDINGS, Convention
from mergeready.checks.errors import check_declared
from mergeready.checks.model import CheckResult, Finding, failed, passed, plural, skipped
from mergeready.checks.paths import NOT_LIBRARY, SOURCE_FILES, TEST_FILES, first_match
from mergeready.checks.python.moved import moved_from
from mergeready.checks.python.public_api import Scope, exported_names, in_scope, private_module

if TYPE_CHECKING:
    from mergeready.checks.docstrings.practice import Practice
    from mergeready.checks.python.pycode import PythonView

# How the findings about a module itself (not one of its definitions) begin, for the baseline.
HOOK: Final = {  # its entry in .pre-commit-hooks.yaml (tests/test_consistency.py compares)
    "id": "mergeready-docstrings",
    "description": (
        "New and re-signed public definitions have docstrings that document every parameter."
    ),
    "types": ("python",),
    "stages": ("pre-commit",),
}
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
Requirement = Literal["presence", "params", "returns", "raises", "yields", "style"]


@dataclass(frozen=True)
class Options:
    """Options of docstrings-complete (the keys of its block in the rules)."""

    require: tuple[Requirement, ...] = ("presence", "params")
    convention: Convention | None = None
    document_varargs: bool = False
    export_decorators: tuple[str, ...] = ()
    use_all: bool = False
    param_sections: tuple[str, ...] = ()
    class_documents: tuple[str, ...] = ("__init__",)
    inherited_params: tuple[str, ...] = ()
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
        """Refuse an unknown requirement or convention (the words their types declare).

        Raises:
            OptionError: Naming the key and the nearest valid value.
        """
        check_declared(self)


def check(contribution: Contribution, options: Options) -> CheckResult:
    """Public definitions that the contribution adds or re-signs are documented.

    Args:
        contribution: The contribution.
        options: This check's options.

    Returns:
        The check's result.
    """
    findings: list[Finding] = []
    counted = unchecked = inherited = 0

    for f in contribution.files:
        if not applies(f, options) or generated(contribution, f, options.attributes):
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
        found, skipped_here = _scopes(contribution, f, tree, scopes, options, asked)
        findings += found
        inherited += skipped_here
        if "style" in options.require and options.convention and (scopes or module_new):
            findings += _style(contribution, f, scopes, module_new, options)
    notes = [f"{unchecked} Python file{'s' * (unchecked != 1)} not checked"] if unchecked else []
    if inherited:
        notes.append(f"{plural(inherited, 'override')} inheriting a base class's documentation")
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
        notes.append(f"{relaxed} not required by this project: warnings")
    note = f" ({'; '.join(notes)})" if notes else ""  # one parenthesis, never stacked
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

    def relax(self, finding: Finding, code: str, exported: bool = False) -> Finding:
        """Turn a missing docstring or parameter the project does not ask for into a warning.

        A missing docstring is never more acceptable than an incomplete one: where the project
        does not ask for a definition's docstring, it does not ask for its parameters either
        (else deleting a one-line docstring would make a contribution ready). Explicitly
        exported API (an export decorator, ``__all__``) is not relaxed by the practice of the
        file's helpers.
        """
        if finding.severity != "error" or finding.code not in ("MR201", "MR202"):
            return finding
        why = self._why(finding.code, code, exported)
        if not why:
            return finding
        message = f"{finding.message} ({NOT_ASKED}{why})"
        return dataclasses.replace(finding, severity="warning", message=message)

    def _why(self, finding_code: str, code: str, exported: bool) -> str:
        options = self.options
        if not options.follow_project:
            return ""
        if code in options.project_ignores:  # the linter asks for no docstring here at all
            return f"{options.project_linter or 'the project'} ignores {code}"
        if options.project_linter or options.convention or exported:
            return ""  # the project lints docstrings, or the definition is exported API
        return self._unpractised(finding_code)

    def _unpractised(self, finding_code: str) -> str:
        """Why the merged history does not ask for this docstring (``MR201``) or its
        parameters (``MR202``); empty when it does."""
        if self._practice is None:
            self._practice = practice(self.contribution, self.f)
        for what in ("presence", "params") if finding_code == "MR202" else ("presence",):
            if not self._practice.asks(what):
                return self._practice.why(what)
        return ""


def _scopes(
    contribution: Contribution,
    f: ChangedFile,
    tree: ast.Module,
    scopes: Sequence[Scope],
    options: Options,
    asked: _Asked,
) -> tuple[list[Finding], int]:
    """The findings of a file's definitions in scope, and how many overrides inherit docs."""
    style = file_style(tree, options.convention) if scopes else None
    listed = exported_names(tree) or set()
    base = contribution.base_python(f.old_path or f.path) if f.status != "added" else None
    findings: list[Finding] = []
    inherited = 0
    for scope in scopes:
        from_base = taken_from_base(contribution, tree, f.path, scope, options)
        if from_base is None:
            inherited += 1  # an override inherits its base's documentation
            continue
        older, bare = _undocumented_before(_base_of(contribution, f, base, scope), scope, options)
        found = definition(scope, f.path, options, style, older, bare, from_base)
        # Explicitly exported API (the decorated or listed definition itself, not every
        # method of an exported class) is documented even where a file's helpers are not.
        exported = scope.owner is None and (
            bool(options.export_decorators) or scope.qualname in listed
        )
        findings += [asked.relax(x, _missing_code(scope), exported) for x in found]
    return list(dict.fromkeys(findings)), inherited  # a class docstring's stub: said once


def _base_of(
    contribution: Contribution, f: ChangedFile, base: ast.Module | None, scope: Scope
) -> ast.Module | None:
    """The base module that held a definition: its file's, or the one it moved from."""
    top = scope.qualname.split(".", 1)[0]
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    if base is not None and any(isinstance(n, kinds) and n.name == top for n in base.body):
        return base
    return moved_from(contribution, f, scope.qualname) or base


def _undocumented_before(
    base: ast.Module | None, scope: Scope, options: Options
) -> tuple[frozenset[str], bool]:
    """The parameters the base's definition of the same name had and did not document.

    The second value tells whether the base's definition had no docstring at all: then a
    docstring still missing is the project's gap too, as long as the contribution adds no
    parameter (issue 23: a gap that predates the contribution is a warning at most).
    """
    if base is None:
        return frozenset(), False
    owner: ast.ClassDef | None = None
    body: list[ast.stmt] = base.body
    if scope.owner is not None:
        owner = next(
            (n for n in base.body if isinstance(n, ast.ClassDef) and n.name == scope.owner.name),
            None,
        )
        body = owner.body if owner is not None else []
    kinds = (ast.ClassDef,) if isinstance(scope.node, ast.ClassDef) else _FUNCTIONS
    node = next((n for n in body if isinstance(n, kinds) and n.name == scope.node.name), None)
    if node is None:
        return frozenset(), False
    bare = ast.get_docstring(node) is None and not (
        owner is not None and node.name in options.class_documents and ast.get_docstring(owner)
    )
    if isinstance(node, ast.ClassDef):
        return frozenset(), bare
    documented = set(parse(ast.get_docstring(node) or "", options.param_sections).params)
    if owner is not None and node.name in options.class_documents:
        documented |= parse(ast.get_docstring(owner) or "", options.param_sections).params
    wanted = parameters_of(node, owner is not None, options)
    return frozenset(p for p in wanted if p not in documented), bare


_FUNCTIONS: Final = (ast.FunctionDef, ast.AsyncFunctionDef)


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


def applies(f: ChangedFile, options: Options) -> bool:
    """Tell whether docstrings-complete reads a changed file.

    Args:
        f: The changed file.
        options: The check's options (source, tests and exclude globs).

    Returns:
        True for an existing Python source file that is not a test, excluded or private.
    """
    return (
        f.exists
        and f.kind == "file"
        and f.path.endswith(".py")  # of the source globs, only what ``ast`` parses
        and first_match(f.path, options.source) is not None
        and first_match(f.path, options.tests) is None
        and first_match(f.path, options.exclude) is None
        and not private_module(f.path)
    )


def _style(
    contribution: Contribution,
    f: ChangedFile,
    scopes: list[Scope],
    module_new: bool,
    options: Options,
) -> list[Finding]:

    convention = options.convention or ""
    if convention not in conventions():
        raise ValueError(f"unknown docstring convention {convention!r}")
    view = contribution.python_view(f)
    if view is None:
        return []
    text = "\n".join(view.lines())  # pydocstyle breaks lines where Python does, at \n only
    lines = {s.node.lineno: s.qualname for s in scopes}
    out = []
    noqa = options.inline_noqa or _noqa_kept(contribution, f, view)
    for error in style_errors(text, f.path, convention, noqa):
        definition = view.git_line(error.definition_line)
        if definition in lines or (module_new and definition <= 1):
            where = (f.path, view.git_line(error.line))
            out.append(_style_finding(lines.get(definition), error.message, convention, where))
    return out


def _noqa_kept(contribution: Contribution, f: ChangedFile, view: PythonView) -> bool:
    """Tell whether the file's ``# noqa`` comments are the project's own, so pydocstyle honours
    them: in an audit, and in ``--all`` on a branch when every line that carries one is as the
    trusted revision has it (``trusted_line``); one the branch adds or moves switches all off."""
    if contribution.is_audit:
        return True
    if contribution.mode != "all":
        return False
    marked = (n for n, line in enumerate(view.lines(), start=1) if "noqa" in line.lower())
    return all(contribution.trusted_line(f.path, view.git_line(n)) for n in marked)


def _style_finding(
    name: str | None, message: str, convention: str, where: tuple[str, int | None]
) -> Finding:
    """An MR206 finding: a definition's (``name``) or the module's (None) docstring breaks
    the convention."""
    said = f"`{name}`:" if name is not None else MODULE_FINDINGS[1]
    return Finding(
        "MR206",
        "error",
        f"{said} {message} ({convention})",
        where[0],
        where[1],
        None,
        hint=f"fix the docstring to the {convention} convention",
    )
