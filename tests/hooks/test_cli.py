"""The ``mergeready`` command end to end: reports, exit codes, errors, trust."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from helpers import story
from mergeready.hooks import __version__

SCHEMA = json.loads((Path(__file__).parents[1] / "report.schema.json").read_text())
LEGACY = {
    "pkg/__init__.py": "",
    "pkg/mod.py": '"""Mod."""\n\n\ndef f():\n    return 1\n',
    "tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f()\n",
    "CHANGELOG.md": "# Changelog\n\n## Unreleased\n\n## 1.0 (2024-01-01)\n\n- first\n",
}
FIX = {"pkg/mod.py": '"""Mod."""\n\n\ndef f():\n    return 2\n'}


def test_text_report_of_a_failing_bugfix(git_repo, run_cli):
    story(git_repo, LEGACY, FIX, message="Fix f")
    code, out, err = run_cli("check")
    base, head = git_repo.git("rev-parse", "main")[:8], git_repo.git("rev-parse", "HEAD")[:8]
    assert (code, err) == (1, "")
    assert (
        out
        == f"""\
mergeready · {base}..{head} (1 commit) · 1 file, +1 −1

✗ Not ready: 2 required checks failed (tests-present, changelog-updated).

bugfix  (commit {head}: Fix f)

  ✗ fail  tests-present        no test added or changed for 1 changed source file
  – skip  tests-meaningful     no test function added or changed
  – skip  docstrings-complete  no public definition added or re-signed
  ✗ fail  changelog-updated    no entry under the unreleased section of CHANGELOG.md
  ✓ pass  spelling-clean       no misspellings in 1 file
  – skip  claims               no pull request description to check (pass --body, or run in Actions)

Errors (2)
pkg/mod.py: MR101 code changed in pkg/mod.py but no test function was added or changed
    → add a test function that exercises the change, e.g. in tests/test_mod.py
CHANGELOG.md: MR301 no changelog entry for this contribution in CHANGELOG.md
    → add a line describing the change under the Unreleased section of CHANGELOG.md

