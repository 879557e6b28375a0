"""Readers, bounded cost and history (issue 22, attack 4's 10, 34, 44, 49, and attack 5's).

Each row builds a real repository, runs the real command and failed before its change (the
failing run was watched). Near misses are rows that must keep today's reading.
"""

from __future__ import annotations

import pytest
from helpers import Repo, codes, run_check, story

LAZY = "# Guide\n\nIntro line of a paragraph\n{0}\nsee [the setup](#nowhere).\n{0}\n"


@pytest.mark.parametrize(
    "page, broken",
    [
        pytest.param(LAZY.format("    ~~~"), True, id="4-space ~~~ inside a paragraph is text"),
        pytest.param(LAZY.format("\t~~~"), True, id="tab-indented ~~~ inside a paragraph is text"),
        pytest.param(
            "# Guide\n\nIntro\n    ```\nsee [the setup](#nowhere).\n",
            True,
            id="4-space ``` that nothing closes is text",
        ),
        pytest.param(
            "# Guide\n\nA `span\nsee [x](#nowhere)\nends` here.\n",
            False,
            id="a code span across lines hides its link (as rendered)",
        ),
        pytest.param(
            LAZY.format("    ```"),
            False,
            id="4-space ``` pair inside a paragraph is a code span (as rendered)",
        ),
        pytest.param(
            "# Guide\n\n- item\n  more text\n    ```\n    see [x](#nowhere)\n    ```\n",
            False,
            id="near miss: 2 columns into a list item is a fence",
        ),
        pytest.param(
            "# Guide\n\nText\n   ~~~\nsee [x](#nowhere)\n   ~~~\n",
            False,
            id="near miss: 3 spaces is a fence",
        ),
        pytest.param(
            "# Guide\n\nA `span\n\nsee [x](#nowhere) `\n",
            True,
            id="near miss: a blank line ends the paragraph and the span",
        ),
    ],
)
def test_a_fence_indented_four_columns_in_a_paragraph_is_text(run_json, git_repo, page, broken):
    """Attack 4's 10: what docs-valid reads as code is what CommonMark renders as code."""
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/guide.md": page})
    _, report = run_json("--base", "main", "--only", "docs-valid")
    assert ("MR603" in codes(report)) is broken, report


def test_fix_reads_the_lazy_fence_line_as_prose(run_cli, git_repo: Repo):
    page = "# Guide\n\nIntro line\n    ~~~\nPlease recieve it.\n    ~~~\n"
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/guide.md": page}, "docs: a guide")
    run_cli("fix", "--only", "spelling-clean")
    assert "Please receive it." in (git_repo.path / "docs/guide.md").read_text()


def test_a_translated_page_reads_a_fence_by_the_same_rule(git_repo: Repo):
    """translation-consistent compares code blocks: a backtick in a backtick fence's info string
    opens none (the one rule), so its lines are prose a translator translates."""
    from mergeready.checks.translation.translation_consistent import Options

    source = "# Guide\n\n```a`b\nRead [the guide](g.md).\n```a`b\n"
    french = "# Guide\n\n```a`b\nLisez [le guide](g.md).\n```a`b\n"
    story(
        git_repo,
        {"docs/en/guide.md": source, "docs/fr/guide.md": source},
        {"docs/fr/guide.md": french},
    )
    mapping = Options(translated_docs={"docs/{lang}/**": "docs/en/**"})
    result = run_check(git_repo, "translation-consistent", mapping)
    assert result.status == "pass", result
