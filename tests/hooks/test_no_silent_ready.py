"""Never a silent "Ready", and reports that contributed text cannot forge or crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import story
from mergeready.hooks.check_command import colour
from mergeready.hooks.notes import in_ci

DOC = {"docs/a.md": "Fine words.\n"}
SCHEMA = json.loads((Path(__file__).parents[1] / "report.schema.json").read_text())


def test_default_branch_with_nothing_to_compare_says_what_to_run(git_repo, run_cli):
    git_repo.write("docs/a.md", "Fine words.\n")
    git_repo.commit("initial")
    code, out, err = run_cli("check")
    assert code == 0
    assert "✓ Ready" not in out
    assert "Nothing to check" in out
    assert "nothing to compare" in err and "--base HEAD~1" in err


def test_uncommitted_changes_left_out_get_one_line(git_repo, run_cli):
    story(git_repo, DOC, {"docs/b.md": "More words.\n"})
    git_repo.write("docs/a.md", "Teh changed.\n")  # tracked, not committed
    git_repo.write("notes.md", "Teh untracked.\n")
    code, _, err = run_cli("check")
    assert code == 0
    lines = [x for x in err.splitlines() if "uncommitted" in x]
    assert lines == [
        "mergeready: 2 uncommitted changes (tracked or untracked) are not checked: commit "
        "them, or check the index with --staged"
    ]


def test_swapped_base_and_head_is_exit_2_naming_the_fix(git_repo, run_cli):
    story(git_repo, DOC, {"docs/b.md": "More words.\n"})
    code, _, err = run_cli("check", "--base", "topic", "--head", "main")
    assert code == 2
    assert "did you mean --base main --head topic?" in err


def test_a_path_outside_the_contribution_is_a_warning(git_repo, run_cli):
    story(git_repo, DOC, {"docs/b.md": "More words.\n"})
    code, _, err = run_cli("check", "docs/a.md", "docs/b.md")
    assert code == 0
    assert err.count("is not part of the contribution") == 1
    assert "docs/a.md is not part of the contribution" in err


@pytest.mark.parametrize(
    ("given", "judged"),
    [
        (["docs"], "docs/b.md"),  # a folder is every changed file under it
        (["docs/"], "docs/b.md"),
        (["."], "docs/b.md"),  # the repository's root is everything
        (["doc"], None),  # a prefix of a folder's name is not the folder
    ],
)
def test_a_folder_given_is_the_changed_files_under_it(git_repo, run_cli, given, judged):
    story(git_repo, DOC, {"docs/b.md": "Teh words.\n"})
    code, out, err = run_cli("check", *given, "--format", "compact")
    if judged is None:
        assert code == 2 and "none of the paths given" in err
    else:
        assert code == 1 and f"{judged}:1:1: MR401" in out, out + err
        assert "not part of the contribution" not in err


def test_paths_none_of_which_the_contribution_changes_are_exit_2(git_repo, run_cli):
    """A mistyped path in a CI step must not check nothing and pass."""
    story(git_repo, DOC, {"docs/b.md": "Teh words.\n"})
    code, out, err = run_cli("check", "docs/bb.md")
    assert (code, out) == (2, "")
    base, head = (git_repo.git("rev-parse", "--short=8", ref) for ref in ("main", "topic"))
    assert err == (
        "mergeready: error: none of the paths given (docs/bb.md) is part of the contribution "
        f"({base}..{head} (1 commit)); drop them to check the whole contribution (1 changed file)\n"
    )


def test_a_repository_without_a_default_branch_says_to_pass_a_base(git_repo, run_cli):
    git_repo.write("docs/a.md", "Fine words.\n")
    git_repo.commit("initial")
    git_repo.git("branch", "-m", "main", "trunk")
    git_repo.branch("feature")
    code, out, err = run_cli("check")  # outside CI too: Jenkins and Azure set no CI variable
    assert code == 2 and out == ""
    assert "HEAD is on the default branch" not in err
    assert "no default branch (origin/HEAD, main, master) and no --base" in err
    assert "pass --base" in err
    git_repo.write("docs/b.md", "Teh words.\n")  # uncommitted work is still checked as before
    assert run_cli("check")[0] == 1
    assert run_cli("check", "--base", "trunk")[0] == 0


@pytest.mark.parametrize("tag", ["main", "origin/HEAD", "origin/main"])
@pytest.mark.parametrize("given", [None, "main", "origin/main"])
def test_a_tag_named_like_the_base_branch_is_never_the_base(git_repo, run_cli, tag, given):
    git_repo.write("docs/a.md", "Fine.\n")
    git_repo.commit("initial")
    git_repo.git("update-ref", "refs/remotes/origin/main", "main")
    git_repo.branch("topic")
    git_repo.write("docs/b.md", "Teh words.\n")
    git_repo.commit("docs")
    git_repo.git("tag", tag, "HEAD")  # a fork brings a tag named like the base branch
    code, out, err = run_cli("check", *(["--base", given] if given else []))
    assert code == 1, (out, err)
    assert "Teh" in out


@pytest.mark.parametrize("option", ["--base", "--head"])
def test_a_plain_name_that_is_only_a_tag_is_refused(git_repo, run_cli, option):
    git_repo.write("docs/a.md", "Fine.\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("docs/b.md", "Teh words.\n")
    git_repo.commit("docs")
    git_repo.git("tag", "origin/main", "HEAD")  # no remote-tracking origin/main exists
    ref = "origin/main"
    args = ["--base", ref] if option == "--base" else ["--base", "main", "--head", ref]
    code, out, err = run_cli("check", *args)
    assert code == 2 and out == "", (out, err)
    assert "'origin/main' is a tag, not a branch; pass refs/tags/origin/main explicitly" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    near = ["--base", "main", "--head", "refs/tags/origin/main"]  # named on purpose: read
    assert run_cli("check", *near)[0] == 1


@pytest.mark.parametrize(
    ("tag", "refused"),
    [("v1.0", False), ("1.2.3", False), ("master", True), ("upstream/dev", True)],
)
def test_a_release_tag_is_a_base_a_branch_shaped_tag_is_not(git_repo, run_cli, tag, refused):
    git_repo.write("docs/a.md", "Fine.\n")
    git_repo.commit("initial")
    git_repo.git("tag", tag, "HEAD")
    git_repo.branch("topic")
    git_repo.write("docs/b.md", "Teh words.\n")
    git_repo.commit("docs")
    code, _, err = run_cli("check", "--base", tag)
    assert (code, "is a tag, not a branch" in err) == ((2, True) if refused else (1, False)), err


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"TASK_ID": "abc"}, "TASK_ID=abc"),  # TaskCluster
        ({"CF_BUILD_ID": "1"}, "CF_BUILD_ID=1"),  # Codefresh
        ({"BUDDY_WORKSPACE_ID": "1"}, "BUDDY_WORKSPACE_ID=1"),
        ({"SCREWDRIVER": "true"}, "SCREWDRIVER=true"),
        ({"NETLIFY": "true"}, "NETLIFY=true"),
        ({"NOW_BUILDER": "1"}, "NOW_BUILDER=1"),  # Vercel
        ({"SAILCI": "1"}, "SAILCI=1"),
        ({"BITRISE_IO": "true"}, "BITRISE_IO=true"),
        ({"CI_XCODE_PROJECT": "x"}, "CI_XCODE_PROJECT=x"),
        ({"RUN_ID": "7"}, "RUN_ID=7"),
        # one row per service of ci-info's vendors.json (and its generic names), each alone
        ({"AGOLA_GIT_REF": "refs/heads/x"}, "AGOLA_GIT_REF=refs/heads/x"),  # Agola CI
        ({"AC_APPCIRCLE": "true"}, "AC_APPCIRCLE=true"),  # Appcircle
        ({"CI_APP_ID": "a1"}, "CI_APP_ID=a1"),  # Appflow
        ({"APPVEYOR": "True"}, "APPVEYOR=True"),
        ({"CODEBUILD_BUILD_ARN": "arn:x"}, "CODEBUILD_BUILD_ARN=arn:x"),  # AWS CodeBuild
        ({"TF_BUILD": "True"}, "TF_BUILD=True"),  # Azure Pipelines
        ({"bamboo_planKey": "P"}, "bamboo_planKey=P"),  # Bamboo
        ({"BITBUCKET_COMMIT": "abc"}, "BITBUCKET_COMMIT=abc"),  # Bitbucket Pipelines
        ({"BUILDKITE": "true"}, "BUILDKITE=true"),
        ({"CIRCLECI": "true"}, "CIRCLECI=true"),
        ({"CIRRUS_CI": "true"}, "CIRRUS_CI=true"),
        ({"CF_PAGES": "1"}, "CF_PAGES=1"),  # Cloudflare Pages
        ({"WORKERS_CI": "1"}, "WORKERS_CI=1"),  # Cloudflare Workers
        ({"CM_BUILD_ID": "1"}, "CM_BUILD_ID=1"),  # Codemagic
        ({"CI_NAME": "codeship"}, "CI_NAME=codeship"),  # Codeship
        ({"DRONE": "true"}, "DRONE=true"),
        ({"DSARI": "1"}, "DSARI=1"),
        ({"EARTHLY_CI": "true"}, "EARTHLY_CI=true"),
        ({"EAS_BUILD": "true"}, "EAS_BUILD=true"),  # Expo Application Services
        ({"FORGEJO_ACTIONS": "true"}, "FORGEJO_ACTIONS=true"),
        ({"GERRIT_PROJECT": "p"}, "GERRIT_PROJECT=p"),
        ({"GITEA_ACTIONS": "true"}, "GITEA_ACTIONS=true"),
        ({"GITHUB_ACTIONS": "true"}, "GITHUB_ACTIONS=true"),
        ({"GITLAB_CI": "true"}, "GITLAB_CI=true"),
        ({"CI_PIPELINE_ID": "9"}, "CI_PIPELINE_ID=9"),  # GitLab, alone
        ({"GO_PIPELINE_LABEL": "1"}, "GO_PIPELINE_LABEL=1"),  # GoCD
        ({"GO_PIPELINE_NAME": "p"}, "GO_PIPELINE_NAME=p"),  # GoCD, alone
        ({"BUILDER_OUTPUT": "/b"}, "BUILDER_OUTPUT=/b"),  # Google Cloud Build
        ({"HARNESS_BUILD_ID": "1"}, "HARNESS_BUILD_ID=1"),
        ({"HEROKU_TEST_RUN_ID": "1"}, "HEROKU_TEST_RUN_ID=1"),
        ({"HUDSON_URL": "http://h"}, "HUDSON_URL=http://h"),
        ({"JENKINS_URL": "http://j"}, "JENKINS_URL=http://j"),
        ({"LAYERCI": "true"}, "LAYERCI=true"),
        ({"MAGNUM": "true"}, "MAGNUM=true"),
        ({"NEVERCODE": "true"}, "NEVERCODE=true"),
        ({"PROW_JOB_ID": "1"}, "PROW_JOB_ID=1"),
        ({"RELEASE_BUILD_ID": "1"}, "RELEASE_BUILD_ID=1"),  # ReleaseHub
        ({"RENDER": "true"}, "RENDER=true"),
        ({"SD_BUILD": "1"}, "SD_BUILD=1"),  # Screwdriver, alone
        ({"SEMAPHORE": "true"}, "SEMAPHORE=true"),
        ({"SHIPPABLE": "true"}, "SHIPPABLE=true"),
        ({"TDDIUM": "true"}, "TDDIUM=true"),  # Solano CI
        ({"CI_NAME": "sourcehut"}, "CI_NAME=sourcehut"),  # Sourcehut
        ({"STRIDER": "true"}, "STRIDER=true"),
        ({"TEAMCITY_VERSION": "2024.03"}, "TEAMCITY_VERSION=2024.03"),
        ({"TRAVIS": "true"}, "TRAVIS=true"),
        ({"VELA": "true"}, "VELA=true"),
        ({"VERCEL": "1"}, "VERCEL=1"),
        ({"APPCENTER_BUILD_ID": "1"}, "APPCENTER_BUILD_ID=1"),  # Visual Studio App Center
        ({"WERCKER_MAIN_PIPELINE_STARTED": "1"}, "WERCKER_MAIN_PIPELINE_STARTED=1"),  # Wercker
        ({"WERCKER_ROOT": "/pipeline"}, "WERCKER_ROOT=/pipeline"),  # Wercker, alone
        ({"WOODPECKER": "true"}, "WOODPECKER=true"),  # Woodpecker, alone
        ({"CI": "woodpecker"}, "CI=woodpecker"),  # Woodpecker's own CI value
        ({"XCS": "1"}, "XCS=1"),  # Xcode Server
        ({"CI": "false"}, None),  # near misses: a false or empty value, an unrelated name
        ({"CI": ""}, None),
        ({"TASK_ID": "0"}, None),
        ({"HOME": "/root", "PATH": "/bin", "EDITOR": "vi"}, None),
    ],
)
def test_ci_is_recognised_by_the_vendor_table(environ, expected):
    assert in_ci(environ) == expected


def _pull_request_checkout(repo, path: str, text: str) -> str:
    """Commit one file, then leave no main, master or origin/HEAD (a depth-1 PR checkout)."""
    repo.write(path, text)
    repo.commit("initial")
    repo.git("branch", "-m", "main", "trunk")
    repo.branch("pr")
    return repo.git("rev-parse", "trunk")


@pytest.mark.parametrize(
    "variable",
    ["CI", "JENKINS_URL", "TASK_ID", "CF_BUILD_ID", "BUILD_NUMBER", "CI_NAME", "GITEA_ACTIONS"],
)
def test_check_all_in_ci_without_a_default_branch_asks_for_the_base(
    git_repo, run_cli, monkeypatch, variable
):
    base = _pull_request_checkout(git_repo, "pkg/mod.py", '"""Mod."""\n')
    git_repo.write(".mergeready.yaml", "types: {code: {require: []}}\n")
    git_repo.write("pkg/mod.py", '"""Mod."""\n\n\ndef f(x):\n    return x  # mergeready: ignore\n')
    git_repo.commit("Fix f")
    monkeypatch.setenv(variable, "true")
    code, out, err = run_cli("check", "--all")
    assert code == 2 and out == "" and "pass --base" in err, err
    code, out, err = run_cli("check", "--all", "--base", base, "--format", "json")
    assert code == 1, err


def test_an_uncommitted_configuration_file_is_said_not_to_apply(git_repo, run_cli):
    git_repo.write("README.md", "# Demo\n")
    git_repo.commit("initial")
    git_repo.write(".mergeready.yaml", "profile: strict\n")
    code, out, err = run_cli("rules")
    assert code == 0 and "profile default" in out
    head = git_repo.git("rev-parse", "--short=12", "HEAD")
    assert err == (
        "mergeready: .mergeready.yaml in the working tree is not the one read (configuration "
        f"comes from {head}): commit it for it to apply\n"
    )
    git_repo.commit("configure")
    code, out, err = run_cli("rules")
    assert (code, err) == (0, "") and "profile strict" in out
    git_repo.branch("topic")
    git_repo.write(".mergeready.yaml", "profile: keras\n")
    git_repo.write("docs/a.md", "Words.\n")
    git_repo.commit("docs")
    git_repo.write(".mergeready.yaml", "profile: default\n")
    _, _, err = run_cli("check")
    assert "it applies once it is committed on the base branch" in err


@pytest.mark.parametrize(
    "variable", ["CI", "GITHUB_ACTIONS", "JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION"]
)
def test_ci_with_nothing_to_compare_is_exit_2(git_repo, run_cli, monkeypatch, variable):
    git_repo.write("docs/a.md", "Fine.\n")
    git_repo.commit("initial")
    git_repo.git("branch", "-m", "main", "feature")  # a CI clone with no main, master or origin
    monkeypatch.setenv(variable, "true")
    code, out, err = run_cli("check")
    assert code == 2 and out == ""
    assert "pass --base" in err


@pytest.mark.parametrize("variable", ["CI", "TASK_ID"])
def test_an_empty_range_in_ci_over_the_contributions_own_commits_is_exit_2(
    git_repo, run_cli, monkeypatch, variable
):
    story(git_repo, DOC, {"docs/b.md": "Teh words.\n"})  # a branch with a commit main lacks
    monkeypatch.setenv(variable, "true")
    code, out, err = run_cli("check", "--base", "HEAD")
    assert code == 2 and out == "", (out, err)
    assert "the range is empty while the head has commits the default branch lacks" in err
    assert len(err.strip().splitlines()) == 1
    git_repo.git("checkout", "-q", "main")  # near miss: on the default branch, nothing is left out
    assert run_cli("check", "--base", "HEAD")[0] == 0
    monkeypatch.delenv(variable)  # near miss: outside CI the empty range is said, not refused
    git_repo.git("checkout", "-q", "-")
    assert run_cli("check", "--base", "HEAD")[0] == 0


def test_exit_zero_reports_but_never_fails(git_repo, run_cli):
    story(git_repo, DOC, {"docs/b.md": "Teh words.\n"})
    code, out, _ = run_cli("check", "--exit-zero")
    assert code == 0 and "✗ Not ready" in out
    assert run_cli("check", "--exit-zero", "--only", "nope")[0] == 2  # errors stay errors


@pytest.mark.parametrize(
    "choice, environ, terminal, expected",
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),  # NO_COLOR counts only when not empty
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "0"}, False, False),
        ("auto", {"CLICOLOR_FORCE": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_choice(choice, environ, terminal, expected):
    assert colour(choice, environ, terminal) is expected


def test_color_flag_and_force_color_through_the_command(git_repo, run_cli, monkeypatch):
    story(git_repo, DOC, {"docs/b.md": "Teh words.\n"})
    assert "\x1b[31m" in run_cli("check", "--color", "always")[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[31m" in run_cli("check")[1]
    assert "\x1b[" not in run_cli("check", "--color", "never")[1]


def test_a_crash_is_exit_2_with_one_line(git_repo, run_cli, monkeypatch):
    from mergeready.hooks import evaluation

    story(git_repo, DOC, {"docs/b.md": "More words.\n"})

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(evaluation, "evaluate_cached", broken)
    code, out, err = run_cli("check")
    assert code == 2
    assert err == (
        "mergeready: internal error: RuntimeError: boom; please report it "
        "(MERGEREADY_DEBUG=1 shows the traceback)\n"
    )


def test_rules_output_is_valid_yaml(git_repo, run_cli):
    story(
        git_repo,
        {
            ".mergeready.yaml": (
                "source: ['*.py', 'src/**']\n"
                "checks:\n  spelling-clean:\n    ignore-regex: '#: [a-z]+, {x}'\n"
            )
        },
        {},
    )
    code, out, _ = run_cli("rules")
    assert code == 0
    data = yaml.safe_load(out)
    assert data["source"] == ["*.py", "src/**"]
    assert data["checks.spelling-clean.ignore-regex"] == "#: [a-z]+, {x}"
    assert data["types.docs.require"] == ["docs-valid", "spelling-clean", "claims"]


HOSTILE_NAME = "docs/x\n::error::forged\x1b[31m\u202e.md"


def test_text_and_compact_escape_control_characters_in_names(git_repo, run_cli, tmp_path):
    story(git_repo, DOC, {HOSTILE_NAME: "Teh words.\n"}, message="docs: \x1b[2Jteh")
    for fmt in ("text", "compact", "github"):
        code, out, _ = run_cli("check", "--format", fmt)
        assert code == 1
        assert "\x1b" not in out and "\u202e" not in out
        assert not any(line.startswith("::error::forged") for line in out.splitlines())
        if fmt != "github":
            assert "x\\x0a::error::forged\\x1b[31m\\u202e.md" in out
    # with --output the text summary goes to the Actions log: it must not forge either
    code, out, _ = run_cli("check", "--format", "sarif", "--output", str(tmp_path / "r.sarif"))
    assert not any(line.startswith("::") for line in out.splitlines())
    log = json.loads((tmp_path / "r.sarif").read_text())
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert "docs/x%0A%3A%3Aerror%3A%3Aforged%1B%5B31m%E2%80%AE.md" in uris


def test_junit_is_well_formed_with_control_characters(git_repo, run_cli, tmp_path):
    story(git_repo, DOC, {"docs/\x01\x1b\x7f.md": "Teh words.\n"})
    target = tmp_path / "junit.xml"
    code, _, _ = run_cli("check", "--format", "junit", "--output", str(target))
    assert code == 1
    root = ET.fromstring(target.read_bytes())  # raises on ill-formed XML
    (failure,) = root.iter("failure")
    assert "docs/\\x01\\x1b\\x7f.md:1:1" in failure.text


def test_markdown_neutralises_mentions_links_and_images(git_repo, run_cli):
    story(git_repo, DOC, {"docs/b.md": "Teh words.\n"})
    title = (
        "docs: @org/team [approve](https://evil) ![x](https://evil/p.png) www.evil.com <b>hi</b>"
    )
    code, out, _ = run_cli("check", "--format", "markdown", "--title", title)
    assert code == 1
    assert "@org" not in out and "@&#8203;org/team" in out
    assert "](" not in out.replace("\\](", "")  # no live link or image
    assert "\\[approve\\]\\(https&#8203;://evil\\)" in out
    assert "\\!\\[x\\]" in out
    assert "www.evil" not in out and "<b>" not in out


def test_markdown_over_githubs_limit_is_truncated_with_a_pointer(git_repo, run_cli):
    words = "".join(f"Teh line {n}.\n" for n in range(20))  # a file lists 20 of a word
    story(git_repo, DOC, {f"docs/b{k}.md": words for k in range(125)})
    code, out, _ = run_cli("check", "--format", "markdown")
    assert code == 1
    assert len(out) <= 65536
    assert out.rstrip().endswith("run `mergeready check --no-cap` for every finding.")
    assert "more findings not shown" in out
    assert out.count("<details>") == out.count("</details>")


NON_UTF8 = b"docs/bad\xff.md"


def _non_utf8_story(repo):
    repo.write("docs/a.md", "Fine.\n")
    repo.commit("initial")
    repo.branch("topic")
    (repo.path / os.fsdecode(NON_UTF8)).write_text("Teh words.\n")
    repo.commit("docs: more")


def test_non_utf8_file_names_never_crash_output_or_publish(
    git_repo, run_cli, tmp_path, monkeypatch
):
    _non_utf8_story(git_repo)
    for fmt in ("json", "sarif", "gitlab", "rdjson", "junit", "markdown", "compact", "text"):
        code, _, err = run_cli("check", "--format", fmt, "--output", str(tmp_path / f"r.{fmt}"))
        assert code == 1, (fmt, err)
        (tmp_path / f"r.{fmt}").read_text(encoding="utf-8")  # strict UTF-8
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["checks"][0]["findings"][0]["path"] == "docs/bad\udcff.md"  # exact, escaped
    sarif = json.loads((tmp_path / "r.sarif").read_text())
    assert (
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
            "uri"
        ]
        == "docs/bad%FF.md"
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    monkeypatch.setenv("GITHUB_OUTPUT", str(tmp_path / "output.txt"))
    code, _, err = run_cli("check", "--base", "main", "--format", "github")
    assert code == 1, err
    assert r"docs/bad\\xff.md" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "passed=false" in (tmp_path / "output.txt").read_text()


def test_non_utf8_file_names_on_a_strict_utf8_stdout(git_repo):
    _non_utf8_story(git_repo)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_DIR")}
    env.update(PYTHONIOENCODING="utf-8:strict", LC_ALL="C.UTF-8")
    for fmt in ("text", "json", "compact"):
        proc = subprocess.run(
            [str(Path(sys.executable).parent / "mergeready"), "check", "--format", fmt],
            cwd=git_repo.path,
            env=env,
            capture_output=True,
        )
        assert proc.returncode == 1, proc.stderr
        assert b"Traceback" not in proc.stderr
        proc.stdout.decode("utf-8")


@pytest.mark.parametrize(
    "path, text, expected",
    [
        (".mergeready.yaml", "types:\n  bugfx:\n    require: []\n", "did you mean 'bugfix'?"),
        (".mergeready.yaml", "types: [\n", "fix the YAML syntax"),
        ("pyproject.toml", "[tool.mergeready]\nprofile = 'strikt'\n", "did you mean 'strict'?"),
    ],
)
def test_a_broken_configuration_in_the_contribution_is_a_finding(
    git_repo, run_json, path, text, expected
):
    story(git_repo, {**DOC, ".mergeready.yaml": "profile: default\n"}, {path: text})
    code, report = run_json()
    assert code == 1
    jsonschema.validate(report, SCHEMA)
    (check,) = [c for c in report["checks"] if c["id"] == "configuration"]
    (finding,) = check["findings"]
    assert (finding["code"], finding["path"], finding["severity"]) == ("MR010", path, "error")
    assert expected in finding["message"]
    assert all("configuration" in v["required"] for v in report["by_type"].values())


BROKEN_THREE_WAYS = """\
profile: default
checks:
  docstrings-complete:
    requre: [params]  # codespell:ignore
  spelling-clean:
    ignore-regex: "[unclosed"
