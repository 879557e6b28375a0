"""Issue 23, round 6: causes found on the development corpus's type disagreements and on
Keras's last 100 merged contributions.

Each row builds a real repository and runs the real command (``mergeready check --format
json``); none names a repository. Every table was watched failing before its rule (the rows
marked "rule" failed; the near misses passed before and after).
"""

from __future__ import annotations

import pytest
from helpers import statuses, story, types

HELPERS = (
    '"""Helpers."""\n\n\ndef deprecate_parameter(old, new, since):\n'
    '    """Rename a parameter.\n\n    Args:\n        old: Old.\n        new: New.\n'
    '        since: Since.\n\n    Returns:\n        The decorator.\n    """\n'
    "    return lambda f: f\n"
)
FILL_BASE = (
    '"""Fill."""\n\nimport warnings\n\nfrom pkg.helpers import deprecate_parameter, fmt\n\n\n'
    '@deprecate_parameter("constantfill", "constant_fill", "v0.18.0")\n'
    "def fill(grid, constant_fill=None):\n"
    '    """Fill a grid.\n\n    Args:\n        grid: The grid.\n'
    "        constant_fill: The value.\n\n"
    '    Returns:\n        The grid.\n    """\n'
    "    return fmt(grid, constant_fill)\n\n\n"
    "def old_name(grid):\n"
    '    """Fill, by the old name.\n\n    Args:\n        grid: The grid.\n\n'
    '    Returns:\n        The grid.\n    """\n'
    '    warnings.warn("old_name goes in 0.9.0", category=FutureWarning, stacklevel=2)\n'
    "    return fill(grid)\n"
)
DECORATOR = '@deprecate_parameter("constantfill", "constant_fill", "v0.18.0")\n'
IMPORT = "from pkg.helpers import deprecate_parameter, fmt\n"
WARNING = '    warnings.warn("old_name goes in 0.9.0", category=FutureWarning, stacklevel=2)\n'
TEST = "from pkg.fill import fill\n\n\ndef test_fill():\n    assert fill(1) is not None\n"


def _deprecation_story(repo, head: str) -> dict:
    story(
        repo,
        {
            "pkg/__init__.py": '"""Pkg."""\n',
            "pkg/helpers.py": HELPERS + '\n\ndef fmt(*args):\n    """Fmt.\n\n    Args:\n'
            '        *args: Args.\n\n    Returns:\n        Args.\n    """\n    return args\n',
            "pkg/fill.py": FILL_BASE,
            "tests/test_fill.py": TEST,
        },
        {"pkg/fill.py": head},
        "grdfill: drop the old spellings",
    )
    return {}


@pytest.mark.parametrize(
    "head, expected",
    [
        # rule: the decorator and its import removed as scheduled
        (FILL_BASE.replace(DECORATOR, "").replace(IMPORT, "from pkg.helpers import fmt\n"), []),
        # rule: the warning's message names a later release
        (FILL_BASE.replace("0.9.0", "0.10.0"), []),
        # rule: the warning removed, the function kept
        (FILL_BASE.replace(WARNING, ""), []),
        # near miss: the shim removed and the body changed too
        (
            FILL_BASE.replace(DECORATOR, "").replace("fmt(grid, constant_fill)", "fmt(grid)"),
            ["tests-present"],
        ),
        # near miss: a deprecation added is a change of behaviour
        (
            FILL_BASE.replace("def old_name", "@deprecate_parameter('a', 'b', 'v1')\ndef old_name"),
            ["tests-present"],
        ),
        # near miss: a UserWarning is no deprecation shim
        (
            FILL_BASE.replace(WARNING, WARNING.replace("FutureWarning", "UserWarning")).replace(
                "0.9.0", "1.0"
            ),
            ["tests-present"],
        ),
        # rule: one deprecation category for another
        (FILL_BASE.replace("FutureWarning", "DeprecationWarning"), []),
    ],
)
def test_deprecation_shims_removed_or_rescheduled_are_maintenance(
    git_repo, run_json, head, expected
):
    """A change that only removes deprecation shims (or moves the release they name) is
    maintenance and asks for no test; anything else beside it is code (pygmt's scheduled
    removals, napari's delayed deprecations). Failed before the rule: ``code``, MR101."""
    _deprecation_story(git_repo, head)
    _, report = run_json("--base", "main")
    failed = sorted(k for k, v in statuses(report).items() if v == "fail")
    assert failed == expected, (types(report), report["checks"])
    if not expected:
        assert types(report) == ["maintenance"], report["types"]


CORE = (
    '"""Core."""\n\n\ndef area(r):\n'
    '    """Area.\n\n    Args:\n        r: R.\n\n    Returns:\n        A.\n    """\n'
    "    return r * r\n"
)
CORE_TEST = "from pkg.core import area\n\n\ndef test_area():\n    assert area(2) == 4\n"


def _merged(repo, text: str, test: str, message: str) -> str:
    repo.write("pkg/core.py", text)
    repo.write("tests/test_core.py", test)
    return repo.commit(message)


