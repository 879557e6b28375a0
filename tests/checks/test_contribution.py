"""The Contribution model, read from real repositories: ranges, statuses, lines, content."""

from __future__ import annotations

import subprocess

import pytest
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError


def _base(repo):
    repo.write("pkg/mod.py", "def f():\n    return 1\n")
    repo.write("README.md", "# Demo\n")
    repo.commit("initial")
    repo.branch("topic")


def test_default_base_is_the_merge_base_with_main(git_repo):
    _base(git_repo)
    base = git_repo.git("rev-parse", "main")
    git_repo.write("pkg/mod.py", "def f():\n    return 2\n\n\ndef g():\n    return 3\n")
    head = git_repo.commit("change f, add g")
    c = Contribution.from_git(git_repo.path)
    assert (c.base, c.head, c.mode) == (base, head, "commits")
    (f,) = c.files
    assert (f.path, f.status) == ("pkg/mod.py", "modified")
    assert f.added_lines == {2, 3, 4, 5, 6}
    assert f.removed == 1
    assert [m.subject for m in c.commits] == ["change f, add g"]


def test_default_base_prefers_origin_head(git_repo, tmp_path):
    _base(git_repo)
    git_repo.checkout("main")
    git_repo.write("other.py", "x = 1\n")
    git_repo.commit("main moves on")
    remote = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git_repo.git("remote", "add", "origin", str(remote))
    git_repo.git("push", "-q", "origin", "main")
    git_repo.git("remote", "set-head", "origin", "main")
    git_repo.checkout("topic")
    git_repo.write("new.py", "y = 2\n")
    git_repo.commit("topic work")
    c = Contribution.from_git(git_repo.path)
    assert [f.path for f in c.files] == ["new.py"]


def test_explicit_base_and_head_need_no_checkout(git_repo):
    _base(git_repo)
    git_repo.write("pkg/new.py", "print('hi')\n")
    git_repo.commit("add new")
    git_repo.checkout("main")
    git_repo.write("pkg/mod.py", "changed in the working tree only\n")
    c = Contribution.from_git(git_repo.path, base="main", head="topic")
    (f,) = c.files
    assert f.path == "pkg/new.py" and f.status == "added"
    assert c.text(f) == "print('hi')\n"


def test_staged_compares_the_index_with_head(git_repo):
    _base(git_repo)
    git_repo.write("staged.py", "a = 1\n")
    git_repo.write("unstaged.py", "b = 2\n")
    git_repo.git("add", "staged.py")
    git_repo.write("staged.py", "a = 1  # edited after staging\n")
    c = Contribution.from_git(git_repo.path, staged=True)
    (f,) = c.files
    assert f.path == "staged.py"
    assert c.text(f) == "a = 1\n"  # what is staged, not the working tree
    assert c.mode == "staged" and c.commits == ()


def test_working_tree_against_head_on_the_default_branch(git_repo):
    git_repo.write("a.py", "x = 1\n")
    git_repo.commit("initial")
    git_repo.write("a.py", "x = 2\n")
    git_repo.write("untracked.py", "y = 3\n")
    c = Contribution.from_git(git_repo.path)
    assert c.mode == "worktree"
    assert sorted(f.path for f in c.files) == ["a.py", "untracked.py"]
    untracked = c.file("untracked.py")
    assert untracked is not None and untracked.touches(1)
    assert c.text(untracked) == "y = 3\n"


def test_all_treats_every_tracked_file_as_added(git_repo):
    _base(git_repo)
    c = Contribution.from_git(git_repo.path, all_files=True)
    assert sorted(f.path for f in c.files) == ["README.md", "pkg/mod.py"]
    assert all(f.status == "added" and f.touches(99) for f in c.files)


def test_renames_deletions_and_binary_files(git_repo):
    git_repo.write("old_name.py", "".join(f"line{i} = {i}\n" for i in range(20)))
    git_repo.write("gone.txt", "bye\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.git("mv", "old_name.py", "new_name.py")
    git_repo.write("new_name.py", "".join(f"line{i} = {i}\n" for i in range(20)) + "extra = 1\n")
    git_repo.git("rm", "-q", "gone.txt")
    git_repo.write("image.bin", b"\x89PNG\0\0binary")
    git_repo.commit("rename, delete, add binary")
    c = Contribution.from_git(git_repo.path)
    by_path = {f.path: f for f in c.files}
    assert by_path["new_name.py"].status == "renamed"
    assert by_path["new_name.py"].old_path == "old_name.py"
    assert by_path["new_name.py"].added_lines == {21}
    assert by_path["gone.txt"].status == "deleted" and c.text(by_path["gone.txt"]) is None
    assert by_path["image.bin"].binary
    assert c.data(by_path["image.bin"]) == (None, "binary")


def test_odd_file_names_survive(git_repo):
    git_repo.write("keep.txt", "x\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    names = ["with space.py", 'quote"s.py', "ünïcode.py", "new\nline.py", "-leading.py"]
    for name in names:
        git_repo.write(name, "value = 1\n")
    git_repo.commit("odd names")
    c = Contribution.from_git(git_repo.path)
    assert sorted(f.path for f in c.files) == sorted(names)
    assert all(c.text(f) == "value = 1\n" for f in c.files)


def test_merge_commit_of_a_pull_request_gives_its_title(git_repo):
    from mergeready.checks.classify.signals import subject_of, title_of

    _base(git_repo)
    git_repo.checkout("main")
    git_repo.write("pkg/mod.py", "def f():\n    return 5\n")
    git_repo.commit("Merge pull request #12 from ada/topic\n\nFix the return value of f")
    c = Contribution.from_git(git_repo.path, base="HEAD^", head="HEAD")
    assert title_of(c) == ("Fix the return value of f", f"commit {c.commits[0].sha[:8]}")
    assert subject_of("Merge branch 'main' into topic") is None


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"base": "no-such-branch"}, "unknown revision 'no-such-branch'"),
        ({"base": "--output=/tmp/x"}, "unknown revision '--output=/tmp/x'"),
        ({"staged": True, "base": "main"}, "--staged compares the index with HEAD"),
    ],
)
def test_bad_refs_are_one_clear_error(git_repo, kwargs, message):
    _base(git_repo)
    with pytest.raises(MergereadyError, match=message.replace("(", r"\(")):
        Contribution.from_git(git_repo.path, **kwargs)


