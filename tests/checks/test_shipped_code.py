"""What a package ships is code, whatever its file is called (attack 4's 18, 32, 41, 48).

Data a module reads by name, a library module named like tooling (``src/pkg/setup.py``), a
version constant the module's functions read and a retargeted entry point in
``pyproject.toml`` all change what the installed package does: tests-present asks for a test.
Near misses keep their verdicts: data no module names, ``py.typed``, a top-level ``setup.py``,
a ``conftest.py`` above the package's own tests, a release's ``__version__`` and a
``pyproject.toml`` change that retargets nothing.
"""

from __future__ import annotations

import pytest
from helpers import Repo, codes, statuses

LIB = '"""Ops."""\n\n\ndef clip(x):\n    """Clip."""\n    return max(x, 0)\n'
TEST = "from pkg.ops import clip\n\n\ndef test_clip():\n    assert clip(-1) == 0\n"
NET = (
    '"""Net."""\nfrom pathlib import Path\n\n\ndef allowed(host):\n    """Allowed."""\n'
    '    return host in Path(__file__).with_name("hosts.txt").read_text().split()\n'
)
CLIENT = (
    '"""Client."""\n\nVERSION = "2"\n\n\ndef endpoint():\n    """Endpoint."""\n'
    '    return f"https://api.example.com/v{VERSION}/"\n'
)
PYPROJECT = '[project]\nname = "pkg"\nversion = "1.0"\n\n[project.scripts]\ntool = "pkg.ops:clip"\n'
DEPLOY = (
    '"""Helpers."""\nimport subprocess\n\n\ndef deploy(host):\n'
    '    return subprocess.call(["ssh", host])\n'
)


def _base(repo: Repo, extra: dict[str, str]) -> None:
    repo.write("src/pkg/__init__.py", '"""Pkg."""\n')
    repo.write("src/pkg/ops.py", LIB)
    repo.write("tests/test_ops.py", TEST)
    repo.write("CHANGELOG.md", "# Changelog\n\n## Unreleased\n\n- Start.\n")
    for path, text in extra.items():
        repo.write(path, text)
    repo.commit("initial")
    repo.branch("topic")


DATA = {"src/pkg/net.py": NET, "src/pkg/hosts.txt": "api.example.com\n"}


@pytest.mark.parametrize(
    "extra, path, text, title, expected",
    [
        # 18: the allow-list a module reads next to __file__, under a typo or a docs title
        (
            DATA,
            "src/pkg/hosts.txt",
            "api.example.com\nevil.example\n",
            "Fix typo in host list",
            "fail",
        ),
        (
            DATA,
            "src/pkg/hosts.txt",
            "api.example.com\nevil.example\n",
            "docs: list our host",
            "fail",
        ),
        # a data file no module names, and py.typed, are no code
        (DATA, "src/pkg/notes.txt", "notes\n", "Add notes", "skip"),
        ({"src/pkg/py.typed": ""}, "src/pkg/py.typed", "partial\n", "Mark typed", "skip"),
        # 32: library modules whose names read as tooling
        ({}, "src/pkg/setup.py", DEPLOY, "Add deploy helper", "fail"),
        ({}, "src/pkg/noxfile.py", DEPLOY, "Add deploy helper", "fail"),
        ({}, "src/pkg/conftest.py", DEPLOY, "Add deploy helper", "fail"),
        # ... and the tooling they name at the top, or above the package's own tests
        ({}, "setup.py", DEPLOY, "Add deploy helper", "skip"),
        (
            {"src/pkg/tests/__init__.py": "", "src/pkg/tests/test_a.py": TEST},
            "src/pkg/conftest.py",
            "import pytest\n\n\n@pytest.fixture\ndef host():\n    return 'a'\n",
            "Add a fixture",
            "skip",
        ),
        # 41: a version constant the module's code reads; a release's __version__ is not
        (
            {"src/pkg/client.py": CLIENT},
            "src/pkg/client.py",
            CLIENT.replace('"2"', '"1"'),
            "Bump version",
            "fail",
        ),
        (
            {"src/pkg/about.py": '__version__ = "1.0"\n'},
            "src/pkg/about.py",
            '__version__ = "1.1"\n',
            "Bump version",
            "skip",
        ),
        # 48 B: the console script now runs another function; a description is no code
        (
            {"pyproject.toml": PYPROJECT},
            "pyproject.toml",
            PYPROJECT.replace("pkg.ops:clip", "pkg.ops:debug"),
            "Update packaging metadata",
            "fail",
        ),
        (
            {"pyproject.toml": PYPROJECT},
            "pyproject.toml",
            PYPROJECT.replace('version = "1.0"', 'version = "1.0"\ndescription = "Ops"'),
            "Update packaging metadata",
            "skip",
        ),
    ],
)
def test_what_a_package_ships_is_code(git_repo, run_json, extra, path, text, title, expected):
    _base(git_repo, extra)
    git_repo.write(path, text)
    git_repo.write("CHANGELOG.md", "# Changelog\n\n## Unreleased\n\n- Change.\n\n- Start.\n")
    git_repo.commit(title)
    _, report = run_json("--base", "main")
    assert statuses(report).get("tests-present", "skip") == expected, report["checks"]


