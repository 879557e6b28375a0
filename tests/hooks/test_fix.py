"""``mergeready fix`` on real repositories: what it writes, where, and what it refuses."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace

import pytest
from helpers import Repo, codes, story
from mergeready.checks.contribution import Contribution
from mergeready.checks.post.fixes import edits
from mergeready.hooks.evaluation import evaluate_cached
from mergeready.rules.loader import load_policy
from test_readers import NB4  # type: ignore[import-not-found]

TESTS = {
    "tests/test_mod.py": "from pkg.mod import clip\n\n\ndef test_clip():\n    assert clip(1)\n"
}
BASE = {
    "pkg/__init__.py": '"""Pkg."""\n',
    "pkg/mod.py": '"""Mod."""\n',
    "tests/test_mod.py": "def test_x():\n    assert 1\n",
    "CHANGELOG.md": (
        "# Changelog\n\n## Unreleased\n\n- Old entry.\n\n## 1.0 (2024-01-01)\n\n- First.\n"
    ),
}
CLIP = '''"""Mod."""


def clip(value: int, low: int = 0) -> int:
    {doc}
    if value < low:
        raise ValueError("low")
    return value
'''


def _contribute(repo: Repo, doc: str, base: dict[str, str] | None = None, **extra: str) -> None:
    story(repo, base or BASE, {"pkg/mod.py": CLIP.format(doc=doc), **TESTS, **extra}, "Fix clip")


GOOGLE_AFTER = '''def clip(value: int, low: int = 0) -> int:
    """Clip a value.

    Args:
        value (int): The value.
        low (int): TODO: describe

    Returns:
        int: TODO: describe

    Raises:
        ValueError: TODO: describe
    """
'''
NUMPY_AFTER = '''def clip(value: int, low: int = 0) -> int:
    """Clip a value.

    Parameters
    ----------
    value : int
        The value.
    low : int
        TODO: describe

    Returns
    -------
    int
        TODO: describe

    Raises
    ------
    ValueError
        TODO: describe
    """
'''
SPHINX_AFTER = '''def clip(value: int, low: int = 0) -> int:
    """Clip a value.

    :param value: The value.
    :param low: TODO: describe
    :type low: int
    :returns: TODO: describe
    :rtype: int
    :raises ValueError: TODO: describe
    """
'''


@pytest.mark.parametrize(
    "doc, after",
    [
        ('"""Clip a value.\n\n    Args:\n        value (int): The value.\n    """', GOOGLE_AFTER),
        (
            '"""Clip a value.\n\n    Parameters\n    ----------\n    value : int\n'
            '        The value.\n    """',
            NUMPY_AFTER,
        ),
        ('"""Clip a value.\n\n    :param value: The value.\n    """', SPHINX_AFTER),
    ],
    ids=["google", "numpy", "sphinx"],
)
def test_fix_writes_docstring_entries_in_the_projects_style(git_repo: Repo, run_cli, doc, after):
    _contribute(git_repo, doc)
    code, out, err = run_cli("fix", "--profile", "strict", "--only", "docstrings-complete")
    assert code == 1, err
    assert "+++ b/pkg/mod.py" in out
    assert after in (git_repo.path / "pkg/mod.py").read_text()
    code, out, err = run_cli("fix", "--profile", "strict", "--only", "docstrings-complete")
    assert (code, out) == (0, ""), err  # idempotent: nothing more to write
    git_repo.commit("document")
    code, report = _json(run_cli, "--profile", "strict", "--only", "docstrings-complete")
    assert codes(report) == ["MR209"]  # the stub does not pass


def test_default_profile_adds_only_parameters(git_repo: Repo, run_cli):
    _contribute(git_repo, '"""Clip a value."""')
    code, _, err = run_cli("fix", "--only", "docstrings-complete")
    assert code == 1, err
    text = (git_repo.path / "pkg/mod.py").read_text()
    assert '    """Clip a value.\n\n    Args:\n        value (int): TODO: describe\n' in text
    assert "Returns" not in text and "Raises" not in text


def _json(run_cli, *argv):
    import json

    code, out, err = run_cli("check", "--format", "json", *argv)
    assert code in (0, 1), err
    return code, json.loads(out)