@pytest.mark.parametrize(
    "steps, expected",
    [
        # rule: the last merge reverted (code and its test back as they were)
        ("revert-last", True),
        # rule: the last two merges rewound at once ("restore main to <sha>")
        ("rewind-two", True),
        # near miss: reverted, and one line beside it that no earlier revision had
        ("revert-and-change", False),
        # near miss: an older merge reverted by hand after a later change to the same file:
        # no earlier revision has these files, so the change is judged as any other
        ("revert-older", False),
    ],
)
def test_a_revert_or_rewind_restores_what_the_project_merged(git_repo, run_json, steps, expected):
    """Every changed file as an earlier merged revision had it is a revert or a rewind:
    maintenance, nothing to test again (Keras c559fa8cd5, "restoring master to 623d01d19",
    failed on tests-present and a conftest.py rewrite). Failed before the rule: ``feature`` or
    ``bugfix`` with a test asked."""
    repo = git_repo
    repo.write("pkg/__init__.py", '"""Pkg."""\n')
    first = _merged(repo, CORE, CORE_TEST, "initial")
    two = CORE.replace("r * r", "r * r * 1")
    test_two = CORE_TEST + "\n\ndef test_two():\n    assert area(1) == 1\n"
    second = _merged(repo, two, test_two, "Scale the area (#2)")
    three = two.replace("* 1", "* 1.0")
    test_three = test_two + "\n\ndef test_three():\n    assert area(3) == 9\n"
    _merged(repo, three, test_three, "Float the area (#3)")
    repo.branch("topic")
    if steps == "revert-last":
        _merged(repo, two, test_two, 'Revert "Float the area (#3)"')
    elif steps == "rewind-two":
        _merged(repo, CORE, CORE_TEST, f"Rewind, restoring main to {first[:9]}")
    elif steps == "revert-and-change":
        _merged(repo, two.replace("return", "r = abs(r)\n    return"), test_two, "Revert it")
    else:
        assert second
        _merged(repo, three.replace("* 1.0", "* 2.0"), CORE_TEST, "Undo the scale")
    _, report = run_json("--base", "main")
    code = {"bugfix", "feature", "code"} & set(types(report))
    assert (types(report) == ["maintenance"]) == expected, report["types"]
    assert bool(code) != expected, report["types"]


CHANGELOG_MD = (
    "# Changelog\n\n## [Unreleased]\n\n### Added\n\n### Fixed\n\n## [1.0.0] - 2024-01-01\n"
)
EXAMPLE = '"""Plot a thing\n=============\n\nA gallery example.\n"""\n\nprint("thing")\n'


@pytest.mark.parametrize(
    "files, title, expected",
    [
        # rule: a [DOC] title on a gallery example only is the example
        (
            {"examples/plot_thing.py": EXAMPLE.replace("thing", "things")},
            "[DOC] Update it",
            ["example"],
        ),
        # rule: the same with an entry under Fixed: the entry names no code change
        (
            {
                "examples/plot_thing.py": EXAMPLE.replace("thing", "things"),
                "CHANGELOG.md": CHANGELOG_MD.replace("### Fixed\n", "### Fixed\n\n- Plot.\n"),
            },
            "[DOC] Update it",
            ["example"],
        ),
        # rule: an entry under Added beside docstrings only adds no feature
        (
            {
                "pkg/core.py": '"""Core."""\n\n\ndef f():\n    """F, with an example."""\n',
                "CHANGELOG.md": CHANGELOG_MD.replace("### Added\n", "### Added\n\n- F.\n"),
            },
            "[DOC] Show f",
            ["docs"],
        ),
        # near miss: a page beside the example keeps the docs type
        (
            {"examples/plot_thing.py": EXAMPLE.replace("thing", "things"), "doc/x.rst": "X\n=\n"},
            "[DOC] Update it",
            ["docs", "example"],
        ),
        # near miss: the same entry under Fixed beside a code change is a bug fix
        (
            {
                "pkg/core.py": '"""Core."""\n\n\ndef f():\n    """F."""\n    return 1\n',
                "CHANGELOG.md": CHANGELOG_MD.replace("### Fixed\n", "### Fixed\n\n- F.\n"),
            },
            "Update f",
            ["bugfix"],
        ),
        # near miss: a docs word with code changed beside the example keeps code and docs
        (
            {
                "examples/plot_thing.py": EXAMPLE.replace("thing", "things"),
                "pkg/core.py": '"""Core."""\n\n\ndef f():\n    """F."""\n    return 1\n',
            },
            "[DOC] Update it",
            ["code", "docs", "example"],
        ),
    ],
)
def test_a_docs_word_or_a_changelog_section_on_a_change_without_code(
    git_repo, run_json, files, title, expected
):
    """A docs tag on a gallery example is the example; a changelog section's code type needs
    a code change to describe (nilearn's "[DOC] Update plot_templateflow", and "[DOC] add
    example to …" with an Enhancements entry). Failed before the rules: ``docs`` beside the
    example, ``bugfix``/``feature`` from the section."""
    story(
        git_repo,
        {
            "pkg/__init__.py": '"""Pkg."""\n',
            "pkg/core.py": '"""Core."""\n\n\ndef f():\n    """F."""\n',
            "examples/plot_thing.py": EXAMPLE,
            "CHANGELOG.md": CHANGELOG_MD,
        },
        files,
        title,
    )
    _, report = run_json("--base", "main", "--title", title)
    assert sorted(types(report)) == sorted(expected), report["types"]
