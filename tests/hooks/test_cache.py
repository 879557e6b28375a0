"""The result cache: reused only for the same contribution and configuration, and unforgeable."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat

import pytest
from helpers import released_together, story
from mergeready.hooks.cache import Cache

README = "# Demo\n"
MAGIC = b"mergeready-cache 2\n"
DOCUMENTED = (
    '"""M."""\n\n\ndef f(a):\n    """Return a.\n\n    Args:\n        a: A value.\n\n'
    '    Returns:\n        The value.\n    """\n    return a\n'
)


def _files(path):
    return sorted(p for p in path.rglob("*.json")) if path.exists() else []


def _sign(tmp_path, entry, payload):
    """Rewrite a cache entry with a valid HMAC, as only the key's owner can."""
    secret = (tmp_path / "state" / "mergeready" / "cache.key").read_bytes().strip()
    mac = hmac.new(secret, entry.name.encode() + b"\0" + payload, hashlib.sha256).digest()
    entry.write_bytes(MAGIC + mac + payload)


def _payload(entry):
    return entry.read_bytes()[len(MAGIC) + 32 :]


def test_second_run_reuses_the_result(git_repo, run_cli, tmp_path, monkeypatch):
    story(git_repo, {"README.md": README}, {"docs/a.md": "A teh.\n"}, message="docs: a")
    cache = tmp_path / "mergeready-cache"
    first = run_cli("check")
    assert first[0] == 1
    assert len(_files(cache)) == 1

    def no_run(*args, **kwargs):
        raise AssertionError("a cache hit must run no check")

    monkeypatch.setattr(
        "mergeready.hooks.evaluation.evaluate", no_run
    )  # the runner, as the cache calls it
    assert run_cli("check") == first  # reused: nothing was evaluated
    code, _, err = run_cli("check", "--no-cache")  # without the cache, the stand-in runs
    assert code == 2 and "must run no check" in err


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


def test_a_tool_setting_the_base_gains_is_never_served_stale(git_repo, run_cli):
    # The base gains tox.ini [pydocstyle] while the branch stays where it is: the same two
    # commits, so only the configuration's digest can tell the runs apart.
    story(git_repo, {"README.md": README}, {"m.py": DOCUMENTED}, message="feat: f")
    args = ("check", "--profile", "strict", "--only", "docstrings-complete")
    assert run_cli(*args)[0] == 0
    git_repo.checkout("main")
    git_repo.write("tox.ini", "[pydocstyle]\nconvention = numpy\n")
    git_repo.commit("numpy docstrings")
    git_repo.checkout("topic")
    fresh = run_cli(*args, "--no-cache")
    assert fresh[0] == 1 and "MR206" in fresh[1]
    assert run_cli(*args) == fresh
    code, out, _ = run_cli("rules", "--profile", "strict")
    assert code == 0
    assert "checks.docstrings-complete.convention: numpy    # tox.ini [pydocstyle] @" in out
    assert "# files read: tox.ini" in out


# Settings the rules loader reads from the tools' own files at the base (pytest's naming,
# towncrier's types, .gitattributes' linguist flags): (check, base files, head files, title,
# the base's change, what the fresh run must then say).
TOOL_FILES = {
    "pytest-python-files": (
        "tests-present",
        {"pkg/core.py": "X = 1\n", "pyproject.toml": "[project]\nname = 'p'\n"},
        {
            "pkg/core.py": "X = 2\n",
            "tests/test_core.py": "def test_x(tmp_path):\n    assert tmp_path.is_dir()\n",
        },
        "fix: x",
        {"pyproject.toml": "[tool.pytest.ini_options]\npython_files = 'check_*.py'\n"},
        (1, "MR101"),
    ),
    "towncrier-type": (
        "changelog-updated",
        {"pyproject.toml": "[tool.towncrier]\ndirectory = 'changes'\n", "changes/.keep": ""},
        {"pkg/core.py": "X = 2\n", "changes/7.bugfix.md": "Fixed x.\n"},
        "fix: x",
        {
            "pyproject.toml": "[tool.towncrier]\ndirectory = 'changes'\n"
            "[[tool.towncrier.type]]\ndirectory = 'fixed'\nname = 'Fixed'\n"
        },
        (1, "MR303"),  # a type towncrier does not know: the fragment does not count (#22)
    ),
    "pytest-ini": (
        "tests-meaningful",
        {"pkg/core.py": "X = 1\n"},
        {"tests/test_core.py": "def test_x(tmp_path):\n    assert tmp_path.is_dir()\n"},
        "test: x",
        {"pytest.ini": "[pytest]\npython_functions = check_\n"},
        (1, "MR803"),
    ),
    "towncrier-toml": (
        "changelog-updated",
        {"pyproject.toml": "[tool.towncrier]\ndirectory = 'changes'\n", "changes/.keep": ""},
        {"pkg/core.py": "X = 2\n", "changes/7.bugfix.md": "Fixed x.\n"},
        "fix: x",
        {
            "towncrier.toml": "[tool.towncrier]\ndirectory = 'changes'\n[[tool.towncrier.type]]\n"
            "directory = 'fixed'\nname = 'Fixed'\n"
        },
        (1, "MR303"),  # a type towncrier does not know: the fragment does not count (#22)
    ),
    "gitattributes-generated": (
        "tests-present",
        {"pkg/core.py": "X = 1\n"},
        {"pkg/core.py": "X = 2\n"},
        "fix: x",
        {".gitattributes": "pkg/core.py linguist-generated\n"},
        (0, "no source code changed"),
    ),
}


