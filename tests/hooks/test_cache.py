"""The result cache: reused only for the same contribution and configuration."""

from __future__ import annotations

from helpers import story

README = "# Demo\n"


def _files(path):
    return sorted(p for p in path.rglob("*.json")) if path.exists() else []


def test_second_run_reuses_the_result(git_repo, run_cli, tmp_path):
    story(git_repo, {"README.md": README}, {"docs/a.md": "A teh.\n"}, message="docs: a")
    cache = tmp_path / "mergeready-cache"
    first = run_cli("check")
    assert len(_files(cache)) == 1
    assert run_cli("check") == first


def test_a_changed_file_never_reuses_a_stale_result(git_repo, run_cli):
    git_repo.write("README.md", README)
    git_repo.commit("initial")
    git_repo.write("notes.md", "Fine.\n")  # working tree: the same paths, new content
    assert run_cli("check")[0] == 0
    git_repo.write("notes.md", "Teh.\n")
    code, out, _ = run_cli("check")
    assert code == 1 and "'Teh'" in out
    git_repo.write("notes.md", "Fine.\n")
    assert run_cli("check")[0] == 0


def test_a_changed_configuration_never_reuses_a_stale_result(git_repo, run_cli):
    story(
        git_repo,
        {"m.py": '"""M."""\n'},
        {
            "m.py": '"""M."""\n\n\ndef f(a):\n    """F.\n\n    Args:\n        a: A.\n    """\n'
            "    return a\n"
        },
        message="feat: f",
    )
    assert run_cli("check", "--only", "docstrings-complete")[0] == 0
    assert run_cli("check", "--only", "docstrings-complete", "--profile", "strict")[0] == 1
    git_repo.checkout("main")
    git_repo.write(".mergeready.yaml", "profile: strict\n")
    git_repo.commit("strict")
    git_repo.checkout("topic")
    git_repo.git("rebase", "-q", "main")
    assert run_cli("check", "--only", "docstrings-complete")[0] == 1


def test_no_cache_reads_and_writes_nothing(git_repo, run_cli, tmp_path):
    story(git_repo, {"README.md": README}, {"docs/a.md": "A.\n"})
    run_cli("check", "--no-cache")
    assert _files(tmp_path / "mergeready-cache") == []
    target = tmp_path / "elsewhere"
    run_cli("check", "--cache-dir", str(target))
    assert len(_files(target)) == 1


def test_a_corrupt_cache_entry_is_ignored(git_repo, run_cli, tmp_path):
    story(git_repo, {"README.md": README}, {"docs/a.md": "A teh.\n"})
    first = run_cli("check")
    (entry,) = _files(tmp_path / "mergeready-cache")
    entry.write_text("{not json")
    assert run_cli("check") == first
