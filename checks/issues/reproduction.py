"""reproduction: the report carries code a maintainer can read, or a link the project accepts.

Every fenced or indented block that is Python (tagged so, or untagged and looking like code) is
parsed once prompts (``>>>``, ``...``, ``In [1]:``), the session's output, IPython magics and
shell lines are stripped. Nothing is ever run. The report needs at least one such block, or a
link to a notebook, gist or repository the project accepts (``links``: hosts, or host/path
prefixes). A screenshot in place of code is said: an error when the picture is said to be the
code (its alt text or the line before it names the code, script or snippet), otherwise, a
picture of the error or the output, with the severity of no code at all (maintainers often
answer from a picture of an error: issue 24's corpus). For code that is there: a block that does
not parse is named (an error when no block parses); a snippet that never imports the project
(``imports``, default the project's own names) is a hint, as are names it uses but never
defines or imports, local files it reads that the report does not provide, and a call whose
only argument is ``...`` (``pd.DataFrame(...)``: the data left out, pandas#50062), and a
configuration file the prose speaks of (``config.json``, "the config file") that no block shows.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mergeready.checks.issues.report import IssueReport, asked_by_template
from mergeready.checks.issues.snippet import Snippet, bound_names, imported, snippets, undefined
from mergeready.checks.issues.text import words
from mergeready.checks.model import CheckResult, Finding, Severity, failed, passed

CODES: Final = {
    "IR201": "no code to reproduce the problem, and no accepted link to it",
    "IR202": "a Python block does not parse",
    "IR203": "the code never imports the project",
    "IR204": "the code uses names it never defines or imports",
    "IR205": "the code reads local files the report does not provide",
    "IR206": "a screenshot stands in for the code",
    "IR207": "the code leaves out what it runs on (``f(...)``)",
    "IR208": "the report speaks of a configuration file it does not show",
}
LINKS: Final = (
    "colab.research.google.com",
    "gist.github.com",
    "github.com",
    "kaggle.com",
)
_NOT_CODE: Final = (
    "issues",
    "pull",
    "assets",
    "files",
    "releases",
    "discussions",
    "user-attachments",
)
_CODE_WORDS: Final = frozenset({"code", "script", "snippet", "notebook", "cell"})
"""Words of an image's line (its alt text) or the line before it that say the picture is code."""
CONFIG_FILE: Final = re.compile(
    r"(?i)(?<![\w/.-])(?:[\w-]{1,60}\.(?:json|ya?ml|toml|ini|cfg|conf|env)|\.env"
    r"|config(?:uration)? file|settings\.py)\b"
)
"""A configuration file named in prose: ``config.json``, ``configuration.yaml``, "the config
file"."""
_FILE: Final = re.compile(
    r"(?:^|[/\\])[\w.-]{1,200}\.(?:csv|tsv|h5|hdf5|keras|json|txt|npy|npz|pkl|pickle|parquet|"
    r"png|jpe?g|wav|mp3|pt|pth|onnx|xlsx?|zip|tar|gz|tfrecords?|pb|ckpt|safetensors|feather)$",
    re.I,
)


@dataclass(frozen=True, kw_only=True)
class Options:
    """Options of reproduction (the keys of its block in the rules)."""

    links: tuple[str, ...] = LINKS  # hosts (or host/path prefixes) whose links count as code
    imports: tuple[str, ...] = ()  # modules the code should import (default: the project's)
    undefined_names: bool = True  # hint at names used but never defined
    missing: Severity = "warning"  # no code at all: an error only where the template asks for it


def check(report: IssueReport, options: Options) -> CheckResult:
    """The report has code that parses, or a link the project accepts.

    Args:
        report: The issue report.
        options: This check's options.

    Returns:
        The check's result.
    """
    parsed = list(snippets(report.text.blocks))
    link = _link(report, options)
    asked = asked_by_template(report, ("code", "reproduce", "reproduction", "example"))
    severity: Severity = "error" if asked else options.missing
    config = _unshown_config(report)
    if not parsed and link is None:
        return _no_code(_missing(report, severity), config)
    good, findings = _read(parsed, link, severity)
    return _verdict(good, link, findings + _hints(good, report, options) + config)


def _read(
    parsed: list[Snippet], link: int | None, severity: Severity
) -> tuple[list[Snippet], list[Finding]]:
    """The blocks that parse; a finding per one that does not (``severity`` when none does)."""
    good = [s for s in parsed if not s.error]
    unread: Severity = severity if not good and link is None else "warning"
    return good, [_unparsed(s, unread) for s in parsed if s.error]


def _no_code(finding: Finding, config: list[Finding]) -> CheckResult:
    if finding.severity == "error":
        return failed(finding.message, [finding, *config])
    return passed("no code in the report (not required here)", [finding, *config])


def _unshown_config(report: IssueReport) -> list[Finding]:
    """IR208 (a hint) for a configuration file the prose speaks of, when no block shows it:
    maintainers ask for it, keys masked (timeular-zei-linux#7, Minecraft-Discord-Statusbot#7)."""
    if report.text.blocks:
        return []
    said = next(
        ((n, m.group()) for n, line in report.text.prose for m in CONFIG_FILE.finditer(line)),
        None,
    )
    if said is None:
        return []
    return [
        Finding(
            "IR208",
            "warning",
            f"the report speaks of {said[1][:60]} but does not show it",
            path="body",
            line=said[0],
            hint="paste the configuration in a code block, with keys and passwords masked",
        )
    ]


