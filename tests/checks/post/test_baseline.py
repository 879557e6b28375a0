"""The baseline: recorded by symbol and content, matched across reformatting and moves."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from helpers import Repo, codes

SCHEMA = json.loads((Path(__file__).parents[2] / "report.schema.json").read_text())
LEGACY = '''"""Mod."""


def clip(value, low):
    """Clip."""
    return max(value, low)


def scale(value, factor):
    """Scale."""
    return value * factor
'''
# black-style reformatting, the definitions swapped, and clip moved to another module
REFORMATTED = '''"""Mod."""


def scale(
    value,
    factor,
):
    """Scale."""
    return value * factor
'''
MOVED = '''"""Other."""


def clip(value, low):
    """Clip."""
    return max(value, low)
'''


def _audit(run_cli, *argv):
    code, out, err = run_cli(
        "check", "--all", "--format", "json", "--only", "docstrings-complete,spelling-clean", *argv
    )
    assert code in (0, 1), err
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    return code, report


def _recorded(repo: Repo, run_cli) -> None:
    repo.write("pkg/mod.py", LEGACY)
    repo.write("README.md", "# Demo\n\nThe lenght.\n")
    repo.commit("initial")
    code, out, err = run_cli("baseline", "--only", "docstrings-complete,spelling-clean")
    assert code == 0 and "recorded 3 findings" in err
    repo.commit("baseline")


def test_baseline_then_audit_reports_nothing_old(git_repo: Repo, run_cli):
    _recorded(git_repo, run_cli)
    code, report = _audit(run_cli)
    assert (code, report["baselined"], codes(report)) == (0, 3, [])
    assert "baseline_fixed" not in report
    code, out, _ = run_cli("check", "--all", "--only", "docstrings-complete,spelling-clean")
    assert "3 findings in the baseline not reported\n✓ Ready" in out


def test_baseline_survives_a_reformat_and_a_move(git_repo: Repo, run_cli):
    _recorded(git_repo, run_cli)
    git_repo.write("pkg/mod.py", REFORMATTED)
    git_repo.write("pkg/other.py", MOVED)
    git_repo.write("README.md", "# Demo\n\nSome more text first.\n\n  The   lenght.\n")
    git_repo.commit("reformat and move")
    code, report = _audit(run_cli)
    assert (code, report["baselined"], codes(report)) == (0, 3, []), report


def test_a_new_finding_is_reported_and_fixed_ones_are_counted(git_repo: Repo, run_cli):
    _recorded(git_repo, run_cli)
    fixed = LEGACY.replace(
        '"""Clip."""', '"""Clip.\n\n    Args:\n        value: V.\n        low: L.\n    """'
    )
    git_repo.write("pkg/mod.py", fixed + '\n\ndef grow(size):\n    """Grow."""\n')
    git_repo.commit("document clip, add grow")
    code, report = _audit(run_cli)
    assert code == 1 and codes(report) == ["MR202"]
    assert "`grow`" in report["checks"][0]["findings"][0]["message"]
    assert (report["baselined"], report["baseline_fixed"]) == (2, 1)
    code, out, _ = run_cli("check", "--all", "--only", "docstrings-complete,spelling-clean")
    assert "1 baselined finding fixed (run `mergeready baseline` to record it)" in out


def test_a_second_identical_finding_is_new(git_repo: Repo, run_cli):
    _recorded(git_repo, run_cli)
    git_repo.write("README.md", "# Demo\n\nThe lenght.\n\nThe lenght.\n")
    git_repo.commit("again")
    code, report = _audit(run_cli)
    assert code == 1 and codes(report) == ["MR401"]


def test_a_contribution_that_edits_the_baseline_hides_nothing(git_repo: Repo, run_cli):
    _recorded(git_repo, run_cli)
    git_repo.branch("topic")
    git_repo.write("README.md", "# Demo\n\nThe lenght.\n\nA new lenght.\n")
    git_repo.commit("Add a line")
    code, out, err = run_cli("baseline", "--force", "--only", "docstrings-complete,spelling-clean")
    assert "recorded 4 findings" in err  # the contributor records the new one too
    git_repo.commit("Baseline it")
    code, out, err = run_cli(
        "check", "--format", "json", "--base", "main", "--only", "spelling-clean"
    )
    report = json.loads(out)
    assert code == 1 and codes(report) == ["MR401", "MR030"], report
    assert report["checks"][0]["findings"][1]["path"] == ".mergeready-baseline.json"


def test_a_copy_of_a_baselined_definition_in_another_file_is_new(git_repo: Repo, run_cli):
    _recorded(git_repo, run_cli)
    git_repo.write("pkg/another.py", MOVED)  # sorts before pkg/mod.py, whose clip stays
    git_repo.commit("copy clip")
    code, report = _audit(run_cli)
    assert code == 1 and codes(report) == ["MR202"]
    assert report["checks"][0]["findings"][0]["path"] == "pkg/another.py"


def test_a_modules_own_finding_stays_matched_when_a_definition_is_added_above(
    git_repo: Repo, run_cli
):
    """A module without a docstring is reported at line 1, where its first def may start: the
    finding is the module's, so a function added at the top keeps it matched."""
    top = 'def clip(value, low):\n    """Clip."""\n    return max(value, low)\n'
    git_repo.write("pkg/mod.py", top)
    git_repo.commit("initial")
    code, _, err = run_cli("baseline", "--only", "docstrings-complete")
    assert code == 0 and "recorded 2 findings" in err, err  # the module, clip's parameters
    git_repo.commit("baseline")
    grow = (
        'def grow(size):\n    """Grow.\n\n    Args:\n        size: The size.\n    """\n'
        "    return size\n"
    )
    git_repo.write("pkg/mod.py", grow + "\n\n" + top)
    git_repo.commit("grow first")
    code, report = _audit(run_cli, "--only", "docstrings-complete")
    assert (code, report["baselined"], codes(report)) == (0, 2, []), report


