"""Contribution types, recognised as people write titles, labels, commits and paths."""

from __future__ import annotations

import pytest
from helpers import shared_repo, story, types
from mergeready.checks.classify import classify
from mergeready.checks.contribution import Contribution
from mergeready.checks.model import Evidence
from mergeready.rules.loader import load, load_policy

POLICY = load()


def _classified(c):
    """Classify as the engine does: with the policy the repository's base configures."""
    policy = load_policy(c.config_text, where=c.config_source)
    changelog = policy.changelog_places
    return classify(c, policy.types, policy.source, policy.changelog, changelog, policy.attributes)


def _classify(repo, files, title=None, labels=(), message="change"):
    repo.write("README.md", "# Demo\n")
    repo.write("pkg/core.py", "x = 1\n")
    repo.commit("initial")
    repo.branch("topic")
    for path, text in files.items():
        repo.write(path, text)
    repo.commit(message)
    c = Contribution.from_git(repo.path, title=title, labels=labels)
    return [t.type for t in _classified(c)]


SOURCE = {"pkg/core.py": "x = 2\n"}


@pytest.fixture(scope="module")
def source_change(tmp_path_factory):
    """The story ``_classify(repo, SOURCE)`` tells, built once: the title and label tables only
    read it (each row built its own: two thirds of their CPU; the titles row still runs
    ``Contribution.from_git`` and the classifier on a real repository)."""

    def build(repo):
        repo.write("README.md", "# Demo\n")
        repo.write("pkg/core.py", "x = 1\n")
        repo.commit("initial")
        repo.branch("topic")
        repo.write("pkg/core.py", SOURCE["pkg/core.py"])
        repo.commit("change")

    return shared_repo(tmp_path_factory, build)


def _classify_shared(repo, title=None, labels=()):
    """Classify the shared story's main..topic with a title and labels."""
    c = Contribution.from_git(repo.path, title=title, labels=labels)
    try:
        return [t.type for t in _classified(c)]
    finally:
        c.close()


@pytest.mark.parametrize(
    "title, expected",
    [
        ("fix: crash on empty input", ["bugfix"]),
        ("fix(io): crash on empty input", ["bugfix"]),
        ("Fix crash on empty input", ["bugfix"]),
        ("Fixes #12", ["bugfix"]),
        ("[bug] crash on empty input", ["bugfix"]),
        # Issue #25's second trial: a tag is read however it is spelled (Keras's "[Bug-Fix]").
        ("[Bug-Fix] Update the layer docs", ["bugfix"]),
        ("[BugFix] Update the layer docs", ["bugfix"]),
        ("[Bug fix] Update the layer docs", ["bugfix"]),
        ("[bug_fix] Update the layer docs", ["bugfix"]),
        ("BUG: crash on empty input", ["bugfix"]),
        ("feat: add clip", ["feature"]),
        ("Add `clip` to ops", ["feature"]),
        ("Implement the Lion optimizer", ["feature"]),
        ("Support bfloat16 in Dense", ["feature"]),
        # SOURCE changes a value: a performance title keeps code's tests beside it too (issue
        # 22: mergeready cannot tell a speed-up from a behaviour change).
        ("perf: cache the tokenizer", ["performance", "code"]),
        ("[perf] cache the tokenizer", ["performance", "code"]),
        ("Speed up image loading", ["performance", "code"]),
        ("Optimize the attention kernel", ["performance", "code"]),
        # SOURCE changes a value (x = 1 → 2): a maintenance title keeps code's requirements
        # beside it (issue 22: a declared type never removes what the diff demands).
        ("refactor: split ops", ["code", "maintenance"]),
        ("Bump numpy to 2.1", ["code", "maintenance"]),
        ("Tidy up the core", ["code"]),
        # Found on real histories (requests, attrs): release commits and docstring fixes.
        ("v2.34.2", ["code", "maintenance"]),
        ("Release 1.4.0", ["code", "maintenance"]),
        ("Fix docstring", ["code", "docs"]),
        ("Fix broken link in the module docs", ["code", "docs"]),
        # Found on requests and flask: a typing or lint title whose diff changes expressions
        # is maintenance and code (an expression changed), not a fix/feature.
        ("fix typing", ["code", "maintenance"]),
        ("Add type annotation for `Request.hooks`", ["code", "maintenance"]),
        ("Fix mypy errors in core", ["code", "maintenance"]),
        # Found on pytest: a tool's tag marks the change as maintenance whatever the verb.
        ("[ruff] Enable C400 (unnecessary generator)", ["code", "maintenance"]),
        # Titles as people write them, the telling words anywhere in the title (issue 12).
        ("Raise a clear error when the config is empty", ["bugfix"]),
        ("Tokenizer crash on empty input", ["bugfix"]),
        ("Regression: headers lost on redirect", ["bugfix"]),
        ("Make the parser 3× faster", ["performance", "code"]),
        ("Don't drop the port on redirects", ["bugfix"]),
        ("Properly fix the retry count", ["bugfix"]),
        # Found on rich: "markup" is not a docs word when code changed.
        ("Fix raw markup printed in the console", ["bugfix"]),
        # Found on pre-commit/tox: the object, not the verb, is the type (and the tests type
        # only where a test file changed: SOURCE changes none, issue 23's third round).
        ("Add tests for the parser", ["code"]),
        ("Update changelog", ["code"]),
        # Found on the labelled corpus (benchmarks/README.md names each case).
        ("1.4.7 (#995)", ["code", "maintenance"]),  # keras-tuner: a squash-merged release
        ("\U0001f41b fix(run): honor the fail-fast contract (#3999)", ["bugfix"]),  # tox gitmoji
        ("\u2728 Add a flag", ["feature"]),
        ("fix deprecated call", ["code", "maintenance"]),  # pre-commit
        (
            "Avoid reloading root certificates to improve concurrent performance",
            ["performance", "code"],
        ),
        ("Defer loading of importlib.metadata", ["performance", "code"]),  # pluggy
        ("Improve speed of `BytesQueueBuffer.get()`", ["performance", "code"]),  # urllib3
        ("make --hook-dir optional for hook-impl", ["feature"]),  # pre-commit
        ("Remove the leftover KEEP_ALIVE setting", ["code", "maintenance"]),  # scrapy
        ("start testing on 3.13rc", ["code", "maintenance"]),  # requests
        ("Preserve leading slashes in request path_url", ["bugfix"]),  # requests
        ("replace deprecated X with Y, make it work on 3.11", ["bugfix"]),  # keras-tuner
    ],
)
def test_titles_as_people_write_them(git_env, source_change, title, expected):
    assert _classify_shared(source_change, title=title) == expected