def test_fix_adds_a_line_under_unreleased_in_the_files_bullet_style(git_repo: Repo, run_cli):
    base = {
        **BASE,
        "CHANGELOG.md": "Changes\n=======\n\nUnreleased\n----------\n\n* Old.\n\n"
        "1.0 (2024-01-01)\n----------------\n\n* First.\n",
    }
    _contribute(
        git_repo, '"""Clip.\n\n    Args:\n        value: V.\n        low: L.\n    """', base
    )
    code, out, err = run_cli("fix", "--title", "fix: clip the lenght")
    assert code == 1, err
    assert (git_repo.path / "CHANGELOG.md").read_text() == (
        "Changes\n=======\n\nUnreleased\n----------\n\n* Old.\n* Clip the length\n\n"
        "1.0 (2024-01-01)\n----------------\n\n* First.\n"
    )
    git_repo.commit("changelog")
    code, report = _json(run_cli, "--only", "changelog-updated")
    assert code == 0, report


def test_fix_picks_the_keep_a_changelog_subsection(git_repo: Repo, run_cli):
    log = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n- A.\n\n### Fixed\n\n- B.\n\n## 1.0\n"
    _contribute(
        git_repo,
        '"""Clip.\n\n    Args:\n        value: V.\n        low: L.\n    """',
        {**BASE, "CHANGELOG.md": log},
    )
    assert run_cli("fix", "--only", "changelog-updated")[0] == 1
    assert "### Fixed\n\n- B.\n- Fix clip\n\n## 1.0" in (git_repo.path / "CHANGELOG.md").read_text()


TOWNCRIER = (
    '[tool.towncrier]\ndirectory = "changes"\n\n[[tool.towncrier.type]]\ndirectory = "bugfix"\n'
    'name = "Bug fixes"\nshowcontent = true\n\n[[tool.towncrier.type]]\ndirectory = "feature"\n'
    'name = "Features"\nshowcontent = true\n'
)


@pytest.mark.parametrize(
    "argv, branch, path",
    [
        (["--pr", "17"], "topic", "changes/17.bugfix.rst"),
        ([], "fix-88-clip", "changes/88.bugfix.rst"),
    ],
)
def test_fix_creates_the_towncrier_fragment(git_repo: Repo, run_cli, argv, branch, path):
    base = {k: v for k, v in BASE.items() if k != "CHANGELOG.md"}
    base |= {"pyproject.toml": TOWNCRIER, "changes/5.feature.rst": "Old.\n"}
    for name, text in base.items():
        git_repo.write(name, text)
    git_repo.commit("initial")
    git_repo.branch(branch)
    git_repo.write(
        "pkg/mod.py",
        CLIP.format(doc='"""Clip.\n\n    Args:\n        value: V.\n        low: L.\n    """'),
    )
    git_repo.write("tests/test_mod.py", TESTS["tests/test_mod.py"])
    git_repo.commit("Fix clip for negative values")
    code, out, err = run_cli("fix", *argv)
    assert code == 1, err
    assert "--- /dev/null\n+++ b/" + path in out
    assert (git_repo.path / path).read_text() == "Fix clip for negative values\n"
    git_repo.commit("fragment")
    assert _json(run_cli, "--only", "changelog-updated")[0] == 0


def test_fix_without_a_number_says_how_to_give_one(git_repo: Repo, run_cli):
    git_repo.write("pyproject.toml", TOWNCRIER)
    git_repo.write("changes/5.feature.rst", "Old.\n")
    git_repo.write("pkg/mod.py", "X = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/mod.py", "X = 2\n")
    git_repo.commit("Fix X")
    code, out, err = run_cli("fix", "--only", "changelog-updated")
    assert (code, out) == (1, "")  # nothing written, and check still fails: not a success
    assert "cannot fix CHANGELOG" not in err and ": MR301 " in err and "pass --pr NUMBER" in err


def test_spelling_fixes_only_single_suggestions_on_added_lines(git_repo: Repo, run_cli):
    story(
        git_repo,
        {"README.md": "# Demo\n\nThe lenght.\n"},
        {"README.md": "# Demo\n\nThe lenght.\n\nA new lenght, and abbout it.\n"},
        "Describe the demo",
    )
    code, out, err = run_cli("fix", "--only", "spelling-clean")
    assert code == 1, err
    # line 3 is not the contribution's; "abbout" has two suggestions (about, abbot)
    assert (git_repo.path / "README.md").read_text() == (
        "# Demo\n\nThe lenght.\n\nA new length, and abbout it.\n"
    )


