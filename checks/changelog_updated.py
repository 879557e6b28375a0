"""changelog-updated: the project's changelog mechanism was updated for this contribution.

Either a new towncrier-style fragment (in ``changelog.d/``, ``changelog/``, ``newsfragments/``,
or the directory ``[tool.towncrier]`` names) whose type fits the contribution's type, or added
lines in the unreleased section of ``CHANGELOG*``, ``CHANGES*``, ``HISTORY*`` or ``NEWS*``: the
section titled Unreleased/main/dev, or else the top section unless it is an already released
version (a heading with a date that the contribution did not add). A project with no changelog
mechanism gets ``skip``. A configured label (``skip-changelog``) or a ``Changelog: skip`` line in
a commit message or the pull request body skips the check, and the report says which.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution, git_lines
from mergeready.checks.model import CheckResult, Finding, failed, passed, skipped
from mergeready.checks.paths import matches

CODES: Final = {
    "MR301": "no entry under the unreleased section and no changelog fragment",
    "MR302": "an entry was added under an already released version",
    "MR303": "the changelog fragment's type does not fit the contribution type",
}
_FILES = re.compile(
    r"(?i)^(changelog|changes|history|news|release[-_]?notes)(\.(md|rst|txt|markdown))?$"
)
_UNRELEASED = re.compile(
    r"(?i)\b(unreleased|upcoming|in progress|main|master|dev|development|next)\b"
)
# Every pattern here is linear on contributed text: a month name starts at a word boundary, and
# the trailer's spaces stay within its line (``^\s*`` would rescan every following newline).
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2} \w+ \d{4}|\b\w+ \d{1,2},? \d{4}|\(\d{4}")
_TRAILER = re.compile(r"(?im)^[^\S\n]*changelog[^\S\n]*:[^\S\n]*(skip|none|no)\b")
_TITLE_MAX = 1000  # what of a heading the title patterns see: a release title is short
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
_TOWNCRIER_DIR = re.compile(r'(?m)^[^\S\n]*directory[^\S\n]*=[^\S\n]*["\']([^"\'\n]+)["\']')
FRAGMENT_TYPES: Final = MappingProxyType(
    {
        "bugfix": ("bugfix", "fix", "fixed", "bug", "bugfixes"),
        "feature": ("feature", "feat", "added", "enhancement", "new", "features", "api"),
        "performance": ("performance", "perf", "feature", "enhancement", "changed"),
        "docs": ("doc", "docs", "documentation"),
        "maintenance": (
            "misc",
            "internal",
            "chore",
            "maintenance",
            "removal",
            "deprecation",
            "vendor",
            "changed",
            "packaging",
            "build",
            "ci",
        ),
        "code": ("feature", "bugfix", "misc", "changed", "removal", "deprecation", "fix", "added"),
    }
)


@dataclass(frozen=True)
class Options:
    """Options of changelog-updated (the keys of its block in the rules)."""

    skip_labels: tuple[str, ...] = ("skip-changelog", "no-changelog")
    fragment_dirs: tuple[str, ...] = (
        "changelog.d",
        "changelog",
        "newsfragments",
        "changes",
        "news",
        "docs/changelog.d",
    )
    files: tuple[str, ...] = ()
    fragment_types: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: FRAGMENT_TYPES)


def check(contribution: Contribution, options: Options) -> CheckResult:
    """The project's changelog was updated in its unreleased section, or by a fragment.

    Args:
        contribution: The contribution, told its types.
        options: This check's options.

    Returns:
        The check's result.
    """
    reason = _skip_reason(contribution, options)
    if reason:
        return skipped(reason)
    dirs = _fragment_dirs(contribution, options)
    files = _changelog_files(contribution, options)
    if not dirs and not files:
        return skipped(
            "no changelog mechanism found (no CHANGELOG*, CHANGES*, HISTORY*, NEWS*, "
            "changelog.d/, newsfragments/ or [tool.towncrier])"
        )
    findings: list[Finding] = []
    fragments = [
        f
        for f in contribution.files
        if f.status in ("added", "renamed", "copied")
        and _in_dirs(f.path, dirs)
        and not f.path.rsplit("/", 1)[-1].startswith((".", "template", "README"))
    ]
    for frag in fragments:
        findings += _fragment_type(frag, contribution.types, options)
    if fragments:
        return passed(f"changelog fragment {fragments[0].path} added", findings)
    entries = []
    for path in files:
        f = contribution.file(path)
        if f is not None and f.exists:
            ok, problems = _file_entry(contribution, f)
            findings += problems
            if ok:
                entries.append(path)
    if entries:
        return passed(f"entry added to {entries[0]}", findings)
    target = files[0] if files else f"{dirs[0]}/"
    findings.insert(
        0,
        Finding(
            "MR301",
            "error",
            f"no changelog entry for this contribution in {target}",
            files[0] if files else None,
            hint=_hint(contribution, dirs, files),
        ),
    )
    return failed(
        f"no entry under the unreleased section of {target}"
        if files
        else f"no changelog fragment added in {target}",
        findings,
    )


def _skip_reason(contribution: Contribution, options: Options) -> str | None:
    wanted = {label.lower() for label in options.skip_labels}
    for label in contribution.labels:
        if label.lower() in wanted:
            return f"skipped by label {label!r}"
    if contribution.body and _TRAILER.search(contribution.body):
        return "skipped by 'Changelog: skip' in the pull request body"
    for commit in contribution.commits:
        if _TRAILER.search(commit.message):
            return f"skipped by 'Changelog: skip' in commit {commit.sha[:8]}"
    return None


def _fragment_dirs(contribution: Contribution, options: Options) -> list[str]:
    dirs = list(options.fragment_dirs)
    pyproject = contribution.config_text("pyproject.toml")
    if pyproject and "[tool.towncrier]" in pyproject:
        section = pyproject.split("[tool.towncrier]", 1)[1].split("\n[", 1)[0]
        m = _TOWNCRIER_DIR.search(section)
        dirs.insert(0, m.group(1).strip("/") if m else "newsfragments")
    paths = contribution.head_paths()
    return [d for d in dict.fromkeys(dirs) if any(p.startswith(d + "/") for p in paths)]


def _in_dirs(path: str, dirs: Sequence[str]) -> bool:
    return any(path.startswith(d + "/") for d in dirs)


def _changelog_files(contribution: Contribution, options: Options) -> list[str]:
    paths = sorted(contribution.head_paths())
    if options.files:
        return [p for p in paths if any(matches(p, g) for g in options.files)]
    return [
        p
        for p in paths
        if _FILES.match(p.rsplit("/", 1)[-1])
        and p.count("/") <= (1 if p.startswith("docs/") else 0)
    ]


def _fragment_type(frag: ChangedFile, types: Sequence[str], options: Options) -> list[Finding]:
    parts = frag.path.rsplit("/", 1)[-1].split(".")
    words = [p.lower() for p in parts[1:]]
    code_types = [t for t in types if t in options.fragment_types]
    if not code_types or not words:
        return []
    fitting = {w for t in code_types for w in options.fragment_types[t]}
    if any(w in fitting for w in words):
        return []
    wanted = code_types[0]
    return [
        Finding(
            "MR303",
            "warning",
            f"fragment type {'.'.join(words)!r} does not fit a {wanted} contribution",
            frag.path,
            hint=f"rename it to {parts[0]}.{options.fragment_types[wanted][0]}"
            f"{'.' + words[-1] if len(words) > 1 else ''}",
        )
    ]


def _headings(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """Return (line index, level, title) of each Markdown or reST heading."""
    out: list[tuple[int, int, str]] = []
    rst_levels: list[str] = []
    for i, line in enumerate(lines):
        m = re.match(r"^(#{1,6})\s+(.*)", line)
        if m:
            out.append((i, len(m.group(1)), m.group(2).strip()[:_TITLE_MAX]))
        elif (
            i > 0
            and _RST_UNDERLINE.match(line)
            and lines[i - 1].strip()
            and not _RST_UNDERLINE.match(lines[i - 1])
            and len(line.strip()) >= len(lines[i - 1].strip()) - 2
        ):
            char = line.strip()[0]
            if char not in rst_levels:
                rst_levels.append(char)
            out.append((i - 1, rst_levels.index(char) + 1, lines[i - 1].strip()[:_TITLE_MAX]))
    return out


def _sections(lines: Sequence[str]) -> list[tuple[int, int, str]]:
    """Return (first, last, title) line numbers (1-based) of the release sections."""
    heads = _headings(lines)
    if len(heads) > 1 and heads[0][1] < min(h[1] for h in heads[1:]):
        heads = heads[1:]
    if not heads:
        return []
    level = min(h[1] for h in heads)
    tops = [h for h in heads if h[1] == level]
    out = []
    for n, (i, _, title) in enumerate(tops):
        end = tops[n + 1][0] if n + 1 < len(tops) else len(lines)
        out.append((i + 1, end, title))
    return out


def _file_entry(contribution: Contribution, f: ChangedFile) -> tuple[bool, list[Finding]]:
    text = contribution.text(f)
    if text is None:
        return False, []
    lines = git_lines(text)  # numbered as the diff numbers them
    sections = _sections(lines)
    if not sections:
        return bool(f.added_lines is None or f.added_lines), []
    open_section = next((s for s in sections if _UNRELEASED.search(s[2])), None)
    if open_section is None:
        top = sections[0]
        if not _DATE.search(top[2]) or f.touches(top[0]):
            open_section = top

    def has_text(n: int) -> bool:
        return 0 < n <= len(lines) and bool(lines[n - 1].strip())

    if open_section and any(
        f.touches(n) and has_text(n) for n in range(open_section[0], open_section[1] + 1)
    ):
        return True, []
    for first, last, title in sections:
        added = [n for n in range(first, last + 1) if f.touches(n) and has_text(n)]
        if added and (first, last, title) != open_section:
            return False, [
                Finding(
                    "MR302",
                    "warning",
                    f"entry added under the released section {title!r}",
                    f.path,
                    added[0],
                    hint=f"move it under {open_section[2]!r}"
                    if open_section
                    else "add an 'Unreleased' section at the top and put the entry there",
                )
            ]
    return False, []


def _hint(contribution: Contribution, dirs: Sequence[str], files: Sequence[str]) -> str:
    if dirs:
        kind = next((t for t in contribution.types if t in FRAGMENT_TYPES), "feature")
        return f"create {dirs[0]}/<PR number>.{FRAGMENT_TYPES[kind][0]}.md describing the change"
    return f"add a line describing the change under the Unreleased section of {files[0]}"