types:
  bugfx:
    require: []
"""


def test_every_problem_of_a_broken_configuration_is_a_finding_with_its_line(git_repo, run_json):
    """The trial of issue #25 (M3): one CI round per mistake is one too many."""
    story(
        git_repo,
        {**DOC, ".mergeready.yaml": "profile: default\n"},
        {".mergeready.yaml": BROKEN_THREE_WAYS},
    )
    code, report = run_json()
    assert code == 1
    (check,) = [c for c in report["checks"] if c["id"] == "configuration"]
    found = [(f["line"], f["message"]) for f in check["findings"]]
    assert [line for line, _ in found] == [4, 6, 8], found
    assert "did you mean 'require'?" in found[0][1]
    assert "ignore-regex" in found[1][1]
    assert "did you mean 'bugfix'?" in found[2][1]


def test_a_valid_configuration_change_is_not_used_and_not_flagged(git_repo, run_json):
    story(
        git_repo,
        {**DOC, ".mergeready.yaml": "profile: default\n"},
        {".mergeready.yaml": "types:\n  maintenance:\n    require: []\n", "docs/b.md": "Teh.\n"},
    )
    code, report = run_json()
    assert code == 1  # the base's configuration still requires spelling-clean
    assert "configuration" not in [c["id"] for c in report["checks"]]


