"""Recognise a contribution's types from its title, labels, commit messages and paths."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mergeready.checks.contribution import Contribution
from mergeready.checks.model import TypeMatch
from mergeready.checks.paths import first_match

TYPES = (
    "bugfix",
    "feature",
    "performance",
    "code",
    "docs",
    "example",
    "tests",
    "translation",
    "maintenance",
)
DECLARED_CODE_TYPES = ("bugfix", "feature", "performance", "maintenance")
# Order in which a file's area is decided: the first type whose paths match wins.
AREA_ORDER = ("translation", "example", "tests", "maintenance", "docs")
_CONVENTIONAL = re.compile(r"^\s*([A-Za-z][\w-]*)(\([^)]*\))?!?\s*:\s*")
_TAGS = re.compile(r"^\s*((?:\[[^\]]+\]\s*)+)")
_WORDING = re.compile(
    r"\b(typos?|spelling|misspell\w*|grammar|wording|docstrings?|comments?|links?|markup)\b"
)
_TOOLING = re.compile(
    r"\b(typing|type hints?|type annotations?|annotations|mypy|pyright|linting|lint|ruff|"
    r"flake8|pre-commit|pylint)\b"
)
# ``\d+\.\d+\S*`` is ``\d+(\.\d+)+\S*`` without the quadratic overlap of ``(\.\d+)+`` and ``\S*``.
_RELEASE = re.compile(r"^(release |version |prepare |bump version to )?v?\d+\.\d+\S*$", re.I)
_MERGE_PR = re.compile(r"^Merge (?:pull request|PR) #?\d+")


@dataclass(frozen=True)
class TypeRule:
    """How one contribution type is recognised, and which checks it requires."""

    name: str
    require: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()


def title_of(contribution: Contribution) -> tuple[str | None, str]:
    """Return the contribution's title and where it came from.

    The explicit title wins; otherwise the subject of the oldest commit, where a merge
    commit of a pull request gives the pull request's title from its body.

    Args:
        contribution: The contribution.

    Returns:
        The title (or None) and its source (``title`` or ``commit <sha>``).
    """
    if contribution.title:
        return contribution.title.strip(), "title"
    for commit in contribution.commits:
        subject = subject_of(commit.message)
        if subject:
            return subject, f"commit {commit.sha[:8]}"
    return None, ""


def subject_of(message: str) -> str | None:
    """Return the subject a person gave a commit: a merged pull request's title, not 'Merge …'.

    Args:
        message: The full commit message.

    Returns:
        The subject, or None for a plain branch merge.
    """
    lines = [line.strip() for line in message.strip().splitlines()]
    if not lines:
        return None
    if _MERGE_PR.match(lines[0]):
        return next((line for line in lines[1:] if line), None)
    if lines[0].startswith("Merge ") and (" into " in lines[0] or "branch" in lines[0]):
        return None
    return lines[0]


def _declared_prefixes(text: str) -> tuple[list[str], str]:
    """Return the lower-cased conventional prefix and bracket tags, and the rest of the text."""
    found: list[str] = []
    m = _TAGS.match(text)
    if m:
        found += [t.strip().lower() for t in re.findall(r"\[([^\]]+)\]", m.group(1))]
        text = text[m.end() :]
    c = _CONVENTIONAL.match(text)
    if c and " " not in c.group(1):
        found.append(c.group(1).lower() + ":")
        text = text[c.end() :]
    return found, text


def _title_types(text: str, rules: Mapping[str, TypeRule], natural: bool) -> dict[str, str]:
    """Map each type that a title or subject declares to the text that declared it."""
    found, rest = _declared_prefixes(text)
    out: dict[str, str] = {}
    for name, rule in rules.items():
        if any(f[:-1] in rule.titles for f in found if f.endswith(":")):
            out[name] = "explicit"
        elif any(f in rule.tags for f in found if not f.endswith(":")):
            out[name] = "explicit"
    if natural and not out:
        lowered = rest.strip().lower()
        if "docs" in rules and _WORDING.search(lowered):
            return {"docs": "natural"}
        tooling = _TOOLING.search(lowered) or any(_TOOLING.fullmatch(tag) for tag in found)
        if "maintenance" in rules and (_RELEASE.match(lowered) or tooling):
            return {"maintenance": "natural"}
        for name, rule in rules.items():
            if any(re.match(re.escape(w) + r"(?![\w-])", lowered) for w in rule.words):
                out[name] = "natural"
                break
    return out


def _area(path: str, rules: Mapping[str, TypeRule], changelog: Sequence[str]) -> str | None:
    if first_match(path, changelog):
        return "changelog"
    for name in AREA_ORDER:
        rule = rules.get(name)
        if rule and first_match(path, rule.paths):
            return name
    return None


def classify(
    contribution: Contribution,
    rules: Mapping[str, TypeRule],
    source: Sequence[str],
    changelog: Sequence[str] = (),
) -> tuple[TypeMatch, ...]:
    """Return the contribution's types, each with the evidence that said so.

    Declared types come from the title, labels and commit subjects; a type is added for every
    non-source area the contribution touches; ``code`` when source changed and nothing declared
    a code type. A title read as people write it (``Fix typo …``) declares a code type only when
    source code changed; a prefix, tag or label always declares it.

    Args:
        contribution: The contribution.
        rules: The type rules by name.
        source: Globs of source files.
        changelog: Globs of changelog files, which are evidence, not a type.

    Returns:
        The types in the order of ``rules``.
    """
    evidence: dict[str, list[str]] = {name: [] for name in rules}
    source_changed = False
    for f in contribution.files:
        area = _area(f.path, rules, changelog)
        if area is None and first_match(f.path, source):
            source_changed = True
        elif area in evidence:
            evidence[area].append(f"path: {f.path}")
    title, origin = title_of(contribution)
    if title:
        for name, how in _title_types(title, rules, natural=True).items():
            if how == "explicit" or source_changed or name not in DECLARED_CODE_TYPES:
                evidence[name].insert(0, f"{origin}: {title}")
    for commit in contribution.commits:
        subject = subject_of(commit.message)
        if subject and subject != title:
            for name in _title_types(subject, rules, natural=False):
                evidence[name].append(f"commit {commit.sha[:8]}: {subject}")
    wanted = {label.strip().lower() for label in contribution.labels}
    for name, rule in rules.items():
        evidence[name] += [f"label: {x}" for x in rule.labels if x.lower() in wanted]
    declared = any(
        e for t in DECLARED_CODE_TYPES for e in evidence.get(t, ()) if not e.startswith("path: ")
    )
    if source_changed and not declared:
        evidence.setdefault("code", []).append("source code changed")
    return tuple(TypeMatch(name, _short(ev)) for name, ev in evidence.items() if ev)


def _short(evidence: list[str]) -> tuple[str, ...]:
    paths = [e for e in evidence if e.startswith("path: ")]
    other = [e for e in evidence if not e.startswith("path: ")]
    kept = other + paths[:3]
    if len(paths) > 3:
        kept.append(f"path: … and {len(paths) - 3} more")
    return tuple(kept)
