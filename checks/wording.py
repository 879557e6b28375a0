"""Read a title, commit subject, branch name or body as people write them, for its type.

Each reading says which type the text declares and how: ``explicit`` (a ``fix:`` prefix or a
``[perf]`` tag), ``natural`` (a leading verb such as "Fix …" or a phrase anywhere: "… crash on
empty input", "Regression: …", "Make X 3× faster", "Raise a clear error when …"), or a claim the
diff must bear out: ``docs-claim`` ("Fix typo in …"), ``weak-docs-claim`` ("Fix raw markup
printed …" is a bug fix unless only text changed) and ``tooling-claim`` ("Add type hints", "Fix
lint"). Every pattern runs on a capped prefix of the text and has no nested quantifier.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from mergeready.checks.classify import TypeRule

LIMIT: Final = 300  # characters of a title or subject that are read
_CONVENTIONAL: Final = re.compile(r"^\s{0,20}([A-Za-z][\w-]{0,40})(\([^)]{0,80}\))?!?\s{0,5}:\s*")
_TAGS: Final = re.compile(r"^\s{0,20}((?:\[[^\]]{1,40}\]\s{0,5}){1,5})")
_STRONG_DOCS: Final = re.compile(
    r"\b(typos?|spelling|misspell\w{0,6}|grammar|wording|docstrings?|comments?|docs|"
    r"documentation|readme)\b"
)
_WEAK_DOCS: Final = re.compile(r"\b(links?|markup|references?)\b")
_TOOLING: Final = re.compile(
    r"\b(typing|type[ -]hints?|type[ -]annotations?|type[ -]checking|annotations|mypy|"
    r"pyright|pyre|linting|lint|linter|ruff|flake8|pylint|isort|black|formatting|format|"
    r"pre-commit|pyupgrade|codespell)\b"
)
_RELEASE: Final = re.compile(
    r"^(release |releasing |version |prepare |preparing |bump version to |v)?"
    r"v?\d{1,4}(\.\d{1,6}){1,4}[\w.+-]{0,20}( release)?$"
)
# "Add tests for …", "Update changelog", "Fix CI": the object, not the verb, is the type.
_OBJECT: Final = re.compile(
    r"^[a-z]{2,12}\s+(?:(?:a|an|the|more|missing|some|new|flaky|failing|broken|unit|"
    r"integration|regression|extra|few)\s+){0,3}(tests?|testing|test suite|test cases?|ci|"
    r"changelog|change log|news(?: fragments?| entry)?|changelog entry|docs|documentation|"
    r"readme|examples?|workflows?|coverage|benchmarks?|gitignore|codeowners|mailmap)\b"
)
_OBJECT_TYPES: Final = {
    "docs": "docs",
    "documentation": "docs",
    "readme": "docs",
    "example": "example",
    "examples": "example",
}
_ANYWHERE: Final = (
    (
        "bugfix",
        re.compile(
            r"\b(fix(es|ed|ing)?|bug ?fix|crash(es|ed|ing)?|regression|segfault|deadlock|"
            r"memory leak|race condition|traceback|infinite loop|incorrect(ly)?|wrong(ly)?)\b"
            r"|^(raise|throw|emit|show|give|return|report)s? (a |an )?((clear|clearer|better|"
            r"proper|helpful|meaningful|informative|nicer|useful|friendlier)\s)?(error|"
            r"exception|message|warning)"
            r"|^(do not|don't|dont|never|stop|no longer|correctly|properly)\b"
        ),
    ),
    (
        "performance",
        re.compile(
            r"\b(faster|speed ?ups?|speeds? up|performance|optimi[sz](e|es|ed|ing|ation)|"
            r"quicker|less memory|fewer allocations|reduce (memory|overhead|allocations))\b"
        ),
    ),
    (
        "feature",
        re.compile(
            r"\bnew (option|argument|flag|parameter|setting|command|hook|api|feature|method|"
            r"function|class|keyword)\b|\badd(s|ed)? support\b|\bsupport for\b"
        ),
    ),
    (
        "maintenance",
        re.compile(
            r"\b(drop (support|python)|bump|dependabot|github actions?|pre-commit autoupdate|"
            r"deps|dependencies)\b"
        ),
    ),
)
# Commits a contributor makes while a pull request is reviewed: they say nothing of its type.
_NOISE: Final = re.compile(
    r"^(apply suggestions?|address(ed|ing)? (the )?(review|comments?|feedback)|review|wip\b|"
    r"fixup!|squash!|amend!|update [\w./-]{1,80}\.\w{1,6}$|\[pre-commit\.ci\] auto fixes|"
    r"oops|more|cleanup$|tweak|nit\b|changes? (from|after) review)"
)
_BRANCH: Final = re.compile(r"^([A-Za-z]{2,12})(?:[/_.-]|$)")
_BRANCH_BOTS: Final = re.compile(r"^(dependabot|renovate|pre-commit-ci|snyk|pyup)\b")
_MERGED_BRANCH: Final = re.compile(r"^Merge (?:pull request|PR) #?\d{1,10} from ([^\s]{1,200})")
_CLOSES: Final = re.compile(
    r"(?i)\b(fix(?:es|ed)?|close[sd]?|resolve[sd]?)[ \t]{1,5}(?:[\w.-]{1,100}/[\w.-]{1,100})?"
    r"#\d{1,10}\b|\bthis (?:pr|pull request|change|commit|patch) (fixes|adds|speeds up)\b"
)


def declared(text: str) -> tuple[list[str], str]:
    """Return a text's lower-cased prefix (``fix:``) and bracket tags, and the rest of it.

    Args:
        text: A title or subject.

    Returns:
        The prefixes (``fix:``) and tags (``bug``), and the remaining text.
    """
    text = text[:LIMIT]
    found: list[str] = []
    m = _TAGS.match(text)
    if m:
        found += [t.strip().lower() for t in re.findall(r"\[([^\]]{1,40})\]", m.group(1))]
        text = text[m.end() :]
    c = _CONVENTIONAL.match(text)
    if c and " " not in c.group(1):
        found.append(c.group(1).lower() + ":")
        text = text[c.end() :]
    return found, text


def read_title(text: str, rules: Mapping[str, TypeRule]) -> list[tuple[str, str]]:
    """Read a title or subject: the types it declares and how.

    Args:
        text: The title or subject.
        rules: The type rules by name.

    Returns:
        ``(type, how)`` pairs, ``how`` one of ``explicit``, ``natural``, ``docs-claim``,
        ``weak-docs-claim`` (followed by the natural reading to fall back on), and
        ``tooling-claim``. Empty when the text says nothing.
    """
    found, rest = declared(text)
    out = [
        (name, "explicit")
        for name, rule in rules.items()
        if any(f[:-1] in rule.titles for f in found if f.endswith(":"))
        or any(f in rule.tags for f in found if not f.endswith(":"))
    ]
    if out:
        return out
    lowered = " ".join(rest.strip().lower().split())
    if any(_TOOLING.fullmatch(tag) for tag in found):
        return [("maintenance", "tooling-claim")]
    if "maintenance" in rules and _RELEASE.match(lowered):
        return [("maintenance", "natural")]
    obj = _OBJECT.match(lowered)
    if obj:
        word = obj.group(1)
        kind = _OBJECT_TYPES.get(word, "tests" if word.startswith("test") else None)
        if kind is None and word in ("ci", "workflow", "workflows", "coverage", "benchmark"):
            kind = "maintenance"
        return [(kind, "natural")] if kind and kind in rules else [("", "natural")]
    if "docs" in rules and _STRONG_DOCS.search(lowered):
        return [("docs", "docs-claim")]
    if "maintenance" in rules and _TOOLING.search(lowered):
        return [("maintenance", "tooling-claim")]
    natural = _natural(lowered, " ".join(text[:LIMIT].lower().split()), rules)
    if "docs" in rules and _WEAK_DOCS.search(lowered):
        return [("docs", "weak-docs-claim"), *natural]
    return natural


def _natural(lowered: str, full: str, rules: Mapping[str, TypeRule]) -> list[tuple[str, str]]:
    """The type a title's leading words, or a phrase anywhere in it, says."""
    for name, rule in rules.items():
        if any(re.match(re.escape(w) + r"(?![\w-])", lowered) for w in rule.words):
            return [(name, "natural")]
    for name, pattern in _ANYWHERE:
        if name in rules and (pattern.search(lowered) or pattern.search(full)):
            return [(name, "natural")]
    return []


