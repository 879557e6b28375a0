"""versions: the versions the project asks for are in the report, and plausible.

``require`` names what must be there: ``project`` (the project's own version, under any of
its names: ``names``, default the distribution and import names its default branch declares),
``python``, ``os`` (an operating system or platform named), ``hardware`` (a GPU, CPU or TPU
named), ``nightly`` (the nightly or development build said, tried or not), ``backend`` (a
version of one of ``backends``: TensorFlow, JAX, PyTorch for Keras), or any other package by
name. A version is
a number written after the name on the same line (``Keras 3.4.1``, ``keras==3.4.1``,
``| keras | 3.4.1 |``, ``Keras version: 3.4.1``). The project's own version must be one of
its released tags or its development version (both read from the repository, offline; a
``.dev``, ``nightly`` or ``main`` build counts as development); "latest" without a number
asks for the number; a Python newer than the newest its metadata names is a warning. A report
whose own ``Versions`` section names no number fails (IR306). Where the rules name the project's
diagnostic command (``diagnostic``: ``pd.show_versions()``, ``transformers-cli env``) and text
its output always holds (``diagnostic-output``), its output missing is said (IR307). The
package an error comes from — the last ``site-packages/<name>/`` frame of a traceback, or the
module an ``AttributeError``/``ImportError`` names (``module 'keras_tuner.oracles' has no
attribute …``) — when it is not the project and its version is not given, is named (IR308,
a warning): maintainers ask for that package's version, not only the project's. An
installation or build report that names no version of anything — no number, no ``Python 3``,
``Windows 10`` — fails (IR310): a build depends on the toolchain, and its version is what
maintainers ask first (issue 24's sixth round: rand#22, xi-editor#334, llamadb#21).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mergeready.checks.issues.report import IssueReport, asked_by_template
from mergeready.checks.issues.text import MAX_BODY, MAX_LINE, words
from mergeready.checks.issues.unversioned import NUMBER_GIVEN, unversioned_install
from mergeready.checks.model import CheckResult, Finding, Severity, failed, passed

CODES: Final = {
    "IR301": "the project's own version is not given",
    "IR302": "the project's version is not one it released or is developing",
    "IR303": '"latest" (or similar) stands where a version number should',
    "IR304": "a version the project asks for is not given",
    "IR305": "a version is newer than any the project knows",
    "IR306": "the report's own versions section gives no version number",
    "IR307": "the output of the project's diagnostic command is not in the report",
    "IR308": "the version of the package the error comes from is not given",
    "IR309": "the report never says where the code runs (system, Python, notebook or script)",
    "IR310": "an installation or build report names no version of anything",
}
BACKENDS: Final = ("tensorflow", "tf", "jax", "jaxlib", "torch", "pytorch")
SYSTEMS: Final = (
    "linux ubuntu debian fedora centos rhel redhat arch manjaro windows win10 win11 macos "
    "mac osx darwin colab kaggle wsl wsl2 android ios docker sonoma ventura monterey"
).split()
HARDWARE: Final = (
    "gpu gpus cpu cpus tpu tpus cuda rocm mps nvidia amd intel apple m1 m2 m3 m4 rtx gtx tesla "
    "quadro radeon a100 h100 v100 p100 k80 t4 l4 a10 a10g x86 arm64 aarch64 ram"
).split()
NIGHTLY: Final = ("nightly main master dev development head source").split()
WORDED: Final = {
    "os": (frozenset(SYSTEMS), "the operating system (or Colab, Docker …)"),
    "hardware": (frozenset(HARDWARE), "the hardware it ran on (GPU or CPU, its model)"),
    "nightly": (
        frozenset(NIGHTLY),
        "whether it also happens on the nightly (development) build",
    ),
}
"""``require`` entries answered by a word, not a number: what it is, and what to ask."""
_VERSION_AFTER: Final = re.compile(
    r"[^\n\d]{0,40}?\b[vV]?(\d{1,4}(?:\.\d{1,6}){1,3}(?:(?:[-.+]?(?:a|b|rc|dev|post|alpha|beta"
    r"|nightly)\d{0,12})|\+[\w.]{1,40})?)"
)
_LATEST: Final = re.compile(r"[^\n\d]{0,40}?\b(latest|newest|most recent|nightly|master)\b", re.I)
_DEVELOPMENT: Final = re.compile(r"dev|nightly|\+g?[0-9a-f]{6,}|main|master|head", re.I)
_NAME_EDGE: Final = re.compile(r"[\w-]")
_WORD: Final = re.compile(r"[a-z0-9]+")
_NUMBERS: Final = re.compile(r"\d{1,6}(?:\.\d{1,6}){0,3}")
_NAMED_BUILD: Final = re.compile(r"(?i)\b(?:latest|newest|nightly|main|master|head|dev)\b")
"""A build named, not numbered (``main``, ``nightly``): an answer (IR303 asks for the number)."""
SECTIONS: Final = ("versions", "version", "installed versions", "version information")
"""Headings of the section a report's template gives its versions (``### Versions``)."""
_SITE: Final = re.compile(r"[/\\](?:site|dist)-packages[/\\]([A-Za-z_]\w{0,100})")
"""A traceback frame's package: ``…/site-packages/datasets/load.py``."""
_MODULE_ERROR: Final = re.compile(
    r"module '([A-Za-z_]\w{0,100})[\w.]{0,200}' has no attribute"
    r"|cannot import name '?\w{1,100}'? from '([A-Za-z_]\w{0,100})"
)
"""The module an ``AttributeError`` or ``ImportError`` says lacks a name."""
_MARKDOWN_HEADING: Final = re.compile(
    r"[ ]{0,3}(?:#{1,6}[ \t]|\*\*[^*\n]{1,120}\*\*[ \t]*:?[ \t]*$)"
)


