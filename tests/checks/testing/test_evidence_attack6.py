"""Issue 22, attack 6: what counts as a test (F1–F5, F20, F21 of ``/work/attack6/FINDINGS.md``).

Each row builds a real temporary repository with a bug fix and the one test it offers, and runs
the real command. A test that a contributed conftest can pass without running (F1), that
cannot see the changed code (F2), that pytest never collects (F3, F4), whose failure never
reaches pytest (F5), that restates a base test (F20) or whose assertion is always true (F21)
is no evidence; each near miss (the real assertion, the harmless conftest) keeps counting.
Every FAIL row was watched failing on ``main`` at ``decf794`` before its fix.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from helpers import story

BASE = {
    "pkg/__init__.py": "",
    "pkg/mod.py": "def clip(value, low, high):\n    if value < low:\n        return low\n"
    "    return min(value, high)\n",
    "tests/__init__.py": "",
    "tests/test_mod.py": "from pkg.mod import clip\n\n\ndef test_clip():\n"
    "    assert clip(5, 0, 3) == 3\n",
}
FIXED = BASE["pkg/mod.py"].replace("value < low", "value <= low")
TEST = "from pkg.mod import clip\n\n\ndef test_low():\n    assert clip(0, 0, 3) == 0\n"
TITLE = ("--title", "fix: clip at the lower bound")


def _row_ids(rows: Sequence[tuple[object, ...]]) -> list[str]:
    return [str(r[0]) for r in rows]


def _codes(report: dict[str, object]) -> list[str]:
    checks = report["checks"]
    assert isinstance(checks, list)
    return [f["code"] for c in checks for f in c["findings"]]


def _fix(git_repo, files: dict[str, str | None]) -> None:
    head: dict[str, str | None] = {"pkg/mod.py": FIXED, "tests/test_low.py": TEST, **files}
    if head["tests/test_low.py"] is None:  # no such file at head
        del head["tests/test_low.py"]
    story(git_repo, BASE, head)


# F1: a contributed conftest that can end every run with success.
EXIT_ZERO = [
    (
        "sessionfinish sets exitstatus",
        "def pytest_sessionfinish(session, exitstatus):\n    session.exitstatus = 0\n",
    ),
    ("unconfigure os._exit", "import os\n\n\ndef pytest_unconfigure(config):\n    os._exit(0)\n"),
    (
        "terminal_summary os._exit",
        "import os\n\n\ndef pytest_terminal_summary(terminalreporter):\n    os._exit(0)\n",
    ),
    ("atexit hands on os._exit", "import atexit\nimport os\n\natexit.register(os._exit, 0)\n"),
    (
        "session fixture exits at teardown",
        "import os\n\nimport pytest\n\n\n"
        "@pytest.fixture(scope='session', autouse=True)\ndef _end():\n    yield\n    os._exit(0)\n",
    ),
    ("a hook by star import", "from tests.plug import *  # noqa: F403\n"),
    ("a hook by name", "from tests.plug import pytest_collection_modifyitems  # noqa: F401\n"),
    (
        "a hook by assignment",
        "import tests.plug\n\n"
        "pytest_collection_modifyitems = tests.plug.pytest_collection_modifyitems\n",
    ),
]
PLUG = "def pytest_collection_modifyitems(session, config, items):\n    items[:] = []\n"
HARMLESS = [
    ("a fixture", "import pytest\n\n\n@pytest.fixture\ndef low():\n    return 0\n"),
    ("an import of a helper", "from tests.plug import helper  # noqa: F401\n"),
    ("pytest_addoption", "def pytest_addoption(parser):\n    parser.addoption('--slow')\n"),
]


@pytest.mark.parametrize("name, conftest", EXIT_ZERO, ids=_row_ids(EXIT_ZERO))
def test_a_conftest_that_can_end_the_run_with_success_is_a_switch(
    git_repo, run_json, name, conftest
):
    _fix(git_repo, {"tests/conftest.py": conftest, "tests/plug.py": PLUG})
    code, report = run_json("--only", "tests-meaningful", *TITLE)
    assert code == 1 and "MR807" in _codes(report), report
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1, report


@pytest.mark.parametrize("name, conftest", HARMLESS, ids=_row_ids(HARMLESS))
def test_a_conftest_that_leaves_the_run_alone_keeps_the_test(git_repo, run_json, name, conftest):
    plug = PLUG + "\n\ndef helper():\n    return 1\n"
    _fix(git_repo, {"tests/conftest.py": conftest, "tests/plug.py": plug})
    code, report = run_json("--only", "tests-present,tests-meaningful", *TITLE)
    assert code == 0, report


# F3: the test's name bound again after its def, in every binding form.
REBOUND = [
    ("for target", "for test_low in (None,):\n    pass\n"),
    (
        "with … as",
        "from contextlib import nullcontext\n\nwith nullcontext() as test_low:\n    pass\n",
    ),
    ("except … as", "try:\n    raise ValueError\nexcept ValueError as test_low:\n    pass\n"),
    ("a class of the same name", "class test_low:\n    pass\n"),
    ("a walrus", "(test_low := None)\n"),
    ("a walrus in a comprehension", "[test_low := n for n in (1,)]\n"),
    ("a match capture", "match 1:\n    case test_low:\n        pass\n"),
    ("a tuple in a for target", "for _, test_low in ((1, 2),):\n    pass\n"),
]
STILL_BOUND = [
    ("a local of another function", "def _helper():\n    test_low = None\n    return test_low\n"),
    ("a for loop over another name", "for _n in (None,):\n    pass\n"),
    ("a comprehension variable", "_all = [test_low for test_low in (1,)]\n"),
    ("except … as another name", "try:\n    pass\nexcept ValueError as _err:\n    pass\n"),
    ("an attribute read", "_doc = test_low.__doc__\n"),
]


@pytest.mark.parametrize("name, tail", REBOUND, ids=_row_ids(REBOUND))
def test_a_test_bound_again_after_its_def_is_not_collected(git_repo, run_json, name, tail):
    _fix(git_repo, {"tests/test_low.py": TEST + "\n\n" + tail})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1 and "MR101" in _codes(report), report


@pytest.mark.parametrize("name, tail", STILL_BOUND, ids=_row_ids(STILL_BOUND))
def test_a_binding_of_another_name_or_scope_keeps_the_test(git_repo, run_json, name, tail):
    _fix(git_repo, {"tests/test_low.py": TEST + "\n\n" + tail})
    code, report = run_json("--only", "tests-present,tests-meaningful", *TITLE)
    assert code == 0, report


# F4: a test in a folder pytest takes for a virtualenv and never enters.
VENV = [
    ("pyvenv.cfg", "tests/regress/pyvenv.cfg", "home = /usr/bin\n"),
    ("a conda environment", "tests/regress/conda-meta/history", "==> 2024 <==\n"),
    ("activation scripts", "tests/regress/bin/activate", "# venv\n"),
    ("a marked folder further up", "tests/pyvenv.cfg", "home = /usr/bin\n"),
]
NOT_VENV = [
    ("a cfg of another name", "tests/regress/setup.cfg", "[metadata]\nname = x\n"),
    ("pyvenv.cfg in a sibling folder", "tests/other/pyvenv.cfg", "home = /usr/bin\n"),
    ("an activate file outside bin", "tests/regress/activate", "# notes\n"),
]


@pytest.mark.parametrize("name, mark, text", VENV, ids=_row_ids(VENV))
def test_a_test_in_a_folder_pytest_takes_for_a_virtualenv_is_no_evidence(
    git_repo, run_json, name, mark, text
):
    _fix(git_repo, {"tests/regress/test_low.py": TEST, mark: text})
    git_repo.git("rm", "-q", "tests/test_low.py")
    git_repo.commit("only the test in the folder")
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1, report
    code, report = run_json("--only", "tests-meaningful", *TITLE)
    assert "MR803" in _codes(report) and mark in json.dumps(report), report


@pytest.mark.parametrize("name, mark, text", NOT_VENV, ids=_row_ids(NOT_VENV))
def test_a_test_in_an_ordinary_folder_counts(git_repo, run_json, name, mark, text):
    _fix(git_repo, {"tests/regress/test_low.py": TEST, mark: text})
    git_repo.git("rm", "-q", "tests/test_low.py")
    git_repo.commit("only the test in the folder")
    code, report = run_json("--only", "tests-present,tests-meaningful", *TITLE)
    assert code == 0, report


# F2: a fixture that runs around the test replaces the function under test.
CALM = "    monkeypatch.setattr(pkg.mod, 'clip', lambda v, lo, hi: lo)\n"
USES = "import pkg.mod\n\n\ndef test_low({param}):\n    assert pkg.mod.clip(-1, 0, 3) == 0\n"
AUTO = (
    "import pytest\n\nimport pkg.mod\n\n\n@pytest.fixture(autouse=True)\ndef _calm(monkeypatch):\n"
)
NAMED = "import pytest\n\nimport pkg.mod\n\n\n@pytest.fixture\ndef calm(monkeypatch):\n"
PATCHED_AROUND = [
    (
        "autouse in the test file",
        {"tests/test_low.py": AUTO + CALM + "\n\n" + USES.format(param="")},
    ),
    (
        "autouse in a conftest",
        {"tests/conftest.py": AUTO + CALM, "tests/test_low.py": USES.format(param="")},
    ),
    (
        "requested by parameter",
        {"tests/test_low.py": NAMED + CALM + "\n\n" + USES.format(param="calm")},
    ),
    (
        "requested through another fixture",
        {
            "tests/conftest.py": NAMED
            + CALM
            + "\n\n@pytest.fixture\ndef low(calm):\n    return 0\n",
            "tests/test_low.py": USES.format(param="low"),
        },
    ),
    (
        "a usefixtures mark",
        {
            "tests/conftest.py": NAMED + CALM,
            "tests/test_low.py": "import pytest\n\nimport pkg.mod\n\n\n"
            "@pytest.mark.usefixtures('calm')\ndef test_low():\n"
            "    assert pkg.mod.clip(-1, 0, 3) == 0\n",
        },
    ),
]
REAL_AROUND = [
    (
        "a fixture that is not used",
        {"tests/test_low.py": NAMED + CALM + "\n\n" + USES.format(param="")},
    ),
    (
        "an autouse fixture that patches a dependency",
        {
            "tests/test_low.py": AUTO
            + CALM.replace("'clip'", "'sleep'")
            + "\n\n"
            + USES.format(param="")
        },
    ),
    (
        "autouse in a conftest of another folder",
        {"other/conftest.py": AUTO + CALM, "tests/test_low.py": USES.format(param="")},
    ),
    (
        "an autouse fixture that wraps",
        {
            "tests/test_low.py": "from unittest import mock\n\n"
            + AUTO
            + "    monkeypatch.setattr(pkg.mod, 'clip', mock.Mock(wraps=pkg.mod.clip))\n\n\n"
            + USES.format(param=""),
        },
    ),
]


@pytest.mark.parametrize("name, files", PATCHED_AROUND, ids=_row_ids(PATCHED_AROUND))
def test_a_fixture_that_replaces_the_function_under_test_leaves_no_evidence(
    git_repo, run_json, name, files
):
    _fix(git_repo, {"tests/test_low.py": "", **files})
    code, report = run_json("--only", "tests-meaningful", *TITLE)
    assert code == 1 and "MR801" in _codes(report), report
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1, report


@pytest.mark.parametrize("name, files", REAL_AROUND, ids=_row_ids(REAL_AROUND))
def test_a_fixture_that_leaves_the_function_under_test_keeps_the_test(
    git_repo, run_json, name, files
):
    _fix(git_repo, {"tests/test_low.py": "", **files})
    code, report = run_json("--only", "tests-present,tests-meaningful", *TITLE)
    assert code == 0, report


# F5: a failure that never reaches pytest as a failure; F21: assertions true for every value.
HEAD = "import pytest\n\nfrom pkg.mod import clip\n\n\ndef test_low():\n"
NEVER_FAILS = [
    ("message skips", "    assert clip(0, 0, 3) == 0, pytest.skip('flaky')\n"),
    ("message xfails inside an f-string", "    assert clip(0, 0, 3) == 0, f'{pytest.xfail()}'\n"),
    ("message exits with success", "    import sys\n    assert clip(0, 0, 3) == 0, sys.exit(0)\n"),
    ("a generator test", "    assert clip(0, 0, 3) == 0\n    yield\n"),
    ("type() of the result", "    assert type(clip(0, 0, 3))\n"),
    ("is not Ellipsis", "    assert clip(0, 0, 3) is not ...\n"),
    ("bool(x) or not x", "    assert bool(clip(0, 0, 3)) or not clip(0, 0, 3)\n"),
    ("x or not not not x", "    assert clip(0, 0, 3) or not not not clip(0, 0, 3)\n"),
    ("callable of a called function", "    clip(0, 0, 3)\n    assert callable(clip)\n"),
    ("min <= max", "    assert min(clip(0, 0, 3), 3) <= max(clip(0, 0, 3), 3)\n"),
    (
        "max >= min, arguments reordered",
        "    assert max(3, clip(0, 0, 3)) >= min(clip(0, 0, 3), 3)\n",
    ),
    ("a set display within a larger one", "    assert {clip(0, 0, 3)} <= {clip(0, 0, 3), 1}\n"),
    ("issubset of displays", "    assert {clip(0, 0, 3)}.issubset([clip(0, 0, 3), 1])\n"),
]
CAN_FAIL = [
    ("a message that formats", "    assert clip(0, 0, 3) == 0, f'got {clip(0, 0, 3)}'\n"),
    ("pytest.fail in the message", "    assert clip(0, 0, 3) == 0, pytest.fail('boom')\n"),
    (
        "a yield in a nested function",
        "    def gen():\n        yield 1\n\n    assert clip(0, 0, 3) == 0\n",
    ),
    ("type() compared", "    assert type(clip(0, 0, 3)) is int\n"),
    ("is not None", "    assert clip(0, 0, 3) is not None\n"),
    ("bool(x) or not y", "    assert bool(clip(0, 0, 3)) or not clip(1, 0, 3)\n"),
    ("callable of a result", "    assert callable(clip(0, 0, 3))\n"),
    ("min < max", "    assert min(clip(0, 0, 3), 3) < max(clip(0, 0, 3), 3)\n"),
    (
        "min <= max of other arguments",
        "    assert min(clip(0, 0, 3), 3) <= max(clip(0, 0, 3), 2)\n",
    ),
    ("a proper subset", "    assert {clip(0, 0, 3)} < {clip(0, 0, 3), 1}\n"),
    ("a set with an item the other lacks", "    assert {clip(0, 0, 3), 2} <= {clip(0, 0, 3), 1}\n"),
]


@pytest.mark.parametrize("name, body", NEVER_FAILS, ids=_row_ids(NEVER_FAILS))
def test_an_assertion_that_cannot_fail_the_test_is_no_evidence(git_repo, run_json, name, body):
    _fix(git_repo, {"tests/test_low.py": HEAD + body})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1 and "MR101" in _codes(report), report
    code, report = run_json("--only", "tests-meaningful", *TITLE)
    assert code == 1 and "MR802" in _codes(report), report


@pytest.mark.parametrize("name, body", CAN_FAIL, ids=_row_ids(CAN_FAIL))
def test_an_assertion_that_can_fail_keeps_counting(git_repo, run_json, name, body):
    _fix(git_repo, {"tests/test_low.py": HEAD + body})
    code, report = run_json("--only", "tests-present,tests-meaningful", *TITLE)
    assert code == 0, report


# F20: the base's test restated with a cosmetic change.
BASE_TEST = BASE["tests/test_mod.py"]
RESTATED = [
    ("sides swapped", "def test_low():\n    assert 3 == clip(5, 0, 3)\n"),
    ("a no-op statement", "def test_low():\n    _ = None\n    assert clip(5, 0, 3) == 3\n"),
    (
        "pass and a constant",
        "def test_low():\n    'why'\n    assert clip(5, 0, 3) == 3\n    pass\n    ...\n",
    ),
    ("through a local", "def test_low():\n    got = clip(5, 0, 3)\n    assert got == 3\n"),
    (
        "moved into a class",
        "class TestLow:\n    def test_low(self):\n        assert clip(5, 0, 3) == 3\n",
    ),
    ("keywords spelled out", "def test_low():\n    assert clip(5, low=0, high=3) == 3\n"),
    ("keywords in another order", "def test_low():\n    assert clip(5, high=3, low=0) == 3\n"),
]
NEW_TEST = [
    ("sides swapped, another value", "def test_low():\n    assert 0 == clip(0, 0, 3)\n"),
    (
        "a local read twice",
        "def test_low():\n    got = clip(0, 0, 3)\n    assert got == 0 and got < 3\n",
    ),
    ("a no-op and another call", "def test_low():\n    _ = None\n    assert clip(0, 0, 3) == 0\n"),
    (
        "in a class, another value",
        "class TestLow:\n    def test_low(self):\n        assert clip(0, 0, 3) == 0\n",
    ),
    ("the order reversed, a real change", "def test_low():\n    assert clip(5, 0, 3) < 3\n"),
    ("keywords naming other bounds", "def test_low():\n    assert clip(5, high=0, low=3) == 3\n"),
]


@pytest.mark.parametrize("name, test", RESTATED, ids=_row_ids(RESTATED))
def test_a_base_test_restated_cosmetically_is_no_evidence(git_repo, run_json, name, test):
    _fix(git_repo, {"tests/test_low.py": None, "tests/test_mod.py": BASE_TEST + "\n\n" + test})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1 and "MR101" in _codes(report), report


@pytest.mark.parametrize("name, test", RESTATED, ids=_row_ids(RESTATED))
def test_a_restated_base_test_in_a_new_file_is_no_evidence(git_repo, run_json, name, test):
    head = "from pkg.mod import clip as c\n\n\n" + test.replace("clip(", "c(")
    _fix(git_repo, {"tests/test_low.py": head})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 1 and "MR101" in _codes(report), report


@pytest.mark.parametrize("name, test", NEW_TEST, ids=_row_ids(NEW_TEST))
def test_a_test_of_other_values_in_the_same_spellings_counts(git_repo, run_json, name, test):
    _fix(git_repo, {"tests/test_low.py": None, "tests/test_mod.py": BASE_TEST + "\n\n" + test})
    code, report = run_json("--only", "tests-present", *TITLE)
    assert code == 0, report


# F3 (script 138): a decorator imported from a helper module that drops the test.
HELPERS = "def off(f):\n    return None\n\n\ndef keep(f):\n    return f\n"
DECORATED = (
    "from pkg.mod import clip\nfrom tests.helpers import {name}\n\n\n@{name}\ndef test_low():\n"
)


@pytest.mark.parametrize("name, counts", [("off", False), ("keep", True)])
def test_an_imported_decorator_that_drops_the_test_leaves_no_evidence(
    git_repo, run_json, name, counts
):
    test = DECORATED.format(name=name) + "    assert clip(0, 0, 3) == 0\n"
    _fix(git_repo, {"tests/helpers.py": HELPERS, "tests/test_low.py": test})
    code, report = run_json("--only", "tests-present,tests-meaningful", *TITLE)
    assert (code == 0) is counts, report
    assert ("MR803" in _codes(report)) is not counts, report


# F24: a test of another module made "related" by an import it never uses.
OTHER = "def double(x):\n    return 2 * x\n"
TEST_OTHER = "from pkg.other import double\n\n\ndef test_double():\n    assert double(2) == 4\n"
IMPORTS = [
    ("an unused module import", "import pkg.mod  # noqa: F401\n", False),
    ("an unused name import", "from pkg.mod import clip  # noqa: F401\n", False),
    ("a module import that is used", "import pkg.mod\n\nassert pkg.mod.clip\n", True),
    ("a name import that is used", "from pkg.mod import clip as c\n\nLOW = c(0, 0, 3)\n", True),
]


@pytest.mark.parametrize("name, imports, counts", IMPORTS, ids=_row_ids(IMPORTS))
def test_an_unused_import_relates_a_test_to_nothing(git_repo, run_json, name, imports, counts):
    story(
        git_repo,
        {**BASE, "pkg/other.py": OTHER},
        {"pkg/mod.py": FIXED, "tests/test_other.py": imports + TEST_OTHER},
    )
    code, report = run_json("--only", "tests-present", *TITLE)
    assert (code == 0) is counts, report