@pytest.mark.parametrize(
    "label, expected",
    [
        ("bug", ["bugfix"]),
        ("enhancement", ["feature"]),
        ("performance", ["performance", "code"]),
        ("documentation", ["code", "docs"]),
    ],
)
def test_labels(git_env, source_change, label, expected):
    assert _classify_shared(source_change, title="Tidy up", labels=[label]) == expected


def test_commit_subject_is_the_title_when_none_is_given(git_repo):
    assert _classify(git_repo, SOURCE, message="Fix the off-by-one in core") == ["bugfix"]


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"docs/index.md": "Hello\n"}, ["docs"]),
        ({"CONTRIBUTING.rst": "Hello\n"}, ["docs"]),
        ({"examples/demo.py": "print(1)\n"}, ["example"]),
        ({"tests/test_core.py": "def test_x():\n    pass\n"}, ["tests"]),
        ({"pkg/core_test.py": "def test_x():\n    pass\n"}, ["tests"]),
        ({"pkg/locale/fr/LC_MESSAGES/app.po": 'msgid "x"\n'}, ["translation"]),
        ({".github/workflows/ci.yml": "on: push\n"}, ["maintenance"]),
        ({".github/CONTRIBUTING.md": "How to help\n"}, ["docs"]),
        ({"pyproject.toml": "[project]\n"}, ["maintenance"]),
        # Found on keras-tuner ("Update RELEASE.md"): a changelog-only change is maintenance.
        ({"CHANGELOG.md": "# Changes\n"}, ["maintenance"]),
        ({"pkg/core.py": "x = 3\n"}, ["code"]),
        # Found on python/devguide: an English page about translating, in a translations/
        # folder, is docs; a page a language folder or name marks as translated is not.
        ({"documentation/translations/translating.rst": "Hello\n"}, ["docs"]),
        (
            {
                "documentation/translations/overview.svg": "<svg/>\n",
                "documentation/translations/translating.rst": "See the overview\n",
            },
            ["docs"],
        ),
        ({"docs/translations/fr/index.rst": "Bonjour\n"}, ["translation"]),
        ({"docs/translations/pt_BR/index.md": "Olá\n"}, ["translation"]),
        ({"docs/translations/index.de.md": "Hallo\n"}, ["translation"]),
        ({"docs/translations/app.po": 'msgid "x"\n'}, ["translation"]),
        # Found on tensorflow/docs: a notebook is a tutorial (an example) wherever it lives.
        ({"site/en/tutorials/load.ipynb": "{}\n"}, ["example"]),
        # Found on tf-keras, searxng, Pillow: build rules, settings and data no area names are
        # maintenance, never no type at all.
        ({"tf_keras/BUILD": "py_test(name = 'x')\n"}, ["maintenance"]),
        # Found on Pillow: Tests/ (capitalised) holds the tests and their helpers.
        ({"Tests/benchmarks.py": "def bench():\n    pass\n"}, ["tests"]),
        ({"searx/settings.yml": "engines: []\n"}, ["maintenance"]),
    ],
)
def test_paths(git_repo, files, expected):
    assert _classify(git_repo, files, message="update") == expected


@pytest.mark.parametrize(
    "files, expected",
    [
        # Found on starlette, networkx, Pillow, requests, keras: existing behaviour changed,
        # a test beside it, no word said the type: the diff says a bug fix.
        (
            {"pkg/core.py": "x = 2\n", "tests/test_core.py": "def test_x():\n    assert x\n"},
            ["bugfix", "tests"],
        ),
        # without a test the diff cannot tell a fix from any change: code
        ({"pkg/core.py": "x = 2\n"}, ["code"]),
        # a test only: tests
        ({"tests/test_core.py": "def test_x():\n    assert x\n"}, ["tests"]),
        # new public API beside a test is a feature, not a fix
        (
            {
                "pkg/core.py": "x = 1\n\n\ndef clip(a):\n    return a\n",
                "tests/test_core.py": "def test_x():\n    assert x\n",
            },
            ["feature", "tests"],
        ),
    ],
    ids=["behaviour-and-test", "behaviour-alone", "test-alone", "new-api"],
)
def test_changed_behaviour_with_a_test_is_a_bug_fix(git_repo, files, expected):
    assert _classify(git_repo, files, message="update") == expected


@pytest.mark.parametrize(
    "before, after, expected",
    [
        # Found on requests ("v2.34.2") and tf-keras's nightly bumps: a release changes the
        # version number, no behaviour a test could pin.
        (
            '__version__ = "2.34.1"\n__build__ = 0x023401\n',
            '__version__ = "2.34.2"\n__build__ = 0x023402\n',
            ["maintenance"],
        ),
        ("VERSION = (1, 4)\n", "VERSION = (1, 5)\n", ["maintenance"]),
        ('__version__: str = "1.0"\n', '__version__: str = "1.1"\n', ["maintenance"]),
        # near misses: a computed version, another name, or anything else changed beside it
        ('__version__ = "1.0"\n', "__version__ = read()\n", ["code"]),
        ('title = "1.0"\n', 'title = "1.1"\n', ["code"]),
        ('__version__ = "1.0"\nx = 1\n', '__version__ = "1.1"\nx = 2\n', ["code"]),
    ],
    ids=["dunder", "tuple", "annotated", "computed", "other-name", "and-code"],
)
def test_a_version_number_alone_is_a_release_not_code(git_repo, before, after, expected):
    git_repo.write("pkg/__version__.py", before)
    assert _classify(git_repo, {"pkg/__version__.py": after}, message="update") == expected