def test_a_baselined_missing_test_is_no_licence_for_later_contributions(git_repo: Repo, run_cli):
    from mergeready.checks.contribution import Contribution
    from mergeready.checks.post.baseline import PATH, build
    from mergeready.hooks.evaluation import evaluate_cached

    git_repo.write("pkg/__init__.py", '"""Pkg."""\n')
    git_repo.write("pkg/mod.py", '"""Mod."""\n\n\ndef f(x):\n    """F."""\n    return x\n')
    git_repo.write(
        "tests/test_mod.py", "from pkg.mod import f\n\n\ndef test_f():\n    assert f(1)\n"
    )
    git_repo.commit("initial")
    fixed = '"""Mod."""\n\n\ndef f(x):\n    """F."""\n    return x + 1\n'
    git_repo.branch("first")
    git_repo.write("pkg/mod.py", fixed)
    git_repo.commit("Fix f")
    first = Contribution.from_git(git_repo.path, base="main")
    try:  # a baseline that holds what the first fix without a test was told
        data = build(first, evaluate_cached(first, None, only=("tests-present",), baseline=False))
    finally:
        first.close()
    assert {e["code"] for e in data["findings"]} >= {"MR101"}, data
    git_repo.checkout("main")
    git_repo.write(PATH, json.dumps(data))
    git_repo.commit("baseline")
    git_repo.branch("second")
    git_repo.write("pkg/mod.py", fixed)
    git_repo.commit("Fix f")
    code, out, err = run_cli("check", "--format", "json", "--only", "tests-present")
    report = json.loads(out)
    assert code == 1 and "MR101" in codes(report), report
    assert "baselined" not in report


def test_new_code_repeating_a_baselined_finding_elsewhere_is_new(git_repo: Repo, run_cli):
    _recorded(git_repo, run_cli)
    git_repo.branch("topic")
    git_repo.write("README.md", "# Demo\n\nThe length.\n")  # the old one fixed …
    git_repo.write("docs/new.md", "# New\n\nThe lenght.\n")  # … and repeated in new code
    git_repo.commit("Add docs")
    code, out, err = run_cli("check", "--format", "json", "--only", "spelling-clean")
    report = json.loads(out)
    assert code == 1 and codes(report) == ["MR401"], report
    assert report["checks"][0]["findings"][0]["path"] == "docs/new.md"
    git_repo.git("mv", "README.md", "docs/README.md")  # a real move (rename) still matches
    git_repo.write("docs/README.md", "# Demo\n\nThe lenght.\n")
    git_repo.git("rm", "-q", "docs/new.md")
    git_repo.commit("Move the readme")
    code, out, err = run_cli("check", "--format", "json", "--only", "spelling-clean")
    assert code == 0, out


