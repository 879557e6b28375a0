"""Issue 22, round 2: what an independent attacker got through (their FINDINGS.md).

Each row is one attack turned into a test on a real temporary repository, run through the
real command; each failed before its fix.
"""

from __future__ import annotations

import json
import sys
import xml.dom.minidom

import pytest
from helpers import codes, story

PY = '"""M."""\n'
DEEP = "[" * 5000 + "]" * 5000


# --- 9: a deeply nested configuration file is MR010, never "internal error" -----------------


@pytest.mark.parametrize(
    "files",
    [
        {"pyproject.toml": f"[tool.mergeready]\nx = {DEEP}\n"},
        {"pyproject.toml": f'[project]\nname = "p"\nx = {DEEP}\n'},
    ],
    ids=["tool.mergeready", "project only"],
)
def test_a_deeply_nested_contributed_config_is_a_finding_not_a_crash(git_repo, run_cli, files):
    story(git_repo, {"README.md": "# R\n"}, files, message="chore: config")
    code, out, err = run_cli("check", "--base", "main", "--no-cache")
    assert "internal error" not in err and "Traceback" not in err, err
    assert code in (0, 1), err
    assert "MR010" in out


# --- 10: a long line of findings is scanned for markers once, not once per finding -----------


def test_a_line_with_many_findings_is_scanned_for_markers_once(git_repo, run_cli):
    # Before: each MR602 on a 1 MB line rescanned the whole line (findings x length: > 40 s).
    story(git_repo, {"README.md": "# R\n"}, {"docs/page.md": "[a](b) " * 300 + "\n"}, "docs: page")
    scans = 0

    def profile(frame, event, arg):
        nonlocal scans
        if event == "call" and frame.f_code.co_name == "inline_codes":
            scans += 1

    sys.setprofile(profile)
    try:
        code, out, err = run_cli(
            "check", "--base", "main", "--no-cache", "--only", "docs-valid", "--format", "json"
        )
    finally:
        sys.setprofile(None)
    assert codes(json.loads(out)).count("MR602") >= 300, out[:500]
    assert scans == 1


# --- 15/16: a file name cannot make a report unreadable or forge a location ------------------


def test_junit_stays_well_formed_with_noncharacters_in_a_file_name(git_repo, run_cli):
    story(
        git_repo, {"README.md": "# R\n"}, {"docs/n\ufffe\uffff.md": "We recieve it.\n"}, "docs: n"
    )
    code, out, err = run_cli("check", "--base", "main", "--no-cache", "--format", "junit")
    assert "MR401" in out, err
    xml.dom.minidom.parseString(out.encode("utf-8"))  # raises on a character XML forbids
    assert "\\ufffe\\uffff" in out


def test_compact_quotes_a_colon_in_a_file_name_so_it_cannot_forge_a_location(git_repo, run_cli):
    story(
        git_repo, {"README.md": "# R\n"}, {"README.md:1:1: MR000 good.md": "We recieve.\n"}, "docs"
    )
    code, out, err = run_cli("check", "--base", "main", "--no-cache", "--format", "compact")
    assert code == 1, err
    assert "MR401" in out
    assert not any(line.startswith("README.md:1:") for line in out.splitlines()), out
    assert "README.md\\x3a1\\x3a1: MR000 good.md:1:4: MR401" in out


# --- 17: a ticked claim is read as GitHub renders it -----------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "- [x] I have added&nbsp;tests",
        "- [x] I have added&#32;tests",
        "- [x] I have add\u200bed tests",
    ],
)
def test_a_ticked_test_claim_with_entities_or_invisible_characters_is_checked(
    git_repo, run_cli, body
):
    story(git_repo, {"README.md": "# R\n"}, {"README.md": "# R\n\nMore words.\n"}, "docs: more")
    code, out, err = run_cli("check", "--base", "main", "--no-cache", "--body", body)
    assert "MR901" in out, out


# --- 11: a secret in an issue title is flagged and never quoted back -------------------------

TOKEN = "ghp_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "github"])
@pytest.mark.parametrize(
    "title",
    [
        f"Crash with token {TOKEN} user me@example.com",
        f"Docs: token {TOKEN}",
        "[docs] page says password = 'hunter2secretPW'",
        f"Why does it fail with {TOKEN}?",
    ],
    ids=["words", "tag", "assigned", "question"],
)
def test_a_secret_in_an_issue_title_is_never_repeated(git_repo, run_cli, tmp_path, fmt, title):
    story(git_repo, {"README.md": "# R\n"}, {}, "x")
    body = tmp_path / "body.md"
    body.write_text("### Describe the bug\nCrash when loading.\n", encoding="utf-8")
    target = tmp_path / f"report.{fmt}"
    code, out, err = run_cli(
        "issue",
        "--title",
        title,
        "--body-file",
        str(body),
        "--format",
        fmt,
        "--output",
        str(target),
    )
    blob = out + err + target.read_text(encoding="utf-8")
    assert "IR60" in blob, blob
    for secret in (TOKEN[4:], "hunter2secretPW", "me@example.com"):
        assert secret not in blob


# --- 12: a changelog entry that shows no text is not an entry --------------------------------