@pytest.mark.parametrize(
    "package, path, expected",
    [
        # Found on tf-keras (oss_setup.py), alembic (tools/write_pyi.py), virtualenv (tasks/):
        # release and build scripts beside the project's packages are maintenance.
        (True, "oss_setup.py", ["maintenance"]),
        (True, "tools/write_pyi.py", ["maintenance"]),
        # near misses: a module of the package, a project with no package at all, and a new
        # package the contribution creates
        (True, "lib/util.py", ["code"]),
        (False, "tools/write_pyi.py", ["code"]),
        (True, "newpkg/__init__.py", ["code"]),
    ],
    ids=["top-level-script", "tools-script", "package-module", "no-package", "new-package"],
)
def test_a_script_outside_the_packages_is_maintenance(git_repo, package, path, expected):
    if package:
        git_repo.write("lib/__init__.py", "")
        git_repo.write("lib/util.py", "x = 1\n")
    git_repo.write("tools/write_pyi.py", "x = 1\n")
    git_repo.write("oss_setup.py", "x = 1\n")
    assert _classify(git_repo, {path: "x = 2\n"}, message="update") == expected


def test_a_fix_read_from_the_diff_never_drops_what_code_requires(git_repo):
    # A project whose unclassified changes require more than its fixes keeps "code".
    git_repo.write(
        ".mergeready.yaml",
        "types:\n  bugfix:\n    require: [spelling-clean]\n",
    )
    files = {"pkg/core.py": "x = 2\n", "tests/test_core.py": "def test_x():\n    assert x\n"}
    assert _classify(git_repo, files, message="update") == ["code", "tests"]


def test_several_types_at_once(git_repo):
    files = {
        "pkg/core.py": "x = 2\n",
        "tests/test_core.py": "def test_x():\n    pass\n",
        "docs/core.md": "Core\n",
    }
    assert _classify(git_repo, files, title="fix: x") == ["bugfix", "docs", "tests"]


def test_a_natural_title_declares_a_code_type_only_when_code_changed(git_repo):
    assert _classify(git_repo, {"README.md": "# Demo!\n"}, title="Fix typo in README") == ["docs"]


def test_typo_fix_in_code_is_docs_not_bugfix(git_repo):
    assert _classify(git_repo, SOURCE, title="Fix typos in docstrings") == ["code", "docs"]


def test_evidence_names_what_said_so(git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("a.py", "x = 2\n")
    git_repo.write("docs/a.md", "A\n")
    git_repo.commit("fix: a")
    c = Contribution.from_git(git_repo.path, labels=["bug"])
    found = {t.type: t.evidence for t in classify(c, POLICY.types, POLICY.source)}
    assert found["bugfix"][0].kind == "commit" and str(found["bugfix"][0]).endswith(": fix: a")
    assert Evidence("label", "bug") in found["bugfix"]
    assert found["docs"] == (Evidence("path", "docs/a.md"),)
    assert [str(e) for e in found["docs"]] == ["path: docs/a.md"]


def test_report_lists_types(git_repo, run_json):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("a.py", "x = 2\n")
    git_repo.commit("perf: faster a")
    _, report = run_json()
    assert types(report) == ["performance", "code"]


def _types(repo, **kwargs):
    c = Contribution.from_git(repo.path, **{"base": "main", **kwargs})
    try:
        found = _classified(c)
        return {t.type: tuple(map(str, t.evidence)) for t in found}  # as the report writes them
    finally:
        c.close()


RING = (
    "def ring(count, delay):\n    if delay < 0:\n        raise ValueError('bad delya')\n"
    "    return count * delay\n"
)
CLAIMS = [
    # (title, pkg/core.py at head, types): a claim is checked against the diff.
    (
        "Add type hints",
        "from typing import Optional\n\n\ndef ring(count: int, delay: Optional[float]) -> float:"
        "\n    if delay < 0:\n        raise ValueError('bad delya')\n    return count * delay\n",
        ["maintenance"],
    ),
    (
        "Add type hints",
        RING.replace("count, delay", "count: int, delay: float").replace("*", "+"),
        ["code", "maintenance"],
    ),
    (
        "Fix lint in core",
        RING.replace("return count * delay", "return (count*delay)  # noqa"),
        ["maintenance"],
    ),
    ("Fix typo in error message", RING.replace("delya", "delay"), ["docs"]),
    ("Fix markup of the error message", RING.replace("< 0", "<= 0"), ["bugfix"]),
    ("Fix typo in the docstring", RING.replace(":\n", ':\n    """Rnig."""\n', 1), ["docs"]),
    # Found on poetry ("chore(git): fix typos in error message"): a maintenance title on a
    # reworded prose message is maintenance; on changed code it keeps code beside it.
    (
        "chore(core): reword the error",
        RING.replace("'bad delya'", "'the delay is negative'"),
        ["maintenance"],
    ),
    ("chore(core): tidy", RING.replace("< 0", "<= 0"), ["code", "maintenance"]),
]


@pytest.mark.parametrize("title, head, expected", CLAIMS)
def test_claims_are_checked_against_the_diff(git_repo, title, head, expected):
    git_repo.write("pkg/core.py", RING)
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", head)
    git_repo.commit(title)
    assert sorted(_types(git_repo)) == expected


def _two_commits(repo, first, second):
    repo.write("pkg/core.py", "x = 1\n")
    repo.commit("initial")
    repo.branch("topic")
    repo.write("pkg/core.py", "x = 2\n")
    repo.commit(first)
    repo.write("pkg/beep.py", "def beep():\n    return 1\n")
    repo.commit(second)


@pytest.mark.parametrize("order", [0, 1])
def test_every_commit_subject_counts_whatever_the_order(git_repo, order):
    subjects = ["Use mergeready hooks", "Add beep helper"]
    _two_commits(git_repo, *(subjects if order == 0 else subjects[::-1]))
    found = _types(git_repo)
    assert list(found) == ["feature"]
    assert any("Add beep helper" in e for e in found["feature"])


def test_closing_keywords_in_the_body(git_repo):
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "x = 2\n")
    git_repo.commit("Update core")
    found = _types(git_repo, body="This keeps x in step.\n\nFixes #12\n")
    assert list(found) == ["bugfix"] and found["bugfix"] == ("body: 'Fixes #12'",)


