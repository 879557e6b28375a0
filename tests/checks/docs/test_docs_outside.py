"""docs-valid: nothing the docs build reads leaves the repository, through a link at head either.

Issue 22, attack 6's F10 (a): a committed *file* symlink (``docs/hosts.txt -> /etc/passwd``)
named by an include, image, figure, download, ``:file:`` option, Markdown image or MyST include
passed (a directory link was already MR602). Each row builds a real repository and runs the real
command; the rows marked F10 failed before the change (the failing run was watched: exit 0,
no MR615). Near misses: links that stay inside the repository keep passing.
"""

from __future__ import annotations

import os

import pytest
from helpers import Repo, codes, statuses, story

RST = "Guide\n=====\n\n"
MD = "# Guide\n\n"


def _story(repo: Repo, links: dict[str, str], pages: dict[str, str]) -> None:
    repo.write("README.md", "# Demo\n")
    repo.write("docs/real.txt", "real text\n")
    repo.write("docs/conf.py", 'project = "demo"\n')
    repo.commit("initial")
    repo.branch("topic")
    for path, target in links.items():
        (repo.path / path).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, repo.path / path)
    for path, text in pages.items():
        repo.write(path, text)
    repo.commit("docs: a guide")


OUT = {"docs/hosts.txt": "/etc/passwd"}
CLIMB = {"docs/hosts.txt": "../../../../../../etc/passwd"}


@pytest.mark.parametrize(
    "links, pages, outside",
    [
        pytest.param(
            OUT,
            {"docs/g.rst": RST + ".. include:: hosts.txt\n   :literal:\n"},
            True,
            id="F10 include",
        ),
        pytest.param(
            OUT, {"docs/g.rst": RST + ".. literalinclude:: hosts.txt\n"}, True, id="F10 li"
        ),
        pytest.param(OUT, {"docs/g.rst": RST + ".. image:: hosts.txt\n"}, True, id="F10 image"),
        pytest.param(
            OUT,
            {"docs/g.rst": RST + ".. figure:: hosts.txt\n\n   Caption.\n"},
            True,
            id="F10 figure",
        ),
        pytest.param(
            OUT, {"docs/g.rst": RST + "Get :download:`it <hosts.txt>`.\n"}, True, id="F10 download"
        ),
        pytest.param(
            OUT,
            {"docs/g.rst": RST + ".. csv-table:: Data\n   :file: hosts.txt\n"},
            True,
            id="F10 csv",
        ),
        pytest.param(
            OUT, {"docs/g.rst": RST + ".. raw:: html\n   :file: hosts.txt\n"}, True, id="F10 raw"
        ),
        pytest.param(
            OUT, {"docs/g.rst": RST + ".. image:: /hosts.txt\n"}, True, id="F10 source-rooted image"
        ),
        pytest.param(OUT, {"docs/g.md": MD + "![logo](hosts.txt)\n"}, True, id="F10 md image"),
        pytest.param(
            CLIMB, {"docs/g.md": MD + "```{include} hosts.txt\n```\n"}, True, id="F10 myst include"
        ),
        pytest.param(
            {"docs/a.txt": "b.txt", "docs/b.txt": "/etc/passwd"},
            {"docs/g.rst": RST + ".. include:: a.txt\n"},
            True,
            id="F10 a chain of links",
        ),
        pytest.param(
            {"docs/sys": "/etc"},
            {"docs/g.rst": RST + ".. literalinclude:: sys/passwd\n"},
            True,
            id="a directory link: MR615 (was MR602)",
        ),
        pytest.param(
            {"docs/up": "../.."},
            {"docs/g.rst": RST + ".. include:: up/etc/passwd\n"},
            True,
            id="a directory link that climbs above the root",
        ),
        pytest.param(
            {"docs/loop": "loop"}, {"docs/g.rst": RST + ".. include:: loop\n"}, True, id="a loop"
        ),
        pytest.param(
            {"docs/same.txt": "real.txt"},
            {"docs/g.rst": RST + ".. include:: same.txt\n"},
            False,
            id="near miss: a link to a file beside it",
        ),
        pytest.param(
            {"docs/readme.md": "../README.md"},
            {"docs/g.md": MD + "```{include} readme.md\n```\n"},
            False,
            id="near miss: a link up to the repository's own README",
        ),
        pytest.param(
            {"docs/data": "."},
            {"docs/g.rst": RST + ".. include:: data/real.txt\n"},
            False,
            id="near miss: a directory link to its own folder",
        ),
        pytest.param(
            OUT,
            {"docs/g.rst": RST + "See :ref:`hosts.txt` and https://example.com/hosts.txt.\n"},
            False,
            id="near miss: a ref label and a URL are no file",
        ),
    ],
)
def test_a_target_a_link_at_head_leads_outside_is_mr615(run_json, git_repo, links, pages, outside):
    """F10 (a): followed through every symlink at head, a target outside the repository is MR615."""
    _story(git_repo, links, pages)
    _, report = run_json("--base", "main", "--only", "docs-valid")
    assert ("MR615" in codes(report)) is outside, report


