"""Every file mergeready writes: never through a link the contribution committed, never in .git.

Each test commits the link on a contribution's branch in a real repository, runs the real
command that writes, and looks at the file the link points to: it must be untouched, and the
command must say why in one line (exit 2) — or, for the cache, turn itself off with a warning.
"""

from __future__ import annotations

import json
import os
import stat

import pytest
from helpers import Repo, story

SECRET = "do not touch\n"
TOWNCRIER = (
    '[tool.towncrier]\ndirectory = "changes"\n\n[[tool.towncrier.type]]\ndirectory = "bugfix"\n'
    'name = "Bug fixes"\nshowcontent = true\n'
)


def _contribute_link(repo: Repo, name: str, target: str, extra: dict[str, str] | None = None):
    story(repo, {"README.md": "# Demo\n"}, {"docs/guide.md": "# Guide\n", **(extra or {})})
    (repo.path / name).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, repo.path / name)
    repo.commit("Add a link")


@pytest.fixture
def outside(tmp_path):
    """A file and a folder outside the repository that a link will point at."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim").write_text(SECRET)
    return folder


def _untouched(folder) -> None:
    assert (folder / "victim").read_text() == SECRET
    assert sorted(p.name for p in folder.iterdir()) == ["victim"]


@pytest.mark.parametrize(
    "output, link, target",
    [
        ("report.json", "report.json", "{outside}/victim"),  # the file is a link
        ("out/report.json", "out", "{outside}"),  # a folder on the way is a link
        ("./out/../out/report.json", "out", "{outside}"),  # spelled indirectly
        ("docs/hooks/pre-commit", "docs/hooks", "../.git/hooks"),  # a link into .git
    ],
)
def test_check_output_never_writes_through_a_committed_link(
    git_repo: Repo, run_cli, outside, output, link, target
):
    _contribute_link(git_repo, link, target.format(outside=outside))
    code, out, err = run_cli("check", "--base", "main", "--format", "json", "--output", output)
    assert code == 2, err
    assert err.count("\n") == 1 and "link" in err, err
    _untouched(outside)
    assert not (git_repo.path / ".git" / "hooks" / "pre-commit").exists()


def test_a_repository_reached_through_the_users_own_link_is_still_guarded(
    git_repo: Repo, run_cli, outside, tmp_path
):
    _contribute_link(git_repo, "out", str(outside))
    os.symlink(git_repo.path, tmp_path / "linked")  # the user's own link to the checkout
    code, _, err = run_cli("check", "--base", "main", "--output", f"{tmp_path}/linked/out/r.json")
    assert code == 2 and "out is a symbolic link" in err, err
    _untouched(outside)
    code, _, err = run_cli("check", "--base", "main", "--output", f"{tmp_path}/linked/r.json")
    assert code == 0 and (git_repo.path / "r.json").is_file(), err  # the user's link is followed


@pytest.mark.parametrize(
    "output", [".git", ".git/config", ".git/hooks/post-checkout", "sub/../.git/x"]
)
def test_check_output_never_writes_into_git(git_repo: Repo, run_cli, output):
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/guide.md": "# Guide\n"})
    (git_repo.path / "sub").mkdir()
    config = (git_repo.path / ".git" / "config").read_text()
    code, _, err = run_cli("check", "--base", "main", "--output", output)
    assert code == 2 and "never writes into .git" in err, err
    assert (git_repo.path / ".git" / "config").read_text() == config
    assert not (git_repo.path / ".git" / "hooks" / "post-checkout").exists()


def test_check_output_writes_a_plain_file_and_keeps_its_mode(git_repo: Repo, run_cli, tmp_path):
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/guide.md": "# Guide\n"})
    (git_repo.path / "reports").mkdir()
    existing = git_repo.path / "reports" / "r.json"
    existing.write_text("old")
    existing.chmod(0o640)
    elsewhere = tmp_path / "elsewhere.json"
    (tmp_path / "mine.json").symlink_to(tmp_path / "real.json")  # the user's own link, outside
    for name in ("reports/r.json", str(elsewhere), str(tmp_path / "mine.json")):
        code, _, err = run_cli("check", "--base", "main", "--format", "json", "--output", name)
        assert code == 0, err
    assert json.loads(existing.read_text())["schema"] == 1
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert json.loads(elsewhere.read_text())["schema"] == 1
    assert json.loads((tmp_path / "real.json").read_text())["schema"] == 1
    assert not [p for p in existing.parent.iterdir() if p.name != "r.json"]  # no temp left


def test_history_output_never_writes_through_a_committed_link(git_repo: Repo, run_cli, outside):
    _contribute_link(git_repo, "history.json", f"{outside}/victim")
    code, _, err = run_cli("history", "--last", "1", "--format", "json", "--output", "history.json")
    assert code == 2 and "link" in err, err
    _untouched(outside)


def test_baseline_never_writes_through_a_committed_link(git_repo: Repo, run_cli, outside):
    _contribute_link(git_repo, ".mergeready-baseline.json", f"{outside}/victim")
    code, _, err = run_cli("baseline", "--force")  # on the contribution's branch: forced
    assert code == 2 and "link" in err, err
    _untouched(outside)


@pytest.mark.parametrize("target", ["{outside}", "../.git/hooks"])
def test_fix_never_writes_a_fragment_through_a_committed_link(
    git_repo: Repo, run_cli, outside, target
):
    story(
        git_repo,
        {"pyproject.toml": TOWNCRIER, "changes/5.bugfix.rst": "Old.\n", "pkg/mod.py": "X = 1\n"},
        {"pkg/mod.py": "X = 2\n"},
        "Fix X",
    )
    git_repo.git("rm", "-q", "-r", "changes")
    os.symlink(target.format(outside=outside), git_repo.path / "changes")
    git_repo.commit("Move the fragments")
    hooks = sorted(os.listdir(git_repo.path / ".git" / "hooks"))
    code, out, err = run_cli("fix", "--pr", "17", "--only", "changelog-updated")
    assert code == 2, err
    assert "changes is a symbolic link" in err, err
    _untouched(outside)
    assert sorted(os.listdir(git_repo.path / ".git" / "hooks")) == hooks


def test_the_actions_sarif_file_is_never_written_through_a_committed_link(
    git_repo: Repo, run_cli, outside, monkeypatch, tmp_path
):
    _contribute_link(git_repo, "mergeready.sarif", f"{outside}/victim")
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "title": "Add a guide",
                    "base": {"sha": git_repo.git("rev-parse", "main")},
                    "head": {"sha": git_repo.git("rev-parse", "HEAD")},
                }
            }
        )
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("MERGEREADY_SARIF_FILE", "mergeready.sarif")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    code, _, err = run_cli("check")
    assert code == 2 and "link" in err, err
    _untouched(outside)


def test_a_cache_named_in_the_checkout_never_follows_a_committed_link(
    git_repo: Repo, run_cli, outside
):
    _contribute_link(git_repo, ".cache", str(outside))
    code, _, err = run_cli("check", "--base", "main", "--cache-dir", ".cache/mergeready")
    assert code == 0, err
    assert "symbolic link" in err and "cache is off" in err, err
    _untouched(outside)


def test_fix_never_writes_outside_the_repository(git_repo: Repo, run_cli, outside):
    towncrier = TOWNCRIER.replace('directory = "changes"', 'directory = "../outside"')
    story(
        git_repo,
        {"pyproject.toml": towncrier, "pkg/mod.py": "X = 1\n"},
        {"pkg/mod.py": "X = 2\n"},
        "Fix X",
    )
    code, out, err = run_cli("fix", "--pr", "17", "--only", "changelog-updated")
    _untouched(outside)  # a towncrier directory the base names outside the tree
    assert code == 2 and "outside the repository" in err, err


@pytest.mark.parametrize(
    "output, link, target, status",
    [
        ("shard.jsonl", "shard.jsonl", "{outside}/victim", 2),  # the shard itself is a link
        ("shards/a.jsonl", "shards", "{outside}", 2),  # its folder is a link
        ("shard.jsonl", "shard.jsonl", "/dev/zero", 2),  # a read that would never end
        # The temporary name the shard was written under before: a link there is never
        # followed (the temporary file is new, named at random, opened with O_EXCL).
        ("shard.jsonl", ".shard.jsonl.tmp", "{outside}/victim", 0),
    ],
)
def test_history_jsonl_never_reads_or_writes_a_shard_through_a_committed_link(
    git_repo: Repo, run_cli, outside, output, link, target, status
):
    _contribute_link(git_repo, link, target.format(outside=outside))
    code, _, err = run_cli("history", "--last", "1", "--format", "jsonl", "--output", output)
    assert code == status, err
    if status:
        assert err.count("\n") == 1 and "link" in err, err
    _untouched(outside)


def test_org_run_never_writes_a_shard_through_a_link_in_its_folder(
    git_repo: Repo, run_cli, outside, tmp_path
):
    """The shards' folder inside a clone (or a link left in it): each shard is refused, one line
    each, and nothing outside is touched; a plain folder is written."""
    _contribute_link(git_repo, "shards/demo.jsonl", f"{outside}/victim")
    listing = tmp_path / "repos.txt"
    listing.write_text(f"{git_repo.path} name=demo\n")
    argv = ("org", "run", "--repos", str(listing), "--last", "1", "--quiet", "--out")
    code, _, err = run_cli(*argv, str(git_repo.path / "shards"))
    assert code == 2 and err.count("\n") == 1 and "symbolic link" in err, err
    _untouched(outside)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "demo.jsonl").symlink_to(outside / "victim")  # a link in the operator's own folder
    code, _, err = run_cli(*argv, str(mine))
    assert code == 2 and "symbolic link" in err, err
    _untouched(outside)
    code, _, err = run_cli(*argv, str(tmp_path / "plain"))
    assert code == 0 and (tmp_path / "plain" / "demo.jsonl").is_file(), err


@pytest.mark.parametrize("step", ["report", "merge"])
@pytest.mark.parametrize("target", ["{outside}/victim", "/dev/zero"])
def test_org_never_reads_a_linked_shard_in_a_folder(
    git_repo, run_cli, outside, tmp_path, step, target
):
    """A shards folder (perhaps inside a clone) holding a link: refused in one line, never read."""
    listing = tmp_path / "repos.txt"
    story(git_repo, {"README.md": "# Demo\n"}, {"docs/guide.md": "# Guide\n"})
    listing.write_text(f"{git_repo.path} name=demo\n")
    shards = tmp_path / "shards"
    code, _, err = run_cli(
        "org", "run", "--repos", str(listing), "--last", "1", "--quiet", "--out", str(shards)
    )
    assert code == 0, err
    (shards / "zz.jsonl").symlink_to(target.format(outside=outside))
    code, _, err = run_cli("org", step, str(shards), "--output", str(tmp_path / "out.jsonl"))
    assert code == 2 and err.count("\n") == 1 and "symbolic link" in err, err
    _untouched(outside)