def _verdict(good: list[Snippet], link: int | None, findings: list[Finding]) -> CheckResult:
    if any(f.severity == "error" for f in findings):
        return failed("the code in the report does not parse", findings)
    if good:
        count = f"{len(good)} Python block{'s' * (len(good) != 1)}"
        return passed(f"{count} to reproduce with", findings)
    if link is not None:
        return passed("a link to the code to reproduce with", findings)
    return passed("no Python block parses (not required here)", findings)


def _link(report: IssueReport, options: Options) -> int | None:
    """The line of the first link that counts as the code (never a ``pip install git+`` one)."""
    for n, url in report.text.links:
        if _accepted(url, options.links) and f"git+{url}" not in report.text.lines[n - 1]:
            return n
    return None


def _unparsed(s: Snippet, severity: Severity) -> Finding:
    return Finding(
        "IR202",
        severity,
        f"the Python block does not parse ({s.error})",
        path="body",
        line=s.line,
        hint="paste the code exactly as you ran it",
    )


def _accepted(url: str, hosts: tuple[str, ...]) -> bool:
    rest = url.split("://", 1)[-1].lower()
    host = rest.split("/", 1)[0].removeprefix("www.")
    path = rest[len(host) :] if not rest.startswith("www.") else rest[len(host) + 4 :]
    if host == "github.com" and any(f"/{x}/" in path + "/" for x in _NOT_CODE):
        return False  # another issue, a pull request or an attachment is not a reproduction
    if host == "github.com" and "#l" in path:
        return False  # lines of a source file point at code, they do not reproduce anything
    return any(
        host == h.lower() or host.endswith("." + h.lower()) or rest.startswith(h.lower())
        for h in hosts
    )


def _missing(report: IssueReport, severity: Severity) -> Finding:
    if report.text.images:
        line = _code_pictured(report)
        return Finding(
            "IR206",
            "error" if line else severity,
            "a screenshot stands in for the code: it cannot be copied or run",
            path="body",
            line=line or report.text.images[0],
            hint="paste the code as text, in a python code block",
        )
    return Finding(
        "IR201",
        severity,
        "no code to reproduce the problem (no Python block, no notebook or gist link)",
        hint="add a minimal, standalone snippet in a python code block (with the data or model "
        "it needs, or random data of the same shape), or a Colab or gist link",
    )


def _code_pictured(report: IssueReport) -> int | None:
    """The line of the first picture said to be the code (alt text, or the line before it)."""
    lines = report.text.lines
    for n in report.text.images:
        said = words(lines[n - 1]).split() + (words(lines[n - 2]).split() if n > 1 else [])
        if _CODE_WORDS.intersection(said):
            return n
    return None


def _hints(parsed: list[Snippet], report: IssueReport, options: Options) -> list[Finding]:
    good = [s for s in parsed if s.tree is not None]  # a placeholder's block parses, has no tree
    if not good:
        return []
    found = [
        _not_imported(good, options.imports or report.project.names),
        _undefined(good) if options.undefined_names else None,
        _unprovided(good, report),
        _elided(good),
    ]
    return [f for f in found if f is not None]


def _not_imported(good: list[Snippet], modules: tuple[str, ...]) -> Finding | None:
    wanted = {m.replace("-", "_").lower() for m in modules}
    used = {name.lower() for s in good for name in imported(_tree(s))}
    if not wanted or used & wanted:
        return None
    return Finding(
        "IR203",
        "warning",
        f"the code never imports {' or '.join(sorted(wanted))}",
        path="body",
        line=good[0].line,
        hint="make the snippet standalone: include its imports",
    )


def _undefined(good: list[Snippet]) -> Finding | None:
    elsewhere = set().union(*(bound_names(_tree(s)) or set() for s in good))
    names = [(s.line + line - 1, name) for s in good for line, name in undefined(_tree(s))]
    names = [(n, x) for n, x in names if x not in elsewhere]
    if not names:
        return None
    shown = ", ".join(x for _, x in names[:5]) + (" …" if len(names) > 5 else "")
    return Finding(
        "IR204",
        "warning",
        f"the code uses names it never defines or imports: {shown}",
        path="body",
        line=names[0][0],
        hint="include the definitions or imports, so the snippet runs as pasted",
    )


def _unprovided(good: list[Snippet], report: IssueReport) -> Finding | None:
    files = sorted({name for s in good for name in _local_files(_tree(s))})
    provided = " ".join(url for _, url in report.text.links)
    missing = [f for f in files if f.rsplit("/", 1)[-1] not in provided]
    if not missing:
        return None
    return Finding(
        "IR205",
        "warning",
        f"the code reads files the report does not provide: {', '.join(missing[:3])}",
        path="body",
        line=good[0].line,
        hint="attach the files, or build the data in the snippet (random arrays will do)",
    )


def _elided(good: list[Snippet]) -> Finding | None:
    """The first call whose only argument is ``...``: what the code runs on is left out."""
    for s in good:
        for node in ast.walk(_tree(s)):
            if isinstance(node, ast.Call) and _only_ellipsis(node):
                return Finding(
                    "IR207",
                    "warning",
                    f"the code leaves out what it runs on: {ast.unparse(node)[:60]}",
                    path="body",
                    line=s.line + node.lineno - 1,
                    hint="replace the ... with the data and arguments you ran it with "
                    "(a small literal DataFrame or random array will do)",
                )
    return None


def _only_ellipsis(call: ast.Call) -> bool:
    args = [*call.args, *(k.value for k in call.keywords)]
    return len(args) == 1 and isinstance(args[0], ast.Constant) and args[0].value is Ellipsis


def _tree(s: Snippet) -> ast.Module:
    return s.tree if s.tree is not None else ast.Module(body=[], type_ignores=[])


def _local_files(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value[:300]
            if "://" not in text and "\n" not in text and _FILE.search(text):
                yield text