CODE = {"pkg/__init__.py": "", "pkg/m.py": "def f():\n    return 1\n"}
CHANGED = {"pkg/m.py": "def f():\n    return 2\n"}
LOG = "# Changelog\n\n## Unreleased\n\n## 1.0.0 (2024-01-01)\n\n- First.\n"
TOWNCRIER = {"pyproject.toml": '[tool.towncrier]\ndirectory = "changelog.d"\n'}


def _entry(text: str) -> dict[str, str]:
    return {"CHANGELOG.md": LOG.replace("## Unreleased\n", f"## Unreleased\n\n{text}\n")}


@pytest.mark.parametrize(
    ("base", "head"),
    [
        ({"CHANGELOG.md": LOG}, _entry("<!-- -->")),
        ({"CHANGELOG.md": LOG}, _entry("- ")),
        ({"CHANGELOG.md": LOG}, _entry("\u200b")),
        ({"CHANGELOG.md": LOG}, _entry("- \u200b\u2060")),
        ({"CHANGELOG.md": LOG}, _entry("<!--\n- Fix f.\n-->")),
        (
            {**TOWNCRIER, "changelog.d/1.bugfix.md": "Old.\n"},
            {"changelog.d/2.bugfix.md": "<!-- -->\n"},
        ),
        ({**TOWNCRIER, "changelog.d/1.bugfix.md": "Old.\n"}, {"changelog.d/2.zzz.md": "Fix f.\n"}),
        (
            {**TOWNCRIER, "changelog.d/1.bugfix.md": "Old.\n"},
            {"changelog.d/sub/2.bugfix.md": "Fix f.\n"},
        ),
    ],
    ids=[
        "comment",
        "empty bullet",
        "zero-width space",
        "bullet of format characters",
        "entry inside a multi-line comment",
        "fragment holding a comment",
        "fragment of an unknown type",
        "fragment in a sub-folder",
    ],
)
def test_an_entry_that_shows_no_text_is_not_an_entry(git_repo, run_json, base, head):
    story(git_repo, {**CODE, **base}, {**CHANGED, **head}, "Fix f")
    _, report = run_json("--base", "main", "--no-cache", "--only", "changelog-updated")
    assert "MR301" in codes(report), report


@pytest.mark.parametrize(
    ("base", "head"),
    [
        ({"CHANGELOG.md": LOG}, _entry("- Fix f. <!-- #12 -->")),
        (
            {**TOWNCRIER, "changelog.d/1.bugfix.md": "Old.\n"},
            {"changelog.d/2.bugfix.md": "Fix f.\n"},
        ),
        (
            {**TOWNCRIER, "changelog.d/1.bugfix.md": "Old.\n"},
            {"changelog.d/bugfix/2.md": "Fix f.\n"},
        ),
    ],
    ids=["entry with a comment", "typed fragment", "fragment in its type's folder"],
)
def test_a_real_entry_still_counts(git_repo, run_json, base, head):
    story(git_repo, {**CODE, **base}, {**CHANGED, **head}, "Fix f")
    code, report = run_json("--base", "main", "--no-cache", "--only", "changelog-updated")
    assert "MR301" not in codes(report), report


# --- 8: a new catalogue is held to the plural count of the language its path names ----------

NEW_DE = (
    'msgid ""\nmsgstr ""\n{language}"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
    'msgid "%(n)s dir"\nmsgid_plural "%(n)s dirs"\nmsgstr[0] "%(n)s Ordner"\n'  # codespell:ignore
)


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("locale/de/LC_MESSAGES/django.po", '"Language: de\\n"\n'),
        ("locale/de/LC_MESSAGES/django.po", ""),
        ("locale/de/LC_MESSAGES/django.po", '"Language: tlh\\n"\n'),
        ("po/de_DE.po", ""),
    ],
    ids=["header says de", "no Language header", "header says tlh", "po/<lang>.po"],
)
def test_a_new_catalogue_cannot_pick_its_plural_count_by_its_header(
    git_repo, run_json, path, language
):
    story(git_repo, {"README.md": "# R\n"}, {path: NEW_DE.format(language=language)}, "Add German")
    _, report = run_json("--base", "main", "--no-cache", "--only", "translation-consistent")
    assert "MR505" in codes(report), report


# --- 13/14: annotations and docstrings the module reads at run time are code -----------------

DISPATCH = (
    '"""M."""\nimport functools\n\n\n@functools.singledispatch\n'
    'def show(x):\n    return "any"\n\n\n'
    '@show.register\ndef _(x: {t}):\n    return "int"\n'
)
HINTS = (
    '"""M."""\n{future}import typing\n\n\ndef f(x: int) -> int:\n    return x\n\n\n'
    "def kinds():\n    return typing.get_type_hints(f)\n"
)
EXEC_DOC = '"""x = {n}"""\nexec(__doc__)\n\n\ndef value():\n    """Value."""\n    return x\n'
DOC_DATA = '"""M."""\n\n\ndef limit():\n    """{n}"""\n    return int(limit.__doc__)\n'


