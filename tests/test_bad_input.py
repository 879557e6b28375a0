"""Bad input (DESIGN §6): a correct result, or one clear line and exit status 2 — never a
traceback, never a hang, never a silent pass. Each case is a real repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import Repo, codes, statuses, story

PY = '"""M."""\n'


def _cli(repo: Repo, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run the real command in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "mergeready.hooks", *argv],
        cwd=repo.path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _process_report(repo: Repo, *argv: str) -> tuple[int, dict]:
    """The JSON report of the real command in a subprocess, and its exit status."""
    proc = _cli(repo, "check", "--format", "json", *argv)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def _report(run_cli, *argv: str) -> tuple[int, dict]:
    """The JSON report and exit status of the command run in this process, on the same real
    repository: these cases test what is decided, and an interpreter start-up apiece would cost
    more than the decision (the exit-2 cases and odd names on stdout run the real command)."""
    code, out, err = run_cli("check", "--format", "json", *argv)
    assert "Traceback" not in err, err
    assert code in (0, 1), err
    return code, json.loads(out)


CONTENT_CASES = [
    # (id, file name, content, expected status per check, expected codes)
    ("binary with NUL bytes", "blob.dat", b"\x00\x01teh\x00" * 100, {"spelling-clean": "pass"}, []),
    (
        "Latin-1 text",
        "notes.txt",
        "café and teh\n".encode("latin-1"),
        {"spelling-clean": "fail"},
        ["MR401"],
    ),
    (
        "invalid UTF-8 in Python",
        "bad.py",
        b'"""M."""\nX = "\xff\xfe"\n',
        {"docstrings-complete": "skip"},
        ["MR101", "MR207"],
    ),
    (
        "UTF-8 BOM",
        "bom.py",
        "\ufeff" + PY + "\ndef f(a):\n    return a\n",
        {"docstrings-complete": "fail"},
        ["MR101", "MR201"],
    ),
    (
        "CRLF line endings",
        "crlf.md",
        b"Fine line.\r\nA teh line.\r\n",
        {"spelling-clean": "fail"},
        ["MR401"],
    ),
    (
        "Python 2 syntax",
        "old.py",
        b'print "hello"\n',
        {"docstrings-complete": "skip"},
        ["MR101", "MR207"],
    ),
    ("only a docstring", "doc_only.py", PY.encode(), {"docstrings-complete": "pass"}, []),
]


@pytest.mark.parametrize(
    "name, path, content, expected, expected_codes",
    CONTENT_CASES,
    ids=[c[0] for c in CONTENT_CASES],
)
def test_file_contents(git_repo, run_cli, name, path, content, expected, expected_codes):
    story(git_repo, {"README.md": "# R\n"}, {})
    git_repo.write(path, content)
    git_repo.commit("feat: add file")
    code, report = _report(run_cli)
    found = statuses(report)
    assert {k: found[k] for k in expected} == expected
    assert sorted(set(codes(report))) == sorted(expected_codes)
    assert code == (0 if report["passed"] else 1) and report["passed"] == (
        "fail" not in found.values()
    )


def test_crlf_column_and_line(git_repo, run_cli):
    story(git_repo, {"README.md": "# R\n"}, {})
    git_repo.write("crlf.md", b"Fine line.\r\nA teh line.\r\n")
    git_repo.commit("docs: crlf")
    _, report = _report(run_cli)
    (finding,) = [f for c in report["checks"] for f in c["findings"]]
    assert (finding["path"], finding["line"], finding["column"]) == ("crlf.md", 2, 3)


@pytest.mark.slow
def test_a_file_over_the_size_limit_is_skipped_with_a_reason(git_repo, run_cli):
    story(git_repo, {"README.md": "# R\n"}, {})
    git_repo.write("big.txt", "teh words\n" * 2_100_000)  # 21 MB
    git_repo.write("big.py", "X = 1\n" * 50_000)
    git_repo.commit("feat: big files")
    code, report = _report(run_cli, "--max-file-size", "1000000")
    messages = {f["code"]: f["message"] for c in report["checks"] for f in c["findings"]}
    assert messages["MR403"].startswith("not checked: larger than 1000000 bytes (21000000 bytes)")
    assert "MR401" not in messages


@pytest.mark.slow
def test_a_50000_line_python_file(git_repo, run_cli):
    story(git_repo, {"README.md": "# R\n"}, {})
    body = "".join(f"def f{i}(x):\n    return x\n" for i in range(25_000))
    git_repo.write("huge.py", PY + body)
    git_repo.commit("feat: huge")
    code, report = _report(run_cli, "--only", "docstrings-complete")
    assert code == 1
    findings = report["checks"][0]["findings"]  # one file lists at most 1,000, the rest counted
    assert len(findings) == 1_001, len(findings)
    assert "24,000" in findings[-1]["message"], findings[-1]


def test_symlinks_are_never_followed(git_repo, run_cli, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("teh secret\n")
    story(git_repo, {"README.md": "# R\n"}, {})
    os.symlink("README.md", git_repo.path / "link.md")
    os.symlink(str(outside), git_repo.path / "outside.md")
    os.symlink("missing.md", git_repo.path / "dangling.md")
    git_repo.commit("docs: links")
    code, report = _report(run_cli)
    assert code == 0
    assert codes(report) == []
    # the same, uncommitted, in the working tree
    os.symlink(str(outside), git_repo.path / "outside2.md")
    git_repo.checkout("main")
    code, report = _report(run_cli)
    assert code == 0


def test_a_submodule(git_repo, run_cli, tmp_path):
    (tmp_path / "sub").mkdir()
    sub = Repo(tmp_path / "sub")
    sub.write("teh.md", "teh\n")
    sub.commit("sub")
    story(git_repo, {"README.md": "# R\n"}, {})
    git_repo.git(
        "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub.path), "vendor/sub"
    )
    git_repo.commit("chore: add submodule")
    code, report = _report(run_cli)
    assert code == 0 and codes(report) == []


def test_names_with_spaces_quotes_dashes_unicode_and_newlines(git_repo):
    names = ["with space.md", 'quo"te.md', "-rf.md", "ünï.md", "new\nline.md"]
    story(
        git_repo,
        {"README.md": "# R\n"},
        {name: "A teh.\n" for name in names},
        message="docs: odd names",
    )
    code, report = _process_report(git_repo)
    assert code == 1
    paths = sorted(f["path"] for c in report["checks"] for f in c["findings"])
    assert paths == sorted(names)


def test_options_that_look_like_refs_and_paths(git_repo, run_cli, tmp_path):
    # the file git would write is the test's own: a fixed /tmp/pwned is shared by every run on
    # the machine, so one run that wrote it (another branch's bug) failed all later ones
    pwned = tmp_path / "pwned"
    story(git_repo, {"README.md": "# R\n"}, {"-rf.md": "teh\n"}, message="docs: x")
    proc = _cli(git_repo, "check", f"--base=--output={pwned}")
    assert proc.returncode == 2
    assert proc.stderr == (
        f"mergeready: error: unknown revision '--output={pwned}'; name an "
        "existing branch, tag or commit\n"
    )
    assert not pwned.exists()
    code, report = _report(run_cli, "--", "-rf.md")
    assert code == 1 and codes(report) == ["MR401"]


def test_a_merge_commit_in_the_range_and_a_detached_head(git_repo, run_cli):
    story(git_repo, {"README.md": "# R\n"}, {"a.md": "A teh.\n"}, message="docs: a")
    git_repo.checkout("main")
    git_repo.write("b.md", "B.\n")
    git_repo.commit("docs: b")
    git_repo.checkout("topic")
    git_repo.git("merge", "-q", "--no-edit", "main")
    code, report = _report(run_cli)
    assert code == 1 and codes(report) == ["MR401"]  # b.md came from main: not the contribution
    git_repo.git("checkout", "-q", "--detach", "HEAD")
    code, report = _report(run_cli)
    assert code == 1 and codes(report) == ["MR401"]


def test_empty_repository_and_empty_contribution(git_repo, run_cli):
    proc = _cli(git_repo, "check")
    assert proc.returncode == 0, proc.stderr  # nothing committed, nothing changed
    git_repo.write("README.md", "# R\n")
    git_repo.commit("initial")
    code, report = _report(run_cli)
    assert (code, report["types"], report["checks"]) == (0, [], [])


@pytest.mark.parametrize(
    "config, message",
    [
        ({".mergeready.yaml": "types: [unclosed\n"}, ".mergeready.yaml @ "),
        ({".mergeready.yaml": "- a list\n"}, "expected a mapping of keys"),
        (
            {".mergeready.yaml": "checks:\n  tests-present:\n    prefix-match: 3\n"},
            "checks.tests-present.prefix-match must be true or false",
        ),
        ({"pyproject.toml": "[tool.mergeready\n"}, "fix the TOML syntax"),
        ({"pyproject.toml": "[tool]\nmergeready = 3\n"}, "[tool.mergeready] must be a table"),
    ],
)
def test_corrupted_configuration(git_repo, config, message):
    story(git_repo, {"README.md": "# R\n", **config}, {"a.md": "A.\n"})
    proc = _cli(git_repo, "check")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_max_file_size(git_repo):
    story(git_repo, {"README.md": "# R\n"}, {})
    proc = _cli(git_repo, "check", "--max-file-size", "-1")
    assert proc.returncode == 2 and "--max-file-size" in proc.stderr