CLICK_STYLE = """\
repos:
  - repo: https://github.com/codespell-project/codespell
    rev: v2.3.0
    hooks:
      - id: codespell
        args: ["--ignore-words-list=teh,nd", "-S", "docs/legacy/*"]
  - repo: local
    hooks:
      - id: other
        args: ["-L", "lenght"]
"""


def test_codespell_hook_args_in_pre_commit_config_are_honoured(git_repo, run_json):
    story(
        git_repo,
        {**DOC, ".pre-commit-config.yaml": CLICK_STYLE},
        {"docs/b.md": "Teh nd lenght.\n", "docs/legacy/x.md": "Recieve.\n"},
    )
    code, report = run_json()
    assert code == 1
    (finding,) = [f for c in report["checks"] for f in c["findings"]]
    assert "'lenght'" in finding["message"]  # only the codespell hook's args count
    assert finding["hint"].endswith(
        "add 'lenght' to the codespell hook's args in .pre-commit-config.yaml"
    )


def test_contributed_codespell_hook_args_are_ignored(git_repo, run_json):
    story(git_repo, {**DOC}, {".pre-commit-config.yaml": CLICK_STYLE, "docs/b.md": "Teh.\n"})
    code, report = run_json()
    assert code == 1
    found = [f for c in report["checks"] for f in c["findings"]]
    (finding,) = [f for f in found if f["path"] == "docs/b.md"]
    assert finding["hint"].endswith("add 'teh' to checks.spelling-clean.ignore-words")