def test_a_changelog_entry_includes_through_a_link(run_json, git_repo: Repo):
    """F10 (a) in an entry: a fragment's include through a committed link is MR615 too."""
    git_repo.write("README.md", "# Demo\n")
    git_repo.write("changelog.d/.keep", "")
    git_repo.commit("initial")
    git_repo.branch("topic")
    os.symlink("/etc/passwd", git_repo.path / "changelog.d/hosts.txt")
    git_repo.write("changelog.d/1.bugfix.rst", "Fixed it.\n\n.. include:: hosts.txt\n")
    git_repo.commit("docs: entry")
    _, report = run_json("--base", "main", "--only", "docs-valid")
    assert "MR615" in codes(report), report


@pytest.mark.parametrize(
    "path, text, found",
    [
        pytest.param(
            "examples/README.md", MD + "See [the guide](gone.md).\n", "MR602", id="F10c ex md"
        ),
        pytest.param(
            "examples/guide.rst",
            RST + ".. include:: ../../../../etc/passwd\n",
            "MR615",
            id="F10c ex",
        ),
        pytest.param(
            "examples/README.md", MD + "```python\ndef main(:\n```\n", "MR605", id="F14 ex block"
        ),
        pytest.param(
            "tests/README.md", MD + "See [the guide](gone.md).\n", "MR602", id="F10c tests"
        ),
        pytest.param(
            "tests/notes.rst",
            RST + ".. include:: ../../../../etc/passwd\n",
            "MR615",
            id="F10c t rst",
        ),
        pytest.param(
            "src/pkg/locale/fr/README.rst",
            RST + ".. include:: ../../../../../../etc/passwd\n",
            "MR615",
            id="F10c locale",
        ),
        pytest.param(
            "examples/README.md", MD + "See [the demo](demo.py).\n", None, id="near miss ok"
        ),
        pytest.param(
            "tests/data.txt", "see ../../../../etc/passwd\n", None, id="near miss: no page"
        ),
    ],
)
def test_a_page_any_type_claims_is_read_by_docs_valid(run_json, git_repo, path, text, found):
    """F10 (c): a page under examples/, tests/ or a locale folder runs docs-valid whatever its type
    (the rows marked F10c/F14 were Ready before: docs-valid was never required)."""
    git_repo.write("README.md", "# Demo\n")
    git_repo.write("examples/demo.py", '"""Demo."""\n')
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write(path, text)
    git_repo.commit("Add notes")
    code, report = run_json("--base", "main")
    if found is None:
        assert "MR615" not in codes(report) and "MR602" not in codes(report), report
        assert statuses(report).get("docs-valid", "pass") == "pass", report
    else:
        assert found in codes(report) and code == 1, report


BAD = "def f(:\n    return 1\n"


@pytest.mark.parametrize(
    "path, text, broken",
    [
        pytest.param(
            "docs/g.md", MD + "```{code-block} python\n" + BAD + "```\n", True, id="F13 md"
        ),
        pytest.param(
            "docs/g.md", MD + "```{code-cell} ipython3\n" + BAD + "```\n", True, id="cell"
        ),
        pytest.param(
            "docs/g.md", MD + "```{code} Python\n" + BAD + "```\n", True, id="{code} Python"
        ),
        pytest.param("docs/g.md", MD + "```ipython3\n" + BAD + "```\n", True, id="md ipython3"),
        pytest.param(
            "docs/g.rst",
            RST + ".. code-block:: ipython3\n\n   def f(:\n       return 1\n",
            True,
            id="F13 rst ipython3",
        ),
        pytest.param(
            "docs/g.rst",
            RST + ".. code-block:: ipython\n\n   def f(:\n       return 1\n",
            True,
            id="rst ipython",
        ),
        pytest.param(
            "docs/g.md",
            MD + "```{code-block} python\n:linenos:\n:caption: x\n\nx = 1\n```\n",
            False,
            id="near miss: directive options are no code",
        ),
        pytest.param(
            "docs/g.md",
            MD + "```{code-block} python\n---\nlinenos: true\n---\nx = 1\n```\n",
            False,
            id="near miss: a YAML options block is no code",
        ),
        pytest.param(
            "docs/g.md", MD + "```{code-block} text\n" + BAD + "```\n", False, id="near miss: text"
        ),
        pytest.param(
            "docs/g.md", MD + "```ipython3\n%timeit f()\nx = 1\n```\n", False, id="near miss: magic"
        ),
    ],
)
def test_every_spelling_of_a_python_block_is_parsed(run_json, git_repo, path, text, broken):
    """F13: one reader of a block's language (``markup.block_language``) for every spelling; the
    F13 rows (a MyST ``{code-block} python``, reST ``code-block:: ipython3``) passed before."""
    story(git_repo, {"README.md": "# Demo\n"}, {path: text}, "docs: a guide")
    _, report = run_json("--base", "main", "--only", "docs-valid")
    assert ("MR605" in codes(report)) is broken, report
