"""Issue 11: a contribution must not blind, bypass, stall or hijack mergeready.

Each test is an attack reproduced on a real temporary repository; each failed before its fix.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Repo, codes, statuses, story

PY = '"""M."""\n'


def _cli(repo: Repo | Path, *argv: str, env: dict[str, str] | None = None):
    """Run the real command in a subprocess, as a user would."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "mergeready"), *argv],
        cwd=repo.path if isinstance(repo, Repo) else repo,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _report(repo: Repo, *argv: str) -> tuple[int, dict]:
    proc = _cli(repo, "check", "--format", "json", *argv)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def _one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("mergeready: error: ")
    for word in words:
        assert word in proc.stderr


# --- crashes and injections through trusted inputs -------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--base", "no such branch"],
        ["check", "--base", "main", "--head", "no such"],
        ["check", "--head", "a b"],
        ["check", "--base", "main", "--config", "my rules.yaml"],
        ["check", "--all", "--base", "main", "--config", "my rules.yaml"],
        ["rules", "--base", "x y"],
        ["rules", "--config", "a b.yaml"],
        ["check", "--base", "main\nHEAD"],
        ["check", "--base", "main", "--config", "a\nb.yaml"],
    ],
)
def test_a_space_or_newline_in_a_ref_or_config_path_is_one_line_and_exit_2(git_repo, argv):
    story(git_repo, {"README.md": "# R\n"}, {"a.md": "A.\n"}, message="docs: a")
    proc = _cli(git_repo, *argv)
    _one_line_error(proc)


def test_an_option_as_base_never_reaches_git_fetch_on_a_shallow_clone(git_repo, tmp_path):
    story(git_repo, {"README.md": "# R\n"}, {"a.md": "A.\n"}, message="docs: a")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--branch", "topic", git_repo.path.as_uri(), clone],
        check=True,
        capture_output=True,
    )
    marker = tmp_path / "pwned"
    env = {**os.environ, "GITHUB_ACTIONS": "true", "CI": "true"}
    env.pop("GITHUB_EVENT_PATH", None)
    for base in (f"--upload-pack=touch {marker};git-upload-pack", "-c"):
        proc = _cli(clone, "check", f"--base={base}", env=env)
        _one_line_error(proc, "revision")
        assert not marker.exists()


ROOT = Path(__file__).parents[1]