def test_baseline_says_where_its_configuration_came_from_and_what_it_recorded(
    git_repo: Repo, run_cli
):
    git_repo.write("pkg/mod.py", LEGACY)
    git_repo.write("README.md", "# Demo\n\nThe lenght.\n")
    git_repo.commit("initial")
    code, _, err = run_cli("baseline", "--only", "docstrings-complete,spelling-clean")
    assert code == 0, err
    assert err == (
        "mergeready: configuration read from working tree (the audited tree)\n"
        "mergeready: recorded 3 findings in .mergeready-baseline.json "
        "(docstrings-complete 2, spelling-clean 1); commit it\n"
    )
    (git_repo.path / ".mergeready-baseline.json").unlink()
    git_repo.branch("topic")  # ahead of main: the branch's findings, main's configuration
    git_repo.write(".mergeready.yaml", "profile: default\n")
    git_repo.commit("Configure")
    code, _, err = run_cli("baseline", "--only", "docstrings-complete,spelling-clean")
    assert code == 2 and len(err.splitlines()) == 1, err  # refused: one line, what to do
    assert "is 1 commit ahead of the default branch's tip" in err and "--force" in err
    assert not (git_repo.path / ".mergeready-baseline.json").exists()
    git_repo.git("switch", "-q", "main")
    git_repo.write("README.md", "# Demo\n\nThe lenght, teh.\n")
    git_repo.commit("Diverge")
    git_repo.git("switch", "-q", "topic")
    code, _, err = run_cli("baseline")
    assert code == 2 and "diverged from (1 ahead, 1 behind)" in err, err
    git_repo.git("switch", "-q", "-c", "old", "main~1")  # behind: the project's older tree
    code, _, err = run_cli("baseline", "--only", "spelling-clean")
    assert code == 0 and "(the audited tree)" in err, err
    git_repo.git("switch", "-q", "topic")
    code, _, err = run_cli("baseline", "--force", "--only", "docstrings-complete,spelling-clean")
    assert code == 0, err
    assert err.startswith("mergeready: warning: HEAD (")
    assert "is not the default branch's tip (--force)" in err.splitlines()[0]
    assert (git_repo.path / ".mergeready-baseline.json").exists()


def _baselined(repo: Repo, run_cli, files: dict[str, str], only: str) -> None:
    """Commit ``files`` on main, record their findings as the baseline, branch off."""
    for path, text in files.items():
        repo.write(path, text)
    repo.commit("initial")
    code, _, err = run_cli("baseline", "--only", only)
    assert code == 0, err
    repo.commit("baseline")
    repo.branch("topic")


def _new(run_cli, only: str, *argv: str) -> tuple[int, list[tuple[str, int]]]:
    """The exit status and the errors reported (code, line)."""
    code, out, err = run_cli("check", "--format", "json", "--only", only, *argv)
    assert code in (0, 1), err
    found = json.loads(out)["checks"][0]["findings"]
    return code, [(f["code"], f["line"]) for f in found if f["severity"] == "error"]


PAGE = "# Demo\n\nThe lenght.\n\nThe lenght.\n\nEnd.\n"
COMMENTED = (
    '"""Mod."""\n\n\ndef clip(value):\n    """Clip."""\n    # The lenght.\n    return value\n'
)


