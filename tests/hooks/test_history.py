"""``mergeready history`` on a scripted history whose aggregates are known exactly."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess

import pytest

MOD = '"""Mod."""\n\n\ndef legacy(x):\n    return x\n'
TEST = "from pkg.mod import legacy\n\n\ndef test_legacy():\n    assert legacy(1) == 1\n"
LOG = "# Changelog\n\n## Unreleased\n\n## 1.0 (2023-12-01)\n\n- first\n"


def _entry(log: str, line: str) -> str:
    return log.replace("## Unreleased\n", f"## Unreleased\n\n- {line}\n", 1)


@pytest.fixture
def history(git_repo, monkeypatch):
    """Seven commits, a month apart: bug fixes with and without tests, features with and
    without docstrings, docs with and without typos."""
    shas = []

    def commit(date: str, message: str, files: dict[str, str]) -> None:
        for path, text in files.items():
            git_repo.write(path, text)
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"{date}T12:00:00+00:00")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{date}T12:00:00+00:00")
        shas.append(git_repo.commit(message))

    log = LOG
    commit(
        "2024-01-05",
        "Initial",
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": MOD,
            "tests/test_mod.py": TEST,
            "CHANGELOG.md": log,
            "README.md": "# Demo\n",
        },
    )
    log = _entry(log, "Fix rounding.")
    commit(
        "2024-01-10",
        "Fix rounding in legacy",
        {
            "pkg/mod.py": MOD.replace("return x", "return round(x)"),
            "tests/test_mod.py": TEST + "\n\ndef test_round():\n    assert legacy(1.4) == 1\n",
            "CHANGELOG.md": log,
        },
    )
    commit(
        "2024-02-10",
        "Fix overflow in legacy",
        {"pkg/mod.py": MOD.replace("return x", "return int(round(x))")},
    )
    clip = (
        '\n\ndef clip(x, low):\n    """Clip x.\n\n    Args:\n        x: The value.\n'
        '        low: The bound.\n    """\n    return max(x, low)\n'
    )
    log = _entry(log, "Add clip.")
    commit(
        "2024-03-10",
        "Add clip",
        {
            "pkg/mod.py": MOD.replace("return x", "return int(round(x))") + clip,
            "tests/test_mod.py": TEST + "\n\ndef test_clip():\n    assert True\n",
            "CHANGELOG.md": log,
        },
    )
    log = _entry(log, "Add scale.")
    commit(
        "2024-04-10",
        "Add scale",
        {
            "pkg/mod.py": MOD.replace("return x", "return int(round(x))")
            + clip
            + '\n\ndef scale(x, factor):\n    """Scale x.\n\n    Args:\n        x: The value.\n'
            '    """\n    return x * factor\n',
            "tests/test_mod.py": TEST + "\n\ndef test_scale():\n    assert True\n",
            "CHANGELOG.md": log,
        },
    )
    commit("2024-05-10", "docs: usage", {"docs/usage.md": "How to use teh module.\n"})
    commit("2024-06-10", "docs: more usage", {"docs/more.md": "More about the module.\n"})
    return shas