CI_SERVICES = [
    ("CI", "true"),
    ("GITHUB_ACTIONS", "true"),
    ("JENKINS_URL", "https://jenkins.example.org/"),  # Jenkins sets no CI
    ("TF_BUILD", "True"),  # Azure Pipelines sets no CI
    ("TEAMCITY_VERSION", "2024.03"),
    ("CODEBUILD_BUILD_ID", "project:1234"),
    ("BUILDKITE", "true"),
    ("GITLAB_CI", "true"),
    ("CIRCLECI", "true"),
    ("WERCKER_MAIN_PIPELINE_STARTED", "1688000000"),  # attack 3 F5: Wercker, each variable alone
    ("WOODPECKER", "true"),
    ("CI_PIPELINE_ID", "42"),
    ("FORGEJO_ACTIONS", "true"),
    ("SD_BUILD", "7"),
    ("GO_PIPELINE_NAME", "release"),
    ("ARGO_TEMPLATE", '{"name": "check"}'),  # attack 5 F11: Argo Workflows pods
    ("CATALYST_WORKFLOW_NAME", "Workflow_abc"),  # attack 5 F11: AWS CodeCatalyst
]


@pytest.mark.parametrize("var, value", CI_SERVICES)
def test_fix_refuses_to_write_in_ci(git_repo: Repo, run_cli, monkeypatch, var, value):
    story(git_repo, {"README.md": "# Demo\n"}, {"README.md": "# Demo\n\nThe lenght.\n"})
    monkeypatch.setenv(var, value)
    code, out, err = run_cli("fix", "--only", "spelling-clean")
    assert code == 2
    assert "does not run in CI" in err and "--force" in err
    assert "lenght" in (git_repo.path / "README.md").read_text()
    code, out, err = run_cli("fix", "--only", "spelling-clean", "--diff")
    assert code == 1 and "+The length." in out  # shown, not written
    assert "lenght" in (git_repo.path / "README.md").read_text()
    if var == "CI":
        assert run_cli("fix", "--only", "spelling-clean", "--force")[0] == 1
        assert "length" in (git_repo.path / "README.md").read_text()


def test_fix_leaves_files_with_uncommitted_changes_alone(git_repo: Repo, run_cli):
    story(git_repo, {"README.md": "# Demo\n"}, {"README.md": "# Demo\n\nThe lenght.\n"})
    git_repo.write("README.md", "# Demo\n\nThe lenght, edited.\n")
    code, out, err = run_cli("fix", "--only", "spelling-clean")
    assert (code, out) == (0, "")
    assert "not the version checked" in err
    assert (git_repo.path / "README.md").read_text() == "# Demo\n\nThe lenght, edited.\n"


def test_bad_pr_number_is_one_line_and_exit_2(git_repo: Repo, run_cli):
    story(git_repo, {"README.md": "# Demo\n"}, {"README.md": "# Demo\n\nText.\n"})
    code, _, err = run_cli("fix", "--pr", "abc")
    assert code == 2 and err.count("\n") == 1 and "--pr" in err


def test_docstrings_of_a_crlf_file_are_left_alone_and_said_so(git_repo: Repo, run_cli):
    story(
        git_repo,
        {"pkg/__init__.py": '"""Pkg."""\n'},
        {"pkg/mod.py": '"""Mod."""\r\n\r\n\r\ndef clip(value):\r\n    """Clip."""\r\n'},
    )
    code, out, err = run_cli("fix", "--only", "docstrings-complete")
    assert (code, out) == (1, "")  # nothing written, and check still fails on it
    assert "docstrings in pkg/mod.py not written" in err


def test_the_entry_cites_the_pull_request_as_the_changelog_does(git_repo: Repo, run_cli):
    log = "# Changes\n\n## Unreleased\n\n* Faster X (#3)\n\n## 1.0 (2024-01-01)\n"
    story(git_repo, {"CHANGELOG.md": log, "pkg/mod.py": "X = 1\n"}, {"pkg/mod.py": "X = 2\n"})
    code, out, err = run_cli("fix", "--only", "changelog-updated", "--title", "Fix X", "--pr", "12")
    assert code == 1, err
    assert (
        "* Faster X (#3)\n* Fix X (#12)\n\n## 1.0" in (git_repo.path / "CHANGELOG.md").read_text()
    )