@pytest.mark.parametrize(
    "base, head, new",
    [
        # attack 3 F4: a new copy beside the baselined line (which stays) is new
        ({"README.md": "# Demo\n\nThe lenght.\n"}, "# Demo\n\nThe lenght.\n\nThe lenght.\n", 1),
        # near miss: the line really moved (deleted at one place, added at another): held
        ({"README.md": "# Demo\n\nThe lenght.\n\nEnd.\n"}, "# Demo\n\nEnd.\n\nThe lenght.\n", 0),
        # near miss: re-indented where it was (the key drops spaces): held
        ({"README.md": "# Demo\n\nThe lenght.\n"}, "# Demo\n\n  The   lenght.\n", 0),
        # two baselined copies: one moved, one kept: held; a third copy added: new
        ({"README.md": PAGE}, "# Demo\n\nThe lenght.\n\nEnd.\n\nThe lenght.\n", 0),
        ({"README.md": PAGE}, PAGE + "\nThe lenght.\n", 1),
        # edited in place: spelling-clean itself carries over a misspelling the edited line
        # had at the base (outside a definition the key holds the line's text, so only an
        # edit that keeps the text, re-indented above, is the baseline's to hold)
        ({"README.md": "# Demo\n\nThe lenght.\n"}, "# Demo\n\nThe lenght, edited.\n", 0),
    ],
    ids=["copy", "moved", "reindented", "one-moved-one-kept", "third-copy", "edited"],
)
def test_a_baselined_finding_holds_no_copy_of_itself(git_repo: Repo, run_cli, base, head, new):
    """Attack 3 F4: a finding on an added line is held only when the original is gone from
    the file's unchanged lines (counted by running the check on the whole file again)."""
    _baselined(git_repo, run_cli, base, "spelling-clean")
    (path,) = base
    git_repo.write(path, head)
    git_repo.commit("Add text")
    code, found = _new(run_cli, "spelling-clean")
    assert (code, len(found)) == (int(new > 0), new), found


def test_a_copy_is_new_in_the_staged_mode_of_pre_commit(git_repo: Repo, run_cli):
    _baselined(git_repo, run_cli, {"README.md": "# Demo\n\nThe lenght.\n"}, "spelling-clean")
    git_repo.write("README.md", "# Demo\n\nThe lenght.\n\nThe lenght.\n")
    git_repo.git("add", "README.md")
    code, found = _new(run_cli, "spelling-clean", "--staged")
    assert (code, found) == (1, [("MR401", 5)])


LINKED = "# Demo\n\nSee [the guide](missing.md).\n\nEnd.\n"


@pytest.mark.parametrize(
    "head, new",
    [
        (LINKED + "\nSee [the guide](missing.md).\n", 1),  # a copy, the original kept: new
        ("# Demo\n\nEnd.\n\nSee [the guide](missing.md).\n", 0),  # moved: held
    ],
    ids=["copied", "moved"],
)
def test_a_baselined_broken_link_holds_no_copy(git_repo: Repo, run_cli, head, new):
    """The same rule in docs-valid (a sibling of attack 3 F4)."""
    _baselined(git_repo, run_cli, {"docs/index.md": LINKED}, "docs-valid")
    git_repo.write("docs/index.md", head)
    git_repo.commit("docs: more")
    code, found = _new(run_cli, "docs-valid", "--title", "docs: more")
    assert (code, len(found)) == (int(new > 0), new), found


UNDOCUMENTED_DEF = "def legacy(a):\n    return a\n"
OTHER_DEF = 'def other(b):\n    """Other."""\n    return b\n'
LEGACY_UNDOCUMENTED = f'"""Mod."""\n\n\n{UNDOCUMENTED_DEF}\n\n{OTHER_DEF}'


@pytest.mark.parametrize(
    "head, new",
    [
        # attack 4 #30 C: re-signed (a new parameter), still no docstring: what the diff asks
        (
            LEGACY_UNDOCUMENTED.replace(
                "legacy(a):\n    return a", "legacy(a, token=None):\n    return token or a"
            ),
            1,
        ),
        # the same with the new parameter on a line of its own: the def line stays unchanged
        (
            LEGACY_UNDOCUMENTED.replace(
                "legacy(a):\n    return a",
                "legacy(\n    a,\n    token=None,\n):\n    return token or a",
            ),
            1,
        ),
        # near miss: the function moved below another, as it was: held
        (
            f'"""Mod."""\n\n\n{OTHER_DEF}\n\n{UNDOCUMENTED_DEF}',
            0,
        ),
    ],
    ids=["re-signed", "re-signed-below-the-def-line", "moved"],
)
def test_a_baselined_definition_changed_by_the_contribution_is_asked_anew(
    git_repo: Repo, run_cli, head, new
):
    """A baseline forgives what the audit recorded on code that did not change: an edited
    definition (its line or any line of it) is new code, held only when it moved as it was."""
    _baselined(git_repo, run_cli, {"pkg/mod.py": LEGACY_UNDOCUMENTED}, "docstrings-complete")
    git_repo.write("pkg/mod.py", head)
    git_repo.commit("Let legacy take a token")
    code, found = _new(run_cli, "docstrings-complete")
    assert (code, [c for c, _ in found]) == ((1, ["MR201"]) if new else (0, [])), found
