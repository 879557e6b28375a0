"""docs-valid: links, anchors, reST markup, code blocks and structure on added docs lines."""

from __future__ import annotations

import pytest
from helpers import codes, run_check, statuses, story
from mergeready.checks.docs.docs_valid import Options
from mergeready.checks.text.anchors import github_slug
from mergeready.checks.text.markup import scan_markdown
from mergeready.checks.text.rst import scan_rst
from mergeready.checks.text.snippets import problem

GUIDE = """# Guide

Old text with a [broken old link](missing.md) and [an old anchor](#nowhere).

## Install

Run it.
"""
BASE = {"docs/guide.md": GUIDE, "docs/other.md": "# Other\n\n## Usage notes\n", "docs/img.png": "x"}

CASES = [
    (
        "python block that does not parse",
        BASE,
        {"docs/guide.md": GUIDE + "\n```python\nimport os\nprint(os.sep\n```\n"},
        "fail",
        ["MR605"],
    ),
    (
        "python block that parses",
        BASE,
        {"docs/guide.md": GUIDE + "\n```python\nimport os\nprint(os.sep)\n```\n"},
        "pass",
        [],
    ),
    (
        "link to a file the contribution deletes",
        BASE,
        {"docs/guide.md": GUIDE + "\nSee [other](other.md).\n", "docs/other.md": None},
        "fail",
        ["MR602"],
    ),
    (
        "anchor to a heading that does not exist",
        BASE,
        {"docs/guide.md": GUIDE + "\nSee [usage](other.md#usage).\n"},
        "fail",
        ["MR603"],
    ),
    (
        "anchor to a heading that exists, GitHub slug",
        BASE,
        {"docs/guide.md": GUIDE + "\nSee [usage](other.md#usage-notes) and [here](#install).\n"},
        "pass",
        [],
    ),
    (
        "image that exists and one that does not",
        BASE,
        {"docs/guide.md": GUIDE + "\n![ok](img.png) ![bad](images/none.png)\n"},
        "fail",
        ["MR602"],
    ),
    (
        "old broken link and old bad anchor are not reported",
        BASE,
        {"docs/guide.md": GUIDE + "\nA new line.\n"},
        "pass",
        [],
    ),
    (
        "http link is a warning",
        BASE,
        {"docs/guide.md": GUIDE + "\nSee [site](http://python.org/docs).\n"},
        "pass",
        ["MR604"],
    ),
    (
        "external https links are never fetched",
        BASE,
        {"docs/guide.md": GUIDE + "\nSee [site](https://no-such-host.invalid/x).\n"},
        "pass",
        [],
    ),
    (
        "heading that skips a level",
        BASE,
        {"docs/guide.md": GUIDE + "\n#### Deep\n"},
        "pass",
        ["MR606"],
    ),
    (
        "unclosed code fence",
        BASE,
        {"docs/guide.md": GUIDE + "\n```python\nx = 1\n"},
        "fail",
        ["MR608"],
    ),
    (
        "deleting a closing fence leaves the rest of the page as code",
        {**BASE, "docs/guide.md": GUIDE + "\n```python\nx = 1\n```\n\nAfter.\n"},
        {"docs/guide.md": GUIDE + "\n```python\nx = 1\n\nAfter.\n"},
        "fail",
        ["MR608"],
    ),
    (
        "a fence already open at the base is not the contribution's",
        {**BASE, "docs/guide.md": GUIDE + "\n```python\nx = 1\n"},
        {"docs/guide.md": "# Guide, renamed\n" + GUIDE.split("\n", 1)[1] + "\n```python\nx = 1\n"},
        "pass",
        [],
    ),
    (
        "a heading added below one with the same anchor",
        BASE,
        {"docs/guide.md": GUIDE + "\n## Install\n\nAgain.\n"},
        "pass",
        ["MR607"],
    ),
    (
        "an anchor added above one the page already has",
        {**BASE, "docs/guide.md": GUIDE + '\n<a id="top"></a>\n'},
        {"docs/guide.md": '<a id="top"></a>\n\n' + GUIDE + '\n<a id="top"></a>\n'},
        "fail",
        ["MR607"],
    ),
    (
        "duplicated explicit anchor",
        BASE,
        {"docs/guide.md": GUIDE + '\n<a id="top"></a>\n\n<a id="top"></a>\n'},
        "fail",
        ["MR607"],
    ),
    (
        "console session parsed statement by statement",
        BASE,
        {"docs/guide.md": GUIDE + "\n```pycon\n>>> x = [1,\n... 2]\n>>> x\n[1, 2]\n>>> x +\n```\n"},
        "fail",
        ["MR605"],
    ),
    (
        "placeholders are tolerated",
        BASE,
        {
            "docs/guide.md": GUIDE
            + "\n```python\nmodel.fit(x, epochs=3, ...)\nload(<your path>)\n```\n"
        },
        "pass",
        [],
    ),
    (
        "a renamed heading that unchanged links point to, on other pages and on its own",
        {
            **BASE,
            "docs/index.md": "# Index\n\nRead [how to install](guide.md#install).\n",
            "docs/guide.md": GUIDE + "\nBack to [install](#install).\n",
        },
        {
            "docs/guide.md": (GUIDE + "\nBack to [install](#install).\n").replace(
                "## Install", "## Setup"
            )
        },
        "fail",
        ["MR611", "MR611"],
    ),
    (
        "a renamed heading whose links the contribution updates",
        {**BASE, "docs/index.md": "# Index\n\nRead [how to install](guide.md#install).\n"},
        {
            "docs/guide.md": GUIDE.replace("## Install", "## Setup"),
            "docs/index.md": "# Index\n\nRead [how to set up](guide.md#setup).\n",
        },
        "pass",
        [],
    ),
    (
        "a renamed heading nothing links to",
        BASE,
        {"docs/guide.md": GUIDE.replace("## Install", "## Setup")},
        "pass",
        [],
    ),
    # attack 4's 20: MyST's include-like fences read a file outside the repository
    (
        "MyST include that climbs above the repository",
        BASE,
        {"docs/guide.md": GUIDE + "\n```{include} ../../../../etc/passwd\n```\n"},
        "fail",
        ["MR615"],
    ),
    (
        "MyST literalinclude of a file that does not exist",
        BASE,
        {"docs/guide.md": GUIDE + "\n```{literalinclude} /etc/hostname\n```\n"},
        "fail",
        ["MR602"],
    ),
    (
        "MyST include of a page of the repository",
        BASE,
        {"docs/guide.md": GUIDE + "\n```{include} other.md\n```\n"},
        "pass",
        [],
    ),
    (
        "a deleted page that an unchanged page links to",
        {**BASE, "docs/index.md": "# Index\n\nRead [the guide](guide.md).\n"},
        {"docs/guide.md": None},
        "fail",
        ["MR611"],
    ),
]