@dataclass(frozen=True, kw_only=True)
class Options:
    """Options of versions (the keys of its block in the rules)."""

    require: tuple[str, ...] = ("project",)
    names: tuple[str, ...] = ()  # the project's names as reporters write them (default: its own)
    backends: tuple[str, ...] = BACKENDS  # what ``backend`` accepts
    missing: Severity = "warning"  # a version not given: an error where the template asks for it
    diagnostic: str = ""  # the command that prints the environment (``pd.show_versions()``)
    diagnostic_output: tuple[str, ...] = ()  # text its output always holds (``INSTALLED VERSIONS``)
    error_package: bool = True  # name the package an error comes from when its version is not given
    environment: bool = True  # name a report that never says where the code runs (IR309)
    unversioned_install: Severity = "error"  # an installation report naming no version (IR310)


def check(report: IssueReport, options: Options) -> CheckResult:
    """The versions the project asks for are given and plausible.

    Args:
        report: The issue report.
        options: This check's options.

    Returns:
        The check's result.
    """
    lines = [line.lower() for line in report.text.lines] + [report.title.lower()]
    names = tuple(n.lower() for n in options.names or report.project.names)
    asked = asked_by_template(report, ("version", "versions"))
    severity: Severity = "error" if asked else options.missing
    findings: list[Finding] = []
    said: list[str] = []
    for need in options.require:
        if need == "project" and not names:
            continue  # no repository to name the project: nothing to look for
        found = list(_findings(need, names, options, lines, report, severity))
        findings += found
        said += [] if found else [need]
    findings += _diagnostic(report, options, severity)
    if options.error_package:
        findings += _error_package(report, names, lines)
    findings += _environment(report, options, findings)
    findings += unversioned_install(report, options.unversioned_install)
    return _verdict(list(_sections_without(report)) + findings, said)


RUNTIMES: Final = frozenset(
    (
        "python python2 python3 py2 py3 cpython pypy anaconda conda miniconda venv virtualenv "
        "pipenv poetry uv notebook notebooks jupyter jupyterlab ipython terminal shell bash zsh "
        "powershell cmd console script cli ide pycharm vscode spyder server cluster container "
        "kubernetes k8s slurm aws gcp azure sagemaker databricks"
    ).split()
)
"""Words that say how and where the code runs, besides ``SYSTEMS`` and ``HARDWARE``."""
_PLACES: Final = RUNTIMES | frozenset(SYSTEMS) | frozenset(HARDWARE)


