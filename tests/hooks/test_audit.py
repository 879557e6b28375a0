"""Whole-tree audits that summarise: statistics, grouping, caps, coverage, what is not prose."""

from __future__ import annotations

import json

import pytest
from helpers import Repo, codes

SPELLING = ("--only", "spelling-clean")


def _tree(repo: Repo, files: dict[str, str | bytes]) -> None:
    for path, text in files.items():
        repo.write(path, text)
    repo.commit("initial")


def test_statistics_count_per_code_and_per_path_prefix(git_repo: Repo, run_cli):
    _tree(
        git_repo,
        {
            "docs/a.md": "# A\n\nThe lenght.\n\nTeh end.\n",
            "docs/b.md": "# B\n\nThe lenght.\n",
            "README.md": "# R\n\nWe recieve.\n",
            "pkg/mod.py": '"""Mod."""\n\n\ndef f(x):\n    """F."""\n',
        },
    )
    code, out, err = run_cli(
        "check", "--all", "--statistics", "--only", "spelling-clean,docstrings-complete"
    )
    assert code == 1, err
    assert (
        "\n5 findings by code (errors and warnings):\n"
        "  4  MR401  a misspelled word in an added line\n" in out
    )
    assert "  1  MR202  a parameter is not documented\nby path:\n" in out
    assert "by path:\n  3  docs/\n  1  README.md\n  1  pkg/\n" in out
    assert "Findings by file" not in out  # --statistics: the summary only


def test_the_all_report_groups_by_file_and_caps_each_code(git_repo: Repo, run_cli):
    _tree(git_repo, {f"docs/{n}.md": "# T\n\nThe lenght.\n" for n in "abcd"})
    code, out, err = run_cli("check", "--all", *SPELLING, "--max-per-code", "2")
    assert code == 1, err
    assert out.index("4 findings by code") < out.index("Findings by file")
    assert "Findings by file\ndocs/a.md\n  3:5: MR401 'lenght' may be misspelled" in out
    assert "docs/b.md\n" in out and "docs/c.md" not in out
    assert "… and 2 more MR401 (--max-per-code N or --no-cap to see them)" in out
    code, out, err = run_cli("check", "--all", *SPELLING, "--max-per-code", "2", "--no-cap")
    assert "docs/d.md\n  3:5: MR401" in out and "more MR401" not in out