def test_branch_name_from_git_the_option_and_a_merge_commit(git_repo, run_json):
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch("perf-cache-lookups")
    git_repo.write("pkg/core.py", "x = 2\n")
    git_repo.commit("Cache lookups")
    assert list(_types(git_repo)) == ["performance", "code"]
    assert list(_types(git_repo, branch="fix/lookups")) == ["bugfix"]
    _, report = run_json("--base", "main", "--branch", "feature/lookups")
    assert report["types"] == [{"type": "feature", "evidence": ["branch: feature/lookups"]}]
    git_repo.checkout("main")
    message = "Merge pull request #7 from ada/fix-lookups\n\nCache lookups"
    git_repo.git("merge", "-q", "--no-ff", "-m", message, "perf-cache-lookups")
    found = _types(git_repo, base="HEAD^1", head="HEAD")
    assert list(found) == ["bugfix"] and "branch: ada/fix-lookups" in found["bugfix"]


def test_branch_from_the_pull_request_event(git_repo, run_json, monkeypatch, tmp_path):
    import json

    git_repo.write("pkg/core.py", "x = 1\n")
    base = git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "x = 2\n")
    head = git_repo.commit("Cache lookups")
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "base": {"sha": base},
                    "head": {"sha": head, "ref": "bugfix/lookups"},
                    "title": "Cache lookups",
                    "body": None,
                    "labels": [],
                }
            }
        )
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_OUTPUT", str(tmp_path / "out"))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary"))
    _, report = run_json("--only", "spelling-clean")
    assert [t["type"] for t in report["types"]] == ["bugfix"]


CHANGELOG_MD = (
    "# Changelog\n\n## [Unreleased]\n\n### Added\n\n### Fixed\n\n## [1.0.0] - 2024-01-01\n"
)


@pytest.mark.parametrize(
    "files, title, expected, evidence",
    [
        (
            {"changelog.d/12.bugfix.md": "Fixed x.\n"},
            "Update core",
            "bugfix",
            "fragment: changelog.d/12.bugfix.md",
        ),
        (
            {"changelog.d/12.bugfix.md": "Fixed x.\n"},
            "Add x",
            "bugfix",
            "outweighed: feature (title: Add x)",
        ),
        (
            {"CHANGELOG.md": CHANGELOG_MD.replace("### Fixed\n", "### Fixed\n\n- x is 2.\n")},
            "Update core",
            "bugfix",
            "changelog: CHANGELOG.md under 'Fixed'",
        ),
        (
            {"CHANGELOG.md": CHANGELOG_MD.replace("### Added\n", "### Added\n\n- x.\n")},
            "Update core",
            "feature",
            "changelog: CHANGELOG.md under 'Added'",
        ),
    ],
)
def test_the_changelog_evidence_the_contribution_adds(git_repo, files, title, expected, evidence):
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.write("changelog.d/.gitkeep", "")
    git_repo.write("CHANGELOG.md", CHANGELOG_MD)
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "x = 2\n")
    for path, text in files.items():
        git_repo.write(path, text)
    git_repo.commit("change")
    found = _types(git_repo, title=title)
    assert list(found) == [expected] and evidence in found[expected]


def test_a_label_outweighs_a_guessed_word_and_the_report_shows_both(git_repo):
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "x = 2\n")
    git_repo.commit("change")
    found = _types(git_repo, title="Add a retry", labels=["bug"])
    assert found == {"bugfix": ("label: bug", "outweighed: feature (title: Add a retry)")}


def test_generated_files_and_pure_renames_are_not_code(git_repo):
    git_repo.write(".gitattributes", "pkg/_pb2.py linguist-generated=true\n")
    git_repo.write("pkg/_pb2.py", "X = 1\n")
    git_repo.write("pkg/old.py", "def f():\n    return 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/_pb2.py", "X = 2\n")
    git_repo.git("mv", "pkg/old.py", "pkg/new.py")
    git_repo.commit("Regenerate and move")
    assert list(_types(git_repo)) == ["maintenance"]


def test_a_tooling_claim_under_a_fix_prefix_is_checked_against_the_diff(git_repo):
    # Found on keras-tuner: "fix: :rotating_light: Fix linter issues" reformatted code only.
    git_repo.write("pkg/core.py", "def f(a,b):\n    return a+b\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "def f(a, b):\n    return a + b\n")
    git_repo.commit("fix: :rotating_light: Fix linter issues (#986)")
    assert list(_types(git_repo)) == ["maintenance"]


@pytest.mark.parametrize(
    "title, head, expected",
    [
        # Found on tox: "fix(type): cast …" only adds a typing.cast.
        (
            "fix(type): cast set value",
            "from typing import cast\n\nX = cast(int, compute())\n",
            ["maintenance"],
        ),
        ("fix(type): cast set value", "X = compute() + 1\n", ["code", "maintenance"]),
        # Found on requests: a TYPE_CHECKING branch changes what type checkers see only.
        (
            "Improve static typing of imports",
            "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import chardet\nelse:\n"
            "    X = compute()\n",
            ["maintenance"],
        ),
        # Found on poetry: "docs: clarify what --no-cache disables" rewords a help string.
        ("docs: clarify the help", "X = compute('Show the clearer help')\n", ["docs"]),
    ],
)
def test_typing_and_docs_claims_read_the_tree(git_repo, title, head, expected):
    # A help text is wording (two words or more); a one-word string may be a key or a command.
    base = "X = compute('Show the help')\n" if "docs" in title else "X = compute()\n"
    git_repo.write("pkg/core.py", base)
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", head)
    git_repo.commit(title)
    assert sorted(_types(git_repo)) == expected


def test_a_typo_fixed_only_in_tests_is_a_tests_change(git_repo):
    # Found on keras-tuner: "Fix a typo" in objective_test.py.
    git_repo.write("pkg/core_test.py", "def test_x():\n    assert 1, 'teh'\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core_test.py", "def test_x():\n    assert 1, 'the'\n")
    git_repo.commit("Fix a typo (#877)")
    assert list(_types(git_repo)) == ["tests"]


def test_the_most_specific_branch_segment_wins(git_repo):
    # Found on pre-commit: branch "feature/fix-1983-npm" is a fix.
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "x = 2\n")
    git_repo.commit("npm hooks")
    assert list(_types(git_repo, branch="feature/fix-1983-npm")) == ["bugfix"]