def is_noise(subject: str) -> bool:
    """Tell whether a commit subject is review churn that says nothing of the type.

    Args:
        subject: A commit subject.

    Returns:
        True for "Apply suggestions from code review", "fixup! …", "Update x.py" and the like.
    """
    return bool(_NOISE.match(subject[:LIMIT].strip().lower()))


def branch_type(branch: str, rules: Mapping[str, TypeRule]) -> str | None:
    """Return the type a branch name declares: ``fix/…``, ``feature-…``, ``perf_…``.

    Args:
        branch: The branch name, optionally ``owner/branch`` as a merge commit names it.
        rules: The type rules by name.

    Returns:
        The type, or None.
    """
    branch = branch[:200]
    if _BRANCH_BOTS.match(branch.lower()) and "maintenance" in rules:
        return "maintenance"
    for candidate in dict.fromkeys((branch, branch.split("/", 1)[-1])):
        m = _BRANCH.match(candidate)
        if not m:
            continue
        word = m.group(1).lower()
        for name, rule in rules.items():
            if word in rule.titles or word in rule.tags:
                return name
    return None


def merged_branch(subject: str) -> str | None:
    """Return the branch a pull request's merge commit names (``from owner/branch``).

    Args:
        subject: The merge commit's subject.

    Returns:
        The branch, or None.
    """
    m = _MERGED_BRANCH.match(subject[:LIMIT])
    return m.group(1) if m else None


def body_types(body: str) -> list[tuple[str, str]]:
    """Return what a body's closing keywords and "This PR fixes …" say.

    Args:
        body: A pull request body or commit message body.

    Returns:
        ``(type, phrase)`` pairs: ``fixes #12`` and "This PR fixes" say bugfix, "closes" and
        "resolves" say the change answers an issue (bugfix, as most issues are reports),
        "This PR adds" says feature.
    """
    out: list[tuple[str, str]] = []
    for m in _CLOSES.finditer(body[:20_000]):
        word = (m.group(2) or m.group(1) or "").lower()
        kind = {"adds": "feature", "speeds up": "performance"}.get(word, "bugfix")
        out.append((kind, m.group(0)))
        if len(out) >= 3:
            break
    return out