def test_a_docstring_on_the_def_line_is_left_alone(git_repo: Repo, run_cli):
    story(
        git_repo,
        {"pkg/__init__.py": '"""Pkg."""\n'},
        {"pkg/mod.py": 'def clip(value): """Clip."""\n'},
    )
    code, out, err = run_cli("fix", "--only", "docstrings-complete")
    assert (code, out) == (1, ""), err  # left alone, and said: check still fails on it
    assert (
        "cannot fix pkg/mod.py:1:1: MR202 `clip` does not document `value` — the docstring" in err
    )


@pytest.mark.parametrize(
    "present, written",
    [
        ({}, "301.feature.md"),  # a first fragment: Markdown, named by the project's type
        # .gitkeep keeps the folder in git; README.md and the template are not fragments
        ({".gitkeep": "", "README.md": "# Fragments\n", "template.rst": "x\n"}, "301.feature.md"),
        (
            {".gitkeep": "", "12.bugfix.rst": "Fixed.\n", "13.bugfix.rst": "Fixed.\n"},
            "301.feature.rst",
        ),
        ({"12.bugfix": "Fixed.\n"}, "301.feature"),
    ],
)
def test_the_fragment_takes_the_extension_the_fragments_use(
    git_repo: Repo, run_cli, present, written
):
    story(
        git_repo,
        {
            "pyproject.toml": TOWNCRIER.replace('"changes"', '"changelog.d"'),
            "pkg/mod.py": "X = 1\n",
            **{f"changelog.d/{name}": text for name, text in present.items()},
        },
        {"pkg/mod.py": "X = 2\n"},
        "Add a bigger X",
    )
    code, _, err = run_cli("fix", "--only", "changelog-updated", "--pr", "#301")
    assert code == 1, err
    assert (git_repo.path / "changelog.d" / written).read_text() == "Add a bigger X\n"


KERAS_LAYER = '''from keras.src.api_export import keras_export


@keras_export("keras.layers.Clip")
class Clip:
    """Clips values.

    Args:
        low: The lowest value.
{call}    """

    def __init__(self, low, high, **kwargs):
        self.low = low

    def call(self, inputs, training=None):
        return inputs

    def clip_value(self, value):
{method}        return value
'''


DOCUMENTED = '''        """Clip.

        Args:
            value: The value.

        Returns:
            The value.
        """
'''


@pytest.mark.parametrize(
    "call, written",
    [
        (  # the class has a Call arguments: section: the entry joins it
            "\n    Call arguments:\n        inputs: The input tensor.\n",
            "    Args:\n        low: The lowest value.\n        high: TODO: describe\n\n"
            "    Call arguments:\n        inputs: The input tensor.\n"
            '        training: TODO: describe\n    """\n',
        ),
        (  # none yet: the section is added after Args:
            "",
            "    Args:\n        low: The lowest value.\n        high: TODO: describe\n\n"
            "    Call arguments:\n        inputs: TODO: describe\n"
            '        training: TODO: describe\n    """\n',
        ),
    ],
)
def test_fix_writes_a_keras_layers_entries_in_the_class_docstring(
    git_repo: Repo, run_cli, call, written
):
    story(
        git_repo,
        {"keras/src/api_export.py": "def keras_export(path):\n    return lambda x: x\n"},
        {"keras/src/layers/clip.py": KERAS_LAYER.format(call=call, method="")},
        message="Add Clip",
    )
    code, report, _ = run_cli("check", "--profile", "keras", "--only", "docstrings-complete")
    assert code == 1
    assert ': …" under Call arguments: in the class docstring' in report  # call()'s
    assert '→ add "high: …" under Args: in the class docstring' in report
    code, out, err = run_cli("fix", "--profile", "keras", "--only", "docstrings-complete")
    assert code == 1, err
    assert written in (git_repo.path / "keras/src/layers/clip.py").read_text()
    # what fix cannot write is said, with why; check would still fail on it
    assert re.search(
        r"cannot fix keras/src/layers/clip\.py:\d+:5: MR201 public method `Clip\.clip_v", err
    )
    assert "fix writes entries into a docstring, not the docstring itself" in err
    assert "check still fails on 1 finding fix cannot answer" in err
    git_repo.write(
        "keras/src/layers/clip.py",
        (git_repo.path / "keras/src/layers/clip.py")
        .read_text()
        .replace("TODO: describe", "The value.")
        .replace("(self, value):\n", f"(self, value):\n{DOCUMENTED}"),
    )
    git_repo.commit("Describe")
    code, _, err = run_cli("fix", "--profile", "keras", "--only", "docstrings-complete")
    assert code == 0, err