def test_review_commit_words_add_no_type(git_repo):
    # Found on requests: a commit "start testing on 3.13rc" is no tests contribution.
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "x = 2\n")
    git_repo.commit("Add a retry")
    git_repo.write("pkg/core.py", "x = 3\n")
    git_repo.commit("Update docs wording")
    assert list(_types(git_repo)) == ["feature"]


def test_a_performance_title_outweighs_a_fix_fragment_without_a_perf_type(git_repo):
    # Found on urllib3 (types feature, bugfix, doc, removal, misc): a speed-up filed as bugfix.
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.write("changelog/.gitkeep", "")
    git_repo.write("towncrier.toml", '[tool.towncrier]\ndirectory = "changelog"\n')
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "x = 2\n")
    git_repo.write("changelog/5019.bugfix.rst", "Faster.\n")
    git_repo.commit("Optimize peak memory usage of drain_conn (#5019)")
    found = _types(git_repo)
    assert list(found) == ["performance", "code"]
    assert "outweighed: bugfix (fragment: changelog/5019.bugfix.rst)" in found["performance"]


@pytest.mark.parametrize(
    "kinds, expected",
    [(("bugfix", "feature", "perf"), ["bugfix"]), (("bugfix", "feature"), ["performance", "code"])],
    ids=["the project can file a speed-up as perf", "near miss: it cannot"],
)
def test_a_fix_fragment_outweighs_a_performance_title_where_perf_is_a_fragment_type(
    git_repo, kinds, expected
):
    # Where the project's own fragment types say "perf", a bugfix fragment is what the author
    # meant; only a project that cannot say it files speed-ups as fixes. Kills `any` → `all` in
    # _read_fragments (survived test_classify.py: no project there named its types).
    types = "".join(f'[[tool.towncrier.type]]\ndirectory = "{k}"\nname = "{k}"\n\n' for k in kinds)
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.write("changelog/.gitkeep", "")
    git_repo.write("towncrier.toml", f'[tool.towncrier]\ndirectory = "changelog"\n\n{types}')
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "x = 2\n")
    git_repo.write("changelog/5019.bugfix.rst", "Faster.\n")
    git_repo.commit("Optimize peak memory usage of drain_conn (#5019)")
    assert list(_types(git_repo)) == expected


FRAGMENT_KINDS = [
    # (fragment type, the file changed beside it, types): the title says "Fix …" (a guess)
    ("feature", "pkg/core.py", ["feature"]),  # a strong kind outweighs the title's word
    ("perf", "pkg/core.py", ["performance", "code"]),
    ("misc", "pkg/core.py", ["bugfix"]),  # near miss: a weak kind only hints
    ("doc", ".github/workflows/ci.yml", ["docs", "maintenance"]),  # strong with no code changed
    ("misc", ".github/workflows/ci.yml", ["maintenance"]),  # near miss: weak, no code changed
]


@pytest.mark.parametrize(
    "kind, change, expected", FRAGMENT_KINDS, ids=[f"{r[0]} {r[1]}" for r in FRAGMENT_KINDS]
)
def test_which_fragment_types_declare_their_type_outright(git_repo, kind, change, expected):
    # Kills `'feature'`, `'performance'`, `'docs'` dropped from _read_fragments' strong kinds
    # (each survived test_classify.py: no row had a strong fragment against a guessed title).
    kinds = ("bugfix", "feature", "perf", "doc", "misc")
    types = "".join(f'[[tool.towncrier.type]]\ndirectory = "{k}"\nname = "{k}"\n\n' for k in kinds)
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.write(".github/workflows/ci.yml", "on: push\n")
    git_repo.write("changelog/.gitkeep", "")
    git_repo.write("towncrier.toml", f'[tool.towncrier]\ndirectory = "changelog"\n\n{types}')
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write(change, "x = 2\n")
    git_repo.write(f"changelog/12.{kind}.md", "A change.\n")
    git_repo.commit("Fix crash in the parser")
    assert list(_types(git_repo)) == expected


def test_release_notes_are_no_contribution_type(git_repo):
    # Found on pre-commit ("v4.6.2") and poetry ("release: bump version to 2.4.1").
    log = "# Changes\n\n## Unreleased\n\n## 1.0.0 (2024-01-01)\n\n- a\n"
    git_repo.write("CHANGELOG.md", log)
    git_repo.write("pkg/__init__.py", "__version__ = '1.0.0'\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write(
        "CHANGELOG.md",
        log.replace("## Unreleased\n", "## 1.1.0 (2024-02-01)\n\n### Fixed\n\n- b\n"),
    )
    git_repo.write("pkg/__init__.py", "__version__ = '1.1.0'\n")
    git_repo.commit("v1.1.0")
    assert list(_types(git_repo)) == ["maintenance"]


def test_docstring_edits_under_a_tests_title_are_tests(git_repo):
    git_repo.write("pkg/core.py", 'def f():\n    """>>> f()\n    1\n    """\n    return 1\n')
    git_repo.write("tests/test_core.py", "def test_f():\n    assert 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", 'def f():\n    """>>> f()\n    1.0\n    """\n    return 1\n')
    git_repo.write("tests/test_core.py", "def test_f():\n    assert 1.0\n")
    git_repo.commit("Update test expectations for Python 3.15 (#8016)")
    assert list(_types(git_repo)) == ["tests"]


