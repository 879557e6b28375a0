"""examples-valid: the examples a contribution adds or changes parse, open and say who and when.

Python examples (``examples/**``) must parse with ``ast`` (the finding names the line).
Notebooks must be JSON and valid nbformat (nbformat's own validator, for the version the
notebook declares); ``notebook-outputs`` (``stripped``, ``kept`` or ``any``),
``execution-counts`` (``cleared``, ``in-order`` or ``any``) and ``kernel`` (``required``,
``kernel-names``) say what the project expects of them, and their touched Python cells must
parse (IPython magics allowed). An example whose module docstring carries the keras-io header
(``Title:``, ``Author:``/``Authors:``, ``Date created:``, ``Last modified:``,
``Description:``, optional ``Accelerator:``) has every field filled in, dates as
``YYYY/MM/DD``, *Last modified* not before *Date created* nor older than the base's value, and a
one-sentence, capitalised *Description* under 100 characters that no other example uses;
``require-header`` makes new examples carry it. Where generated companions sit beside the
sources (keras-io's ``<area>/md/`` and ``<area>/ipynb/``), a source changed without them and a
companion edited by hand are warnings. ``max-code-lines`` and ``http://`` targets are warnings.
Only what the contribution adds or changes is reported: a problem the base already had is not.
Nothing is imported, executed or rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from mergeready.checks.changes import ChangedFile
from mergeready.checks.classify.scripts import python_shebang
from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import LFS_TEXT, NUL_TEXT, decode
from mergeready.checks.examples.companions import http_findings
from mergeready.checks.model import CheckResult, Finding, failed, passed, plural, skipped
from mergeready.checks.paths import first_match

# The example and notebook rules are imported when the check runs, not by every run that loads
# this module's Options (their patterns and dataclasses cost about 6 ms of CPU; #26).
if TYPE_CHECKING:
    from mergeready.checks.examples.example_rules import Layout

HOOK: Final = {  # its entry in .pre-commit-hooks.yaml (tests/test_consistency.py compares)
    "id": "mergeready-examples",
    "description": "Notebooks and example scripts you change are valid and their code parses.",
    "types_or": ("jupyter", "python"),
    "stages": ("pre-commit",),
}
CODES: Final = {
    "MR701": "a Python example that does not parse",
    "MR702": "a notebook that is not JSON",
    "MR703": "a notebook that is not valid nbformat",
    "MR704": "notebook outputs against the notebook-outputs option",
    "MR705": "execution counts against the execution-counts option",
    "MR706": "kernel metadata missing or not an allowed kernel",
    "MR707": "a notebook code cell that does not parse",
    "MR708": "a keras-io header field missing, empty or unknown",
    "MR709": "a keras-io header date not written as YYYY/MM/DD",
    "MR710": "Last modified before Date created",
    "MR711": "Last modified older than the base's value, or not updated",
    "MR712": "a Description that is not one capitalised sentence under 100 characters",
    "MR713": "a Description identical to another example's",
    "MR714": "a new example without the keras-io header the profile requires",
    "MR715": "a changed example whose generated companions were not regenerated",
    "MR716": "a generated companion edited without its source",
    "MR717": "an example over the configured number of code lines",
    "MR718": "an http:// link or image target",
    "MR719": "an example not checked: too large, a NUL byte, or not text",
}
_PYTHON_SUFFIXES: Final = (".py", ".pyw", ".py3")
_LARGER: Final = "Python and Jupyter read it whole: raise --max-file-size to check it"
NotebookOutputs = Literal["stripped", "kept", "any"]
ExecutionCounts = Literal["cleared", "in-order", "any"]
Kernel = Literal["required", "any"]
Companions = Literal["auto", "on", "off"]


@dataclass(frozen=True)
class Options:
    """Options of examples-valid (the keys of its block in the rules)."""

    paths: tuple[str, ...] = ("examples/**", "example/**")
    notebooks: tuple[str, ...] = ("*.ipynb",)
    skip: tuple[str, ...] = ("**/.ipynb_checkpoints/**",)
    notebook_outputs: NotebookOutputs = "any"
    execution_counts: ExecutionCounts = "any"
    kernel: Kernel = "any"
    kernel_names: tuple[str, ...] = ()
    require_header: bool = False
    header_paths: tuple[str, ...] = ()  # the keras-io examples; empty: every one of ``paths``
    companions: Companions = "auto"
    companion_dirs: tuple[str, ...] = ("md", "ipynb")
    max_code_lines: int = 0
    http: bool = True


def check(contribution: Contribution, options: Options) -> CheckResult:
    """Added or changed examples parse, notebooks are valid, headers and companions agree.

    Args:
        contribution: The contribution.
        options: This check's options.

    Returns:
        The check's result.
    """
    scripts, books = _examples(contribution, options)
    # start-up: the rules load when the check runs, not with the Options (see the top)
    from mergeready.checks.examples import example_rules

    layout = example_rules.Layout.of(contribution, options)
    findings = list(layout.companion_findings(contribution))
    if not scripts and not books and not findings:
        return skipped("no example or notebook changed")
    for f in scripts:
        if layout.is_companion(f.path):
            continue
        findings += _script(contribution, f, options, layout)
    if books:
        # start-up: the rules load when the check runs, not with the Options (see the top)
        from mergeready.checks.examples.notebook_rules import notebook_findings

        for f in books:
            text = _text(contribution, f, findings)
            if text is not None:
                findings += notebook_findings(contribution, f, text, options)
    return _summary(findings, len(scripts) + len(books))


def _examples(
    contribution: Contribution, options: Options
) -> tuple[list[ChangedFile], list[ChangedFile]]:
    """The changed example scripts and notebooks this check reads, in the contribution's order."""
    scripts, books = [], []
    for f in contribution.files:
        if not f.exists or f.kind != "file" or first_match(f.path, options.skip):
            continue
        if first_match(f.path, options.notebooks):
            books.append(f)
        elif first_match(f.path, options.paths) and _python(contribution, f.path):
            scripts.append(f)
    return scripts, books