def _environment(report: IssueReport, options: Options, findings: list[Finding]) -> list[Finding]:
    """IR309 for a report that gives no version and never says where the code runs."""
    unversioned = any(f.code in ("IR301", "IR303", "IR304") for f in findings)
    if not options.environment or not unversioned or _described(report, options):
        return []
    return [
        Finding(
            "IR309",
            "warning",
            "the report never says where the code runs",
            hint="say the operating system, the Python version and how you run it (a "
            "script, a notebook, Colab, Docker, a virtual environment)",
        )
    ]


def _described(report: IssueReport, options: Options) -> bool:
    """The report names a system, a runtime or hardware, or pastes the diagnostic's output.

    Maintainers ask "which environment", "the local setup", "terminal or notebook", "how is
    the code run" (issue 24's fourth round: wikineural#1, domain-transfer-network#3,
    TensorFlow#70845, PyTorch#167909) when a report says none of it.
    """
    if options.diagnostic_output and any(m in report.body for m in options.diagnostic_output):
        return True
    said = set(words(f"{report.title[:MAX_LINE]} {report.body[:MAX_BODY]}").split())
    return bool(said & _PLACES)


def _diagnostic(report: IssueReport, options: Options, severity: Severity) -> list[Finding]:
    """The project's diagnostic command's output, when the rules name one, is in the report."""
    if not options.diagnostic or not options.diagnostic_output:
        return []
    if any(marker in report.body for marker in options.diagnostic_output):
        return []
    return [
        Finding(
            "IR307",
            severity,
            f"the output of `{options.diagnostic}` is not in the report",
            hint=f"run `{options.diagnostic}` where the problem happens and paste what it prints",
        )
    ]


def _error_package(report: IssueReport, names: tuple[str, ...], lines: list[str]) -> list[Finding]:
    """The package an error comes from, when it is not the project and has no version given."""
    package = _erring_package(report)
    if not package or package.lower() in {n.replace("-", "_") for n in names} | set(names):
        return []
    spelled = {package.lower(), package.lower().replace("_", "-")}
    if package in sys.stdlib_module_names or any(v for n in spelled for v in _versions(n, lines)):
        return []
    return [
        Finding(
            "IR308",
            "warning",
            f"the error comes from {package}, and its version is not given",
            hint=f"add the version of {package} you ran (pip show {package.replace('_', '-')}), "
            "and whether it still happens with its latest release",
        )
    ]


def _erring_package(report: IssueReport) -> str:
    """The last site-packages frame's package, else the module an error says lacks a name."""
    text = [report.title[:MAX_LINE], *report.text.lines]
    frames = [m.group(1) for line in text for m in _SITE.finditer(line)]
    if frames:
        return frames[-1]
    said = next((m for line in text for m in _MODULE_ERROR.finditer(line)), None)
    return (said.group(1) or said.group(2)) if said else ""


def _sections_without(report: IssueReport) -> Iterator[Finding]:
    """The report's ``Versions`` sections, when none of them names a version."""
    sections = [
        s
        for s in report.text.sections
        if s.key in SECTIONS or s.key.endswith((" version", " versions", " version information"))
    ]
    answers = [line for s in sections for line in _under(report, s.line)]
    if sections and not any(NUMBER_GIVEN.search(x) or _NAMED_BUILD.search(x) for x in answers):
        yield Finding(
            "IR306",
            "error",
            f"“{sections[0].heading[:60]}” gives no version number",
            path="body",
            line=sections[0].line,
            hint="paste what the project's version command prints there",
        )


def _under(report: IssueReport, line: int) -> list[str]:
    """The lines under a heading up to the next Markdown heading (``Python: 3.9`` is no heading)."""
    lines = report.text.lines
    below = [lines[line - 1]]  # ``Versions: 2.1`` answers on the heading's own line
    for text in lines[line : line + 200]:
        if _MARKDOWN_HEADING.match(text):
            break
        below.append(text)
    return below


def _verdict(findings: list[Finding], said: list[str]) -> CheckResult:
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        return failed(f"{len(errors)} version{'s' * (len(errors) != 1)} missing or wrong", findings)
    if findings:
        return passed("versions not given (not required here)", findings)
    if not said:
        return passed("no version is asked for (the project's name is not known)", findings)
    return passed(f"versions given: {', '.join(said)}", findings)


