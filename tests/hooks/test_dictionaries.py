"""codespell's dictionaries kept parsed in the user cache: reused, rebuilt, never trusted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import story
from mergeready.checks.spelling import codespell
from mergeready.hooks.cache import Cache, default_dir

ENTRY = Path("co") / "codespell-clear.dict"


@pytest.fixture
def fresh():
    """Each test loads the dictionaries as a new process would (no parsed copy in memory)."""

    def clear() -> None:
        codespell.dictionary.cache_clear()
        codespell.Speller.get.cache_clear()

    clear()
    yield clear
    clear()
    codespell.use_store(None)


@pytest.fixture
def typo(git_repo):
    story(
        git_repo, {"README.md": "# Demo\n"}, {"README.md": "# Demo\n\nWe recieve it.\n"}, "docs: x"
    )
    return git_repo


def _spell(run_cli) -> tuple[int, str, str]:
    return run_cli("check", "--base", "main", "--no-cache", "--only", "spelling-clean")


def _cache() -> Cache:
    cache = Cache.open(default_dir(os.environ), os.environ)
    assert cache is not None
    return cache


def _stamp() -> str:
    """The stamp of the installed dictionary, read back from the entry a run wrote."""
    data = _cache().read_bytes("codespell-clear", ".dict")
    assert data is not None
    return data.split(b"\n")[1].decode()


def test_a_run_stores_the_parsed_dictionary_and_the_next_reads_it(typo, run_cli, fresh):
    code, out, _ = _spell(run_cli)
    assert code == 1 and "'receive'" in out
    entry = default_dir(os.environ) / ENTRY
    assert entry.is_file() and not (typo.path / ENTRY.parent).exists()
    stamp = _stamp()
    # A stored dictionary is what the next run uses: plant one (validly signed, right stamp)
    # whose fix for "recieve" no codespell ships, and the report shows it.
    fresh()
    planted = codespell.compact({"recieve": "planted-fix"}, stamp)
    assert planted is not None
    _cache().write_bytes("codespell-clear", ".dict", planted)
    code, out, _ = _spell(run_cli)
    assert code == 1 and "planted-fix" in out


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path, stamp: path.write_bytes(b"garbage"), id="corrupt"),
        pytest.param(
            lambda path, stamp: path.write_bytes(path.read_bytes()[:-5000]), id="truncated"
        ),
        pytest.param(
            lambda path, stamp: _cache().write_bytes(
                "codespell-clear",
                ".dict",
                codespell.compact({"recieve": "stale-fix"}, "0" * 64) or b"",
            ),
            id="stale-version",
        ),
        pytest.param(
            lambda path, stamp: _cache().write_bytes(
                "codespell-clear", ".dict", f"mergeready-dictionary 1\n{stamp}\n9\nx\0y".encode()
            ),
            id="signed-but-malformed",
        ),
    ],
)
def test_a_damaged_or_stale_entry_is_rebuilt(typo, run_cli, fresh, damage):
    _spell(run_cli)
    stamp = _stamp()
    entry = default_dir(os.environ) / ENTRY
    damage(entry, stamp)
    fresh()
    code, out, err = _spell(run_cli)
    assert code == 1 and "'receive'" in out and "stale-fix" not in out
    assert err == ""
    data = entry.read_bytes()
    assert codespell.expand(_cache().read_bytes("codespell-clear", ".dict"), stamp) is not None
    assert len(data) > 100_000  # the whole dictionary again


def test_a_symbolic_link_in_place_of_the_entry_is_refused_with_one_line(
    typo, run_cli, fresh, tmp_path
):
    _spell(run_cli)
    entry = default_dir(os.environ) / ENTRY
    elsewhere = tmp_path / "elsewhere.dict"
    elsewhere.write_bytes(entry.read_bytes())  # an authentic entry, reached through a link
    entry.unlink()
    entry.symlink_to(elsewhere)
    fresh()
    code, out, err = _spell(run_cli)
    assert code == 1 and "'receive'" in out
    assert err.count("\n") == 1 and "symbolic link" in err and str(entry) in err
    assert not entry.is_symlink()  # replaced by a real entry, never written through
    assert elsewhere.read_bytes()  # the link's target is untouched


def test_a_symbolic_link_as_the_cache_directory_turns_the_cache_off(
    typo, run_cli, fresh, tmp_path, monkeypatch
):
    real = tmp_path / "real-cache"
    real.mkdir()
    link = tmp_path / "linked-cache"
    link.symlink_to(real)
    monkeypatch.setenv("MERGEREADY_CACHE_DIR", str(link))
    code, out, err = _spell(run_cli)
    assert code == 1 and "'receive'" in out
    assert err.count("\n") == 1 and "symbolic link" in err
    assert list(real.iterdir()) == []


def test_a_read_only_cache_directory_still_checks(typo, run_cli, fresh):
    _spell(run_cli)  # creates the cache and its key
    directory = default_dir(os.environ)
    (directory / ENTRY).unlink()
    os.chmod(directory / ENTRY.parent, 0o500)
    try:
        fresh()
        code, out, err = _spell(run_cli)
    finally:
        os.chmod(directory / ENTRY.parent, 0o700)
    assert code == 1 and "'receive'" in out and err == ""


def test_compact_and_expand_agree_and_refuse_near_misses():
    words = {"teh": "the", "recieve": "receive", "abandonned": "abandoned, reason"}
    packed = codespell.compact(words, "s")
    assert packed is not None
    assert codespell.expand(packed, "s") == words
    assert codespell.expand(packed, "t") is None  # another stamp
    assert codespell.expand(packed.replace(b"\n3\n", b"\n4\n"), "s") is None  # count
    assert codespell.expand(packed.replace(b"\0", b"\n"), "s") is None  # no separator
    assert codespell.expand(b"\xff" + packed, "s") is None  # not text
    assert codespell.expand(packed[1:], "s") is None  # not the magic
    assert codespell.compact({"a": "b\0c"}, "s") is None