@pytest.mark.parametrize(
    "doc, written",
    [
        (
            "Clip.\n\n    Parameters\n    ----------\n    low : float\n        The lowest.\n    ",
            '    low : float\n        The lowest.\n    high\n        TODO: describe\n    """',
        ),
        (
            "Clip.\n\n    :param low: The lowest.\n    ",
            '    :param low: The lowest.\n    :param high: TODO: describe\n    """',
        ),
        (
            "Clip.\n\n    Args:\n        low: The lowest.\n    ",
            '        low: The lowest.\n        high: TODO: describe\n    """',
        ),
    ],
)
def test_fix_writes_init_entries_in_the_class_docstrings_own_section(
    git_repo: Repo, run_cli, doc, written
):
    story(
        git_repo,
        {"pkg/__init__.py": '"""Pkg."""\n'},
        {
            "pkg/clip.py": f'"""Clip."""\n\n\nclass Clip:\n    """{doc}"""\n\n'
            "    def __init__(self, low, high):\n        self.low = low\n"
        },
    )
    code, _, err = run_cli("fix", "--only", "docstrings-complete")
    assert code == 1, err
    assert written in (git_repo.path / "pkg/clip.py").read_text()
    assert "cannot fix" not in err


def _code_of(text: str) -> str:
    """A module's tree with every docstring emptied: what the code does."""
    import ast

    tree = ast.parse(text)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                value.value = ""
    return ast.dump(tree)


@pytest.mark.parametrize(
    "signature",
    [
        'def clip(value: int, low: \'""";import os;"""\' = 0) -> int:',  # ends the docstring
        "def clip(value: int, low: \"''';import os;'''\" = 0) -> int:",
        'def clip(value: int, low: int = 0) -> \'""";import os;"""\':',  # the return type
        "def clip(value: int, low: '.. include:: /etc/passwd' = 0) -> int:",  # a directive
        "def clip(value: int, low: 'a\\\\' = 0) -> int:",  # a backslash before the quotes
    ],
)
def test_copied_annotations_never_end_the_docstring_or_start_a_directive(
    git_repo: Repo, run_cli, signature
):
    module = CLIP.format(doc='"""Clip.\n\n    Args:\n        value: V.\n    """').replace(
        "def clip(value: int, low: int = 0) -> int:", signature
    )
    story(git_repo, BASE, {"pkg/mod.py": module, **TESTS}, "Fix clip")
    code, out, err = run_cli("fix", "--only", "docstrings-complete", "--profile", "strict")
    written = (git_repo.path / "pkg" / "mod.py").read_text()
    assert _code_of(written) == _code_of(module), written  # parses, and the code is the same
    import ast

    function = ast.parse(written).body[1]
    assert isinstance(function, ast.FunctionDef)
    doc = ast.get_docstring(function) or ""
    assert "import os" not in doc, doc
    assert not [line for line in doc.splitlines() if line.lstrip().startswith("..")], doc
    assert "low" in doc, doc  # the entry is written, without the copied text
    assert code == 1, err


def test_spelling_fixes_never_rename_code(git_repo: Repo, run_cli):
    module = (
        '"""Mod."""\n\n\n'
        "def recieve(data):  # teh comment\n"
        '    """Recieve the data."""\n'
        '    return {"recieve": data}\n'
    )
    story(git_repo, BASE, {"pkg/mod.py": module}, "Add recieve")
    code, out, err = run_cli("fix", "--only", "spelling-clean")
    written = (git_repo.path / "pkg" / "mod.py").read_text()
    assert _code_of(written) == _code_of(module), written
    assert "def recieve(data):  # the comment" in written  # the comment, never the name
    assert '"""Receive the data."""' in written and '{"recieve": data}' in written
    assert code == 1, err


