"""The title reader's edges, one table per function of ``checks/titles.py``, read directly.

Each row is a decision the reader makes with its near miss beside it; the rows marked with a
mutant were found by ``benchmarks/mutation.py titles`` (a one-line change of the reader that the
classifier's tests, which build a repository per title, let through). No repository is needed:
the reader is a pure function of the text and the policy's type rules.
"""

from __future__ import annotations

import pytest
from mergeready.checks.titles import body_types, branch_type, declared, merged_branch, read_title
from mergeready.rules.loader import load

RULES = load().types

DECLARED = [
    # (text, prefixes and tags, the rest)
    ("\u2728 Rework", ["feature"], "Rework"),  # gitmoji
    ("\U0001f41b\u2728 Rework", ["bug", "feature"], "Rework"),  # two gitmoji at once
    ("\u2192 Rework", [], "Rework"),  # near miss: a symbol gitmoji does not name
    (":thinking: :bug: Rework", ["bug"], "Rework"),  # an unknown shortcode is skipped, read on
    # three shortcodes are read, a fourth stays in the text
    (":art: :bug: :zap: :sparkles: Rework", ["style", "bug", "perf"], ":sparkles: Rework"),
    ("[Bug] [perf]  fix(io)!: x", ["bug", "perf", "fix:"], "x"),
    ("fix: :rotating_light: lint", ["fix:", "style"], "lint"),  # a shortcode after the prefix
    ("fix: :thinking: crash", ["fix:"], ":thinking: crash"),  # near miss: one gitmoji lacks
    ("Rework the parser", [], "Rework the parser"),  # near miss: nothing declared
]


@pytest.mark.parametrize("text, found, rest", DECLARED, ids=[r[0] for r in DECLARED])
def test_what_a_title_declares(text, found, rest):
    assert declared(text) == (found, rest)


READINGS = [
    # (title, types left out of the rules, readings)
    ("\u2728 Rework the parser", (), [("feature", "explicit")]),
    (
        "\U0001f41b\u2728 Rework the parser",
        (),
        [("bugfix", "explicit"), ("feature", "explicit")],
    ),
    (":thinking: Rework the parser", (), []),
    ("fix(typing): x", (), [("maintenance", "tooling-claim")]),  # the scope says tooling
    ("fix(types): x", (), [("maintenance", "tooling-claim")]),
    ("fix(io): x", (), [("bugfix", "explicit")]),  # near miss: a scope that is no tool
    # the scope is read in the first 80 characters: its colon at index 79, then at 80
    ("[bug] " + "a" * 67 + "(lint): x", (), [("maintenance", "tooling-claim")]),
    ("[bug] " + "a" * 68 + "(lint): x", (), [("bugfix", "explicit")]),
    ("feat: x", (), [("feature", "explicit")]),
    ("[Bug-Fix] x", (), [("bugfix", "explicit")]),  # a tag in any spelling
    ("[perf] [docs] x", (), [("performance", "explicit"), ("docs", "explicit")]),
    ("[bugs] Rework the parser", (), []),  # near miss: a tag one letter from a prefix
    ("fix: lint errors", (), [("maintenance", "tooling-claim")]),
    ("fix: crash in lint", (), [("bugfix", "explicit")]),  # near miss: the tool not first
    ("fix: typo in README", (), [("bugfix", "explicit"), ("docs", "docs-claim")]),
    ("[mypy] Tidy", (), [("maintenance", "tooling-claim")]),
    ("[mypy] [misc] Tidy", (), [("maintenance", "tooling-claim")]),  # one tag is a tool
    ("[misc] Tidy", (), []),  # near miss: no tag is
    ("v2.34.2", (), [("maintenance", "natural")]),
    ("Release 1.4.0", (), [("maintenance", "natural")]),
    ("make it work on 3.11", (), [("bugfix", "natural")]),
    ("Add tests for the parser", (), [("tests", "natural")]),
    ("Add tests for the parser", ("tests",), [("", "natural")]),  # a policy without the type
    ("Update changelog", (), [("", "natural")]),  # an object that is no type
    ("Update the docs", (), [("docs", "natural")]),
    ("Add examples", (), [("example", "natural")]),
    ("Fix CI", (), [("maintenance", "natural")]),
    ("Update workflows", (), [("maintenance", "natural")]),
    ("Update the workflow", (), [("maintenance", "natural")]),
    ("Improve coverage", (), [("maintenance", "natural")]),
    ("Add a benchmark", (), [("maintenance", "natural")]),
    ("Add benchmarks", (), [("", "natural")]),  # near miss: the plural names no type
    ("defer loading of numpy", (), [("performance", "natural")]),
    ("defer loading of numpy", ("performance",), []),
    ("Add x", (), [("feature", "natural")]),
    ("Tokenizer crash on empty input", (), [("bugfix", "natural")]),
    ("Tokenizer crash on empty input", ("bugfix",), []),
    ("[crash] Rework the parser", (), [("bugfix", "natural")]),  # read in the whole title
    ("[core] Don't drop the port", (), [("bugfix", "natural")]),  # read after the tag
    ("Fix typo in the parser", (), [("docs", "docs-claim")]),  # no prefix: the diff decides
    ("Fix typo in the parser", ("docs",), [("bugfix", "natural")]),  # a policy without docs
    ("Fix broken link", (), [("docs", "weak-docs-claim"), ("bugfix", "natural")]),
    ("Update the link", (), [("docs", "weak-docs-claim")]),
    ("Bump numpy", (), [("maintenance", "natural")]),
    ("Rework the parser (#12)", (), []),
    ("fix typing", (), [("maintenance", "tooling-claim")]),
]


