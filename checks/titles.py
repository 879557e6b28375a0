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
from collections.abc import Mapping, Sequence
from typing import Final

from mergeready.checks import lazyre
from mergeready.checks.vocabulary import TitleReading, TypeRule

LIMIT: Final = 300  # characters of a title or subject that are read
_CONVENTIONAL: Final = lazyre.compile(
    r"^\s{0,20}([A-Za-z][\w-]{0,40})(\([^)]{0,80}\))?!?\s{0,5}:\s*"
)
_TAGS: Final = lazyre.compile(r"^\s{0,20}((?:\[[^\]]{1,40}\]\s{0,5}){1,5})")
_EMOJI: Final = lazyre.compile(r"^\s{0,5}([^\w\s\[\](){}:`'\"#<@]{1,8})\s{0,3}")
# gitmoji.dev: the emoji a title starts with names its type, as a tag does.
_GITMOJI: Final = {
    "\U0001f41b": "bug",  # bug
    "\U0001f691": "hotfix",  # ambulance
    "\u2728": "feature",  # sparkles
    "\u26a1": "perf",  # zap
    "\U0001f4dd": "docs",  # memo
    "\u2705": "test",  # white check mark
    "\U0001f9ea": "test",  # test tube
    "\u267b": "refactor",  # recycle
    "\U0001f477": "ci",  # construction worker
    "\U0001f49a": "ci",  # green heart
    "\U0001f527": "chore",  # wrench
    "\U0001f528": "chore",  # hammer
    "\u2b06": "deps",  # arrow up
    "\u2b07": "deps",  # arrow down
    "\U0001f4cc": "deps",  # pushpin
    "\u2795": "deps",  # heavy plus
    "\u2796": "deps",  # heavy minus
    "\U0001f3a8": "style",  # art
    "\U0001f6a8": "style",  # rotating light
    "\U0001f516": "chore",  # bookmark (release)
    "\U0001f310": "i18n",  # globe with meridians
}
_SHORTCODE: Final = lazyre.compile(r"^\s{0,5}:([a-z_]{2,30}):\s{0,3}")
_SHORTCODES: Final = {
    "bug": "bug",
    "ambulance": "hotfix",
    "sparkles": "feature",
    "zap": "perf",
    "memo": "docs",
    "white_check_mark": "test",
    "test_tube": "test",
    "recycle": "refactor",
    "construction_worker": "ci",
    "green_heart": "ci",
    "wrench": "chore",
    "hammer": "chore",
    "arrow_up": "deps",
    "arrow_down": "deps",
    "pushpin": "deps",
    "art": "style",
    "rotating_light": "style",
    "bookmark": "chore",
    "globe_with_meridians": "i18n",
}
_STRONG_DOCS: Final = lazyre.compile(
    r"\b(typos?|spelling|misspell\w{0,6}|grammar|wording|docstrings?|comments?|docs|"
    r"documentation|readme)\b"
)
_WEAK_DOCS: Final = lazyre.compile(r"\b(links?|markup|references?)\b")
_TOOLING: Final = lazyre.compile(
    r"\b(typing|type[ -]hints?|type[ -]annotations?|type[ -]checking|annotations|mypy|"
    r"pyright|pyre|linting|lint|linter|ruff|flake8|pylint|isort|black|formatting|format|"
    r"pre-commit|pyupgrade|codespell)\b"
)
_RELEASE: Final = lazyre.compile(
    r"^(release |releasing |version |prepare |preparing |bump version to |v)?"
    r"v?\d{1,4}(\.\d{1,6}){1,4}[\w.+-]{0,20}( release)?$"
)
_TOOLING_CLAIM: Final = lazyre.compile(
    r"^(fix(es|ed)?|add(s|ed)?|update[sd]?|improve[sd]?|apply|resolve[sd]?|silence)? ?"
    r"(the |some |all |more |missing )?(typing|type[ -]hints?|type[ -]annotations?|"
    r"annotations|mypy|pyright|linter|lint(ing)?|ruff|flake8|pylint|style|formatting)\b"
)
# "Add tests for …", "Update changelog", "Fix CI": the object, not the verb, is the type.
_OBJECT: Final = lazyre.compile(
    r"^[a-z]{2,12}\s+(?:(?:a|an|the|more|missing|some|new|flaky|failing|broken|unit|"
    r"integration|regression|extra|few|to|for|in|on|of)\s+){0,3}(tests?|testing|test suite|"
    r"test cases?|ci|changelog|change log|news(?: fragments?| entry)?|changelog entry|docs|"
    r"documentation|readme|examples?|workflows?|coverage|benchmarks?|gitignore|codeowners|mailmap)\b"
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
        lazyre.compile(
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
        lazyre.compile(
            r"\b(faster|speed ?ups?|speeds? up|performance|optimi[sz](e|es|ed|ing|ation)|"
            r"quicker|less memory|fewer allocations|reduce (memory|overhead|allocations))\b"
        ),
    ),
    (
        "feature",
        lazyre.compile(
            r"\bnew (option|argument|flag|parameter|setting|command|hook|api|feature|method|"
            r"function|class|keyword)\b|\badd(s|ed)? support\b|\bsupport for\b"
        ),
    ),
    (
        "maintenance",
        lazyre.compile(
            r"\b(drop (support|python)|bump|dependabot|github actions?|pre-commit autoupdate|"
            r"deps|dependencies)\b"
        ),
    ),
)
# Phrases that say the type whatever verb leads ("Avoid X to improve performance").
_PHRASES: Final = (
    ("bugfix", lazyre.compile(r"\bmake [\w .`'-]{1,60} work\b")),
    (
        "performance",
        lazyre.compile(
            r"\b(to|for) (improve|better|increase|boost) [\w -]{0,40}(performance|speed|"
            r"throughput)\b|\bimprove (the )?(speed|performance)\b|\bspeed of\b|"
            r"\bdefer(red|s)? (the )?(load\w{0,3}|import\w{0,3})\b|"
            r"\blazy[ -]?(load\w{0,3}|import\w{0,3})\b|\blazily\b|\bpeak memory\b"
        ),
    ),
    (
        "maintenance",
        lazyre.compile(
            r"\bdeprecat\w{0,5} (call|calls|usage|api|apis|warnings?|methods?|functions?|"
            r"alias\w{0,2})\b|^(replace|avoid|remove|drop) (the |a )?(use of )?deprecated\b|"
            r"^remove (the |an? |some )?(leftover|unused|dead|obsolete|stale|redundant|"
            r"outdated|unnecessary)\b"
        ),
    ),
    ("feature", lazyre.compile(r"^make [\w .`'-]{1,60} (optional|configurable)\b")),
    (
        "maintenance",
        lazyre.compile(
            r"\b(test(s|ing)?|ci|run) (on|with|against|under) (python |py|pypy ?|cpython )?"
            r"\d\.\d{1,2}(?!\d)|\bpython \d\.\d{1,2} (to|in|on) (the )?(ci|tox|test matrix)\b"
        ),
    ),
)
# Commits a contributor makes while a pull request is reviewed: they say nothing of its type.
_NOISE: Final = lazyre.compile(
    r"^(apply suggestions?|address(ed|ing)? (the )?(review|comments?|feedback)|review|wip\b|"
    r"fixup!|squash!|amend!|update [\w./-]{1,80}\.\w{1,6}$|\[pre-commit\.ci\] auto fixes|"
    r"oops|more|cleanup$|tweak|nit\b|changes? (from|after) review)"
)
_BRANCH: Final = lazyre.compile(r"^([A-Za-z]{2,12})(?:[/_.-]|$)")
_BRANCH_BOTS: Final = lazyre.compile(r"^(dependabot|renovate|pre-commit-ci|snyk|pyup)\b")
_MERGED_BRANCH: Final = lazyre.compile(r"^Merge (?:pull request|PR) #?\d{1,10} from ([^\s]{1,200})")
_CLOSES: Final = lazyre.compile(
    r"(?i)\b(fix(?:es|ed)?|close[sd]?|resolve[sd]?)[ \t]{1,5}(?:[\w.-]{1,100}/[\w.-]{1,100})?"
    r"#\d{1,10}\b|\bthis (?:pr|pull request|change|commit|patch) (fixes|adds|speeds up)\b"
)