@pytest.mark.parametrize("case", TOOL_FILES.values(), ids=TOOL_FILES.keys())
def test_a_tool_file_the_base_gains_is_never_served_stale(git_repo, run_cli, case):
    check_id, base, head, title, gained, (code, said) = case
    story(git_repo, {"README.md": README, **base}, head, message=title)
    args = ("check", "--only", check_id, "--format", "json")
    before = run_cli(*args)
    assert said not in before[1]
    assert run_cli(*args) == before  # cached
    git_repo.checkout("main")
    for path, text in gained.items():
        git_repo.write(path, text)
    git_repo.commit("the base configures a tool")
    git_repo.checkout("topic")
    fresh = run_cli(*args, "--no-cache")
    assert fresh[0] == code and said in fresh[1]
    assert run_cli(*args) == fresh


@pytest.mark.parametrize("case", TOOL_FILES.values(), ids=TOOL_FILES.keys())
def test_a_tool_file_changed_on_disk_is_never_served_stale_in_an_audit(git_repo, run_cli, case):
    # ``--all`` reads configuration from the working tree while the files it audits are the
    # commit's: only the digest of the files the loader read can tell the two runs apart.
    check_id, base, head, title, gained, (code, said) = case
    for path, text in {"README.md": README, **base, **head}.items():
        git_repo.write(path, text)
    git_repo.commit("initial")
    args = ("check", "--all", "--only", check_id, "--title", title, "--format", "json")
    before = run_cli(*args)
    assert said not in before[1]
    for path, text in gained.items():
        git_repo.write(path, text)  # not committed: the audited files stay the same
    fresh = run_cli(*args, "--no-cache")
    assert said in fresh[1]
    assert run_cli(*args) == fresh


def test_no_cache_reads_and_writes_nothing(git_repo, run_cli, tmp_path):
    story(git_repo, {"README.md": README}, {"docs/a.md": "A.\n"})
    run_cli("check", "--no-cache")
    assert _files(tmp_path / "mergeready-cache") == []
    target = tmp_path / "elsewhere"
    run_cli("check", "--cache-dir", str(target))
    assert len(_files(target)) == 1


@pytest.mark.parametrize(
    "payload",
    [
        b"{not json",
        json.dumps({"by_type": []}).encode(),
        b"[" * 100_000 + b"]" * 100_000,
        b'{"span": {"mode": "commits", "base": null, "head": null, "trusted": null, '
        b'"commits": 1}, "types": [], "checks": {"a": 1}, "by_type": {}, '
        b'"files_changed": 0, "lines_added": 0, "lines_removed": 0}',
    ],
    ids=["not-json", "by-type-a-list", "deeply-nested", "checks-a-mapping"],
)
def test_a_corrupt_cache_entry_is_ignored(git_repo, run_cli, tmp_path, payload):
    story(git_repo, {"README.md": README}, {"docs/a.md": "A teh.\n"})
    first = run_cli("check")
    (entry,) = _files(tmp_path / "mergeready-cache")
    _sign(tmp_path, entry, payload)  # even an authentic entry must describe a result
    assert run_cli("check") == first