def _python(contribution: Contribution, path: str) -> bool:
    """A Python example by any name Python runs it under: ``.py`` in any case, ``.pyw``,
    ``.py3``, or no suffix and a ``python`` shebang (attack 6's F14)."""
    name = path.rsplit("/", 1)[-1]
    if name.lower().endswith(_PYTHON_SUFFIXES):
        return True
    if "." in name.lstrip("."):
        return False
    return python_shebang((contribution.head_text(path) or "").split("\n", 1)[0])


def _summary(findings: list[Finding], count: int) -> CheckResult:
    """The result: the examples not checked (MR719) are said and never counted as valid."""
    errors = [x for x in findings if x.severity == "error"]
    what = plural(count, "example")
    unread = len({x.path for x in findings if x.code == "MR719"})
    note = f" ({unread} not checked)" if unread else ""
    if errors:
        return failed(f"{plural(len(errors), 'problem')} in {what}{note}", findings)
    if unread and unread >= count:
        return passed(f"{what} not checked (see the warnings)", findings)
    return passed(f"{plural(count - unread, 'example')} valid{note}", findings)


def _text(contribution: Contribution, f: ChangedFile, findings: list[Finding]) -> str | None:
    data, reason = contribution.data(f)
    if data is None:
        if reason.startswith(NUL_TEXT) and not f.path.endswith(".ipynb"):  # Python refuses it
            said = f"example {reason}: Python will not run it (attack 5's F17)"
            findings.append(Finding("MR719", "error", said, f.path))
        elif reason.startswith("larger than") and not contribution.is_audit:
            said = f"not checked: {reason}"  # padded past the limit: never a silent Ready (F14)
            findings.append(Finding("MR719", "error", said, f.path, hint=_LARGER))
        elif not f.path.endswith(".ipynb") or reason.startswith(("larger than", LFS_TEXT)):
            findings.append(Finding("MR719", "warning", f"not checked: {reason}", f.path))
        else:  # JSON holds no raw NUL byte: a notebook with one is not a notebook
            findings.append(
                Finding(
                    "MR702",
                    "error",
                    "notebook is not JSON: it holds binary data (NUL bytes)",
                    f.path,
                    1,
                    hint="a notebook is the JSON Jupyter writes: re-save it from Jupyter",
                )
            )
        return None
    return decode(data)


def _script(
    contribution: Contribution, f: ChangedFile, options: Options, layout: Layout
) -> list[Finding]:

    # start-up: the rules load when the check runs, not with the Options (see the top)
    from mergeready.checks.examples import example_rules

    out: list[Finding] = []
    text = _text(contribution, f, out)
    if text is None:
        return out
    error = example_rules.syntax_error(text)
    if error and (f.touches(error[0]) or _parsed_at_base(contribution, f)):
        line, message = error
        out.append(
            Finding(
                "MR701",
                "error",
                f"example does not parse: {message}",
                f.path,
                line,
                hint="fix the syntax error; examples must run as written",
            )
        )
    if not options.header_paths or first_match(f.path, options.header_paths):
        # what the profile says of its kind of example (a keras-io header, a size) applies
        # only to the examples it describes: Keras's own examples/demo_*.py are no keras-io ones
        out += example_rules.header_findings(contribution, f, text, options, layout)
        if options.max_code_lines and error is None:
            out += example_rules.size_findings(contribution, f, text, options.max_code_lines)
    if options.http:
        out += list(http_findings(f, text))
    return out


def _parsed_at_base(contribution: Contribution, f: ChangedFile) -> bool:

    # start-up: the rules load when the check runs, not with the Options (see the top)
    from mergeready.checks.examples import example_rules

    if f.status == "added":
        return True
    old = contribution.base_text(f.old_path or f.path)
    return old is None or example_rules.syntax_error(old) is None