def declared(text: str) -> tuple[list[str], str]:
    """Return a text's lower-cased prefix (``fix:``), bracket tags and gitmoji, and the rest.

    Args:
        text: A title or subject.

    Returns:
        The prefixes (``fix:``) and tags (``bug``), and the remaining text.
    """
    text = text[:LIMIT]
    found: list[str] = []
    e = _EMOJI.match(text)
    if e:
        found += [_GITMOJI[ch] for ch in e.group(1) if ch in _GITMOJI]
        text = text[e.end() :]
    for _ in range(3):
        code = _SHORTCODE.match(text)
        if not code:
            break
        if code.group(1).lower() in _SHORTCODES:
            found.append(_SHORTCODES[code.group(1).lower()])
        text = text[code.end() :]
    m = _TAGS.match(text)
    if m:
        found += [t.strip().lower() for t in re.findall(r"\[([^\]]{1,40})\]", m.group(1))]
        text = text[m.end() :]
    c = _CONVENTIONAL.match(text)
    if c and " " not in c.group(1):
        found.append(c.group(1).lower() + ":")
        text = text[c.end() :]
        code = _SHORTCODE.match(text)  # fix: :rotating_light: …
        if code and code.group(1).lower() in _SHORTCODES:
            found.append(_SHORTCODES[code.group(1).lower()])
            text = text[code.end() :]
    return found, text