def test_spelling_fixes_never_touch_doctests(git_repo: Repo, run_cli):
    module = (
        '"""Mod."""\n\n\n'
        "def greet(name):\n"
        '    """Greet teh user.\n\n'
        "    >>> greet(recieve=1) if False else greet('x')['adress']\n"
        "    ... # teh continuation\n"
        "    'teh adress'\n\n"
        '    Teh prose after the example.\n    """\n'
        '    return {"adress": name}\n'
    )
    story(git_repo, BASE, {"pkg/mod.py": module}, "Add greet")
    code, out, err = run_cli("fix", "--only", "spelling-clean")
    written = (git_repo.path / "pkg" / "mod.py").read_text()
    assert "greet(recieve=1) if False else greet('x')['adress']" in written, written
    assert "... # teh continuation" in written and "'teh adress'" in written  # output too
    assert "Greet the user." in written, written  # near miss: the prose is still fixed
    assert "The prose after the example." in written, written
    assert code == 1, err


@pytest.mark.parametrize(
    "title, fragment",
    [
        (".. include:: /etc/passwd", "/etc/passwd\n"),  # a reST directive
        ("# Release 9.9\n\n.. raw:: html", "Release 9.9 .. raw\\:\\: html\n"),  # a heading, a break
        ("Fix\x1b[31m clip\r\n===", "Fix [31m clip ===\n"),  # control characters, an underline
        ("fix: - - > quoted", "Quoted\n"),  # a list and a quote after the prefix
        ("Fix `clip <x>", "Fix \\`clip <x>\n"),  # reST: an unpaired backtick escaped
        ("Fix clip & <b>", "Fix clip & <b>\n"),  # near miss: reST text as it is
        (  # attack 5's F8: a role, links and references, each escaped (no file is copied)
            "Fix :download:`/etc/passwd` `y <javascript:x>`_ a_ |s|",
            "Fix \\:download\\:\\`/etc/passwd\\` \\`y <javascript\\:x>\\`\\_ a\\_ \\|s\\|\n",
        ),
        ("Fix \\`clip`", "Fix \\\\\\`clip\\`\n"),  # a copied backslash escapes nothing
    ],
)
def test_copied_titles_are_one_inert_line_in_a_fragment(git_repo: Repo, run_cli, title, fragment):
    base = {k: v for k, v in BASE.items() if k != "CHANGELOG.md"}
    story(
        git_repo,
        {**base, "pyproject.toml": TOWNCRIER, "changes/5.feature.rst": "Old.\n"},
        {
            "pkg/mod.py": CLIP.format(
                doc='"""Clip.\n\n    Args:\n        value: V.\n        low: L.\n    """'
            ),
            **TESTS,
        },
        "Fix clip",
    )
    code, out, err = run_cli("fix", "--pr", "17", "--title", title, "--only", "changelog-updated")
    assert code == 1, err
    assert (git_repo.path / "changes" / "17.bugfix.rst").read_text() == fragment


def test_copied_subjects_never_add_a_heading_to_the_changelog(git_repo: Repo, run_cli):
    _contribute(git_repo, '"""Clip.\n\n    Args:\n        value: V.\n        low: L.\n    """')
    code, out, err = run_cli("fix", "--title", "## 2.0\n\nFix clip", "--only", "changelog-updated")
    assert code == 1, err
    log = (git_repo.path / "CHANGELOG.md").read_text()
    assert "## Unreleased\n\n- Old entry.\n- 2.0 Fix clip\n\n## 1.0" in log, log


@pytest.mark.parametrize(
    "title, entry",
    [
        (
            "Fix clip <script>alert(1)</script> <!-- hide the rest",
            "Fix clip &lt;script>alert(1)&lt;/script> &lt;!-- hide the rest",
        ),
        ("[x]: https://evil.example", "\\[x]: https://evil.example"),  # no link definition
        ("Fix `clip for A & B", "Fix \\`clip for A &amp; B"),  # an unpaired code span
        ("Fix `clip` for values", "Fix `clip` for values"),  # near miss: a paired span kept
        ("Fix {download}`/etc/passwd`", "Fix \\{download}`/etc/passwd`"),  # attack 5: no MyST role
        ("Fix \\[x](javascript:y)", "Fix \\\\\\[x](javascript:y)"),  # a backslash escapes nothing
    ],
)
def test_copied_titles_open_no_inline_markdown_in_the_changelog(
    git_repo: Repo, run_cli, title, entry
):
    _contribute(git_repo, '"""Clip.\n\n    Args:\n        value: V.\n        low: L.\n    """')
    code, out, err = run_cli("fix", "--title", title, "--only", "changelog-updated")
    assert code == 1, err
    log = (git_repo.path / "CHANGELOG.md").read_text()
    assert f"## Unreleased\n\n- Old entry.\n- {entry}\n\n## 1.0" in log, log