def test_doctest_edits_alone_under_a_tests_title_are_tests(git_repo):
    # no test file changed: the docstrings' doctests are the tests the title names (kills the
    # negated `if len(evidence["docs"]) < len(docs) and not evidence.get("tests")` in classify)
    git_repo.write("pkg/core.py", 'def f():\n    """>>> f()\n    1\n    """\n    return 1\n')
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", 'def f():\n    """>>> f()\n    1.0\n    """\n    return 1\n')
    git_repo.commit("Update test expectations for Python 3.15 (#8016)")
    assert list(_types(git_repo)) == ["tests"]


# Found on poetry (#10872, "fix mis-named variable"): a private method's parameter renamed
# everywhere it is used changes nothing a caller or a test can see: a rename, not a bug fix.
PLUGINS = (
    "class Cache:\n    def _install(self, plugins, locked_packages):\n"
    "        for package in locked_packages:\n            plugins.add(package)\n"
    "        return Repository(locked_packages)\n\n\n"
    "def public(locked):\n    total = len(locked)\n    return total\n"
)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("locked_packages", "installed_packages", ["maintenance"]),  # a private parameter
        ("total", "count", ["maintenance"]),  # a local variable
        ("locked", "installed", ["bugfix"]),  # a public parameter: callers may name it
        ("Repository", "InstalledRepository", ["bugfix"]),  # a global: another object
    ],
    ids=["private parameter", "local variable", "public parameter", "global"],
)
def test_a_consistent_rename_of_a_local_name_is_not_a_code_change(git_repo, old, new, expected):
    git_repo.write("pkg/plugins.py", PLUGINS)
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/plugins.py", PLUGINS.replace(old, new))
    git_repo.commit("fix mis-named variable")
    assert list(_types(git_repo)) == expected


# Found on keras-tuner (#954): the contribution opens the next release's notes with its own
# entry under "Bug fixes"; a release, which collects every kind of change, says no one type.
NOTES = (
    "# Release v1.4.3\n\n## Bug fixes\n* Old fix.\n\n# Release v1.4.2\n\n## Bug fixes\n* Older.\n"
)


@pytest.mark.parametrize(
    "added, expected",
    [
        ("# Release v1.4.4\n\n## Bug fixes\n* `serialize` imports again.\n\n", ["bugfix"]),
        (
            "# Release v1.4.4\n\n## Bug fixes\n* A fix.\n\n## New features\n* A feature.\n\n",
            ["code"],
        ),
    ],
    ids=["one kind of entry", "a release of several kinds"],
)
def test_a_new_version_section_with_one_kind_of_entry_says_the_type(git_repo, added, expected):
    git_repo.write("pkg/core.py", "def serialize(x):\n    return x\n")
    git_repo.write("RELEASE.md", NOTES)
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", "def serialize(x):\n    return [x]\n")
    git_repo.write("RELEASE.md", added + NOTES)
    git_repo.commit("Export more APIs for AutoKeras")
    assert [t for t in _types(git_repo) if t != "docs"] == expected


def test_an_api_export_decorator_is_an_export_not_code(git_repo):
    git_repo.write("pkg/core.py", "def serialize(x):\n    return x\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write(
        "pkg/core.py",
        "from pkg.api_export import pkg_export\n\n\n"
        '@pkg_export("pkg.engine.serialize")\ndef serialize(x):\n    return x\n',
    )
    git_repo.commit("Export serialize")
    from mergeready.checks.contribution import Contribution
    from mergeready.checks.diffkind import kind

    c = Contribution.from_git(git_repo.path, base="main")
    try:
        assert kind(c, c.files[0]) == "exports"
    finally:
        c.close()


LONG = '"""A long module."""\n\nimport os\n\n' + "".join(
    f'\n\ndef f{n}(x):\n    """F{n}."""\n    return x + {n}\n' for n in range(300)
)


def _kind_of(git_repo, head: str) -> str:
    from mergeready.checks.contribution import Contribution
    from mergeready.checks.diffkind import kind

    git_repo.write("pkg/long.py", LONG)
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/long.py", head)
    git_repo.commit("change")
    c = Contribution.from_git(git_repo.path, base="main")
    try:
        return kind(c, c.files[0])
    finally:
        c.close()


@pytest.mark.parametrize(
    "head, expected",
    [
        (LONG.replace('"""F150."""', '"""F150, better said."""'), "docstrings"),
        (LONG.replace("def f150(x):", "def f150(x: int) -> int:"), "annotations"),
        (LONG.replace("return x + 150", "return x - 150"), "code"),
        (LONG + '\n\ndef g(y):\n    """G."""\n    return y\n', "code"),
        (LONG.replace("import os\n", "import os\nimport sys\n"), "exports"),
        # moving a statement is a change of order, not nothing: an import after its use
        (LONG.replace("import os\n\n", "") + "\nimport os\n", "exports"),
        (LONG.replace('"""A long module."""', '"""A long module, said better."""'), "docstrings"),
        (LONG.replace("    return x + 7\n", "    return (\n        x + 7\n    )\n"), "none"),
    ],
    ids=[
        "docstring",
        "annotation",
        "expression",
        "new function",
        "import",
        "moved import",
        "module docstring",
        "reformatted",
    ],
)
def test_a_long_modules_change_is_judged_by_the_statements_that_differ(git_repo, head, expected):
    """Only the top-level statements whose text differs are compared as trees (a 300-function
    module that gains one function is one statement, not two whole trees): same verdicts."""
    assert _kind_of(git_repo, head) == expected


NEW_API = {"pkg/core.py": "x = 1\n\n\ndef clip(value, low=0):\n    return max(value, low)\n"}


@pytest.mark.parametrize(
    "title, branch, head, expected",
    [
        # A maintenance word on new public API adds maintenance; the diff keeps the feature.
        ("chore: tidy core", None, NEW_API, ["feature", "maintenance"]),
        (None, "chore/tidy", NEW_API, ["feature", "maintenance"]),
        ("refactor: split core", None, NEW_API, ["feature", "maintenance"]),
        # A performance claim is added beside the feature: new public API needs its tests
        # whatever the words (issue 22; poetry #10905 cached a tag set in a new method).
        ("perf: faster core", None, NEW_API, ["feature", "performance"]),
        # Nothing declared: the diff says feature, not an unclassified change.
        ("Tidy up the core", None, NEW_API, ["feature"]),
        # A fix keeps its own type (it carries the same requirements).
        ("fix: clip", None, NEW_API, ["bugfix"]),
        # Near misses: a private helper, or a body-only change, is no new API (the behaviour
        # change keeps `code` beside the maintenance word, not `feature`).
        (
            "chore: tidy core",
            None,
            {"pkg/core.py": "x = 1\n\n\ndef _clip(v):\n    return v\n"},
            ["code", "maintenance"],
        ),  # noqa: E501
        ("chore: tidy core", None, {"pkg/core.py": "x = 2\n"}, ["code", "maintenance"]),
        # A script no import can name is no API.
        (
            "chore: tidy",
            None,
            {"extras/bench-server.py": NEW_API["pkg/core.py"]},
            ["code", "maintenance"],
        ),  # noqa: E501
    ],
    ids=[
        "chore",
        "chore-branch",
        "refactor",
        "perf",
        "undeclared",
        "fix",
        "private",
        "body",
        "script",
    ],
)
def test_new_public_api_is_a_feature_whatever_the_words(git_repo, title, branch, head, expected):
    git_repo.write("README.md", "# Demo\n")
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.branch(branch or "topic")
    for path, text in head.items():
        git_repo.write(path, text)
    git_repo.commit(title or "change")
    c = Contribution.from_git(git_repo.path, title=title)
    found = _classified(c)
    assert sorted(t.type for t in found) == expected
    if "feature" in expected and "bugfix" not in expected:
        evidence = [str(e) for t in found if t.type == "feature" for e in t.evidence]
        assert "diff: new public API clip in pkg/core.py" in evidence


def test_a_maintenance_title_on_new_public_api_still_needs_its_tests(git_repo, run_json):
    git_repo.write("pkg/core.py", "x = 1\n")
    git_repo.write("tests/test_core.py", "def test_x():\n    assert True\n")
    git_repo.commit("initial")
    git_repo.branch("chore/tidy")
    git_repo.write(
        "pkg/core.py",
        NEW_API["pkg/core.py"].replace(
            "    return",
            '    """Clip.\n\n    Args:\n        value: v.\n        low: l.\n    """\n    return',
        ),
    )  # noqa: E501
    git_repo.commit("chore: tidy core")
    code, report = run_json("--only", "tests-present", "--title", "chore: tidy core")
    assert code == 1 and report["by_type"]["feature"]["passed"] is False


SCALER = (
    "class Scaler:\n"
    "    def apply(self, grads, variables):\n"
    "        scale = self.scale\n"
    "        out = [g if g is None else divide(g, scale) for g, v in zip(grads, variables)]\n"
    "        return self.inner(out)\n\n"
    "    def apply_all(self, grads):\n"
    "        out = [g if g is None else divide(g, self.scale) for g, v in zip(grads, self.vs)]\n"
    "        return self.inner(out)\n\n"
    # a private method after the helper: its parameters' neutral names shift with it
    "    def _tail(self, a, b):\n"
    "        return a + b\n"
)
HELPER = (
    "class Scaler:\n"
    "    def _unscale(self, grads, variables):\n"
    "        return [g if g is None else {op}(g, self.scale) for g, v in zip(grads, variables)]\n\n"
    "    def apply(self, grads, variables):\n"
    "        out = self._unscale(grads, variables)\n"
    "        return self.inner(out)\n\n"
    "    def apply_all(self, grads):\n"
    "        out = self._unscale(grads, self.vs)\n"
    "        return self.inner(out)\n\n"
    "    def _tail(self, a, b):\n"
    "        return a + b\n"
)


@pytest.mark.parametrize(
    "head, expected",
    [
        # Keras #23412: the same statements extracted into a private helper (an alias inlined).
        (HELPER.format(op="divide"), ["maintenance"]),
        # The helper computes something else: behaviour changed.
        (HELPER.format(op="multiply"), ["code"]),
        # A public helper is new API, not an extraction.
        (HELPER.format(op="divide").replace("_unscale", "unscale"), ["feature"]),
    ],
    ids=["extracted", "changed", "public"],
)
def test_code_extracted_into_a_private_helper_is_a_refactor(git_repo, head, expected):
    git_repo.write("pkg/scaler.py", SCALER)
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/scaler.py", head)
    git_repo.commit("Extract the unscaling")
    assert sorted(_types(git_repo)) == expected


def test_a_docstring_edit_in_a_ten_thousand_line_module_is_docs(git_repo):
    # Keras's ops/numpy.py-sized modules: a docstring fixed there is no code a test can see.
    huge = '"""A huge module."""\n' + "".join(
        f'\n\ndef f{n}(x):\n    """F{n}: a function of a large module, said in full."""\n'
        f"    # {'a comment that makes the module as wide as a real one ' * 3}\n"
        f"    return x + {n}\n"
        for n in range(2000)
    )
    assert huge.count("\n") > 10_000 and len(huge) > 400_000
    head = huge.replace('"""F1500: a function', '"""F1500: the function')
    git_repo.write("pkg/huge.py", huge)
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/huge.py", head)
    git_repo.commit("Reword f1500")
    assert sorted(_types(git_repo)) == ["docs"]


@pytest.mark.parametrize(
    "head, expected",
    [
        (
            "def clip(value, low=1):\n    return max(value, low)\n",
            ["code", "maintenance"],
        ),  # a default
        ("def clip(value, high=0):\n    return max(value, high)\n", ["feature", "maintenance"]),
    ],
    ids=["default", "renamed-parameter"],
)
def test_a_new_default_re_signs_nothing_a_renamed_parameter_does(git_repo, head, expected):
    # urllib3 #5019 raised stream()'s default chunk size: no new API.
    git_repo.write("pkg/core.py", "def clip(value, low=0):\n    return max(value, low)\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/core.py", head)
    git_repo.commit("chore: tune clip")
    c = Contribution.from_git(git_repo.path, title="chore: tune clip")
    assert sorted(t.type for t in _classified(c)) == expected


@pytest.mark.parametrize(
    "head, profile, expected",
    [
        # L1 (issue #25's trial): a test exclusion list beside the code is data, not docs
        (
            {"pkg/mod.py": "X = 2\n", "pkg/excluded_tests.txt": "test_a\ntest_b\n"},
            "default",
            ["code"],
        ),
        ({"NOTES.txt": "Release notes.\n"}, "default", ["docs"]),  # the project's own prose
        ({"docs/install.txt": "Install it.\n"}, "default", ["docs"]),
        # M2: keras-io's guides are examples, in the keras profile
        ({"guides/writing_callbacks.py": '"""G."""\nX = 2\n'}, "keras", ["example"]),
        ({"keras/src/ops/math.py": '"""M."""\nX = 2\n'}, "keras", ["code"]),
    ],
    ids=["nested-txt", "root-txt", "docs-txt", "keras-guide", "keras-code"],
)
def test_which_text_files_are_docs_and_which_scripts_are_examples(
    git_repo, run_json, head, profile, expected
):
    story(
        git_repo,
        {"pkg/mod.py": "X = 1\n", ".mergeready.yaml": f"profile: {profile}\n"},
        head,
        message="Update",
    )
    _, report = run_json("--only", "spelling-clean")
    assert [t["type"] for t in report["types"]] == expected


# --- the classifier's edges, found by benchmarks/mutation.py classifier: each row kills a
# one-line change the tables above let through (benchmarks/README.md, "Mutation") -----------

EDGES = [
    # (id, files at head, title, labels, commit message, types)
    (
        "an explicit prefix declares its type on a docs-only change",
        {"docs/index.md": "Hello\n"},
        "fix: a broken link",
        (),
        "change",
        ["bugfix", "docs"],
    ),
    (
        "new public API under a maintenance and a performance label is a feature too",
        {"pkg/core.py": "x = 1\n\n\ndef clip(v):\n    return v\n"},
        "Tidy up",
        ("chore", "perf"),
        "change",
        ["feature", "performance", "maintenance"],
    ),
    (
        "a guessed word declares no code type on a docs-only change",
        {"docs/index.md": "Hello\n"},
        "Fix a broken link",
        (),
        "change",
        ["docs"],
    ),
    # an empty commit changed nothing: not "only the changelog changed" (maintenance); kills
    # classify's `only_changelog = False` → `True` before any file is read
    ("an empty commit with no words has no type", {}, None, (), "change", []),
    ("near miss: an empty commit's prefix", {}, None, (), "chore: retrigger CI", ["maintenance"]),
]


@pytest.mark.parametrize(
    "files, title, labels, message, expected", [e[1:] for e in EDGES], ids=[e[0] for e in EDGES]
)
def test_the_classifiers_edges(git_repo, files, title, labels, message, expected):
    assert _classify(git_repo, files, title=title, labels=labels, message=message) == expected


DOCS_PAGE = {"docs/index.md": "Hello\n"}
COMMIT_EDGES = [
    # (id, the commits on the branch: (message, files), title, types)
    (
        "a fixup commit's words add no type",
        [("Add a retry", SOURCE), ("fixup! Fix the crash", {"pkg/beep.py": "X = 1\n"})],
        None,
        ["feature"],
    ),
    (
        "a commit's prefix weighs as much as a title's words",
        [("fix: crash on empty input", SOURCE), ("Reword the intro", DOCS_PAGE)],
        "Add a retry",
        ["bugfix", "docs", "feature"],
    ),
    (
        "a commit's prefix declares its type on a docs-only change",
        [("fix: a broken link", DOCS_PAGE), ("Reword the intro", {"docs/b.md": "B\n"})],
        None,
        ["bugfix", "docs"],
    ),
    (
        "a commit's word for a non-code type adds no type",
        [("Add a retry", SOURCE), ("Add tests for the retry", {"pkg/beep.py": "X = 1\n"})],
        None,
        ["feature"],
    ),
    (
        "without a title, a commit's word outweighs a closing keyword",
        [("Add a retry\n\nFixes #12", SOURCE), ("Reword the intro", DOCS_PAGE)],
        None,
        ["docs", "feature"],
    ),
]


@pytest.mark.parametrize(
    "commits, title, expected", [e[1:] for e in COMMIT_EDGES], ids=[e[0] for e in COMMIT_EDGES]
)
def test_the_classifiers_commit_edges(git_repo, commits, title, expected):
    _branch(git_repo, commits)
    assert sorted(_types(git_repo, title=title)) == expected


def _branch(repo, commits, base=None):
    """Commit ``base`` (with pkg/core.py) on main, then each (message, files) on a branch; return
    the branch's commits' shas."""
    for path, text in {"pkg/core.py": "x = 1\n", **(base or {})}.items():
        repo.write(path, text)
    repo.commit("initial")
    repo.branch("topic")
    shas = []
    for message, files in commits:
        for path, text in files.items():
            repo.write(path, text)
        shas.append(repo.commit(message))
    return shas


def test_a_commit_is_named_by_its_short_sha_in_the_evidence(git_repo):
    sha, _ = _branch(git_repo, [("Add a retry", SOURCE), ("Reword the intro", DOCS_PAGE)])
    assert f"commit {sha[:8]}: Add a retry" in _types(git_repo)["feature"]


def test_a_commits_word_for_plain_code_stands_beside_a_feature(git_repo):
    # Only a project's own words can name the plain code type (the default policy has none).
    config = {".mergeready.yaml": "types:\n  code:\n    words: [rework]\n"}
    commits = [("Add a retry", SOURCE), ("Rework the core", {"pkg/core.py": "x = 3\n"})]
    _branch(git_repo, commits, base=config)
    assert sorted(_types(git_repo)) == ["code", "feature"]


def test_a_declared_area_type_keeps_its_paths_beside_the_title(git_repo):
    git_repo.write("docs/index.md", "Hi\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("docs/index.md", "Hello\n")
    git_repo.commit("change")
    found = _types(git_repo, title="docs: reword the intro")
    assert found["docs"] == ("title: docs: reword the intro", "path: docs/index.md")


def test_a_winning_declared_type_keeps_its_paths_beside_the_title(git_repo):
    git_repo.write(".github/workflows/ci.yml", "on: push\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write(".github/workflows/ci.yml", "on: [push]\n")
    git_repo.commit("change")
    found = _types(git_repo, title="ci: run on push")
    assert found["maintenance"] == ("title: ci: run on push", "path: .github/workflows/ci.yml")
