"""Suppressions: project-level ignore rules and inline markers, and who may add them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from helpers import Repo, codes, statuses, story
from mergeready.checks.contribution import Contribution
from mergeready.checks.post.suppressions import apply
from mergeready.hooks.evaluation import evaluate_cached

SCHEMA = json.loads((Path(__file__).parents[2] / "report.schema.json").read_text())
TYPO = "# Demo\n\nThe lenght of it.\n"


def _report(run_cli, *argv):
    code, out, err = run_cli("check", "--format", "json", "--only", "spelling-clean", *argv)
    assert code in (0, 1), err
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    return code, report


def test_a_project_ignore_rule_suppresses_and_counts(git_repo: Repo, run_cli):
    config = "ignore:\n  - paths: ['docs/**']\n    codes: [MR401]\n    reason: product names\n"
    story(git_repo, {".mergeready.yaml": config, "docs/a.md": "# A\n"}, {"docs/a.md": TYPO})
    code, report = _report(run_cli)
    assert code == 0 and report["suppressed"] == 1
    assert statuses(report)["spelling-clean"] == "pass" and codes(report) == []
    code, out, _ = run_cli("check", "--only", "spelling-clean")
    assert "1 finding suppressed\n✓ Ready" in out
    code, out, _ = run_cli("check", "--only", "spelling-clean", "--format", "markdown")
    assert "1 finding suppressed" in out


def test_an_ignore_rule_does_not_reach_other_paths(git_repo: Repo, run_cli):
    config = "ignore:\n  - paths: ['docs/**']\n    codes: [MR401]\n"
    story(git_repo, {".mergeready.yaml": config, "README.md": "# A\n"}, {"README.md": TYPO})
    code, report = _report(run_cli)
    assert code == 1 and "suppressed" not in report and codes(report) == ["MR401"]


def test_an_ignore_rule_the_contribution_adds_is_not_read(git_repo: Repo, run_cli):
    config = "ignore:\n  - codes: [MR401]\n"
    story(git_repo, {"README.md": "# A\n"}, {"README.md": TYPO, ".mergeready.yaml": config})
    assert _report(run_cli)[0] == 1


MARKED = "# Demo\n\nThe lenght of it. <!-- mergeready: ignore[MR401] a product name -->\n"


def test_an_inline_suppression_the_contribution_adds_is_reported_not_honoured(
    git_repo: Repo, run_cli
):
    story(git_repo, {"README.md": "# Demo\n"}, {"README.md": MARKED})
    code, report = _report(run_cli)
    assert code == 1 and "suppressed" not in report
    assert codes(report) == ["MR401", "MR020"]
    refused = report["checks"][0]["findings"][1]
    assert refused["severity"] == "warning" and refused["line"] == 3


def test_an_inline_suppression_is_honoured_where_the_base_allows_it(git_repo: Repo, run_cli):
    story(
        git_repo,
        {"README.md": "# Demo\n", ".mergeready.yaml": "inline-suppressions: true\n"},
        {"README.md": MARKED},
    )
    code, report = _report(run_cli)
    assert (code, report["suppressed"], codes(report)) == (0, 1, [])


def test_a_suppression_present_at_the_base_is_honoured_on_a_re_signed_definition(
    git_repo: Repo, run_cli
):
    marked = (
        '"""Mod."""\n\n\ndef clip(value{}):  # mergeready: ignore[MR202] generated\n'
        '    """Clip."""\n'
    )
    story(git_repo, {"mod.py": marked.format("")}, {"mod.py": marked.format(", low")})
    code, out, err = run_cli("check", "--format", "json", "--only", "docstrings-complete")
    report = json.loads(out)
    # two MR202: the new `low` (an error) and `value`, undocumented before (a warning)
    assert (code, report["suppressed"], codes(report)) == (0, 2, [])


def test_one_more_copy_of_a_base_suppression_is_an_added_one(git_repo: Repo, run_cli):
    line = "The lenght. <!-- mergeready: ignore[MR401] product -->\n"
    story(git_repo, {"README.md": "# Demo\n\n" + line}, {"README.md": "# Demo\n\n" + line * 2})
    code, report = _report(run_cli)
    assert code == 1 and codes(report) == ["MR401", "MR020"]


def test_a_whole_tree_audit_honours_what_the_tree_holds(git_repo: Repo, run_cli):
    git_repo.write("README.md", MARKED)
    git_repo.commit("initial")
    code, report = _report(run_cli, "--all")
    assert (code, report["suppressed"]) == (0, 1)


def test_noqa_of_other_tools_suppresses_nothing(git_repo: Repo, run_cli):
    story(
        git_repo,
        {"README.md": "# Demo\n", ".mergeready.yaml": "inline-suppressions: true\n"},
        {"README.md": "# Demo\n\nThe lenght. # noqa: MR401\n"},
    )
    code, report = _report(run_cli)
    assert code == 1 and codes(report) == ["MR401"]


@pytest.mark.parametrize(
    "config, message",
    [
        ("ignore:\n  - code: [MR401]\n", "unknown key 'ignore[0].code'; did you mean 'codes'?"),
        ("ignore:\n  - codes: [MR4O1]\n", "unknown finding code 'MR4O1' in ignore[0].codes"),
        (  # a letter O for a zero: the suggestion reads it as the digit (issue #25's trial, L2)
            "ignore:\n  - codes: [MR2O3]\n",
            "unknown finding code 'MR2O3' in ignore[0].codes; did you mean 'MR203'?",
        ),
        ("ignore:\n  - codes: [mr1O1]\n", "did you mean 'MR101'?"),
        ("ignore:\n  - codes: []\n", "ignore[0].codes must list at least one finding code"),
        ("ignore:\n  - {codes: [MR401], paths: docs}\n", "ignore[0].paths must be a list"),
        ("ignore: MR401\n", "ignore must be a list"),
        ("inline-suppressions: yes please\n", "inline-suppressions must be true or false"),
    ],
)
def test_bad_suppression_configuration_is_one_line_and_exit_2(
    git_repo: Repo, run_cli, config, message
):
    story(git_repo, {".mergeready.yaml": config, "README.md": "# A\n"}, {"README.md": TYPO})
    code, out, err = run_cli("check")
    assert code == 2 and err.count("\n") == 1, err
    assert ".mergeready.yaml" in err and message in err


def test_a_marker_moved_onto_other_code_is_an_added_one(git_repo: Repo, run_cli):
    base = "# Demo\n\nThe lenght. <!-- mergeready: ignore[MR401] product -->\n\nFine.\n"
    head = "# Demo\n\nThe length.\n\nFine, teh. <!-- mergeready: ignore[MR401] product -->\n"
    story(git_repo, {"README.md": base}, {"README.md": head})
    code, report = _report(run_cli)
    assert code == 1 and codes(report) == ["MR401", "MR020"]


MODULE = '"""Mod."""\n\n\n{old}\n    """Old."""\n\n\n{new}\n    """New."""\n'


@pytest.mark.parametrize(
    "old, new, expected",
    [
        # the marker moves from a legacy definition to a new one: a new suppression
        (
            "def old(a):  # mergeready: ignore[MR202] generated",
            "def new(b):",
            ["MR202", "MR020"],
        ),
        # the same definition re-signed keeps its marker
        ("def old(a):  # mergeready: ignore[MR202] generated", None, []),
    ],
)
def test_a_python_marker_counts_in_the_definition_the_base_has_it_in(
    git_repo: Repo, run_cli, old, new, expected
):
    base = MODULE.format(old=old, new="def new():")
    if new is None:
        head = MODULE.format(old=old.replace("(a)", "(a, c)"), new="def new():")
    else:
        head = MODULE.format(
            old=old.split("  #")[0],
            new=new + "  # mergeready: ignore[MR202] generated",
        )
        head = head.replace(
            'def old(a):\n    """Old."""',
            'def old(a):\n    """Old.\n\n    Args:\n        a: A.\n    """',
        )
    story(git_repo, {"mod.py": base}, {"mod.py": head})
    code, out, err = run_cli("check", "--format", "json", "--only", "docstrings-complete")
    assert codes(json.loads(out)) == expected, out


@pytest.mark.parametrize("argv", [["--all", "--base", "main"], ["--all"]])
def test_a_whole_tree_audit_of_a_contribution_honours_only_the_bases_markers(
    git_repo: Repo, run_cli, argv
):
    story(git_repo, {"README.md": "# Demo\n"}, {"README.md": MARKED})
    code, report = _report(run_cli, *argv)
    assert code == 1 and codes(report) == ["MR401", "MR020"], report


def test_a_marker_moved_to_another_line_of_the_same_function_is_an_added_one(
    git_repo: Repo, run_cli
):
    top = '"""Mod."""\n\n\ndef f():\n    """F."""\n'
    marker = "  mergeready: ignore[MR401] legacy"
    base = top + f"    x = 1  # the lenght{marker}\n    return x\n"
    head = top + f"    x = 1  # the length\n    return x  # teh{marker}\n"
    story(git_repo, {"mod.py": base}, {"mod.py": head}, "Fix f")
    code, report = _report(run_cli)
    assert code == 1 and codes(report) == ["MR401", "MR020"], report


@pytest.mark.parametrize("line", [0, 99], ids=["line-0", "past-the-end"])
def test_a_finding_on_a_line_the_file_lacks_reads_no_marker(git_repo: Repo, line):
    """No marker is read for a line the head's file does not have: not the last line's (a
    line 0 read from the end), and no crash past the end; the finding stays."""
    story(git_repo, {"README.md": "# Demo\n"}, {"README.md": MARKED.rstrip("\n")})
    contribution = Contribution.from_git(git_repo.path, base="main")
    result = evaluate_cached(contribution, None, only=("spelling-clean",), baseline=False)
    (check,) = result.checks
    moved = tuple(replace(f, line=line) if f.code == "MR401" else f for f in check.findings)
    result = replace(result, checks=(replace(check, findings=moved),))
    after = apply(contribution, result, (), True)
    assert [(f.code, f.line) for f in after.checks[0].findings if f.code == "MR401"] == [
        ("MR401", line)
    ]
    assert after.suppressed == result.suppressed