def test_not_a_repository_and_bare_repository(tmp_path):
    with pytest.raises(MergereadyError, match="not inside a git repository"):
        Contribution.from_git(tmp_path)
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    with pytest.raises(MergereadyError, match="bare repository"):
        Contribution.from_git(bare)


def test_shallow_clone_without_the_base_names_the_fix(git_repo, tmp_path):
    _base(git_repo)
    git_repo.checkout("main")
    for i in range(3):
        git_repo.write(f"f{i}.py", f"x = {i}\n")
        git_repo.commit(f"commit {i}")
    first = git_repo.git("rev-list", "--max-parents=0", "HEAD")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", f"file://{git_repo.path}", str(clone)], check=True
    )
    with pytest.raises(MergereadyError, match="fetch-depth: 0"):
        Contribution.from_git(clone, base=first)


def test_config_is_read_from_the_base_revision(git_repo):
    git_repo.write(".mergeready.yaml", "profile: default\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write(".mergeready.yaml", "profile: strict\n")
    git_repo.commit("switch profile")
    c = Contribution.from_git(git_repo.path, base="main")
    assert c.config_text(".mergeready.yaml") == "profile: default\n"
    assert c.config_text("missing.yaml") is None


def test_a_pure_rename_adds_no_lines(git_repo):
    git_repo.write("old.py", "X = 1\n")
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.git("mv", "old.py", "new.py")
    git_repo.commit("rename")
    (f,) = Contribution.from_git(git_repo.path).files
    assert (f.path, f.status, f.old_path, f.added_lines) == ("new.py", "renamed", "old.py", set())


def test_head_text_and_base_text_read_any_path(git_repo):
    from helpers import story

    story(
        git_repo,
        {"docs/a.md": "base a\n", "docs/b.md": "same b\n", "img.bin": b"\0\1"},
        {"docs/a.md": "head a\n", "docs/new.md": "new\n", "docs/b.md": None},
    )
    c = Contribution.from_git(git_repo.path, base="main")
    try:
        assert c.head_text("docs/a.md") == "head a\n"
        assert c.head_text("docs/new.md") == "new\n"
        assert c.head_text("docs/b.md") is None  # deleted by the contribution
        assert c.head_text("img.bin") is None  # binary
        assert c.head_text("nowhere.md") is None
        assert c.base_text("docs/a.md") == "base a\n"
        assert c.base_text("docs/b.md") == "same b\n"
        assert c.base_text("docs/new.md") is None
    finally:
        c.close()


def test_base_text_and_head_text_read_other_revisions(git_repo):
    git_repo.write("a.po", "old\n")
    git_repo.write("docs/en/page.md", "source\n")
    git_repo.commit("base")
    git_repo.branch("topic")
    git_repo.write("a.po", "new\n")
    git_repo.commit("change")
    git_repo.write("docs/en/page.md", "uncommitted\n")  # head is the commit, not the disk
    c = Contribution.from_git(git_repo.path, base="main")
    try:
        assert (c.base_text("a.po"), c.text(c.file("a.po"))) == ("old\n", "new\n")
        assert c.base_text("missing.po") is None
        assert c.head_text("docs/en/page.md") == "source\n"
        assert c.head_text("a.po") == "new\n"
        assert c.head_text("../outside") is None and c.head_text("/etc/passwd") is None
    finally:
        c.close()


def test_head_text_in_the_working_tree_mode(git_repo):
    git_repo.write("README.md", "committed\n")
    git_repo.write("docs/x.md", "x\n")
    git_repo.commit("initial")
    git_repo.write("README.md", "edited\n")
    c = Contribution.from_git(git_repo.path)
    try:
        assert c.mode == "worktree"
        assert c.head_text("README.md") == "edited\n"
        assert c.head_text("docs/x.md") == "x\n"
        assert c.base_text("README.md") == "committed\n"
    finally:
        c.close()


def test_head_text_follows_the_index_with_staged(git_repo):
    git_repo.write("docs/en/page.md", "committed\n")
    git_repo.commit("base")
    git_repo.write("docs/en/page.md", "staged\n")
    git_repo.git("add", "docs/en/page.md")
    git_repo.write("docs/en/page.md", "on disk\n")
    staged = Contribution.from_git(git_repo.path, staged=True)
    try:
        assert staged.head_text("docs/en/page.md") == "staged\n"
        assert staged.base_text("docs/en/page.md") == "committed\n"
    finally:
        staged.close()