✗ Not ready: 2 required checks failed (tests-present, changelog-updated).
"""
    )


def test_a_ready_contribution_exits_0(git_repo, run_cli):
    story(
        git_repo,
        LEGACY,
        {
            **FIX,
            "tests/test_mod.py": "from pkg.mod import f\n\n\ndef test_f():\n    assert f() == 2\n",
            "CHANGELOG.md": LEGACY["CHANGELOG.md"].replace(
                "## Unreleased\n", "## Unreleased\n\n- Fix f.\n"
            ),
        },
        message="Fix f",
    )
    code, out, _ = run_cli("check")
    assert code == 0
    assert out.endswith("✓ Ready: every required check passed.\n")


def test_json_report_matches_schema_1(git_repo, run_json):
    story(git_repo, LEGACY, {**FIX, "docs/x.md": "A lenght.\n"}, message="Fix f")
    code, report = run_json("--label", "bug")
    jsonschema.validate(report, SCHEMA)
    assert code == 1
    assert report["base"] == git_repo.git("rev-parse", "main")
    assert report["head"] == git_repo.git("rev-parse", "HEAD")
    assert report["by_type"] == {
        "bugfix": {
            "required": [
                "tests-present",
                "tests-meaningful",
                "docstrings-complete",
                "changelog-updated",
                "spelling-clean",
                "claims",
            ],
            "passed": False,
        },
        "docs": {"required": ["spelling-clean", "docs-valid", "claims"], "passed": False},
    }
    assert report["passed"] is False


def test_empty_contribution_passes_and_says_so(git_repo, run_cli):
    story(git_repo, LEGACY, {})
    code, out, _ = run_cli("check")
    assert code == 0
    assert "No contribution type recognised" in out


def test_staged_and_all(git_repo, run_json):
    story(git_repo, LEGACY, {})
    git_repo.write("docs/new.md", "Teh start.\n")
    git_repo.git("add", "docs/new.md")
    code, report = run_json("--staged")
    assert (code, report["types"][0]["type"]) == (1, "docs")
    code, report = run_json("--all", "--only", "spelling-clean")
    assert code == 0  # --all reads HEAD, where docs/new.md is not committed


def test_paths_restrict_the_check(git_repo, run_json):
    story(git_repo, LEGACY, {"docs/a.md": "A lenght.\n", "docs/b.md": "Fine.\n"})
    code, report = run_json("docs/b.md")
    assert code == 0


def test_output_file_and_terminal_summary(git_repo, run_cli, tmp_path):
    story(git_repo, LEGACY, FIX, message="Fix f")
    target = tmp_path / "report.json"
    code, out, _ = run_cli("check", "--format", "json", "--output", str(target))
    assert code == 1
    assert json.loads(target.read_text())["passed"] is False
    assert "✗ Not ready" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["check", "--base", "nope"], "unknown revision 'nope'"),
        (
            ["check", "--only", "spelling"],
            "--only: unknown check 'spelling'; did you mean 'spelling-clean'?",
        ),
        (["check", "--format", "xml"], "argument --format: invalid choice"),
        (["check", "--config", "missing.yaml"], "--config missing.yaml: no such file"),
        (["check", "--profile", "nope"], "unknown profile 'nope'"),
        (["check", "--bogus"], "unrecognized arguments: --bogus; see 'mergeready check --help'"),
        (
            ["check", "--bse", "HEAD~1"],
            "arguments: --bse (did you mean --base?); see 'mergeready check",
        ),
        (["history", "--lats", "3"], "--lats 3 (did you mean --last?)"),
        (
            ["org", "run", "--repos", "r", "--out", "o", "--jbos", "2"],
            "(did you mean --jobs?); see 'mergeready org run --help'",
        ),
        (["check", "--output", "/nonexistent/dir/r.json"], "--output /nonexistent/dir/r.json"),
    ],
)
def test_usage_errors_are_exit_2_with_one_line(git_repo, run_cli, argv, message):
    story(git_repo, LEGACY, FIX)
    code, _, err = run_cli(*argv)
    assert code == 2
    assert err.startswith("mergeready: error: ") and err.count("\n") == 1
    assert message in err


def test_not_a_repository(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("check")
    assert code == 2
    assert "not inside a git repository" in err


def test_rules_prints_the_effective_policy_and_origins(git_repo, run_cli):
    story(git_repo, {".mergeready.yaml": "types:\n  docs:\n    require: []\n"}, {})
    code, out, _ = run_cli("rules")
    assert code == 0
    assert "types.docs.require: []    # .mergeready.yaml @ " in out
    assert (
        "types.bugfix.require: [tests-present, tests-meaningful, changelog-updated, "
        "docstrings-complete, spelling-clean, claims]    # profile default" in out
    )


def test_version_and_module_entry_point(git_repo):
    out = subprocess.run(
        [sys.executable, "-m", "mergeready.hooks", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == f"mergeready {__version__}"
    story(git_repo, LEGACY, FIX, message="Fix f")
    proc = subprocess.run(
        [sys.executable, "-m", "mergeready.hooks", "check"], capture_output=True, text=True
    )
    assert proc.returncode == 1 and "Not ready" in proc.stdout


def test_no_color_unless_a_terminal(git_repo, run_cli):
    story(git_repo, LEGACY, FIX, message="Fix f")
    _, out, _ = run_cli("check")
    assert "\033[" not in out


def test_github_event_gives_base_title_and_labels(git_repo, run_json, tmp_path, monkeypatch):
    story(git_repo, LEGACY, {"docs/a.md": "Docs.\n"}, message="wip")
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "title": "Fix teh docs",
                    "body": "Changelog: skip",
                    "labels": [{"name": "bug"}],
                    "base": {"sha": git_repo.git("rev-parse", "main")},
                    "head": {"sha": git_repo.git("rev-parse", "HEAD")},
                }
            }
        )
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    code, report = run_json()
    assert report["types"][0]["type"] == "bugfix"
    assert report["types"][0]["evidence"][0] == "label: bug"
    # A contributor's "Changelog: skip" skips nothing unless the base configuration opts in.
    assert {c["id"]: c["status"] for c in report["checks"]}["changelog-updated"] == "fail"
    assert "MR305" in [f["code"] for c in report["checks"] for f in c["findings"]]
    assert any("in the title" in f["message"] for c in report["checks"] for f in c["findings"])


def test_contributed_tool_configuration_never_runs_nor_silences(git_repo, run_json, tmp_path):
    marker = tmp_path / "pwned"
    hook = f'init-hook=\'open({str(marker)!r}, "w").write("x")\''
    story(
        git_repo,
        {"README.md": "# Demo\n", "pkg/mod.py": '"""Mod."""\n'},
        {
            ".pylintrc": f"[MAIN]\n{hook}\nload-plugins=evil\n",
            "pyproject.toml": f"[tool.pylint.main]\n{hook}\n\n[tool.mergeready]\n"
            "types = {{docs = {{require = []}}}}\n".replace("{{", "{").replace("}}", "}"),
            "setup.cfg": "[codespell]\nignore-words-list = lenght,teh\n",
            ".codespellrc": "[codespell]\nignore-words-list = lenght,teh\n",
            ".mergeready.yaml": "types:\n  docs:\n    require: []\n",
            "evil.py": f"open({str(marker)!r}, 'w').write('x')\n",
            "conftest.py": f"open({str(marker)!r}, 'w').write('x')\n",
            "pkg/mod.py": '"""Mod."""\n\n\ndef new(a):\n    """Lenght of a."""\n    return a\n',
            "README.md": "# Demo\n\nTeh lenght.\n",
        },
        message="docs: improve",
    )
    code, report = run_json("--base", "main", "--profile", "strict")
    assert not marker.exists()
    assert code == 1
    words = [f["message"] for c in report["checks"] for f in c["findings"] if f["code"] == "MR401"]
    assert any("'Teh'" in w for w in words) and any("'lenght'" in w for w in words)
    # the base's policy still requires spelling-clean; the contributed pyproject.toml is not
    # even valid TOML (its init-hook quotes clash), which is reported, never used
    assert report["by_type"]["docs"]["required"] == [
        "spelling-clean",
        "docs-valid",
        "claims",
        "configuration",
    ]
    broken = [f["path"] for c in report["checks"] for f in c["findings"] if f["code"] == "MR010"]
    assert broken == ["pyproject.toml"]


def test_pre_commit_environment_variables_do_not_leak(git_repo, run_cli, monkeypatch):
    story(git_repo, LEGACY, FIX, message="Fix f")
    monkeypatch.setenv("GIT_INDEX_FILE", os.devnull)
    code, _, err = run_cli("check")
    assert code == 1, err


def test_a_syntax_error_is_a_warning_and_the_other_checks_still_run(git_repo, run_json):
    story(
        git_repo,
        LEGACY,
        {"pkg/broken.py": "def broken(:\n    pass  # teh\n"},
        message="feat: broken",
    )
    code, report = run_json()
    checks = {c["id"]: c for c in report["checks"]}
    assert checks["docstrings-complete"]["findings"][0]["code"] == "MR207"
    assert checks["docstrings-complete"]["findings"][0]["severity"] == "warning"
    assert checks["spelling-clean"]["status"] == "fail"
    assert checks["tests-present"]["status"] == "fail"
    assert code == 1


def test_a_docs_only_contribution_imports_no_python_tooling(git_repo):
    story(git_repo, LEGACY, {"docs/guide.md": "A guide.\n"}, message="docs: guide")
    probe = (
        "import sys\nfrom mergeready.hooks.cli import main\nmain(['check'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pylint', 'astroid', 'pydocstyle'))\nprint('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    assert "HEAVY []" in out


def test_github_push_event_gives_the_base(git_repo, run_json, tmp_path, monkeypatch):
    story(git_repo, LEGACY, {"docs/a.md": "A teh.\n"}, message="docs: a")
    event = tmp_path / "push.json"
    event.write_text(
        json.dumps(
            {
                "before": git_repo.git("rev-parse", "main"),
                "after": git_repo.git("rev-parse", "HEAD"),
            }
        )
    )
    git_repo.checkout("main")  # the checkout is elsewhere: the event names both ends
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    code, report = run_json()
    assert code == 1
    assert report["head"] == git_repo.git("rev-parse", "topic")
    assert [f["path"] for c in report["checks"] for f in c["findings"]] == ["docs/a.md"]


@pytest.mark.parametrize("no_color, coloured", [(False, True), (True, False)])
def test_colour_on_a_terminal_unless_no_color(git_repo, no_color, coloured):
    import pty

    story(git_repo, LEGACY, FIX, message="Fix f")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = "1"
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "mergeready.hooks", "check"],
        env=env,
        stdout=follower,
        stderr=subprocess.PIPE,
        cwd=git_repo.path,
    )
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.close(leader)
    assert proc.returncode == 1
    assert (b"\x1b[31m" in out) is coloured
    assert b"Not ready" in out


def _warned_then_failed(git_repo):
    """Five modules changed with no test of their own (warnings), then one misspelling (error)."""
    base = {f"pkg/m{n}.py": f'"""M{n}."""\n\n\ndef f{n}():\n    return 1\n' for n in range(5)}
    base["tests/test_other.py"] = "def test_x():\n    assert 1\n"
    base["zz/notes.md"] = "Notes.\n"
    head = {f"pkg/m{n}.py": f'"""M{n}."""\n\n\ndef f{n}():\n    return 2\n' for n in range(5)}
    head["tests/test_other.py"] = "def test_x(tmp_path):\n    assert tmp_path.is_dir()\n"
    head["zz/notes.md"] = "Notes.\n\nThe lenght.\n"
    # one module with its own test: a bug fix whose tests test none of its modules fails (#22)
    base["pkg/m5.py"] = "def f5():\n    return 1\n"
    head["pkg/m5.py"] = "def f5():\n    return 2\n"
    head["tests/test_m5.py"] = "from pkg.m5 import f5\n\n\ndef test_f5():\n    assert f5() == 2\n"
    story(git_repo, base, head, message="Fix things")


def test_text_report_leads_with_the_verdict_and_the_errors(git_repo, run_cli):
    _warned_then_failed(git_repo)
    code, out, _ = run_cli("check", "--only", "tests-present,spelling-clean")
    assert code == 1
    lines = out.splitlines()
    verdict = "✗ Not ready: 1 required check failed (spelling-clean)."
    assert lines[2] == verdict and lines[-1] == verdict
    errors, warnings = out.index("Errors (1)\n"), out.index("Warnings (5)\n")
    assert errors < out.index("zz/notes.md:3:5: MR401") < warnings  # the error before the warnings
    # five warnings of one code are one line, with the count, the meaning and where they are
    assert "pkg/m0.py: MR102" not in out
    assert (
        "MR102 ×5 (warnings): a changed module has no related test change, in 5 files: "
        "pkg/m0.py, pkg/m1.py, pkg/m2.py and 2 more; --no-cap lists each\n" in out
    )
    _, every, _ = run_cli("check", "--only", "tests-present,spelling-clean", "--no-cap")
    assert every.count(": MR102 ") == 5 and "×5" not in every
    assert every.index("MR401") < every.index("pkg/m0.py: MR102")
    _, compact, _ = run_cli(
        "check", "--only", "tests-present,spelling-clean", "--format", "compact"
    )
    assert compact.splitlines()[0].startswith("zz/notes.md:3:5: MR401")  # errors first here too


def test_a_misspelled_configuration_key_is_one_mr010_not_also_an_mr401(git_repo, run_json):
    """The configuration's keys and word lists are the loader's to judge; its comments are prose."""
    story(
        git_repo,
        {"README.md": "# Demo\n"},
        {
            ".mergeready.yaml": "checks:\n  docstrings-complete:\n    requre: [x]  # teh note\n"
            "  spelling-clean:\n    ignore-words: [recieve]\n",
            "pyproject.toml": "[tool.black]\n# teh formatter\n\n"
            "[tool.mergeready.checks.spelling-clean]\nrequre = 1\n",
        },
        message="chore: configure mergeready",
    )
    code, report = run_json("--base", "main", "--no-cache")
    found = [
        (f["code"], f["path"], f.get("line"), f.get("column"))
        for c in report["checks"]
        for f in c["findings"]
    ]
    assert code == 1
    assert sorted(found, key=str) == sorted(
        [
            ("MR010", ".mergeready.yaml", 3, None),
            ("MR010", "pyproject.toml", None, None),
            ("MR401", ".mergeready.yaml", 3, 20),  # the comment's 'teh', where it is
            ("MR401", "pyproject.toml", 2, 3),  # outside [tool.mergeready]: still prose
        ],
        key=str,
    )


def test_words_added_to_codespells_own_word_lists_are_not_misspellings(git_repo, run_json):
    """codespell's settings hold words because they are not English: only comments are prose."""
    story(
        git_repo,
        {"README.md": "# Demo\n"},
        {
            "pyproject.toml": '[tool.codespell]\nignore-words-list = "lenght"\n\n'
            "[tool.black]\n# teh formatter\n",
            ".codespellrc": "[codespell]\n; recieve: a column name\nignore-words-list = recieve\n",
            "setup.cfg": "[codespell]\nignore-words-list = acount\n\n[metadata]\nname = teh\n",
        },
        message="chore: codespell words",
    )
    code, report = run_json("--base", "main", "--no-cache", "--only", "spelling-clean")
    found = [(f["path"], f.get("line")) for c in report["checks"] for f in c["findings"]]
    assert code == 1
    assert sorted(found) == [(".codespellrc", 2), ("pyproject.toml", 5), ("setup.cfg", 5)]