@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_check_function(git_repo, name, base, head, status, expected):
    story(git_repo, base, head, message="docs: update the guide")
    result = run_check(git_repo, "docs-valid", contribution_types=("docs",))
    assert result.status == status, result
    assert [f.code for f in result.findings] == expected, result.findings
    assert all(f.hint for f in result.findings)


@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_through_the_command(git_repo, run_json, name, base, head, status, expected):
    story(git_repo, base, head, message="docs: update the guide")
    code, report = run_json("--only", "docs-valid")
    assert statuses(report) == {"docs-valid": status}
    assert codes(report) == expected
    assert code == (1 if status == "fail" else 0)


def test_finding_names_the_line_of_the_syntax_error(git_repo):
    story(git_repo, BASE, {"docs/guide.md": GUIDE + "\n```python\nimport os\nprint(os.sep\n```\n"})
    (finding,) = run_check(git_repo, "docs-valid").findings
    assert (finding.path, finding.line) == ("docs/guide.md", 11)
    assert "does not parse" in finding.message


def test_renamed_target_names_the_new_path(git_repo):
    story(
        git_repo,
        BASE,
        {
            "docs/guide.md": GUIDE + "\nSee [other](other.md).\n",
            "docs/other.md": None,
            "docs/usage.md": "# Other\n\n## Usage notes\n",
        },
    )
    (finding,) = run_check(git_repo, "docs-valid").findings
    assert "renames it to docs/usage.md" in finding.message
    assert finding.hint == "point the link at docs/usage.md"