def test_aggregates_per_type_and_check(history, run_cli):
    code, out, err = run_cli("history", "--format", "json", "--jobs", "1")
    assert code == 0, err
    report = json.loads(out)
    assert report["contributions"] == 6 and report["errors"] == []
    assert (report["first"], report["last"]) == ("2024-01-10", "2024-06-10")
    types = report["types"]
    assert {name: data["count"] for name, data in types.items()} == {
        "bugfix": 2,
        "docs": 2,
        "feature": 2,
        "tests": 3,
    }
    assert types["bugfix"]["checks"] == {
        "changelog-updated": {"pass": 1, "fail": 1, "skip": 0, "share_passing": 0.5},
        "docstrings-complete": {"pass": 0, "fail": 0, "skip": 2, "share_passing": None},
        "spelling-clean": {"pass": 2, "fail": 0, "skip": 0, "share_passing": 1.0},
        "tests-present": {"pass": 1, "fail": 1, "skip": 0, "share_passing": 0.5},
        "tests-meaningful": {"pass": 1, "fail": 0, "skip": 1, "share_passing": 1.0},
        "claims": {"pass": 0, "fail": 0, "skip": 2, "share_passing": None},
        # the fix that adds a changelog entry: the docs build publishes it (attack 5's F9)
        "docs-valid": {"pass": 1, "fail": 0, "skip": 0, "share_passing": 1.0},
    }
    assert types["feature"]["checks"]["docstrings-complete"] == {
        "pass": 1,
        "fail": 1,
        "skip": 0,
        "share_passing": 0.5,
    }
    assert types["docs"]["checks"]["spelling-clean"] == {
        "pass": 1,
        "fail": 1,
        "skip": 0,
        "share_passing": 0.5,
    }
    assert types["bugfix"]["worst"] == [
        {
            "commit": history[2],
            "date": "2024-02-10",
            "subject": "Fix overflow in legacy",
            "failed": ["tests-present", "changelog-updated"],
        }
    ]
    assert [m["month"] for m in report["months"]] == [
        "2024-01",
        "2024-02",
        "2024-03",
        "2024-04",
        "2024-05",
        "2024-06",
    ]
    assert report["months"][1]["types"] == {
        "bugfix": {
            "count": 1,
            "checks": {
                "changelog-updated": {"pass": 0, "fail": 1, "skip": 0, "share_passing": 0.0},
                "docstrings-complete": {"pass": 0, "fail": 0, "skip": 1, "share_passing": None},
                "spelling-clean": {"pass": 1, "fail": 0, "skip": 0, "share_passing": 1.0},
                "tests-present": {"pass": 0, "fail": 1, "skip": 0, "share_passing": 0.0},
                "tests-meaningful": {"pass": 0, "fail": 0, "skip": 1, "share_passing": None},
                "claims": {"pass": 0, "fail": 0, "skip": 1, "share_passing": None},
            },
        }
    }


def test_parallel_runs_are_deterministic(history, run_cli):
    one = run_cli("history", "--format", "json", "--jobs", "1", "--no-cache")
    two = run_cli("history", "--format", "json", "--jobs", "2", "--no-cache")
    assert one == two


def test_range_since_and_last(history, run_cli):
    def count(*argv):
        code, out, err = run_cli("history", "--format", "json", *argv)
        assert code == 0, err
        return json.loads(out)["contributions"]

    assert count("--last", "2") == 2
    assert count("--since", "2024-04-01") == 3
    assert count("--range", f"{history[2]}..{history[5]}") == 3


def test_results_are_cached_per_commit_so_a_rerun_resumes(history, run_cli, tmp_path):
    cache = tmp_path / "history-cache"
    run_cli("history", "--last", "2", "--cache", str(cache))
    assert len(list(cache.rglob("*.json"))) == 2
    first = run_cli("history", "--cache", str(cache), "--format", "json")
    assert len(list(cache.rglob("*.json"))) == 6
    assert run_cli("history", "--cache", str(cache), "--format", "json") == first