def _findings(
    need: str,
    names: tuple[str, ...],
    options: Options,
    lines: list[str],
    report: IssueReport,
    severity: Severity,
) -> Iterator[Finding]:
    if need in WORDED:
        words, what = WORDED[need]
        if not any(set(_WORD.findall(line)) & words for line in lines):
            yield _missing(need, what, severity)
        return
    wanted = {"project": names, "backend": options.backends}.get(need, (need.lower(),))
    versions = [v for name in wanted for v in _versions(name, lines)]
    if not versions:
        yield _not_given(need, wanted, lines, severity)
    elif need == "project":
        yield from _released(versions, report)
    elif need == "python":
        yield from _python(versions, report)


def _not_given(need: str, wanted: tuple[str, ...], lines: list[str], severity: Severity) -> Finding:
    latest = next((n for name in wanted for n in _latest(name, lines)), None)
    if latest is None:
        return _missing(need, f"the version of {' or '.join(wanted[:3])}", severity)
    what = "the project" if need == "project" else need
    return Finding(
        "IR303",
        severity,
        f"the {what} version is given as a word, not a number",
        path="body",
        line=latest,
        hint="give the exact number (python -c 'import x; print(x.__version__)')",
    )


def _missing(need: str, what: str, severity: Severity) -> Finding:
    return Finding(
        "IR301" if need == "project" else "IR304",
        severity,
        f"{what} is not given",
        hint=f"add {what} you ran, and whether it still happens with the latest release",
    )


def _versions(name: str, lines: list[str]) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(lines, 1):
        for start in _occurrences(name, line):
            match = _VERSION_AFTER.match(line, start + len(name))
            if match:
                yield n, match.group(1)


def _latest(name: str, lines: list[str]) -> Iterator[int]:
    for n, line in enumerate(lines, 1):
        for start in _occurrences(name, line):
            if _LATEST.match(line, start + len(name)):
                yield n


def _occurrences(name: str, line: str) -> Iterator[int]:
    line = line[:MAX_LINE]
    start = line.find(name)
    while start >= 0:
        before = line[start - 1] if start else " "
        after = line[start + len(name) : start + len(name) + 1] or " "
        if not _NAME_EDGE.match(before) and not (after.isalpha() or after in "_"):
            yield start
        start = line.find(name, start + 1)


def _key(version: str) -> str:
    return version.lower().lstrip("v")


def _released(versions: list[tuple[int, str]], report: IssueReport) -> Iterator[Finding]:
    project = report.project
    if not project.releases and not project.development:
        return
    known = set(project.releases)
    if any(
        _plausible(_key(version), known, _key(project.development or "")) for _, version in versions
    ):
        return
    n, version = versions[0]
    newest = max(known, key=_numbers, default="")
    yield Finding(
        "IR302",
        "error",
        f"version {version} is not a release of the project nor its development version"
        + (f" (newest release: {newest})" if newest else ""),
        path="body",
        line=n,
        hint="copy the version the installed package prints (its __version__)",
    )


def _plausible(v: str, known: set[str], dev: str) -> bool:
    """A released version (``3.4`` for ``3.4.0`` too), the development one, or a nightly."""
    if v in known or f"{v}.0" in known or v.removesuffix(".0") in known:
        return True
    if dev and (v == dev or _numbers(v) == _numbers(dev)):
        return True
    return bool(_DEVELOPMENT.search(v))


def _numbers(version: str) -> tuple[int, ...]:
    parts = _NUMBERS.match(version)
    return tuple(int(x) for x in parts.group(0).split(".")) if parts else ()


def _python(versions: list[tuple[int, str]], report: IssueReport) -> Iterator[Finding]:
    newest = report.project.newest_python
    if newest is None:
        return
    for n, version in versions:
        numbers = _numbers(version)
        if numbers[:1] == (3,) and len(numbers) >= 2 and numbers[:2] > newest:
            yield Finding(
                "IR305",
                "warning",
                f"Python {version} is newer than any the project names "
                f"({newest[0]}.{newest[1]}); check the number",
                path="body",
                line=n,
            )
            return