def test_a_forged_pass_is_rejected(git_repo, run_cli, tmp_path):
    story(git_repo, {"README.md": README}, {"docs/a.md": "A teh.\n"})
    first = run_cli("check")
    assert first[0] == 1
    (entry,) = _files(tmp_path / "mergeready-cache")
    data = json.loads(_payload(entry))
    data["by_type"] = {k: {**v, "passed": True, "failed": []} for k, v in data["by_type"].items()}
    data["checks"] = [{**c, "status": "pass", "findings": []} for c in data["checks"]]
    forged = json.dumps(data).encode()
    old = entry.read_bytes()
    entry.write_bytes(old[: len(MAGIC) + 32] + forged)  # the MAC a sharer of the cache can't make
    assert run_cli("check") == first
    _sign(tmp_path, entry, forged)  # the key's owner could: so the key is what protects it
    assert run_cli("check")[0] == 0


def test_an_entry_moved_to_another_key_is_rejected(git_repo, run_cli, tmp_path):
    story(git_repo, {"README.md": README}, {"docs/a.md": "Fine.\n"}, message="docs: a")
    assert run_cli("check")[0] == 0
    (passing,) = _files(tmp_path / "mergeready-cache")
    git_repo.write("docs/a.md", "Teh.\n")
    git_repo.commit("docs: b")
    assert run_cli("check")[0] == 1
    (failing,) = [e for e in _files(tmp_path / "mergeready-cache") if e != passing]
    failing.write_bytes(passing.read_bytes())  # a valid entry, signed for another key
    assert run_cli("check")[0] == 1


def test_directories_are_private_and_the_key_lives_outside_the_cache(git_repo, run_cli, tmp_path):
    story(git_repo, {"README.md": README}, {"docs/a.md": "A.\n"})
    run_cli("check")
    cache = tmp_path / "mergeready-cache"
    (entry,) = _files(cache)
    for folder in (cache, entry.parent, tmp_path / "state" / "mergeready"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    key = tmp_path / "state" / "mergeready" / "cache.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert not list(cache.rglob("*.key"))


def test_the_key_can_come_from_the_environment(git_repo, run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MERGEREADY_CACHE_KEY", "a secret from the CI's secret store")
    story(git_repo, {"README.md": README}, {"docs/a.md": "A teh.\n"})
    first = run_cli("check")
    assert len(_files(tmp_path / "mergeready-cache")) == 1
    assert not (tmp_path / "state" / "mergeready" / "cache.key").exists()
    monkeypatch.setenv("MERGEREADY_CACHE_KEY", "another secret")  # entries signed otherwise
    (entry,) = _files(tmp_path / "mergeready-cache")
    before = entry.read_bytes()
    assert run_cli("check") == first
    assert entry.read_bytes() != before  # not reused: recomputed and signed with the new key


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="needs root to chown")
def test_a_cache_directory_owned_by_another_user_is_refused(git_repo, run_cli, tmp_path):
    story(git_repo, {"README.md": README}, {"docs/a.md": "A.\n"})
    cache = tmp_path / "mergeready-cache"
    cache.mkdir()
    os.chown(cache, 65534, 65534)
    code, out, err = run_cli("check")
    assert code == 0 and "Ready" in out
    assert err == (
        f"mergeready: warning: the cache directory {cache} belongs to another user; "
        "the cache is off\n"
    )
    assert _files(cache) == []


def test_processes_opening_a_new_cache_at_once_all_get_the_whole_key(tmp_path, monkeypatch):
    """``history --jobs N`` opens the cache in N processes at once on first use: none may read
    a key another is still writing (the cache would silently be off in that process)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("MERGEREADY_CACHE_KEY", raising=False)
    for attempt in range(5):
        directory = tmp_path / f"cache{attempt}"
        (tmp_path / "state" / "mergeready" / "cache.key").unlink(missing_ok=True)

        def opened(_: int, directory=directory) -> bytes:
            cache = Cache.open(directory, os.environ)
            return cache.secret if cache else b"off"

        secrets = set(released_together(12, opened))
        assert len(secrets) == 1 and b"off" not in secrets and b"" not in secrets, secrets