def _wheel_like(tmp_path: Path) -> dict[str, str]:
    """An environment where mergeready is imported as from a wheel: no site, no editable hook.

    (The editable install's ``.pth`` imports ``__future__`` at start-up, which would hide the
    attack; ``-S`` with a tree of links is what a plain ``pip install mergeready`` gives.)
    """
    import yaml

    site = tmp_path / "site"
    (site / "mergeready").mkdir(parents=True)
    for folder in ("checks", "hooks", "rules"):
        (site / "mergeready" / folder).symlink_to(ROOT / folder)
    deps = str(Path(yaml.__file__).parents[1])
    return {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{deps}"}


def test_python_m_imports_nothing_from_the_checkout_once_mergeready_starts(git_repo, tmp_path):
    """Each module loaded after runpy starts mergeready is planted in the checkout; none runs.

    What CPython itself imports for ``-m`` before mergeready's first line (runpy's own
    ``importlib``, ``contextlib``, ``warnings``…) mergeready cannot guard: SECURITY.md says so.
    """
    story(git_repo, {"README.md": "# R\n"}, {"a.md": "A.\n"}, message="docs: a")
    env = _wheel_like(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    probe = subprocess.run(
        [sys.executable, "-S", "-X", "importtime", "-m", "mergeready.hooks", "--version"],
        cwd=empty,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    names = [line.rsplit("|", 1)[-1].strip() for line in probe.stderr.splitlines()]
    start = names.index("runpy")
    before = {n.split(".")[0] for n in names[:start]}
    planted = {n for n in names[start + 1 :] if "." not in n} - before - {"mergeready"}
    planted |= {"__future__", "argparse", "typing", "dataclasses", "yaml"} - before
    marker = tmp_path / "marker"
    for name in sorted(planted):
        git_repo.write(f"{name}.py", f"open({str(marker)!r}, 'a').write({name!r} + ' ')\n")
    proc = subprocess.run(
        [sys.executable, "-S", "-m", "mergeready.hooks", "check", "--base", "main"],
        cwd=git_repo.path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert not marker.exists(), f"{marker.read_text()}.py from the checkout ran"
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- configuration comes from the base -----------------------------------------------------


def test_check_all_with_a_base_reads_configuration_from_the_base(git_repo, run_json):
    story(
        git_repo,
        {"README.md": "# R\n", "notes.md": "Teh notes.\n"},
        {
            ".mergeready.yaml": "checks:\n  spelling-clean:\n    ignore-words: [teh]\n",
            "a.md": "A.\n",
        },
        message="docs: a",
    )
    code, report = run_json("--all", "--base", "main", "--only", "spelling-clean")
    assert code == 1 and "MR401" in codes(report), report
    assert report["config_source"] != "working tree" if "config_source" in report else True


TEH_IGNORED = ".mergeready.yaml", "checks:\n  spelling-clean:\n    ignore-words: [teh]\n"


@pytest.mark.parametrize("head_given", [True, False], ids=["--head topic", "HEAD on topic"])
def test_check_all_on_a_contributed_head_reads_configuration_from_the_default_branch(
    git_repo, head_given
):
    # `check --all --head topic` (no --base): the audited commit has left main, so it is a
    # contribution and its .mergeready.yaml is data; main's tip configures the audit.
    story(
        git_repo,
        {"README.md": "# R\n", "notes.md": "Teh notes.\n"},
        {TEH_IGNORED[0]: TEH_IGNORED[1], "a.md": "A.\n"},
        message="docs: a",
    )
    main_sha = git_repo.git("rev-parse", "main")
    if head_given:
        git_repo.checkout("main")
    argv = ["--all", "--only", "spelling-clean"] + (["--head", "topic"] if head_given else [])
    proc = _cli(git_repo, "check", "--format", "json", *argv)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "MR401" in codes(json.loads(proc.stdout))
    assert f"configuration read from {main_sha[:12]}" in proc.stderr, proc.stderr
    rules = _cli(git_repo, "rules")
    assert f"configuration read from {main_sha[:12]}" in rules.stdout, rules.stdout + rules.stderr


def test_check_all_on_the_default_branch_is_configured_by_the_audited_commit(git_repo):
    # The project's own history (an ancestor of main, or main itself) configures its audit.
    git_repo.write("notes.md", "Teh notes.\n")
    git_repo.write(*TEH_IGNORED)
    old = git_repo.commit("docs: notes")
    git_repo.git("rm", "-q", ".mergeready.yaml")
    git_repo.commit("chore: drop config")
    for argv in (["--head", old], []):
        if not argv:
            git_repo.git("reset", "-q", "--hard", old)
        proc = _cli(git_repo, "check", "--all", "--only", "spelling-clean", *argv)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "Teh" not in proc.stdout
        assert "configuration read from" not in proc.stderr


# --- attributes of the contribution never change what is diffed ---------------------------

ATTRIBUTES = [
    "*.py -diff\n*.md -diff\n",
    "* binary\n",
    "*.py diff=cat\n*.md diff=cat\n",
    "*.py -text\n*.md eol=crlf\n",
    "* filter=scrub\n",
    "* -diff -text -merge ident\n",
]
BASE_CODE = {
    "README.md": "# R\n",
    "pkg/__init__.py": PY,
    "pkg/calc.py": PY + "\n\ndef add(a, b):\n    return a + b\n",
}
HEAD_CODE = {
    "pkg/calc.py": PY + "\n\ndef add(a, b):\n    return a - b\n\n\ndef mul(a, b):\n    return a\n",
    "docs/page.md": "Teh page.\n",
}


def _attack(repo: Repo, attributes: str) -> None:
    story(repo, BASE_CODE, {**HEAD_CODE, ".gitattributes": attributes}, message="change")
    # A textconv and a filter the user might have configured: the contribution picks them.
    repo.git("config", "diff.cat.textconv", "true")
    repo.git("config", "diff.cat.binary", "true")
    repo.git("config", "filter.scrub.clean", "true")


def _blind(report: dict) -> None:
    got = statuses(report)
    assert got["tests-present"] == "fail", report
    assert got["docstrings-complete"] == "fail", report
    assert "MR401" in codes(report), report


@pytest.mark.parametrize("attributes", ATTRIBUTES)
def test_contributed_attributes_with_the_head_checked_out(git_repo, run_json, attributes):
    _attack(git_repo, attributes)
    code, report = run_json("--base", "main")
    assert code == 1
    _blind(report)


@pytest.mark.parametrize("attributes", ATTRIBUTES)
def test_contributed_attributes_with_the_base_checked_out(git_repo, run_json, attributes):
    _attack(git_repo, attributes)
    git_repo.git("checkout", "-q", "-f", "main")
    git_repo.write(".gitattributes", attributes)  # as if the base had them too
    code, report = run_json("--base", "main", "--head", "topic")
    assert code == 1
    _blind(report)


@pytest.mark.parametrize("attributes", ATTRIBUTES)
def test_contributed_attributes_staged_and_in_the_working_tree(git_repo, run_json, attributes):
    _attack(git_repo, attributes)
    git_repo.git("reset", "-q", "--soft", "main")
    code, report = run_json("--staged")
    assert code == 1
    _blind(report)
    git_repo.git("reset", "-q")  # now the changes are only in the working tree
    code, report = run_json()
    assert code == 1
    _blind(report)


# --- checks blinded by how text is split into lines ----------------------------------------

CALC = PY + "\n\ndef add(a, b):\n    return a + b\n"


def test_a_new_module_with_cr_only_line_endings(git_repo, run_json):
    module = '"""Calc."""\r\r\rdef add(a, b):\r    # teh sum\r    return a + b\r'
    story(git_repo, {"README.md": "# R\n"}, {"pkg/calc.py": module}, message="add calc")
    code, report = run_json("--base", "main")
    got = statuses(report)
    assert (got["tests-present"], got["docstrings-complete"]) == ("fail", "fail"), report
    assert {"MR101", "MR201", "MR401"} <= set(codes(report))


BREAKERS = ["\x1c", "\x1d", "\x1e", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("breaker", BREAKERS)
def test_line_breaks_python_and_git_do_not_share_keep_the_change_visible(
    git_repo, run_json, breaker
):
    note = f"# a note{breaker}{breaker}{breaker} on adding\n"
    base = PY + f"\n\n{note}def add(a, b):\n    return a + b\n"
    story(
        git_repo,
        {"README.md": "# R\n", "pkg/calc.py": base},
        {"pkg/calc.py": base.replace("a + b", "a - b")},
        message="change add",
    )
    code, report = run_json("--base", "main")
    assert statuses(report)["tests-present"] == "fail", report


@pytest.mark.parametrize("breaker", ["\u2028", "\x1c", "\x85", "\x0c", "\r"])
def test_a_line_break_in_markdown_never_hides_the_misspellings_after_it(
    git_repo, run_json, breaker
):
    base = f"# Title{breaker}{breaker}{breaker}{breaker}\n\nText.\n"
    story(
        git_repo,
        {"README.md": base},
        {"README.md": base + "More teh text.\n"},
        message="docs: more",
    )
    code, report = run_json("--base", "main")
    assert code == 1 and codes(report) == ["MR401"], report
    finding = report["checks"][0]["findings"][0] if report["checks"] else {}
    spelling = next(c for c in report["checks"] if c["id"] == "spelling-clean")
    assert spelling["findings"][0]["line"] == 4, finding


def test_a_lone_cr_between_a_docstring_and_code(git_repo, run_json):
    base = PY + '\n\ndef add(a, b):\n    """Add."""\n    return a + b\n'
    head = base.replace('    """Add."""\n    return a + b', '    """Add."""\r    return a - b')
    story(git_repo, {"README.md": "# R\n", "pkg/calc.py": base}, {"pkg/calc.py": head})
    code, report = run_json("--base", "main")
    assert statuses(report)["tests-present"] == "fail", report


def test_a_utf7_coding_cookie_cannot_hide_code_in_a_comment(git_repo, run_json):
    base = "# -*- coding: utf-7 -*-\n" + PY + "\n\ndef mul(a, b):\n    return a\n"
    head = base.replace("    return a\n", "    #+AAo-    return a * b\n    return a\n")
    story(git_repo, {"README.md": "# R\n", "pkg/calc.py": base}, {"pkg/calc.py": head})
    code, report = run_json("--base", "main")
    assert statuses(report)["tests-present"] == "fail", report


def test_a_utf7_cookie_hiding_a_new_public_function(git_repo, run_json):
    base = "# -*- coding: utf-7 -*-\n" + PY + "\n\ndef mul(a, b):\n    return a\n"
    head = base + "#+AAo-def div(a, b):+AAo-    return a\n"
    story(git_repo, {"README.md": "# R\n", "pkg/calc.py": base}, {"pkg/calc.py": head})
    code, report = run_json("--base", "main")
    got = statuses(report)
    assert got["tests-present"] == "fail" and got["docstrings-complete"] == "fail", report


def test_a_wide_coding_cookie_counts_the_whole_file_and_says_why(git_repo, run_json):
    body = (PY + "\n\ndef mul(a, b):\n    return a\n").encode("utf-16-le")
    base = b"# coding: utf-16\n" + body
    story(git_repo, {"README.md": "# R\n", "pkg/calc.py": base}, {"pkg/calc.py": base + b"#"})
    code, report = run_json("--base", "main")
    assert statuses(report)["tests-present"] == "fail", report


def test_a_line_break_in_the_changelog_does_not_move_an_entry(git_repo, run_json):
    base = "# Changelog\u2028\u2028\u2028\n## Unreleased\n## 1.0 (2020-01-01)\n- old\n- older\n"
    head = base.replace("- old\n", "- old\n- new entry under the released version\n")
    story(
        git_repo,
        {"README.md": "# R\n", "CHANGELOG.md": base, "pkg/__init__.py": PY},
        {"CHANGELOG.md": head, "pkg/__init__.py": PY + "X = 1\n"},
        message="feat: x",
    )
    code, report = run_json("--base", "main")
    assert statuses(report)["changelog-updated"] == "fail", report


# --- files that cannot be checked say so ----------------------------------------------------


def _check(report: dict, check_id: str) -> dict:
    return next(c for c in report["checks"] if c["id"] == check_id)


def test_a_modified_module_with_one_nul_byte_is_never_silently_skipped(git_repo, run_json):
    base = PY + "\n\ndef add(a, b):\n    return a + b\n"
    head = base.replace("a + b", "a - b") + "\n\ndef sub(a, b):\n    return a\x00\n"
    story(
        git_repo,
        {"README.md": "# R\n", "pkg/calc.py": base, "docs/x.md": "Fine.\n"},
        {"pkg/calc.py": head, "docs/x.md": "Fine.\nTeh\x00 word.\n"},
        message="change",
    )
    code, report = run_json("--base", "main")
    assert code == 1
    assert _check(report, "tests-present")["status"] == "fail"
    docs = _check(report, "docstrings-complete")
    assert docs["status"] != "pass", docs
    assert [(f["code"], f["path"]) for f in docs["findings"]] == [("MR207", "pkg/calc.py")]
    assert "NUL" in docs["findings"][0]["message"] and "not checked" in docs["summary"]
    spelling = _check(report, "spelling-clean")
    assert ("MR403", "docs/x.md") in [(f["code"], f["path"]) for f in spelling["findings"]]
    assert "not checked" in spelling["summary"]


def test_a_module_padded_past_the_size_limit_is_not_no_public_definition(git_repo, run_json):
    module = PY + "\n\ndef add(a, b):\n    return a + b\n" + "#" * 5000 + "\n"
    story(git_repo, {"README.md": "# R\n"}, {"pkg/calc.py": module}, message="feat: add")
    code, report = run_json("--base", "main", "--max-file-size", "4000")
    docs = _check(report, "docstrings-complete")
    assert "no public definition" not in docs["summary"], docs
    assert "not checked" in docs["summary"] and docs["status"] != "pass"
    assert [f["code"] for f in docs["findings"]] == ["MR207"]
    assert _check(report, "tests-present")["status"] == "fail"


def test_an_undecodable_module_says_so(git_repo, run_json):
    module = b'"""M."""\n\n\ndef add(a, b):\n    return "\xff"\n'
    story(git_repo, {"README.md": "# R\n"}, {"pkg/calc.py": module}, message="feat: add")
    code, report = run_json("--base", "main")
    docs = _check(report, "docstrings-complete")
    assert [f["code"] for f in docs["findings"]] == ["MR207"] and docs["status"] != "pass"
    assert "not checked" in docs["summary"]


# --- contributed inline suppressions switch nothing off ------------------------------------

STRICT_STYLE = (
    "checks:\n  docstrings-complete:\n    require: [presence, params, style]\n"
    "    convention: google\n"
)
NOQA_MODULE = (
    PY
    + '\n\ndef add(a, b):  # noqa\n    """adds a and b\n    Args:\n        a: A.\n'
    + '        b: B.\n    """\n    return a + b\n'
)


@pytest.mark.parametrize("allow", [False, True])
def test_a_contributed_noqa_silences_pydocstyle_only_when_the_base_allows(
    git_repo, run_json, allow
):
    config = STRICT_STYLE + ("    inline-noqa: true\n" if allow else "")
    story(
        git_repo,
        {"README.md": "# R\n", ".mergeready.yaml": config, "pkg/__init__.py": PY},
        {
            "pkg/calc.py": NOQA_MODULE,
            # the contribution's own configuration is never read
            ".mergeready.yaml": STRICT_STYLE + "    inline-noqa: true\n",
        },
        message="feat: add",
    )
    code, report = run_json("--base", "main", "--only", "docstrings-complete")
    found = codes(report)
    assert ("MR206" in found) is not allow, report


@pytest.mark.parametrize("allow", [False, True])
def test_a_contributed_codespell_ignore_counts_only_when_the_base_allows(git_repo, run_json, allow):
    config = "checks:\n  spelling-clean:\n    inline-ignore: true\n" if allow else "{}\n"
    story(
        git_repo,
        {"README.md": "# R\n", ".mergeready.yaml": config},
        {"README.md": "# R\nA teh word <!-- codespell:ignore -->\n"},
        message="docs: x",
    )
    code, report = run_json("--base", "main", "--only", "spelling-clean")
    assert (codes(report) == ["MR401"]) is not allow, report


# --- stalls: the four regexes the issue found quadratic, end to end -------------------------


def _commit_verbatim(repo: Repo, tmp_path: Path, message: str) -> None:
    note = tmp_path / "message.txt"
    note.write_text(message)
    repo.git("add", "-A")
    repo.git("commit", "-q", "--no-verify", "--cleanup=verbatim", "-F", str(note))


def test_adversarial_messages_subjects_and_headings_do_not_stall(git_repo, tmp_path):
    """Each input took minutes to hours before; a hang fails the test through its timeout."""
    story(
        git_repo,
        {"README.md": "# R\n", "CHANGELOG.md": "# Changelog\n\n## 1.0 (2020-01-01)\n\n- a\n"},
        {},
    )
    git_repo.write("a.md", "A.\n")
    _commit_verbatim(git_repo, tmp_path, "docs: a\n\n" + "a." * 150_000 + "@\n")  # 300 KB line
    git_repo.write("b.md", "B.\n")
    _commit_verbatim(git_repo, tmp_path, "docs: b\n" + "\n" * 300_000 + "x\n")  # 300,000 newlines
    git_repo.write("c.md", "C.\n")
    _commit_verbatim(git_repo, tmp_path, "1" + ".1" * 100_000 + " x\n")  # 200 KB subject
    changelog = "# Changelog\n\n## " + "a" * 400_000 + "\n\n- entry\n\n## 1.0 (2020-01-01)\n\n- a\n"
    git_repo.write("CHANGELOG.md", changelog)  # 400 KB heading
    git_repo.commit("docs: changelog")
    proc = _cli(git_repo, "check", "--base", "main", "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    proc = _cli(git_repo, "history", "--no-cache", "--jobs", "1", "--format", "json")
    assert proc.returncode == 0, proc.stderr


def test_pydocstyle_sees_a_cr_only_module_as_python_does(git_repo, run_json):
    config = "checks:\n  docstrings-complete:\n    require: [presence, params, style]\n"
    module = (
        '"""Calc."""\r\r\rdef add(a, b):\r    """adds a and b\r\r'
        '    Args:\r        a: A.\r        b: B.\r    """\r    return a + b\r'
    )
    story(
        git_repo,
        {"README.md": "# R\n", ".mergeready.yaml": config + "    convention: google\n"},
        {"pkg/calc.py": module},
        message="feat: add",
    )
    code, report = run_json("--base", "main", "--only", "docstrings-complete")
    found = [(f["code"], f["line"]) for c in report["checks"] for f in c["findings"]]
    assert ("MR206", 1) in found, report  # git numbers the whole CR-only file as line 1


def test_a_whole_tree_audit_honours_the_projects_own_inline_ignores(git_repo, run_json):
    story(
        git_repo,
        {"README.md": "# R\nA teh word <!-- codespell:ignore -->\n"},
        {"README.md": "# R\nA teh word <!-- codespell:ignore -->\nTeh <!-- codespell:ignore -->\n"},
        message="docs: x",
    )
    code, report = run_json("--all", "--head", "main", "--only", "spelling-clean")
    assert codes(report) == [], report  # the project's own tree: its comments count
    # Audited as a contribution: the marked line main has as it is counts as main's (round 6:
    # --all on a branch honours it, tests/checks/spelling/test_all_on_branch.py); the line the
    # branch adds keeps its misspelling whatever its comment says.
    code, report = run_json("--all", "--base", "main", "--only", "spelling-clean")
    lines = [f["line"] for c in report["checks"] for f in c["findings"] if f["code"] == "MR401"]
    assert lines == [3], report
    # A branch that has left the default branch is a contribution even without --base: its
    # comments are not the project's (and its configuration is main's).
    code, report = run_json("--all", "--only", "spelling-clean")
    lines = [f["line"] for c in report["checks"] for f in c["findings"] if f["code"] == "MR401"]
    assert lines == [3], report
    code, report = run_json("--base", "main", "--only", "spelling-clean")
    assert codes(report) == ["MR401"], report


# --- untracked files are selected by the base's ignore rules ------------------------------

IGNORE_BASE = {
    "README.md": "# R\n",
    ".gitignore": "*.log\n!keep.log\nbuild/\n",
    "lib/.gitignore": "gen.md\n/top.md\n",
    "lib/mod.py": PY,
}


def _untracked_story(repo: Repo) -> None:
    for path, text in IGNORE_BASE.items():
        repo.write(path, text)
    repo.commit("initial")
    # The contribution, uncommitted on the default branch: it widens the root .gitignore,
    # adds a nested one that hides its own directory, and adds files those rules would hide.
    repo.write(".gitignore", "*.log\n!keep.log\nbuild/\n*.md\nsecret/\n")
    repo.write("secret/.gitignore", "*\n")
    repo.write("secret/evil.py", "def run(x):\n    return x\n")
    repo.write("docs/new.md", "Teh page.\n")
    repo.write("lib/deep/top.md", "Nested, not at the top.\n")
    for ignored in ("x.log", "build/out.md", "lib/gen.md", "lib/sub/gen.md", "lib/top.md"):
        repo.write(ignored, "ignored by the base\n")
    repo.write("keep.log", "kept by the base's negation\n")


def test_untracked_files_are_selected_by_the_base_ignore_rules(git_repo):
    from mergeready.checks.contribution import Contribution

    _untracked_story(git_repo)
    c = Contribution.from_git(git_repo.path)
    assert c.mode == "worktree"
    assert sorted(f.path for f in c.files) == [
        ".gitignore",
        "docs/new.md",
        "keep.log",
        "lib/deep/top.md",
        "secret/.gitignore",
        "secret/evil.py",
    ]


def test_a_contributed_gitignore_cannot_hide_new_files_from_the_checks(git_repo, run_json):
    _untracked_story(git_repo)
    code, report = run_json("--only", "spelling-clean,docstrings-complete")
    assert code == 1, report
    found = {(f["code"], f["path"]) for c in report["checks"] for f in c["findings"]}
    assert ("MR401", "docs/new.md") in found, report
    assert ("MR201", "secret/evil.py") in found, report


# --- binary and oversized files are never read whole into the diff -------------------------

BIG_TEXT = "".join(f"line_{i} = {i}\n" for i in range(400))  # about 5,000 bytes


@pytest.mark.parametrize("mode", ["commits", "staged", "worktree"])
def test_binary_and_oversized_files_are_not_diffed_and_say_so(git_repo, mode):
    from mergeready.checks.contribution import Contribution

    git_repo.write("README.md", "# R\n")
    git_repo.write("big.py", BIG_TEXT)
    git_repo.write("small.md", "A.\n")
    git_repo.commit("initial")
    if mode == "commits":
        git_repo.branch("topic")
    git_repo.write("big.py", BIG_TEXT.replace("line_7 = 7", "line_7 = 8"))  # past the limit
    git_repo.write("blob.bin", b"\x89PNG\r\n\x1a\n\0" + bytes(range(256)) * 4)  # NUL: binary
    git_repo.write("was_text.md", b"A.\n")
    git_repo.write("small.md", "A.\nTeh.\n")
    if mode == "commits":
        git_repo.commit("feat: change")
    elif mode == "staged":
        git_repo.git("add", "-A")
    else:
        git_repo.git("add", "-N", "blob.bin", "was_text.md")  # tracked-to-be, so diffed
    c = Contribution.from_git(
        git_repo.path,
        base="main" if mode == "commits" else None,
        staged=mode == "staged",
        max_file_size=2000,
    )
    by_path = {f.path: f for f in c.files}
    assert by_path["big.py"].undiffed == "larger than 2000 bytes (5780 bytes)"
    assert by_path["blob.bin"].undiffed == "binary (a NUL byte in its first 8000 bytes)"
    for path in ("big.py", "blob.bin"):
        assert by_path[path].binary and by_path[path].hunks is None  # every line counts
    assert by_path["small.md"].undiffed == "" and by_path["small.md"].hunks == ((2, 2),)
    c.close()


def test_an_undiffed_file_is_reported_never_silently_passed(git_repo):
    story(
        git_repo,
        {"README.md": "# R\n", "pkg/__init__.py": PY, "pkg/big.py": PY + BIG_TEXT},
        {
            "pkg/big.py": PY + BIG_TEXT.replace("= 7\n", "= 8\n"),
            "x\n::error::forged.bin": b"\0\1\2" * 99,
        },
        message="fix: change",
    )
    proc = _cli(
        git_repo,
        "check",
        "--base",
        "main",
        "--max-file-size",
        "2000",
        "--format",
        "json",
        "--only",
        "tests-present,docstrings-complete,spelling-clean",
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert statuses(report)["tests-present"] == "fail"  # the change to big.py still counts
    assert {"MR207", "MR403"} <= set(codes(report)), report
    assert "2 files not diffed" in proc.stderr and "pkg/big.py" in proc.stderr, proc.stderr
    assert not any(line.startswith("::") for line in proc.stderr.splitlines()), proc.stderr