@pytest.mark.parametrize(
    "files, where",
    [
        (
            {".codespellrc": "[codespell]\nignore-words-list = nd\n"},
            "ignore-words-list in .codespellrc",
        ),
        (
            {"pyproject.toml": "[tool.codespell]\nignore-words-list = 'nd'\n"},
            "ignore-words-list in [tool.codespell] of pyproject.toml",
        ),
    ],
)
def test_the_misspelling_hint_names_where_the_project_keeps_its_words(
    git_repo, run_json, files, where
):
    story(git_repo, {**DOC, **files}, {"docs/b.md": "Teh.\n"})
    code, report = run_json()
    (finding,) = [f for c in report["checks"] for f in c["findings"]]
    assert finding["hint"].endswith(f"add 'teh' to {where}")


def test_check_all_in_actions_reads_the_pull_requests_base(
    git_repo, run_cli, monkeypatch, tmp_path
):
    base = _pull_request_checkout(git_repo, "README.md", "# Demo\n")
    git_repo.write("README.md", "# Demo\n\nThe lenght. <!-- mergeready: ignore[MR401] mine -->\n")
    git_repo.commit("docs")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": base}}}))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    code, out, err = run_cli("check", "--all", "--format", "json", "--only", "spelling-clean")
    assert code == 1, err  # the contributed marker is not the base's: not honoured
    found = [f["code"] for c in json.loads(out)["checks"] for f in c["findings"]]
    assert found == ["MR401", "MR020"], out