@pytest.mark.parametrize(
    "title, without, readings", READINGS, ids=[f"{r[0][:50]}-{'-'.join(r[1])}" for r in READINGS]
)
def test_how_a_title_reads(title, without, readings):
    rules = {name: rule for name, rule in RULES.items() if name not in without}
    assert read_title(title, rules) == readings


BRANCHES = [
    ("dependabot/pip/numpy-2", "maintenance"),
    ("depend/x", None),  # near miss: a word that starts like a bot's
    ("fix/parser", "bugfix"),
    ("enhancement/x", "feature"),  # a tag, not a prefix
    ("bf-12", "bugfix"),  # a prefix, not a tag
    ("ada/fix/parser", "bugfix"),  # the most specific segment that says a type, two up
    ("feature/fix-1983-npm", "bugfix"),
    ("x" * 197 + "/bfx", "bugfix"),  # read to its 200th character: ".../bf"
    ("main", None),
]


@pytest.mark.parametrize("branch, expected", BRANCHES, ids=[b[0][:30] for b in BRANCHES])
def test_what_a_branch_name_declares(branch, expected):
    assert branch_type(branch, RULES) == expected


@pytest.mark.parametrize(
    "subject, expected",
    [("Merge pull request #12 from ada/fix-x", "ada/fix-x"), ("Merge branch 'main'", None)],
)
def test_the_branch_a_merge_commit_names(subject, expected):
    assert merged_branch(subject) == expected


BODIES = [
    ("Fixes #12", [("bugfix", "Fixes #12")]),
    (
        "closes owner/repo#3 and resolves #4",
        [("bugfix", "closes owner/repo#3"), ("bugfix", "resolves #4")],
    ),
    ("This PR adds a flag", [("feature", "This PR adds")]),
    ("this change speeds up loading", [("performance", "this change speeds up")]),
    (  # three are read, a fourth is not
        "fixes #1, fixes #2, fixes #3, fixes #4",
        [("bugfix", "fixes #1"), ("bugfix", "fixes #2"), ("bugfix", "fixes #3")],
    ),
    ("x" * 19_991 + " fixes #12", [("bugfix", "fixes #1")]),  # read to its 20,000th character
    ("See #12", []),
    ("prefixes #12", []),  # near miss: the keyword inside a word
]


@pytest.mark.parametrize("body, expected", BODIES, ids=[b[0][-30:] for b in BODIES])
def test_what_a_body_says(body, expected):
    assert body_types(body) == expected