NOTEBOOK = copy.deepcopy(NB4)
NOTEBOOK["cells"][0]["source"] = ["recieve = 1\n", "print(recieve)\n"]
MARKDOWN_CELL = copy.deepcopy(NB4)  # attack 3 F6's sibling: code in a markdown cell
MARKDOWN_CELL["cells"][0]["source"] = ["x = 1\n"]
MARKDOWN_CELL["cells"][1]["source"] = ["Teh prose, `recieve()`.\n", "\n", "    recieve = 1\n"]


@pytest.mark.parametrize(
    "path, text, kept, fixed",
    [
        (
            "examples/demo.ipynb",
            json.dumps(NOTEBOOK, indent=1) + "\n",
            '"recieve = 1\\n"',
            '"The prose.\\n"',
        ),
        (
            "docs/page.md",
            "# Page\n\nTeh prose.\n\n```python\nrecieve = 1\n```\n",
            "recieve = 1",
            "The prose.",
        ),
        # attack 3 F6: every kind of code in a page, each beside prose that is fixed
        (
            "examples/cells.ipynb",
            json.dumps(MARKDOWN_CELL, indent=1) + "\n",
            '"The prose, `recieve()`.\\n",\n    "\\n",\n    "    recieve = 1\\n"',
            "",
        ),
        (
            "docs/a.md",
            "# A\n\nTeh prose.\n\n    recieve = 1\n",
            "\n    recieve = 1\n",
            "The prose.",
        ),
        ("docs/b.md", "# B\n    recieve = 1\n\nTeh prose.\n", "\n    recieve = 1\n", "The prose."),
        (
            "docs/c.md",
            "Teh prose.\n\n<pre>\nrecieve = 1\n</pre>\n",
            "\nrecieve = 1\n",
            "The prose.",
        ),
        (
            "docs/d.md",
            "Teh `recieve()` or <code>recieve</code>.\n",
            "`recieve()` or <code>recieve",
            "The ",
        ),
        ("docs/e.md", "Teh [link](recieve.md).\n", "(recieve.md)", "The [link]"),
        (  # near miss: a list item's indented paragraph is prose; 4 columns past it, code
            "docs/f.md",
            "- Item.\n\n    Teh continuation.\n\n          recieve = 1\n",
            "          recieve = 1",
            "    The continuation.",
        ),
        (  # near miss: an indented line that continues a paragraph is prose
            "docs/g.md",
            "Teh prose\n    teh continued.\n",
            "",
            "The prose\n    the continued.",
        ),
        (
            "docs/a.rst",
            "A\n=\n\nTeh example::\n\n    recieve = 1\n",
            "    recieve = 1",
            "The example::",
        ),
        (
            "docs/b.rst",
            "Teh prose.\n\n.. code-block:: bash\n\n   recieve --now\n",
            "   recieve --now",
            "The",
        ),
        (
            "docs/c.rst",
            "Teh prose.\n\n.. code:: text\n\n   recieve\n",
            "\n   recieve\n",
            "The prose.",
        ),
        (
            "docs/d.rst",
            "Teh prose.\n\n.. sourcecode::\n\n   recieve\n",
            "\n   recieve\n",
            "The prose.",
        ),
        (
            "docs/e.rst",
            "Teh prose.\n\n.. literalinclude:: recieve.py\n",
            ":: recieve.py",
            "The prose.",
        ),
        ("docs/f.rst", "Teh prose.\n\n>>> recieve = 1\n", ">>> recieve = 1", "The prose."),
        (
            "docs/g.rst",
            "Teh :func:`recieve` or ``recieve``.\n",
            "`recieve` or ``recieve``",
            "The :func:",
        ),
        ("docs/h.rst", ".. note::\n\n   Teh note.\n", "", "   The note."),  # near miss: prose
        (
            "docs/notes.txt",
            "Teh example::\n\n    recieve = 1\n",
            "    recieve = 1",
            "The example::",
        ),
        ("docs/h.md", "Teh https://example.org/recieve page.\n", "org/recieve page", "The "),
        ("docs/i.rst", "Teh https://example.org/recieve page.\n", "org/recieve page", "The "),
        ("docs/j.md", "Teh <script>recieve()</script>.\n", "<script>recieve()", "The "),
    ],
)
def test_spelling_fixes_never_touch_code_in_notebooks_or_pages(
    git_repo: Repo, run_cli, path, text, kept, fixed
):
    story(git_repo, {"README.md": "# Demo\n"}, {path: text}, "Add a demo")
    code, out, err = run_cli("fix", "--only", "spelling-clean")
    written = (git_repo.path / path).read_text()
    assert kept in written and fixed in written, written
    assert code == 1, err