RST_BASE = {
    "docs/conf.py": "project = 'x'\n",
    "docs/index.rst": "Index\n=====\n\nOld :func:`broken markup.\n\n.. toctree::\n\n   usage\n",
    "docs/usage.rst": ".. _usage:\n\nUsage\n=====\n\nText.\n",
    "docs/_static/logo.png": "x",
}
RST_CASES = [
    (
        "broken role on an added line",
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\nCall :func:`run to start.\n"},
        "fail",
        ["MR601"],
    ),
    (
        "old broken role is not reported",
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\nFine text.\n"},
        "pass",
        [],
    ),
    (
        "doc reference that resolves",
        {
            "docs/usage.rst": RST_BASE["docs/usage.rst"]
            + "\nSee :doc:`index` and :doc:`the index </index>`.\n"
        },
        "pass",
        [],
    ),
    (
        "doc reference that does not",
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\nSee :doc:`install`.\n"},
        "fail",
        ["MR602"],
    ),
    (
        "image and include paths",
        {
            "docs/usage.rst": RST_BASE["docs/usage.rst"]
            + "\n.. image:: /_static/logo.png\n\n.. include:: ../README.rst\n"
        },
        "fail",
        ["MR602"],
    ),
    (
        "code-block that does not parse",
        {
            "docs/usage.rst": RST_BASE["docs/usage.rst"]
            + "\n.. code-block:: python\n   :caption: demo\n\n   def f(:\n       pass\n"
        },
        "fail",
        ["MR605"],
    ),
    (
        "doctest block that parses",
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\n>>> 1 + 1\n2\n"},
        "pass",
        [],
    ),
    (
        "title level skipped",
        {
            "docs/usage.rst": RST_BASE["docs/usage.rst"]
            + "\nPart\n----\n\nDeep\n~~~~\n\nBack\n====\n\nDeeper\n~~~~~~\n"
        },
        "fail",
        ["MR606"],
    ),
    # attack 4's 20: what the docs build reads from outside the repository
    (
        "include that climbs above the repository",
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\n.. include:: ../../../etc/passwd\n"},
        "fail",
        ["MR615"],
    ),
    (
        "raw :file: with an absolute path",
        {
            "docs/usage.rst": RST_BASE["docs/usage.rst"]
            + "\n.. raw:: html\n   :file: /etc/hostname\n"
        },
        "fail",
        ["MR615"],
    ),
    (
        "csv-table :file: that climbs above the repository",
        {
            "docs/usage.rst": RST_BASE["docs/usage.rst"]
            + "\n.. csv-table:: Hosts\n   :header: a\n   :file: ../../../etc/hosts\n"
        },
        "fail",
        ["MR615"],
    ),
    (
        "raw :file: of a file of the repository, and an include of the index",
        {
            "docs/usage.rst": RST_BASE["docs/usage.rst"]
            + "\n.. raw:: html\n   :file: _static/logo.png\n\n.. include:: index.rst\n"
        },
        "pass",
        [],
    ),
    (
        "duplicated label",
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\n.. _usage:\n\nMore\n----\n"},
        "fail",
        ["MR607"],
    ),
    (
        "short underline",
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\nA long title\n----\n"},
        "pass",
        ["MR609"],
    ),
    (
        "trailing whitespace is a warning",
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\nText.  \n"},
        "pass",
        ["MR601"],
    ),
]


@pytest.mark.parametrize("name, head, status, expected", RST_CASES, ids=[c[0] for c in RST_CASES])
def test_rst_pages(git_repo, name, head, status, expected):
    story(git_repo, RST_BASE, head, message="docs: usage")
    result = run_check(git_repo, "docs-valid", contribution_types=("docs",))
    assert result.status == status, result
    assert [f.code for f in result.findings] == expected, result.findings


def test_rst_lint_checkers_can_be_chosen_and_unknown_names_are_an_error(git_repo, run_cli):
    story(
        git_repo,
        {
            **RST_BASE,
            ".mergeready.yaml": "checks:\n  docs-valid:\n    rst-disable: [trailing-whitespace]\n",
        },
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\nText.  \n"},
    )
    code, out, err = run_cli("check", "--only", "docs-valid")
    assert code == 0 and "MR601" not in out
    git_repo.checkout("main")
    git_repo.write(".mergeready.yaml", "checks:\n  docs-valid:\n    rst-enable: [no-such]\n")
    git_repo.commit("config")
    git_repo.checkout("topic")
    git_repo.git("rebase", "-q", "main")
    code, out, err = run_cli("check", "--only", "docs-valid")
    assert code == 2
    assert "no-such is not a sphinx-lint checker" in err


def test_adapter_matches_the_installed_sphinx_lint():
    # Fails if sphinx-lint renames check_text, its checker table or a checker this relies on.
    import sphinxlint
    from mergeready.checks.docs.rstlint import STYLE, checkers, lint
    from sphinxlint.checkers import all_checkers

    assert callable(sphinxlint.check_text)
    assert STYLE - {"line-too-long"} <= set(all_checkers)
    chosen = checkers((), ())
    assert "missing-backtick-after-role" in {c.name for c in chosen}
    assert "default-role" not in {c.name for c in chosen}
    assert "default-role" in {c.name for c in checkers((), ("default-role",))}
    found, skipped = lint("Title\n=====\n\nA :func:`foo bar.\n", chosen)
    assert skipped == []
    assert [(line, name) for line, _, name in found] == [(4, "missing-backtick-after-role")]


def test_sphinx_lint_lines_are_gits_lines():
    from mergeready.checks.docs.rstlint import checkers, lint

    text = "Title\n=====\n\nform\x0cfeed and \u2028 here.\n\nA :func:`foo bar.\n"
    found, _ = lint(text, checkers(("trailing-whitespace",), ()))
    assert [line for line, _, _ in found] == [6]


def test_sphinx_lint_sees_only_touched_paragraphs_within_limits(git_repo):
    # sphinx-lint's regexes grow faster than linearly: a hostile paragraph is not linted.
    hostile = "a :b:`c " * 3000
    story(
        git_repo,
        RST_BASE,
        {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\n" + hostile + "\n\nA :func:`x y.\n"},
    )
    result = run_check(git_repo, "docs-valid")
    assert [f.code for f in result.findings] == ["MR601", "MR614"]
    assert result.findings[1].line == 8


def test_pseudo_code_marker_is_reported_and_honoured_only_when_allowed(git_repo, run_json):
    head = {"docs/guide.md": GUIDE + "\n```python pseudo\nfor each item: do it\n```\n"}
    story(git_repo, BASE, head)
    result = run_check(git_repo, "docs-valid")
    assert [f.code for f in result.findings] == ["MR612"] and result.status == "pass"
    strict = run_check(git_repo, "docs-valid", Options(tolerate=()))
    assert [f.code for f in strict.findings] == ["MR605"]


def test_placeholders_fail_when_not_tolerated(git_repo):
    story(git_repo, BASE, {"docs/guide.md": GUIDE + "\n```python\nf(x, epochs=3, ...)\n```\n"})
    assert run_check(git_repo, "docs-valid").status == "pass"
    assert run_check(git_repo, "docs-valid", Options(tolerate=())).status == "fail"


def test_links_inside_code_are_not_links(git_repo):
    head = "\nUse `[x](nowhere.md)` or\n\n```md\n[y](nowhere.md)\n```\n"
    story(git_repo, BASE, {"docs/guide.md": GUIDE + head})
    assert run_check(git_repo, "docs-valid").findings == ()


def test_a_docs_contribution_requires_docs_valid_in_the_default_profile(git_repo, run_json):
    story(git_repo, BASE, {"docs/guide.md": GUIDE + "\n```python\nprint(\n```\n"})
    code, report = run_json()
    assert {"spelling-clean", "docs-valid"} <= set(report["by_type"]["docs"]["required"])
    assert code == 1


def test_no_page_changed_is_a_skip(git_repo):
    story(git_repo, {"a.py": "x = 1\n"}, {"a.py": "x = 2\n"})
    result = run_check(git_repo, "docs-valid")
    assert result.status == "skip"


def test_sphinx_lint_is_not_imported_for_markdown_only(git_repo):
    import subprocess
    import sys

    story(git_repo, BASE, {"docs/guide.md": GUIDE + "\nMore.\n"})
    code = (
        "import sys\n"
        "from mergeready.hooks.cli import main\n"
        "main(['check', '--only', 'docs-valid', '--format', 'json'])\n"
        "assert 'sphinxlint' not in sys.modules, 'sphinxlint imported'\n"
        "assert 'nbformat' not in sys.modules, 'nbformat imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=git_repo.path, check=True)


def test_sphinx_lint_runs_without_reading_its_version(git_repo):
    # sphinx-lint's __init__ reads its version through importlib.metadata, a third of its
    # import (#26): the adapter runs its checkers without it, and `sphinxlint` stays whole.
    import subprocess
    import sys

    story(git_repo, BASE, {"docs/page.rst": "Title\n=====\n\nA :func:`foo bar.\n"})
    code = (
        "import json, sys\n"
        "from mergeready.hooks.cli import main\n"
        "main(['check', '--only', 'docs-valid', '--format', 'json', '--output', 'r.json'])\n"
        "assert 'sphinxlint.checkers' in sys.modules, 'sphinx-lint not run'\n"
        "assert 'importlib.metadata' not in sys.modules, 'importlib.metadata imported'\n"
        "codes = [f['code'] for c in json.load(open('r.json'))['checks'] for f in c['findings']]\n"
        "assert codes == ['MR601'], codes\n"
        "import sphinxlint\n"
        "assert sphinxlint.__version__ and callable(sphinxlint.check_text), 'package not whole'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=git_repo.path, check=True)


def test_github_slugs():
    assert github_slug("Usage notes") == "usage-notes"
    assert github_slug("What's new in 2.0?") == "whats-new-in-20"
    assert github_slug("Über  Café") == "über--café"
    page = scan_markdown("# A\n\n# A\n\nText\n---\n")
    from mergeready.checks.text.anchors import page_anchors

    assert {"a", "a-1", "text"} <= page_anchors(page)


def test_scanners_are_linear_on_hostile_lines():
    line = "[" * 20000 + "](" * 20000 + "`" * 5000 + "<!--" * 3000
    scan_markdown(line + "\n" + "#" * 20000 + " x\n")
    scan_rst(":doc:`" * 20000 + "\n" + ".. " * 20000 + "\n" + ">>> " * 2000)


@pytest.mark.parametrize(
    "line, found",
    [
        ("[a](b) and ![c](d.png)", [(5, "b", "link"), (17, "d.png", "image")]),
        ("[a](f(x)y) z)", [(5, "f(x)y", "link")]),
        ("[a](<with space>) [b]( c)", [(5, "with space", "link"), (24, "c", "link")]),
        ("[a](<open ](x)", [(13, "x", "link")]),  # an unclosed <…> is no target
        ("](" * 3 + "]()", [(3, "](](]()", "link"), (5, "](]()", "link"), (7, "]()", "link")]),
        ("![x](y(z) [w](v)", [(6, "y(z)", "image"), (15, "v", "link")]),
    ],
)
def test_inline_link_targets_end_where_markdown_ends_them(line, found):
    from mergeready.checks.text.markup import _inline_links

    assert [(x.column, x.target, x.kind) for x in _inline_links(line, 1)] == found


def test_snippets():
    assert problem("x = 1\n") is None
    assert problem("x = (\n") is not None
    assert problem(">>> x = 1\n>>> x\n1\n") is None
    assert problem(">>> def f(:\n...     pass\n") == (1, "invalid syntax")
    assert problem("%timeit f()\nx = 1\n") is None


def test_unknown_ref_is_a_warning_where_intersphinx_may_resolve_it(git_repo):
    base = {**RST_BASE, "docs/conf.py": "extensions = ['sphinx.ext.intersphinx']\n"}
    story(git_repo, base, {"docs/usage.rst": RST_BASE["docs/usage.rst"] + "\n:ref:`x`\n"})
    result = run_check(git_repo, "docs-valid")
    assert [(f.code, f.severity) for f in result.findings] == [("MR613", "warning")]


@pytest.mark.parametrize(
    "conf, ref, expected",
    [
        ("extensions = ['sphinx.ext.autosectionlabel']", "usage:usage", []),
        ("extensions = ['sphinx.ext.autosectionlabel']", "usage", []),
        ("extensions = ['sphinx.ext.autosectionlabel']", "index", []),
        ("extensions = ['sphinx.ext.autosectionlabel']", "index:index", []),
        ("extensions = ['sphinx.ext.autosectionlabel']", "more", []),  # an unchanged page's
        ("project = 'x'", "more", ["MR613"]),
        ("project = 'x'", "index", ["MR613"]),  # without the extension a title is no label
    ],
)
def test_autosectionlabel_titles_are_labels(git_repo, conf, ref, expected):
    base = {**RST_BASE, "docs/conf.py": conf + "\n", "docs/more.rst": "More\n====\n\nText.\n"}
    story(git_repo, base, {"docs/index.rst": RST_BASE["docs/index.rst"] + f"\n:ref:`{ref}`\n"})
    assert [f.code for f in run_check(git_repo, "docs-valid").findings] == expected


def test_moving_a_folder_breaks_an_unchanged_link_to_it(git_repo):
    # pytorch/examples moved snli/ to legacy/snli/ and its README kept linking to snli.
    story(
        git_repo,
        {"README.md": "# Examples\n\n- [SNLI](snli)\n", "snli/train.py": "x = 1\n"},
        {"snli/train.py": None, "legacy/snli/train.py": "x = 1\n"},
    )
    (finding,) = run_check(git_repo, "docs-valid").findings
    assert (finding.code, finding.path, finding.line) == ("MR611", "README.md", 3)
    assert "moves that folder to legacy/snli" in finding.message


def test_a_long_changed_paragraph_is_linted_in_pieces(git_repo):
    table = "".join(f"   * - row {n} with some words in it\n     - cell\n" for n in range(40))
    broken = table.replace("row 20 with", "row 20 :func:`run it. with", 1)
    page = RST_BASE["docs/usage.rst"] + "\n.. list-table::\n\n"
    story(git_repo, {**RST_BASE, "docs/usage.rst": page + table}, {"docs/usage.rst": page + broken})
    result = run_check(git_repo, "docs-valid")
    assert [(f.code, f.line) for f in result.findings] == [("MR601", 50)]


def test_a_contributed_conf_py_cannot_soften_an_unknown_ref(git_repo):
    # conf.py is read from the base: adding intersphinx in the contribution changes nothing.
    story(
        git_repo,
        RST_BASE,
        {
            "docs/conf.py": "extensions = ['sphinx.ext.intersphinx']\n",
            "docs/usage.rst": RST_BASE["docs/usage.rst"] + "\n:ref:`nowhere`\n",
        },
    )
    result = run_check(git_repo, "docs-valid")
    # ... and the contributed conf.py is named as code the docs build runs (MR616, F26)
    found = [(f.code, f.severity) for f in result.findings]
    assert found == [("MR613", "error"), ("MR616", "warning")]


def test_repeated_headings_under_different_parents_are_structure(git_repo):
    log = "# Changes\n\n## 1.0\n\n### Fixed\n\n- a\n"
    story(git_repo, {"CHANGES.md": log}, {"CHANGES.md": log + "\n## 1.1\n\n### Fixed\n\n- b\n"})
    assert run_check(git_repo, "docs-valid").findings == ()
    above = "# Changes\n\n## 1.1\n\n## 1.0\n\n" + log.split("\n\n", 1)[1]
    git_repo.write("CHANGES.md", above)
    git_repo.commit("the same heading added above the one that was there")
    assert [f.code for f in run_check(git_repo, "docs-valid").findings] == ["MR607"]
    story_again = "# A\n\n## Setup\n\n## Setup\n"
    git_repo.write("CHANGES.md", story_again)
    git_repo.commit("dup")
    assert [f.code for f in run_check(git_repo, "docs-valid").findings] == ["MR607"]


def test_form_field_names_are_not_anchors(git_repo):
    page = '<input name="q"> <input name="q">\n'
    story(git_repo, {"README.md": "# R\n"}, {"README.md": "# R\n\n" + page})
    assert run_check(git_repo, "docs-valid").findings == ()


def test_a_renamed_heading_names_the_links_it_breaks_and_the_new_anchor(git_repo, run_cli):
    story(
        git_repo,
        {**BASE, "README.md": "# Demo\n\nSee [the guide](docs/guide.md#install).\n"},
        {"docs/guide.md": GUIDE.replace("## Install", "## Installation")},
        message="docs: rename the install section",
    )
    code, out, _ = run_cli("check", "--only", "docs-valid", "--format", "compact")
    assert code == 1
    assert out == (
        "README.md:3:17: MR611 #install no longer names a heading or label in docs/guide.md: "
        "this contribution renames or removes it → point the link at #installation, or keep "
        "the old anchor with an explicit id\n"
    )


def test_a_label_removed_from_the_project_breaks_the_refs_to_it(git_repo):
    index = "Index\n=====\n\nSee :ref:`install-steps`.\n"
    guide = "Guide\n=====\n\n.. _install-steps:\n\nInstall\n-------\n\nRun it.\n"
    story(
        git_repo,
        {"docs/index.rst": index, "docs/guide.rst": guide, "docs/conf.py": ""},
        {"docs/guide.rst": guide.replace(".. _install-steps:\n\n", "")},
    )
    (finding,) = run_check(git_repo, "docs-valid").findings
    assert (finding.code, finding.path, finding.line) == ("MR611", "docs/index.rst", 4)
    assert "no page defines the label 'install-steps' any more" in finding.message


def test_a_label_moved_to_another_page_breaks_no_ref(git_repo):
    index = "Index\n=====\n\nSee :ref:`install-steps`.\n"
    guide = "Guide\n=====\n\n.. _install-steps:\n\nInstall\n-------\n\nRun it.\n"
    story(
        git_repo,
        {"docs/index.rst": index, "docs/guide.rst": guide, "docs/conf.py": ""},
        {
            "docs/guide.rst": guide.replace(".. _install-steps:\n\n", ""),
            "docs/setup.rst": "Setup\n=====\n\n.. _install-steps:\n\nSteps\n-----\n\nRun.\n",
        },
    )
    assert run_check(git_repo, "docs-valid").findings == ()


def test_a_quoted_label_is_the_same_label(git_repo):
    """``.. _`console_scripts`:`` defines ``console_scripts`` (packaging.python.org #1450)."""
    index = "Index\n=====\n\nSee :ref:`console_scripts`.\n"
    guide = "Guide\n=====\n\n.. _console_scripts:\n\nScripts\n-------\n\nRun it.\n"
    story(
        git_repo,
        {"docs/index.rst": index, "docs/guide.rst": guide, "docs/conf.py": ""},
        {
            "docs/guide.rst": guide.replace(".. _console_scripts:\n\n", ""),
            "docs/setup.rst": "Setup\n=====\n\n.. _`console_scripts`:\n\nScripts\n-------\n",
        },
    )
    assert run_check(git_repo, "docs-valid").findings == ()
    story_ref = "More\n====\n\nSee :ref:`console_scripts`.\n"
    git_repo.write("docs/more.rst", story_ref)
    git_repo.commit("docs: more")
    assert run_check(git_repo, "docs-valid").findings == ()  # MR613 on the added line agrees