def test_a_contribution_report_is_unchanged(git_repo: Repo, run_cli):
    git_repo.write("README.md", "# R\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("README.md", "# R\n\nThe lenght.\n")
    git_repo.commit("Describe")
    code, out, _ = run_cli("check", *SPELLING)
    assert "Errors (1)\nREADME.md:3:5: MR401" in out and "by code" not in out


@pytest.mark.parametrize("minimum, status, verdict", [("50", 1, "PASSED"), ("80", 1, "FAILED")])
def test_fail_under_measures_docstring_coverage(git_repo: Repo, run_cli, minimum, status, verdict):
    _tree(
        git_repo,
        {
            "pkg/mod.py": '"""Mod."""\n\n\ndef f():\n    """F."""\n\n\ndef g():\n    pass\n\n\n'
            "class C:\n    pass\n"
        },
    )
    code, out, _ = run_cli(
        "check", "--all", "--only", "docstrings-complete", "--fail-under", minimum
    )
    assert code == status  # the two undocumented definitions fail docstrings-complete anyway
    assert f"docstring coverage: {verdict} (minimum: {float(minimum):.1f}%, actual: 50.0%; " in out
    assert "2 of 4 public definitions documented" in out


def test_fail_under_alone_decides_when_the_check_passes(git_repo: Repo, run_cli):
    _tree(git_repo, {"pkg/mod.py": '"""Mod."""\n\n\ndef f():\n    """F."""\n'})
    args = ("check", "--all", "--only", "docstrings-complete", "--fail-under")
    assert run_cli(*args, "100")[0] == 0
    git_repo.write("pkg/other.py", "X = 1\n")
    git_repo.commit("undocumented module")
    code, out, _ = run_cli(*args, "90")
    assert code == 1 and "FAILED (minimum: 90.0%, actual: 66.7%" in out


@pytest.mark.parametrize("argv", [["--fail-under", "80"], ["--all", "--fail-under", "120"]])
def test_fail_under_misuse_is_one_line_and_exit_2(git_repo: Repo, run_cli, argv):
    _tree(git_repo, {"README.md": "# R\n"})
    code, _, err = run_cli("check", *argv)
    assert code == 2 and err.count("\n") == 1 and "--fail-under" in err


def _audit_codes(run_cli, *argv):
    code, out, err = run_cli("check", "--all", "--format", "json", *SPELLING, *argv)
    assert code in (0, 1), err
    return codes(json.loads(out))


def test_binary_formats_are_told_by_content_not_extension(git_repo: Repo, run_cli):
    pdf = b"%PDF-1.6\r%\xe2\xe3\xcf\xd3\r\n1 0 obj The lenght of teh stream\n"
    _tree(git_repo, {"assets/logo.ai": pdf, "notes.txt": "The lenght.\n"})
    assert _audit_codes(run_cli) == ["MR401"]  # notes.txt only
    git_repo.write(".mergeready.yaml", "checks:\n  spelling-clean: {prose-only: false}\n")
    git_repo.commit("check everything")
    assert len(_audit_codes(run_cli)) == 3


def test_translated_pages_are_not_spell_checked_in_english(git_repo: Repo, run_cli):
    _tree(
        git_repo,
        {
            "README.md": "# R\n\nThe lenght.\n",
            "README.de.md": "# R\n\nDie lenght.\n",
            "README.pt-br.md": "# R\n\nEste teh.\n",
            "README.en.md": "# R\n\nThe lenght.\n",
        },
    )
    code, out, _ = run_cli("check", "--all", "--format", "json", *SPELLING)
    paths = [f["path"] for c in json.loads(out)["checks"] for f in c["findings"]]
    assert paths == ["README.en.md", "README.md"]


def test_vendored_and_generated_files_at_the_base_are_skipped(git_repo: Repo, run_cli):
    attributes = (
        "vendor/** linguist-vendored\n*.gen.md linguist-generated=true\n"
        "vendor/own.md -linguist-vendored\n"
    )
    typo = "# T\n\nThe lenght.\n"
    _tree(
        git_repo,
        {".gitattributes": attributes, "README.md": "# R\n"},
    )
    git_repo.branch("topic")
    for path in ("vendor/lib.md", "vendor/own.md", "api.gen.md", "docs/page.md"):
        git_repo.write(path, typo)
    git_repo.write(".gitattributes", attributes + "docs/** linguist-generated\n")  # ignored
    git_repo.commit("Add pages")
    code, out, _ = run_cli("check", "--format", "json", "--base", "main", *SPELLING)
    paths = [f["path"] for c in json.loads(out)["checks"] for f in c["findings"]]
    assert sorted(paths) == ["docs/page.md", "vendor/own.md"]


def test_an_audit_opens_with_where_to_start(git_repo: Repo, run_cli):
    undocumented = '"""M."""\n\n\ndef f(x):\n    return x\n\n\ndef g(y):\n    return y\n'
    _tree(
        git_repo,
        {
            "pkg/a/one.py": undocumented,
            "pkg/a/two.py": undocumented,
            "pkg/b/three.py": undocumented,
            "docs/a.md": "# A\n\nThe lenght and teh recieve of the adress.\n",
            "tests/test_x.py": "def test_x():\n    pass\n",
        },
    )
    code, out, err = run_cli("check", "--all", "--profile", "strict")
    assert code == 1, err
    lines = out.splitlines()
    assert lines[2].startswith("✗ Not ready")  # the verdict, then where to start
    assert lines[4] == "Start here (the most frequent errors that are not style; errors only):"
    start = lines[5 : lines.index("", 5)]
    assert (
        start[0] == "  6  MR201  a public definition in scope has no docstring — pkg/a/ 4, pkg/b/ 2"
    )
    assert [x.split()[1] for x in start] == ["MR201", "MR101", "MR801"]  # spelling is style
    assert out.index("Start here") < out.index("findings by code (errors and warnings):")
    step = "Next: `mergeready baseline` on the default branch records these findings as accepted"
    assert out.index("Start here") < out.index(step) < out.index("findings by code")
    assert out.rstrip().splitlines()[-2].startswith(step)  # and again above the last verdict


PYTEST_PROJECT: dict[str, str | bytes] = {
    "pyproject.toml": (
        '[project]\nname = "demo"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n'
    ),
    "pkg/mod.py": '"""Mod."""\n\nX = 1\n',
    "tests/test_mod.py": "from pkg.mod import X\n\n\ndef test_x():\n    assert X == 1\n",
}


@pytest.mark.parametrize(
    "branch_pyproject, expected",
    [
        (str(PYTEST_PROJECT["pyproject.toml"]), []),  # the branch leaves pytest's settings alone
        (  # the branch writes a setting of its own: its tests do not count
            str(PYTEST_PROJECT["pyproject.toml"]) + 'addopts = "-k nothing"\n',
            ["MR101", "MR807"],
        ),
    ],
    ids=["settings-untouched", "settings-written"],
)
def test_an_audit_on_a_branch_ahead_of_the_default_branch_counts_the_projects_settings_as_its_own(
    git_repo: Repo, run_cli, branch_pyproject, expected
):
    _tree(git_repo, PYTEST_PROJECT)
    git_repo.branch("topic")  # one commit ahead of main, as a committed .mergeready.yaml is
    git_repo.write(".mergeready.yaml", "profile: default\n")
    git_repo.write("pyproject.toml", branch_pyproject)
    git_repo.commit("Configure mergeready")
    code, out, err = run_cli(
        "check", "--all", "--format", "json", "--only", "tests-present,tests-meaningful"
    )
    assert "configuration read from" in err
    found = [c for c in codes(json.loads(out)) if c in ("MR807", "MR101")]
    assert found == expected, out


def test_an_audit_says_nothing_of_tests_changed_with_the_code(git_repo: Repo, run_cli):
    """Every file counts as added in an audit: "no changed test covers pkg.other" (MR102) and
    "changed with the code" mean nothing there (issue #25's trial, M4)."""
    _tree(
        git_repo,
        {
            "pkg/mod.py": "X = 1\n",
            "pkg/other.py": "Y = 1\n",
            "tests/test_mod.py": "from pkg.mod import X\n\n\ndef test_x():\n    assert X == 1\n",
        },
    )
    code, out, err = run_cli("check", "--all", "--format", "json", "--only", "tests-present")
    (check,) = json.loads(out)["checks"]
    assert (code, check["findings"]) == (0, []), out
    assert check["summary"] == "tests that can fail: tests/test_mod.py"


@pytest.mark.parametrize("form", ["json", "sarif", "text"])
def test_an_audit_written_to_a_file_still_shows_the_capped_audit_on_the_terminal(
    git_repo: Repo, run_cli, tmp_path, form: str
):
    _tree(git_repo, {f"docs/{n}.md": "# T\n\nThe lenght.\n" for n in "abcd"})
    written = tmp_path / f"report.{form}"
    code, out, err = run_cli(
        "check",
        "--all",
        *SPELLING,
        "--max-per-code",
        "2",
        "--format",
        form,
        "--output",
        str(written),
    )
    assert code == 1, err
    assert "4 findings by code" in out and "Findings by file" in out  # the audit, not a list
    assert "… and 2 more MR401 (--max-per-code N or --no-cap to see them)" in out
    assert "docs/d.md" not in out  # capped as without --output
    if form != "text":
        assert "docs/d.md" in written.read_text(encoding="utf-8")  # the file has every finding


KERAS_LIKE: dict[str, str | bytes] = {
    "keras/layers/dense.py": "def dense(x):\n    return x\n",
    "keras/layers/dense_test.py": (
        "from keras.layers.dense import dense\n\n\ndef test_dense():\n    assert dense(1) == 1\n"
    ),
    "keras/layers/masking.py": "def mask(x):\n    return x\n",
    "keras/layers/masking_test.py": (
        "from keras.layers.masking import mask\n\n\ndef test_mask():\n    assert mask(1) == 1\n"
    ),
    "keras/ops/core.py": "def op(x):\n    return x\n",
    "keras/tests/api_check_test.py": (
        "from keras.ops.core import op\n\n\ndef test_op():\n    assert op(1) == 1\n"
    ),
    "keras/layers/untested.py": "def u(x):\n    return x\n",
}


@pytest.mark.parametrize(
    "paths, code, expected",
    [
        (["keras/layers/dense.py", "keras/layers/masking.py"], 0, []),
        (["keras/layers"], 0, []),  # tests in the selection: judged as the full audit is
        (["keras/ops/core.py"], 0, []),  # a test elsewhere imports it
        (["keras/layers/untested.py"], 1, ["MR101"]),
    ],
    ids=["tests-beside", "folder-with-tests", "imported-elsewhere", "untested"],
)
def test_a_path_limited_audit_judges_the_modules_against_the_whole_trees_tests(
    git_repo: Repo, run_cli, paths, code, expected
):
    """Issue #25's second trial (P6): `check --all -- dense.py masking.py` failed tests-present
    ("no test function was added or changed") though tests sit beside both; the full audit
    passed."""
    _tree(git_repo, KERAS_LIKE)
    status, out, err = run_cli(
        "check", "--all", "--format", "json", "--only", "tests-present", "--", *paths
    )
    (check,) = json.loads(out)["checks"]
    assert (status, [f["code"] for f in check["findings"]]) == (code, expected), out
    if expected:  # said for the tree, not for a contribution
        (finding,) = check["findings"]
        assert finding["message"] == "no test in the tree covers keras/layers/untested.py"
        assert "added or changed" not in check["summary"]
    full, out, _ = run_cli("check", "--all", "--format", "json", "--only", "tests-present")
    assert full == 0, out


@pytest.mark.parametrize(
    "tests, said",
    [
        ({}, "no test in the tree covers pkg/mod.py"),
        ({"tests/test_mod.py": "def test_x():\n    pass\n"}, "problem in the tree's tests"),
        ({"tests/test_mod.py": "def test_x():\n    assert 1 + 1 == 2\n"}, "1 test can fail"),
    ],
    ids=["no-test", "a-test-asserting-nothing", "a-test"],
)
def test_an_audit_speaks_of_the_tree_not_of_a_contribution(git_repo: Repo, run_cli, tests, said):
    """Issue #25's second trial: an audit said "problems in added or changed tests", "code
    changed in pkg/mod.py but no test function was added or changed" of a tree."""
    _tree(git_repo, {"pkg/mod.py": "X = 1\n", **tests})
    only = ("--only", "tests-present,tests-meaningful", "--no-cap", "--no-cache")
    code, out, err = run_cli("check", "--all", *only)
    assert said in out, out
    assert "added or changed" not in out and "code changed" not in out, out


def test_a_path_limited_audit_counts_the_tests_the_history_changes_with_the_module(
    git_repo: Repo, run_cli
):
    """Keras tests its backends through keras/src/ops/*_test.py: no backend/jax/math_test.py,
    and the op test imports `keras.ops`, not the backend module; the audited commit's history
    changes the two together."""
    op_test = "keras/ops/math_test.py"
    git_repo.write("keras/backend/jax/math.py", "def f():\n    return 0\n")
    git_repo.write(op_test, "from keras import ops\n\n\ndef test_f():\n    assert ops.f() == 0\n")
    git_repo.commit("initial")
    for n in range(1, 4):
        git_repo.write("keras/backend/jax/math.py", f"def f():\n    return {n}\n")
        git_repo.write(
            op_test, f"from keras import ops\n\n\ndef test_f():\n    assert ops.f() == {n}\n"
        )
        git_repo.commit(f"change {n}")
    code, out, err = run_cli(
        "check", "--all", "--only", "tests-present", "--", "keras/backend/jax/math.py"
    )
    assert (code, f"tests in the tree for the audited modules: {op_test}" in out) == (0, True), out


@pytest.mark.parametrize("argv", [(), ("--base", "HEAD"), ("--base", "HEAD~1")])
def test_an_audit_of_code_words_is_the_same_wherever_it_runs(git_repo: Repo, run_cli, argv):
    """A whole tree's typos in code never excuse themselves as "the base's own code" (trial 3)."""
    _tree(git_repo, {"pkg/mod.py": '"""Mod."""\n\nX = "the recieved value"\n'})
    git_repo.write("notes.txt", "Fine words.\n")
    git_repo.commit("notes")  # HEAD~1 exists; the code's typo is at every base
    code, out, err = run_cli("check", "--all", "--format", "json", *SPELLING, *argv)
    found = [(f["path"], f["severity"]) for c in json.loads(out)["checks"] for f in c["findings"]]
    assert found == [("pkg/mod.py", "error")], err