def read_title(text: str, rules: Mapping[str, TypeRule]) -> list[tuple[str, TitleReading]]:
    """Read a title or subject: the types it declares and how.

    Args:
        text: The title or subject.
        rules: The type rules by name.

    Returns:
        ``(type, how)`` pairs, ``how`` one of ``explicit``, ``natural``, ``docs-claim``,
        ``weak-docs-claim`` (followed by the natural reading to fall back on), and
        ``tooling-claim``. Empty when the text says nothing.
    """
    text = _PR_REF.sub("", text[:LIMIT])
    found, rest = declared(text)
    scope = _scope(text)
    if scope and _TOOLING.fullmatch(scope) and "maintenance" in rules:
        return [("maintenance", "tooling-claim")]  # fix(typing): …, fix(lint): …
    out: list[tuple[str, TitleReading]] = [
        (name, "explicit")
        for name, rule in rules.items()
        if any(f[:-1] in rule.titles for f in found if f.endswith(":"))
        or any(_squash(f) in map(_squash, rule.tags) for f in found if not f.endswith(":"))
    ]
    lowered = " ".join(rest.strip().lower().split())
    if out and "maintenance" in rules and _TOOLING_CLAIM.match(lowered):
        return [("maintenance", "tooling-claim")]  # fix: lint errors; fix: typing of x
    if out and "docs" in rules and _STRONG_DOCS.search(lowered):
        return [*out, ("docs", "docs-claim")]  # fix: typo in README; the diff decides
    if out:
        return out
    if any(_TOOLING.fullmatch(tag) for tag in found):
        return [("maintenance", "tooling-claim")]
    first = _first_reading(lowered, rules)
    if first is not None:
        return first
    if "docs" in rules and _STRONG_DOCS.search(lowered):
        return [("docs", "docs-claim")]
    if "maintenance" in rules and _TOOLING.search(lowered):
        return [("maintenance", "tooling-claim")]
    natural = _natural(lowered, " ".join(text[:LIMIT].lower().split()), rules)
    if "docs" in rules and _WEAK_DOCS.search(lowered):
        return [("docs", "weak-docs-claim"), *natural]
    return natural


def _squash(tag: str) -> str:
    """A tag as written in any spelling: ``[Bug-Fix]``, ``[Bug fix]``, ``[bug_fix]`` → bugfix."""
    return tag.replace("-", "").replace("_", "").replace(" ", "")


_PR_REF: Final = lazyre.compile(r"(\s{0,3}\(#\d{1,10}\)){1,3}\s{0,3}$")


def _first_reading(
    lowered: str, rules: Mapping[str, TypeRule]
) -> list[tuple[str, TitleReading]] | None:
    """A release, a phrase that says the type, or an object that is the type ("Add tests")."""
    if "maintenance" in rules and _RELEASE.match(lowered):
        return [("maintenance", "natural")]
    for name, pattern in _PHRASES:
        if name in rules and pattern.search(lowered):
            return [(name, "natural")]
    obj = _OBJECT.match(lowered)
    if not obj:
        return None
    word = obj.group(1)
    kind = _OBJECT_TYPES.get(word, "tests" if word.startswith("test") else None)
    if kind is None and word in ("ci", "workflow", "workflows", "coverage", "benchmark"):
        kind = "maintenance"
    return [(kind, "natural")] if kind and kind in rules else [("", "natural")]


_SCOPE: Final = lazyre.compile(r"\(([^)]{1,40})\)!?\s{0,5}:")
_SCOPE_WORDS: Final = lazyre.compile(r"types?|typing|typehints?")


def _scope(text: str) -> str | None:
    """Return a conventional commit's scope when it names typing or lint: ``fix(type):``."""
    m = _SCOPE.search(text[:80])
    if not m:
        return None
    scope = m.group(1).strip().lower()
    return "typing" if _SCOPE_WORDS.fullmatch(scope) else scope


def _natural(
    lowered: str, full: str, rules: Mapping[str, TypeRule]
) -> list[tuple[str, TitleReading]]:
    """The type a title's leading words, or a phrase anywhere in it, says."""
    for name, pattern in _PHRASES:
        if name in rules and pattern.search(lowered):
            return [(name, "natural")]
    for name, rule in rules.items():
        if _leads(lowered, rule.words):
            return [(name, "natural")]
    for name, pattern in _ANYWHERE:
        if name in rules and (pattern.search(lowered) or pattern.search(full)):
            return [(name, "natural")]
    return []


def _leads(lowered: str, words: Sequence[str]) -> bool:
    """Whether a title starts with one of a type's words, as a whole word."""
    return any(re.match(re.escape(w) + r"(?![\w-])", lowered) for w in words)


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
    parts = branch.split("/")
    # The most specific segment first: ``feature/fix-1983-npm`` is a fix.
    for candidate in dict.fromkeys(parts[::-1]):
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