def test_text_report(history, run_cli):
    code, out, _ = run_cli("history")
    assert code == 0
    assert "bugfix: 2 contributions" in out
    assert "  tests-present        1/2 pass (50%)" in out
    assert (
        f"  ✗ {history[2][:8]} 2024-02-10 Fix overflow in legacy "
        "(tests-present, changelog-updated)" in out
    )


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--range", "nope..HEAD"], "unknown revision 'nope' in --range"),
        (["--range", "main"], "write it as A..B"),
        (["--jobs", "0"], "--jobs and --last take a whole number"),
        (["--last", "3", "--since", "2024-01-01"], "not allowed with argument"),
    ],
)
def test_bad_arguments(history, run_cli, argv, message):
    code, _, err = run_cli("history", *argv)
    assert code == 2 and message in err and err.count("\n") == 1


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_html_report_in_headless_chromium(history, run_cli, tmp_path):
    page = tmp_path / "history.html"
    code, _, _ = run_cli("history", "--format", "html", "--output", str(page))
    html = page.read_text()
    assert code == 0 and "<script" not in html and "http" not in html.split("</title>", 1)[1]
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    shot = tmp_path / "history.png"
    subprocess.run(
        [_chromium(), *flags, "--window-size=900,1600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (900, 1600)
    dom = subprocess.run(
        [_chromium(), *flags, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    text = " ".join(dom.split())
    assert "6 contributions, 2024-01-10 … 2024-06-10" in text
    assert "bugfix · 2 contributions" in text
    assert '<td class="n bad">50%</td>' in dom
    assert dom.count("<svg") == 5  # counts per month, and one share chart per type


def test_a_repository_with_one_commit_has_no_history(git_repo, run_cli):
    git_repo.write("README.md", "# R\n")
    git_repo.commit("initial")
    code, out, _ = run_cli("history")
    assert (code, out) == (
        0,
        "mergeready history · no contributions found (main, last 100, first-parent)\n",
    )


# Ctrl-C as a terminal sends it: SIGINT to the whole process group (the pool's workers too),
# here at a fixed point, right after the third result, so that the test never races the run.
_CTRL_C_AFTER_THREE = """
import os, signal, sys
from mergeready.hooks import cli, progress

# a terminal's default: a parent that ignores SIGINT (an xdist worker does) passes that on
signal.signal(signal.SIGINT, signal.default_int_handler)


class CtrlC:
    def __call__(self, done, total, what=""):
        if done == 3:
            os.killpg(os.getpgrp(), signal.SIGINT)

    def close(self):
        pass


progress.start = lambda environ=None, quiet=False: CtrlC()
raise SystemExit(cli.main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupted_run_says_how_to_resume_and_resumes(git_repo, tmp_path, jobs):
    import sys

    git_repo.write("README.md", "# R\n")
    git_repo.commit("initial")
    for n in range(20):
        git_repo.write(f"docs/page{n}.md", f"Page {n}.\n")
        git_repo.commit(f"docs: page {n}")
    cache = tmp_path / "cache"
    args = ["history", "--last", "20", "--jobs", jobs, "--cache", str(cache), "--format", "json"]
    proc = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AFTER_THREE, *args],
        cwd=git_repo.path,
        capture_output=True,
        text=True,
        start_new_session=True,  # its own process group: the signal reaches no test process
    )
    done = len(list(cache.rglob("*.json")))
    assert (proc.returncode, proc.stdout) == (130, ""), proc.stderr
    # one process stops at the third; a pool also finishes what its workers had started
    assert done == 3 if jobs == "1" else 3 <= done < 20, done
    assert proc.stderr == "mergeready: interrupted; run it again to resume from the cache\n"
    rerun = subprocess.run(
        [sys.executable, "-m", "mergeready.hooks", *args],
        cwd=git_repo.path,
        capture_output=True,
        text=True,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout)["contributions"] == 20
    assert len(list(cache.rglob("*.json"))) == 20


@pytest.mark.slow
def test_ctrl_c_while_pool_workers_wait_for_work_is_still_one_line(git_repo, tmp_path):
    """Four commits in four blocks on two workers: at the third result at least one worker has
    no block left and waits for one. The terminal's Ctrl-C reaches it too; it leaves the
    interruption to the parent, never printing a traceback of its own."""
    import sys

    git_repo.write("README.md", "# R\n")
    git_repo.commit("initial")
    for n in range(4):
        git_repo.write(f"docs/page{n}.md", f"Page {n}.\n")
        git_repo.commit(f"docs: page {n}")
    args = ["history", "--last", "4", "--jobs", "2", "--cache", str(tmp_path / "cache")]
    proc = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AFTER_THREE, *args, "--format", "json"],
        cwd=git_repo.path,
        capture_output=True,
        text=True,
        start_new_session=True,  # its own process group: the signal reaches no test process
    )
    assert (proc.returncode, proc.stdout) == (130, ""), proc.stderr
    assert proc.stderr == "mergeready: interrupted; run it again to resume from the cache\n"


def test_report_names_profile_configuration_and_counts_each_contribution_once(history, run_cli):
    code, out, _ = run_cli("history", "--format", "json", "--jobs", "1")
    report = json.loads(out)
    assert report["configuration"]["profile"] == "default"
    assert report["configuration"]["source"] == "no project configuration: profile default"
    by_commit = {e["commit"]: e for e in report["entries"]}
    fix = by_commit[history[1]]  # "Fix rounding in legacy" also changes tests/
    assert (fix["primary"], fix["areas"]) == ("bugfix", ["tests"])
    assert report["types"]["tests"]["count"] == 3 and report["types"]["tests"]["primary"] == 0
    for month in report["months"]:
        assert sum(month["primary"].values()) == month["contributions"]
    assert sum(m["contributions"] for m in report["months"]) == report["contributions"] == 6
    code, text, _ = run_cli("history", "--jobs", "1")
    assert "profile default · configuration: no project configuration" in text


def _html(run_cli, tmp_path, *args):
    page = tmp_path / "history.html"
    code, _, err = run_cli("history", "--format", "html", "--output", str(page), *args)
    assert code == 0, err
    return page.read_text()


def test_charts_have_a_labelled_y_axis_and_legends_only_for_drawn_lines(history, run_cli, tmp_path):
    html = _html(run_cli, tmp_path, "--jobs", "1")
    assert ">contributions</text>" in html and ">share passing</text>" in html
    for tick in ("0%", "25%", "50%", "75%", "100%"):
        assert f">{tick}</text>" in html
    bugfix = html.split('id="type-bugfix"', 1)[1].split("<h2", 1)[0]
    legend = bugfix.split('<p class="legend">', 1)[1].split("</p>", 1)[0]
    # docstrings-complete was skipped for every bug fix: no line, so no legend entry
    assert "docstrings-complete" not in legend and "tests-present" in legend
    assert "Contributions per month, each counted once under its primary type" in html


def test_few_months_are_charted_per_week_and_a_lone_point_shows_its_value(
    git_repo, run_cli, tmp_path, monkeypatch
):
    git_repo.write("docs/a.md", "Start.\n")
    git_repo.commit("Initial")
    for day, text in (
        ("2024-03-04", "Teh one.\n"),
        ("2024-03-12", "Two.\n"),
        ("2024-03-20", "3.\n"),
    ):
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"{day}T12:00:00+00:00")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{day}T12:00:00+00:00")
        git_repo.write("docs/a.md", text)
        git_repo.commit(f"docs: {day}")
    git_repo.write("pkg/m.py", '"""M."""\n\n\ndef f(x):\n    return x\n')
    git_repo.commit("Add f")
    html = _html(run_cli, tmp_path, "--jobs", "1")
    assert "Contributions per week" in html and ">2024-W10</text>" in html
    feature = html.split('id="type-feature"', 1)[1].split("<h2", 1)[0]
    assert "<polyline" not in feature
    assert "0% (" in feature  # the one judged week of docstrings-complete, labelled


def test_commits_and_pull_requests_link_to_the_host(history, run_cli, tmp_path, git_repo):
    git_repo.git("remote", "add", "origin", "git@github.com:acme/demo.git")
    git_repo.write("pkg/mod.py", "X = 1\n")
    git_repo.commit("Fix the thing (#42)")
    html = _html(run_cli, tmp_path, "--jobs", "1")
    sha = git_repo.git("rev-parse", "HEAD")
    assert f'<a href="https://github.com/acme/demo/commit/{sha}">' in html
    assert '<a href="https://github.com/acme/demo/pull/42">#42</a>' in html


def test_a_keras_layout_without_configuration_gets_the_keras_profile_suggested(git_repo, run_cli):
    git_repo.write(
        "keras/layers/clip.py", '@keras_export("keras.layers.Clip")\nclass Clip:\n    pass\n'
    )
    git_repo.commit("Initial")
    git_repo.write(
        "keras/layers/clip.py", '@keras_export("keras.layers.Clip")\nclass Clip:\n    x = 1\n'
    )
    git_repo.commit("Change clip")
    code, out, _ = run_cli("history", "--format", "json", "--jobs", "1")
    assert json.loads(out)["suggested_profile"]["profile"] == "keras"
    code, text, _ = run_cli("history", "--jobs", "1")
    assert "a better fit may be profile keras" in text
    git_repo.write(".mergeready.yaml", "profile: default\n")
    git_repo.commit("Configure")
    code, out, _ = run_cli("history", "--format", "json", "--jobs", "1")
    assert json.loads(out)["suggested_profile"] is None


def test_text_report_escapes_control_characters_in_subjects(git_repo, run_cli):
    git_repo.write("pkg/mod.py", "X = 1\n")
    git_repo.commit("Initial")
    git_repo.write("pkg/mod.py", "X = 2\n")
    git_repo.commit("Fix \x1b[2J\x1b]0;owned\x07 it")
    code, out, _ = run_cli("history", "--jobs", "1")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "Fix \\x1b[2J\\x1b]0;owned\\x07 it" in out


def test_the_range_names_the_branch_walked(git_repo, run_cli, tmp_path):
    """With a remote, the default branch is what origin/HEAD points at: the report says so."""
    for n in range(3):
        git_repo.write("README.md", f"# R{n}\n")
        git_repo.commit(f"docs: {n}")
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(git_repo.path), str(origin)], check=True)
    git_repo.git("remote", "add", "origin", str(origin))
    git_repo.git("fetch", "-q", "origin")
    git_repo.git("remote", "set-head", "origin", "main")
    code, out, _ = run_cli("history", "--format", "json", "--no-cache")
    assert code == 0 and json.loads(out)["range"] == "origin/main, last 100, first-parent"


KERAS_PYPROJECT = """[project]
name = "keras"

[tool.pytest.ini_options]
filterwarnings = ["error"]
addopts = "-vv"
python_files = ["*_test.py"]

[tool.ruff]
line-length = 80
"""


def test_history_suggests_the_keras_profile_on_a_keras_shaped_project(git_repo, run_cli):
    """pytest's and ruff's settings in pyproject.toml do not configure mergeready."""
    git_repo.write("pyproject.toml", KERAS_PYPROJECT)
    git_repo.write("keras/src/api_export.py", "def keras_export(path):\n    return lambda x: x\n")
    git_repo.write(
        "keras/src/layers/core/dense.py",
        'from keras.src.api_export import keras_export\n\n\n@keras_export("keras.layers.Dense")\n'
        "class Dense:\n    pass\n",
    )
    git_repo.write(
        "keras/src/layers/core/dense_test.py", "def test_dense():\n    assert True is not False\n"
    )
    git_repo.commit("Initial")
    dense = git_repo.path / "keras/src/layers/core/dense.py"
    git_repo.write("keras/src/layers/core/dense.py", dense.read_text() + "\n\nX = 1\n")
    git_repo.commit("Change dense")
    code, out, _ = run_cli("history", "--format", "json", "--jobs", "1")
    suggested = json.loads(out)["suggested_profile"]
    assert code == 0 and suggested["profile"] == "keras"
    assert "@keras_export" in suggested["why"]
    assert "tests beside their modules (x_test.py beside x.py): 1" in suggested["why"]
    assert "no changelog" in suggested["why"]
    git_repo.write("pyproject.toml", KERAS_PYPROJECT + '\n[tool.mergeready]\nprofile = "default"\n')
    git_repo.commit("Configure mergeready")
    code, out, _ = run_cli("history", "--format", "json", "--jobs", "1")
    assert json.loads(out)["suggested_profile"] is None  # the project chose for itself


@pytest.mark.parametrize(
    "subject, shown",
    [
        ("Fix the thing (#42)", "Fix the thing (#42)"),
        (  # issue #25's trial (L3): `… packed tensors ( (tests-present)`
            "Fix unpack_ternary decoding for signed int8 packed tensors (#23377)",
            "Fix unpack_ternary decoding for signed int8 packed tensors…",
        ),
        ("x" * 70, "x" * 59 + "…"),
    ],
)
def test_worst_subjects_are_cut_at_a_word_never_inside_a_parenthesis(subject, shown):
    from mergeready.hooks.formats.history_text import _short

    assert _short(subject) == shown


@pytest.mark.parametrize(
    "months, weeks, period",
    [
        (["2024-03"], ["2024-W10"], "week"),  # a range inside one week (issue #25's trial)
        (["2024-03"], ["2024-W10", "2024-W11"], "week"),
        (["2024-01", "2024-02", "2024-03", "2024-04"], ["2024-W01"] * 14, "month"),
        (["2024-03"], [], "month"),
    ],
)
def test_the_chart_period_is_the_week_under_four_months(months, weeks, period):
    from mergeready.hooks.formats.history_html import periods

    summary = {"months": [{"month": m} for m in months], "weeks": [{"week": w} for w in weeks]}
    assert periods(summary)[0] == period
