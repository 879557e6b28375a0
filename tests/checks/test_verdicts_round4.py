"""Issue 23, round 4: causes found by grouping the development corpus's disagreements.

Each row builds a real repository and runs the real command (``mergeready check --format
json``); none names a repository. Found on round 3's held-out part (a towncrier project whose
fragments live in its package: ``src/pkg/newsfragments/12.misc``).
"""

from __future__ import annotations

import pytest
from helpers import Repo, statuses, story, types

CORE = '"""Core."""\n\n\ndef area(r):\n    """Area."""\n    return r * r\n'
TEST = "from pkg.core import area\n\n\ndef test_area():\n    assert area(2) == 4\n"
TOWNCRIER = '[tool.towncrier]\npackage = "pkg"\npackage_dir = "src"\nfilename = "NEWS.rst"\n'


def _towncrier_project(repo: Repo, extra: str = "") -> None:
    """A package whose fragments sit in ``src/pkg/newsfragments/``, with a merged history in
    which every code change adds one (and a test)."""
    repo.write("pyproject.toml", TOWNCRIER + extra)
    repo.write("src/pkg/__init__.py", '"""Pkg."""\n')
    repo.write("src/pkg/core.py", CORE)
    repo.write("src/pkg/newsfragments/.gitignore", "!.gitignore\n")
    repo.write("tests/test_core.py", TEST)
    repo.write("NEWS.rst", "News\n====\n")
    repo.commit("initial")
    for n in range(1, 6):
        repo.write("src/pkg/core.py", CORE.replace("r * r", f"r * r + {n} - {n}"))
        repo.write("tests/test_core.py", TEST + f"\n\ndef test_{n}():\n    assert area(1) == 1\n")
        repo.write(f"src/pkg/newsfragments/{n}.bugfix", f"Fixed area {n}.\n")
        repo.commit(f"Fix area {n}")
    repo.branch("topic")


def test_fragments_are_never_learned_as_code(git_repo, run_json):
    """Fragments that every merged code change adds are changelog entries, not the package's
    code: a fragment-only contribution changes no source."""
    _towncrier_project(git_repo)
    git_repo.write("src/pkg/newsfragments/9.bugfix", "Fixed the area of a circle.\n")
    git_repo.commit("Add the missing news fragment")
    _, report = run_json("--base", "main")
    assert statuses(report).get("tests-present", "skip") == "skip", report["checks"]
    evidence = [e for t in report["types"] for e in t["evidence"]]
    assert not any("*.bugfix is code here" in e for e in evidence), evidence


@pytest.mark.parametrize(
    "extra, name, expected",
    [
        ("", "9.misc", "pass"),  # towncrier shows no text for misc: an empty one is its entry
        ("", "9.bugfix", "fail"),  # a bugfix fragment must say what was fixed
        (  # a configured type with showcontent = false
            '\n[[tool.towncrier.type]]\ndirectory = "chore"\nname = "Chores"\nshowcontent = false\n'
            '\n[[tool.towncrier.type]]\ndirectory = "bugfix"\nname = "Fixes"\nshowcontent = true\n',
            "9.chore",
            "pass",
        ),
        (  # configured types without misc: towncrier never reads it
            '\n[[tool.towncrier.type]]\ndirectory = "bugfix"\nname = "Fixes"\nshowcontent = true\n',
            "9.misc",
            "fail",
        ),
    ],
)
def test_an_empty_fragment_counts_for_a_type_towncrier_shows_no_text_for(
    git_repo, run_json, extra, name, expected
):
    _towncrier_project(git_repo, extra)
    git_repo.write("src/pkg/core.py", CORE.replace("r * r", "r ** 2"))
    git_repo.write(f"src/pkg/newsfragments/{name}", "")
    git_repo.commit("Tidy the area computation")
    _, report = run_json("--base", "main")
    assert statuses(report)["changelog-updated"] == expected, (types(report), report["checks"])


VERSION_PY = (
    '_MAJOR_VERSION = "0"\n_MINOR_VERSION = "22"\n'
    '__version__ = ".".join([_MAJOR_VERSION, _MINOR_VERSION])\n'
)


@pytest.mark.parametrize(
    "after, expected",
    [
        (VERSION_PY.replace('"22"', '"23"'), "skip"),  # a semantic version's part is a release's
        (VERSION_PY.replace('"22"', '"23"') + "LIMIT = 3\n", "fail"),  # anything else is code
    ],
)
def test_a_version_numbers_parts_are_release_metadata(git_repo, run_json, after, expected):
    base = {"pkg/__init__.py": "", "pkg/version.py": VERSION_PY, "tests/test_core.py": TEST}
    story(git_repo, base, {"pkg/version.py": after}, "Update version.py")
    _, report = run_json("--base", "main")
    assert statuses(report).get("tests-present", "skip") == expected, report["checks"]


@pytest.mark.parametrize(
    "line, expected",
    [
        # a regex's one-letter class in both cases: the word is "requires", "needs"
        ('SKIP = r".*([Rr]equires [a-z]+|[Nn]eeds [a-z]+).*"\n', []),
        # a misspelling beside it is still reported
        ('SKIP = r".*([Rr]equires recieve).*"\n', ["recieve"]),  # codespell:ignore
    ],
)
def test_a_regex_letter_class_is_part_of_the_word(git_repo, run_json, line, expected):
    base = {"pkg/__init__.py": "", "tests/test_core.py": TEST}
    story(git_repo, base, {"tests/skips.py": line}, "Allow more skips")
    _, report = run_json("--base", "main", "--only", "spelling-clean")
    words = [
        f["message"].split("'")[1]
        for c in report["checks"]
        for f in c["findings"]
        if f["code"] in ("MR401", "MR402")
    ]
    assert sorted(set(words)) == expected, report["checks"]


MOVED = "def fit(points, scale=False):\n    return points if not scale else points * 2\n"
MOVED_DOC = '    """Fit the points.\n\n    Args:\n        points: The points.\n    """\n'


@pytest.mark.parametrize(
    "signature, feature",
    [
        ("def fit(points, scale=False):", False),  # moved as it was: not new API
        ("def fit(points, scale=False, tol=None):", True),  # moved and re-signed: new API
    ],
)
def test_a_function_moved_between_modules_is_not_new_api(git_repo, run_json, signature, feature):
    body = MOVED.replace(
        "def fit(points, scale=False):", "def fit(points, scale=False):\n" + MOVED_DOC
    )
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/coreg.py", "import os\n\n\n" + body)
    git_repo.write("pkg/transforms.py", "import os\n")
    git_repo.write(
        "tests/test_fit.py",
        "from pkg.coreg import fit\n\n\ndef test_fit():\n    assert fit(1) == 1\n",
    )
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/coreg.py", "import os\n\nfrom pkg.transforms import fit\n")
    git_repo.write(
        "pkg/transforms.py",
        "import os\n\n\n" + body.replace("def fit(points, scale=False):", signature),
    )
    git_repo.write(
        "tests/test_fit.py",
        "from pkg.transforms import fit\n\n\ndef test_fit():\n    assert fit(2) == 2\n",
    )
    git_repo.commit("Nest the imports")
    _, report = run_json("--base", "main")
    assert ("feature" in types(report)) == feature, report["types"]
    # the moved function's undocumented `scale` was the project's gap: not an error
    assert statuses(report)["docstrings-complete"] != "fail" or feature, report["checks"]