@pytest.mark.parametrize(
    ("before", "after", "title"),
    [
        (DISPATCH.format(t="int"), DISPATCH.format(t="str"), "Add type hints"),
        (
            HINTS.format(future=""),
            HINTS.format(future="from __future__ import annotations\n"),
            "Add type hints",
        ),
        (EXEC_DOC.format(n=1), EXEC_DOC.format(n=2), "Fix typo in docs"),
        (DOC_DATA.format(n=10), DOC_DATA.format(n=99), "Fix typo in docs"),
    ],
    ids=["singledispatch register", "__future__ annotations", "exec(__doc__)", "__doc__ as data"],
)
def test_annotations_or_docstrings_read_at_run_time_are_code(
    git_repo, run_json, before, after, title
):
    story(
        git_repo,
        {"pkg/__init__.py": "", "pkg/m.py": before, "tests/test_m.py": "def test_x():\n    pass\n"},
        {"pkg/m.py": after},
        title,
    )
    _, report = run_json(
        "--base", "main", "--no-cache", "--title", title, "--only", "tests-present"
    )
    assert "MR101" in codes(report), report


# --- 7: an audit on a detached head with no default branch never trusts the checked-out tree --


def _contribute_an_exclusion(git_repo):
    """A branch adding an undocumented function and a configuration that excludes every file."""
    story(
        git_repo,
        {"pkg/__init__.py": "", "pkg/m.py": '"""M."""\n'},
        {
            "pkg/m.py": '"""M."""\n\n\ndef grow(a, b):\n    return a + b\n',
            ".mergeready.yaml": "checks:\n  docstrings-complete:\n    exclude: ['**']\n",
        },
        "Add grow",
    )


def test_an_audit_of_a_detached_pr_checkout_with_no_default_branch_refuses(git_repo, run_cli):
    _contribute_an_exclusion(git_repo)
    git_repo.git("checkout", "-q", "--detach")
    git_repo.git("branch", "-D", "main", "topic")  # a CI checkout: the PR head only, detached
    code, out, err = run_cli("check", "--all", "--only", "docstrings-complete", "--no-cache")
    assert code == 2 and "--base" in err and err.count("\n") == 1, (code, out, err)
    git_repo.git("checkout", "-q", "-b", "trunk")  # a project's own branch audits itself
    code, out, err = run_cli("check", "--all", "--only", "docstrings-complete", "--no-cache")
    assert code == 0, (code, out, err)


def test_an_audit_of_a_head_no_local_branch_holds_refuses(git_repo, run_cli):
    _contribute_an_exclusion(git_repo)
    head = git_repo.git("rev-parse", "HEAD").strip()
    git_repo.git("checkout", "-q", "-b", "trunk", "main")  # HEAD on a branch without the PR
    git_repo.git("branch", "-D", "main", "topic")  # the PR's commit is on no local branch
    args = ["check", "--all", "--only", "docstrings-complete", "--no-cache"]
    code, out, err = run_cli(*args, "--head", head)
    assert code == 2 and "no local branch holds" in err and err.count("\n") == 1, (code, err)
    assert run_cli(*args, "--head", "trunk")[0] == 0  # near miss: the branch's own audit


# --- rules: a learned place named by committed paths is printed inert -----------------------

HOSTILE_DIR = "docs/unreleased @admins ##vso[task.complete] <img src=x>"


def test_rules_prints_a_learned_changelog_folder_inert(git_repo, run_cli):
    git_repo.write("pkg/mod.py", "X = 0\n")
    git_repo.write(f"{HOSTILE_DIR}/README.txt", "per-change notes go here\n")
    git_repo.commit("initial")
    for n in range(1, 13):
        git_repo.write("pkg/mod.py", f"X = {n}\n")
        git_repo.write(f"{HOSTILE_DIR}/{n}.rst", f".. change:: {n}\n")
        git_repo.commit(f"change {n} (#{n})")  # a merged pull request each
    git_repo.branch("topic")
    git_repo.write("pkg/mod.py", "X = 99\n")
    git_repo.commit("change")
    code, out, err = run_cli("rules", "--base", "main")
    assert code == 0, err
    line = next(x for x in out.splitlines() if x.startswith("learned.changelog:"))
    assert "unreleased" in line  # the folder is named, readable
    for raw in ("\x1b", "##vso[", "@admins", "<img"):
        assert raw not in out, raw


def test_an_audit_of_a_shallow_pr_checkout_on_a_local_branch_refuses(
    git_repo, run_cli, tmp_path, monkeypatch
):
    """Attack 4 #27: a depth-1 clone of the pull request's branch (no default branch, no CI
    variable) is a CI checkout, not the project's own tree: its configuration is not trusted."""
    _contribute_an_exclusion(git_repo)
    clone = tmp_path / "clone"
    git_repo.git(
        "clone", "-q", "--depth", "1", "--branch", "topic", f"file://{git_repo.path}", str(clone)
    )
    git_repo.git("-C", str(clone), "remote", "remove", "origin")
    monkeypatch.chdir(clone)
    code, out, err = run_cli("check", "--all", "--only", "docstrings-complete", "--no-cache")
    assert code == 2 and "shallow clone" in err and err.count("\n") == 1, (code, out, err)