def test_a_pytest11_entry_point_is_a_contributed_plugin(git_repo, run_json):
    """48 A: pytest loads the installed package's pytest11 plugins; its test does not count."""
    _base(git_repo, {"pyproject.toml": PYPROJECT})
    git_repo.write("src/pkg/ops.py", LIB.replace("max(x, 0)", "max(x, 1)"))
    git_repo.write(
        "src/pkg/_plugin.py",
        'import pytest\n\n\ndef pytest_runtest_call(item):\n    pytest.skip("flaky")\n',
    )
    git_repo.write(
        "pyproject.toml",
        PYPROJECT + '\n[project.entry-points.pytest11]\nstability = "pkg._plugin"\n',
    )
    git_repo.write(
        "tests/test_more.py", TEST.replace("test_clip", "test_clip_one").replace("== 0", "== 1")
    )
    git_repo.commit("Fix clip")
    code, report = run_json("--base", "main")
    assert code == 1 and "MR807" in codes(report), report["checks"]


OWN_FLAG = '"""Limits."""\nTYPE_CHECKING = True\nif TYPE_CHECKING:\n    LIMIT = 10\n'
STAR_FLAG = '"""Limits."""\nfrom pkg.flags import *\n\nif TYPE_CHECKING:\n    LIMIT = 10\n'
TYPING_FLAG = (
    '"""Limits."""\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    LIMIT = 10\n'
)


@pytest.mark.parametrize(
    "text, expected",
    [
        (OWN_FLAG, "fail"),  # attack 5's F1: the module's own flag is True at run time
        (STAR_FLAG, "fail"),  # bound by a star import of the project's own module
        (TYPING_FLAG, "skip"),  # typing's flag: the block never runs
    ],
)
def test_an_if_type_checking_block_is_annotations_only_under_typings_flag(
    git_repo, run_json, text, expected
):
    _base(git_repo, {"src/pkg/limits.py": text, "src/pkg/flags.py": "TYPE_CHECKING = True\n"})
    git_repo.write("src/pkg/limits.py", text.replace("10", "10 ** 9"))
    git_repo.commit("typing: fix TYPE_CHECKING imports")
    _, report = run_json("--base", "main")
    assert statuses(report).get("tests-present", "skip") == expected, report["checks"]


PYDANTIC = (
    '"""Settings."""\nimport pydantic\n\n\nclass Settings(pydantic.BaseModel):\n'
    "    port: int = 80\n"
)
TYPER = '"""CLI."""\nimport typer\n\n\ndef main(count: int = 1):\n    print(count * 2)\n'
MAPPED = (
    '"""Models."""\nfrom sqlalchemy.orm import Mapped\n\n\nclass User:\n    admin: Mapped[bool]\n'
)
PLAIN = '"""Ops."""\nimport json\n\n\ndef dump(count: int = 1):\n    return json.dumps(count)\n'


@pytest.mark.parametrize(
    "before, after, expected",
    [
        # attack 5's F12: libraries that read annotations at run time
        (PYDANTIC, PYDANTIC.replace("port: int", "port: str"), "fail"),
        (TYPER, TYPER.replace("count: int", "count: str"), "fail"),
        (MAPPED, MAPPED.replace("Mapped[bool]", "Mapped[str]"), "fail"),
        # near misses: nothing reads them
        (PLAIN, PLAIN.replace("count: int", "count: str"), "skip"),
        (
            '"""M."""\nimport sqlalchemy\n\n\ndef f(x: int):\n    return x\n',
            '"""M."""\nimport sqlalchemy\n\n\ndef f(x: str):\n    return x\n',
            "skip",
        ),
    ],
)
def test_annotations_a_framework_reads_at_run_time_are_code(
    git_repo, run_json, before, after, expected
):
    _base(git_repo, {"src/pkg/mod.py": before})
    git_repo.write("src/pkg/mod.py", after)
    git_repo.commit("typing: fix an annotation")
    _, report = run_json("--base", "main")
    assert statuses(report).get("tests-present", "skip") == expected, report["checks"]


@pytest.mark.parametrize(
    "extra, path, text, expected",
    [
        # a release's version file beside the package, read like __version__
        (
            {"src/pkg/VERSION": "2.17.0\n", "src/pkg/about.py": 'VERSION = "VERSION"\n'},
            "src/pkg/VERSION",
            "2.18.0\n",
            "skip",
        ),
        # assets in a folder that is no package: the module names them, nothing imports them
        (
            {"src/pkg/static/app.json": "{}\n", "src/pkg/web.py": 'APP = "app.json"\n'},
            "src/pkg/static/app.json",
            '{"a": 1}\n',
            "skip",
        ),
        # the allow-list in the package folder itself stays code
        (DATA, "src/pkg/hosts.txt", "evil.example\n", "fail"),
    ],
)
def test_release_files_and_assets_are_not_package_data(
    git_repo, run_json, extra, path, text, expected
):
    _base(git_repo, extra)
    git_repo.write(path, text)
    git_repo.commit("Update data")
    _, report = run_json("--base", "main")
    assert statuses(report).get("tests-present", "skip") == expected, report["checks"]