@pytest.mark.parametrize(
    "path, text",
    [
        ("deploy/app.yaml", "recieve: true  # teh key\n"),
        ("scripts/run.sh", "recieve() { echo teh; }\n"),
        ("data/keys.json", '{"recieve": 1}\n'),
        ("bin/tool", "#!/usr/bin/env python3\nrecieve = 1  # teh\nprint(recieve)\n"),  # F6
        ("Makefile", "recieve:\n\techo teh\n"),
        ("requirements.txt", "recieve==1.0  # teh\n"),
        ("docs/run.txt", "#!/bin/sh\nrecieve --now  # teh\n"),
    ],
)
def test_spelling_fixes_never_edit_files_whose_code_cannot_be_told(
    git_repo: Repo, run_cli, path, text
):
    story(git_repo, {"README.md": "# Demo\n"}, {path: text}, "docs: add a file")
    assert _json(run_cli, "--only", "spelling-clean")[0] == 1  # misspellings are found …
    code, out, err = run_cli("fix", "--only", "spelling-clean")
    assert (git_repo.path / path).read_text() == text  # … and never "fixed" in code
    assert code == 1 and "cannot fix" in err, err  # what is left unfixed is said


def test_fix_writes_new_entries_above_kwargs_which_stays_last(git_repo: Repo, run_cli):
    """Issue #25's trial (L3): Keras keeps `**kwargs` last in `Args:`."""
    before = (
        '"""Mod."""\n\n\ndef clip(value, low=0, **kwargs):\n    """Clip a value.\n\n'
        '    Args:\n        value: The value.\n        **kwargs: Passed on.\n    """\n'
        "    return value\n"
    )
    story(git_repo, BASE, {"pkg/mod.py": before, **TESTS}, "Fix clip")
    code, _, err = run_cli("fix", "--only", "docstrings-complete")
    assert code == 1, err
    assert (
        "    Args:\n        value: The value.\n        low: TODO: describe\n"
        "        **kwargs: Passed on.\n"
    ) in (git_repo.path / "pkg/mod.py").read_text()


@pytest.mark.parametrize("line", [2, 99], ids=["last-line", "past-the-end"])
def test_a_misspelling_on_a_line_the_file_lacks_is_left_unfixed(git_repo: Repo, line):
    """fix answers a misspelling only on a line the file has; one past its end stays
    unanswered (and breaks nothing), the same finding on its own line is fixed."""
    story(git_repo, {"README.md": "# Demo\n"}, {"README.md": "# Demo\nThe lenght of it.\n"})
    contribution = Contribution.from_git(git_repo.path, base="main")
    result = evaluate_cached(contribution, None, only=("spelling-clean",))
    (check,) = result.checks
    moved = tuple(replace(f, line=line) if f.code == "MR401" else f for f in check.findings)
    result = replace(result, checks=(replace(check, findings=moved),))
    policy = load_policy(contribution.config_text, where=contribution.config_source)
    fixes = edits(contribution, result, dict(policy.options))
    fixed = [e.after for e in fixes.edits]
    unfixed = [u.finding.code for u in fixes.unfixed]
    if line == 2:
        assert (fixed, unfixed) == (["# Demo\nThe length of it.\n"], [])
    else:
        assert (fixed, unfixed) == ([], ["MR401"])
