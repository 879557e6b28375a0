"""changelog-updated: the changelog file's unreleased section, or a fragment, was updated."""

from __future__ import annotations

import pytest
from helpers import Row, run_check, statuses, story, two_uses
from mergeready.checks.changelog.changelog_updated import Options

MD = "# Changelog\n\n## Unreleased\n\n- older entry\n\n## 1.0.0 (2024-01-01)\n\n- first\n"
MD_NO_UNRELEASED = "# Changelog\n\n## 1.0.0 (2024-01-01)\n\n- first\n"
RST = (
    "Changes\n=======\n\nUnreleased\n----------\n\n* older\n\n1.0 (2024-01-01)\n"
    "----------------\n\n* first\n"
)
SRC = {"pkg/mod.py": "X = 1\n"}
CHANGE = {"pkg/mod.py": "X = 2\n"}
FRAGMENTS = {**SRC, "changelog.d/.gitkeep": ""}

CASES: list[Row] = [
    (
        "entry under Unreleased",
        {**SRC, "CHANGELOG.md": MD},
        {**CHANGE, "CHANGELOG.md": MD.replace("- older entry", "- new entry\n- older entry")},
        "pass",
        [],
    ),
    ("no entry", {**SRC, "CHANGELOG.md": MD}, CHANGE, "fail", ["MR301"]),
    (
        "entry under a released version",
        {**SRC, "CHANGELOG.md": MD},
        {**CHANGE, "CHANGELOG.md": MD.replace("- first", "- sneaked in\n- first")},
        "fail",
        ["MR301", "MR302"],
    ),
    (
        "new version section at the top",
        {**SRC, "CHANGELOG.md": MD_NO_UNRELEASED},
        {
            **CHANGE,
            "CHANGELOG.md": MD_NO_UNRELEASED.replace(
                "## 1.0.0", "## 1.1.0 (2024-02-01)\n\n- new\n\n## 1.0.0"
            ),
        },
        "pass",
        [],
    ),
    (
        "reST changelog",
        {**SRC, "CHANGES.rst": RST},
        {**CHANGE, "CHANGES.rst": RST.replace("* older", "* newer\n* older")},
        "pass",
        [],
    ),
    (
        "fragment of the right type",
        FRAGMENTS,
        {**CHANGE, "changelog.d/12.feature.md": "Added X.\n"},
        "pass",
        [],
    ),
    (
        "fragment of the wrong type",
        FRAGMENTS,
        {**CHANGE, "changelog.d/12.bugfix.md": "Fixed X.\n"},
        "pass",
        ["MR303"],
    ),
    ("fragment missing", FRAGMENTS, CHANGE, "fail", ["MR301"]),
    ("no mechanism", SRC, CHANGE, "skip", []),
    (
        "towncrier directory from pyproject",
        {**SRC, "pyproject.toml": '[tool.towncrier]\ndirectory = "news.d"\n', "news.d/.keep": ""},
        {**CHANGE, "news.d/3.feature": "X.\n"},
        "pass",
        [],
    ),
]


test_check_function, test_through_the_command = two_uses(
    "changelog-updated", CASES, title="feat: x"
)


def test_skip_label_is_shown_with_what_skipped_it(git_repo, run_json):
    story(git_repo, {**SRC, "CHANGELOG.md": MD}, CHANGE)
    code, report = run_json(
        "--only", "changelog-updated", "--title", "feat: x", "--label", "skip-changelog"
    )
    (check,) = report["checks"]
    assert (code, check["status"]) == (0, "skip")
    assert check["summary"] == "skipped by label 'skip-changelog'"


def test_changelog_skip_trailer_is_ignored_unless_the_base_opts_in(git_repo):
    story(git_repo, {**SRC, "CHANGELOG.md": MD}, CHANGE, message="Tweak X\n\nChangelog: skip\n")
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "fail"
    assert [f.code for f in result.findings] == ["MR301", "MR305"]
    allowed = Options(allow_skip_trailer=True)
    result = run_check(git_repo, "changelog-updated", allowed)
    assert result.status == "skip" and "Changelog: skip" in result.summary


def test_changelog_skip_opt_in_comes_from_the_base_not_the_contribution(git_repo, run_json):
    opt_in = "checks:\n  changelog-updated:\n    allow-skip-trailer: true\n"
    story(
        git_repo,
        {**SRC, "CHANGELOG.md": MD},
        {**CHANGE, ".mergeready.yaml": opt_in},
        message="Tweak X\n\nChangelog: skip\n",
    )
    code, report = run_json("--base", "main", "--only", "changelog-updated", "--title", "feat: x")
    assert (code, statuses(report)) == (1, {"changelog-updated": "fail"})
    git_repo.checkout("main")
    git_repo.write(".mergeready.yaml", opt_in)
    git_repo.commit("opt in")
    git_repo.checkout("topic")
    git_repo.git("rebase", "-q", "main")
    code, report = run_json("--base", "main", "--only", "changelog-updated", "--title", "feat: x")
    assert (code, statuses(report)) == (0, {"changelog-updated": "skip"})


@pytest.mark.parametrize(
    "head",
    [
        {**CHANGE, "CHANGELOG.md": None},
        {**CHANGE, "CHANGELOG.md": None, "docs/history.md": MD},
    ],
    ids=["deleted", "moved"],
)
def test_deleting_or_moving_the_changelog_does_not_switch_the_check_off(git_repo, head):
    story(git_repo, {**SRC, "CHANGELOG.md": MD}, head)
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "fail" and result.findings[0].code == "MR301"


def test_an_empty_fragment_is_no_entry(git_repo):
    story(git_repo, FRAGMENTS, {**CHANGE, "changelog.d/12.feature.md": "\n"})
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "fail"
    assert [f.code for f in result.findings] == ["MR301", "MR304"]


def test_a_fragment_directory_the_base_does_not_have_is_no_mechanism(git_repo):
    story(git_repo, {**SRC, "CHANGELOG.md": MD}, {**CHANGE, "news/12.feature": "Added X.\n"})
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "fail" and result.findings[0].code == "MR301"
    story_repo = git_repo  # a project without any mechanism stays without one
    story_repo.checkout("main")
    story_repo.git("rm", "-q", "CHANGELOG.md")
    story_repo.commit("no changelog")
    story_repo.checkout("topic")
    story_repo.git("rebase", "-q", "main")
    assert run_check(story_repo, "changelog-updated").status == "skip"


SPHINX = (
    "Release 9.1.0 (in development)\n==============================\n\n"
    "Dependencies\n------------\n\n* #1: Drop Python 3.10.\n\n"
    "Features added\n--------------\n\n* #2: Add X.\n\n"
    "Bugs fixed\n----------\n\n* #3: Fix Y.\n"
)
BLACK = "# Change Log\n\n## Unreleased\n\n### Stable style\n\n- a\n\n### Preview style\n\n- b\n"
KEEP = (
    "# Changelog\n\n## [Unreleased]\n\n### Fixed\n\n- a\n\n"
    "## [0.27.0] - 2024-01-01\n\n### Added\n\n- b\n"
)
NESTED = [
    ("sphinx", "CHANGES.rst", SPHINX, SPHINX + "* #4: Fix Z.\n", "Bugs fixed"),
    ("black", "CHANGES.md", BLACK, BLACK.replace("- b\n", "- b\n- c\n"), "Preview style"),
    ("keep a changelog", "CHANGELOG.md", KEEP, KEEP.replace("- a\n", "- a\n- z\n"), "Fixed"),
    (
        "version without a date",
        "CHANGELOG.md",
        "# Changes\n\n## 1.1.0\n\n- a\n\n## 1.0.0 (2024-01-01)\n\n- b\n",
        "# Changes\n\n## 1.1.0\n\n- a\n- z\n\n## 1.0.0 (2024-01-01)\n\n- b\n",
        None,
    ),
    (
        "(unreleased)",
        "HISTORY.rst",
        "History\n=======\n\n2.0 (unreleased)\n----------------\n\n- a\n\n"
        "1.0 (2024-01-01)\n----------------\n\n- b\n",
        "History\n=======\n\n2.0 (unreleased)\n----------------\n\n- a\n- z\n\n"
        "1.0 (2024-01-01)\n----------------\n\n- b\n",
        None,
    ),
]


@pytest.mark.parametrize("name, path, before, after, section", NESTED, ids=[n[0] for n in NESTED])
def test_entries_under_subsections_of_the_unreleased_release(
    git_repo, name, path, before, after, section
):
    from mergeready.checks.changelog.mechanism import file_entries
    from mergeready.checks.contribution import Contribution

    story(git_repo, {**SRC, path: before}, {**CHANGE, path: after})
    result = run_check(git_repo, "changelog-updated")
    assert (result.status, result.findings) == ("pass", ())
    c = Contribution.from_git(git_repo.path, base="main")
    entries, _, state = file_entries(c, c.file(path))
    assert state == "open" and [e.kind for e in entries] == [section]


def test_renaming_the_unreleased_heading_is_a_release_not_an_entry(git_repo):
    released = KEEP.replace("## [Unreleased]", "## [0.28.0] - 2024-06-01")
    story(git_repo, {**SRC, "CHANGELOG.md": KEEP}, {**CHANGE, "CHANGELOG.md": released})
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "fail"
    assert [f.code for f in result.findings] == ["MR301"]


def test_a_changelog_written_at_release_time_is_skipped(git_repo):
    dated = "4.6.2 - 2026-08-10\n==================\n\n- a\n\n4.6.1 - 2026-07-21\n" + "=" * 18
    story(git_repo, {**SRC, "CHANGELOG.md": dated + "\n\n- b\n"}, CHANGE)
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "skip" and "when it releases" in result.summary


def test_fragment_hint_uses_the_projects_towncrier_types(git_repo):
    towncrier = (
        '[tool.towncrier]\ndirectory = "changelog.d"\n'
        '[[tool.towncrier.type]]\ndirectory = "breaking"\nname = "Breaking"\n'
        '[[tool.towncrier.type]]\ndirectory = "change"\nname = "Changes"\n'
    )
    story(
        git_repo,
        {**FRAGMENTS, "pyproject.toml": towncrier},
        {**CHANGE, "changelog.d/1571.feature.md": "Added X.\n"},
    )
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "fail"  # towncrier never reads a .feature fragment here (#22)
    (finding,) = [f for f in result.findings if f.code == "MR303"]
    assert finding.hint == "use one of: breaking, change"
    git_repo.git("mv", "changelog.d/1571.feature.md", "changelog.d/1571.breaking.md")
    git_repo.commit("rename", "changelog.d")
    result = run_check(git_repo, "changelog-updated", contribution_types=("bugfix",))
    (finding,) = result.findings
    assert finding.hint == "rename it to 1571.change.md"


def test_hint_names_the_fragment_to_create(git_repo):
    story(git_repo, FRAGMENTS, CHANGE)
    result = run_check(git_repo, "changelog-updated", contribution_types=("bugfix",))
    assert (
        result.findings[0].hint == "create changelog.d/<PR number>.bugfix.md describing the change"
    )


@pytest.mark.parametrize("with_entries, status", [(0, "skip"), (10, "fail")])
def test_the_bases_history_shows_whether_contributions_add_entries(
    git_repo, monkeypatch, with_entries, status
):
    git_repo.write("CHANGELOG.md", MD)
    git_repo.write("pkg/mod.py", "X = 0\n")
    git_repo.commit("initial")
    for n in range(1, 22):
        # Each its own merged contribution, an hour apart (a series made within a minute by
        # one committer counts once: tests/checks/changelog/test_history_series.py).
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{1_700_000_000 + 3_600 * n} +0000")
        monkeypatch.setenv("GIT_AUTHOR_EMAIL", f"dev{n % 4}@example.org")  # several people
        git_repo.write("pkg/mod.py", f"X = {n}\n")
        if n <= with_entries:
            log = (git_repo.path / "CHANGELOG.md").read_text()
            git_repo.write(
                "CHANGELOG.md", log.replace("## Unreleased\n", f"## Unreleased\n\n- {n}\n")
            )
        git_repo.commit(f"change {n}")
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    git_repo.branch("topic")
    git_repo.write("pkg/mod.py", "X = 99\n")
    git_repo.commit("change")
    result = run_check(git_repo, "changelog-updated")
    assert result.status == status
    if status == "skip":
        assert "1 of its last 22 merged source changes" in result.summary
    assert (
        run_check(git_repo, "changelog-updated", Options(learn_from_history=False)).status == "fail"
    )


def test_a_stale_unreleased_heading_below_releases_is_not_the_open_section(git_repo):
    # Found on pluggy: "pluggy 0.7.0 (Unreleased)" deep in a towncrier-managed file.
    log = "# Changelog\n\n## 1.1.0 (2024-02-01)\n\n- a\n\n## 0.7.0 (Unreleased)\n\n- b\n"
    story(git_repo, {**SRC, "CHANGELOG.md": log}, CHANGE)
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "skip" and "dated releases" in result.summary


def test_release_notes_written_by_a_release_are_entries_not_misplaced_ones(git_repo):
    # Found on requests: "v2.34.2" keeps "dev" on top and adds the dated section below it.
    log = (
        "History\n=======\n\ndev\n---\n\n- placeholder\n\n"
        "1.0 (2024-01-01)\n----------------\n\n- a\n"
    )
    notes = log.replace("1.0 (2024", "1.1 (2024-02-01)\n----------------\n\n- b\n\n1.0 (2024")
    story(git_repo, {**SRC, "HISTORY.rst": log}, {**CHANGE, "HISTORY.rst": notes})
    from mergeready.checks.changelog.mechanism import file_entries
    from mergeready.checks.contribution import Contribution

    c = Contribution.from_git(git_repo.path, base="main")
    entries, misplaced, state = file_entries(c, c.file("HISTORY.rst"))
    assert (state, misplaced, [e.line for e in entries]) == ("release", None, [12])


@pytest.mark.parametrize(
    "text, counted",
    [
        ("# Release v1.4.7\n\n## Bug fixes\n* a\n\n# Release v1.4.6\n\n* b\n", True),
        ("# How to release\n\n## Tag\n\nRun it.\n\n## Upload\n\nTwine.\n", False),
    ],
)
def test_release_md_is_a_changelog_when_its_headings_name_versions(git_repo, text, counted):
    # Found on keras-tuner, whose RELEASE.md holds the release notes.
    from mergeready.checks.changelog.mechanism import mechanism
    from mergeready.checks.contribution import Contribution

    story(git_repo, {**SRC, "RELEASE.md": text}, CHANGE)
    c = Contribution.from_git(git_repo.path, base="main")
    assert mechanism(c, ()).files == (("RELEASE.md",) if counted else ())


def test_an_entry_in_a_changelog_the_project_writes_itself_is_not_asked_for(git_repo, monkeypatch):
    # Found on keras-tuner: RELEASE.md is the maintainer's; an entry added is welcome, not due.
    git_repo.write("CHANGELOG.md", MD)
    git_repo.write("pkg/mod.py", "X = 0\n")
    git_repo.commit("initial")
    for n in range(1, 22):
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{1_700_000_000 + 3_600 * n} +0000")
        monkeypatch.setenv("GIT_AUTHOR_EMAIL", f"dev{n % 4}@example.org")  # several people
        git_repo.write("pkg/mod.py", f"X = {n}\n")
        git_repo.commit(f"change {n}")
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    git_repo.branch("topic")
    git_repo.write("pkg/mod.py", "X = 99\n")
    git_repo.write("CHANGELOG.md", MD.replace("- older entry", "- new entry\n- older entry"))
    git_repo.commit("change")
    result = run_check(git_repo, "changelog-updated")
    assert result.status == "skip" and "is not asked for" in result.summary
    assert run_check(git_repo, "changelog-updated", Options(learn_from_history=False)).status == (
        "pass"
    )


WHATS_NEW = "What's new\n==========\n\nv2.1 (unreleased)\n-----------------\n\n- a\n\nv2.0 (2024-01-01)\n-----------------\n\n- b\n"  # noqa: E501


def _history(repo, changes, write, release_every=0):
    """A base of merged code changes; ``write(n)`` gives the changelog files change n writes."""
    repo.write("pkg/mod.py", "X = 0\n")
    repo.write("doc/whats-new.rst", WHATS_NEW)
    repo.write("docs/build/unreleased/README.txt", "per-change notes go here\n")
    repo.commit("initial")
    for n in range(1, changes + 1):
        repo.write("pkg/mod.py", f"X = {n}\n")
        for path, text in write(n).items():
            repo.write(path, text)
        repo.commit(f"change {n} (#{n})")  # one merged pull request each
        if release_every and (repo.path / "RELEASE.rst").exists():
            repo.git("rm", "-q", "RELEASE.rst")  # the release folds it into the changelog
            repo.commit(f"release {n}")
    repo.branch("topic")
    repo.write("pkg/mod.py", "X = 99\n")


def _entry(n):
    return {"doc/whats-new.rst": WHATS_NEW.replace("- a\n", f"- a\n- change {n}\n")}


PLACES = [
    # (name, what each merged change wrote, the contribution's own changelog, status, path named)
    ("doc-file", _entry, _entry(99), "pass", "doc/whats-new.rst"),
    ("doc-file-missing", _entry, {}, "fail", "doc/whats-new.rst"),
    (
        "per-change-folder",
        lambda n: {f"docs/build/unreleased/{n}.rst": f".. change:: {n}\n"},
        {"docs/build/unreleased/99.rst": ".. change:: 99\n"},
        "pass",
        "docs/build/unreleased/",
    ),
    (
        "per-change-folder-missing",
        lambda n: {f"docs/build/unreleased/{n}.rst": f".. change:: {n}\n"},
        {},
        "fail",
        "docs/build/unreleased/<PR number>.rst",
    ),
    (
        "release-file",
        lambda n: {"RELEASE.rst": f"RELEASE_TYPE: patch\n\n{n}\n"},
        {"RELEASE.rst": "RELEASE_TYPE: minor\n\nx\n"},
        "pass",
        "RELEASE.rst",
    ),  # noqa: E501
    (
        "release-file-missing",
        lambda n: {"RELEASE.rst": f"RELEASE_TYPE: patch\n\n{n}\n"},
        {},
        "fail",
        "RELEASE.rst",
    ),  # noqa: E501
    # A third of the merged changes is the edge: 4 of 12 teach, 3 of 12 do not.
    ("a-third", lambda n: _entry(n) if n % 3 == 0 else {}, {}, "fail", "doc/whats-new.rst"),
    ("under-a-third", lambda n: _entry(n) if n % 4 == 0 else {}, {}, "skip", "no changelog"),
]


@pytest.mark.parametrize(
    "write, own, status, named", [p[1:] for p in PLACES], ids=[p[0] for p in PLACES]
)
def test_where_entries_go_is_learned_from_the_bases_merged_history(
    git_repo, write, own, status, named
):
    _history(git_repo, 12, write, release_every=1)
    for path, text in own.items():
        git_repo.write(path, text)
    git_repo.commit("change")
    result = run_check(git_repo, "changelog-updated", contribution_types=("bugfix",))
    assert result.status == status, result
    said = result.summary + " ".join(f"{f.path} {f.hint}" for f in result.findings)
    assert named in said
    if status != "skip":
        assert "merged code contributions @" in result.summary  # the evidence, with the base
    if status == "fail":
        assert all(
            f.path is None or (git_repo.path / f.path).exists() or f.path == "RELEASE.rst"
            for f in result.findings
        )  # noqa: E501


def test_a_learned_place_is_pinned_by_the_files_key(git_repo):
    # files: pins the place, as the base configures it: no NEWS.md at the base, no mechanism.
    pin = {".mergeready.yaml": "checks:\n  changelog-updated:\n    files: [NEWS.md]\n"}
    _history(git_repo, 12, lambda n: pin if n == 1 else _entry(n))
    git_repo.commit("change")
    result = run_check(git_repo, "changelog-updated", contribution_types=("bugfix",))
    assert result.status == "skip" and "no changelog mechanism" in result.summary


def test_learn_from_history_false_turns_the_learned_place_off(git_repo):
    _history(git_repo, 12, _entry)
    git_repo.commit("change")
    options = Options(learn_from_history=False)
    result = run_check(git_repo, "changelog-updated", options, contribution_types=("bugfix",))
    assert result.status == "skip" and "no changelog mechanism" in result.summary


def test_the_learned_place_is_shown_by_rules_with_its_origin_and_key(git_repo, run_cli):
    _history(git_repo, 12, _entry)
    git_repo.commit("change")
    code, out, _ = run_cli("rules", "--base", "main")
    line = next(x for x in out.splitlines() if x.startswith("learned.changelog:"))
    assert line.startswith(
        "learned.changelog: doc/whats-new.rst    # an entry in doc/whats-new.rst"
    )
    assert "learned from 13 of the last 13 merged code contributions @ " in line  # and initial
    assert "checks.changelog-updated.files" in line


SECTIONED = (
    '[tool.towncrier]\ndirectory = "changes"\n'
    '[[tool.towncrier.section]]\nname = ""\npath = ""\n'
    '[[tool.towncrier.section]]\nname = "Core"\npath = "core"\n'
    '[[tool.towncrier.section]]\nname = "Web"\npath = "web/"\n'
)


@pytest.mark.parametrize(
    ("fragment", "status", "codes"),
    [
        ("changes/core/12.bugfix.rst", "pass", []),  # a section's folder, a known type
        ("changes/web/12.bugfix.md", "pass", []),  # the section's path written with a slash
        ("changes/12.bugfix.rst", "pass", []),  # the main section: the directory itself
        ("changes/core/12.zzz.rst", "fail", ["MR301", "MR303"]),  # a type towncrier lacks
        ("changes/other/12.bugfix.rst", "fail", ["MR301", "MR303"]),  # not a section: never read
        ("changes/core/deeper/12.bugfix.rst", "fail", ["MR301", "MR303"]),
    ],
)
def test_towncrier_sections_are_folders_towncrier_reads(git_repo, fragment, status, codes):
    """[[tool.towncrier.section]] folders hold fragments towncrier reads (#22: only those)."""
    story(
        git_repo,
        {**SRC, "pyproject.toml": SECTIONED, "changes/.gitkeep": ""},
        {**CHANGE, fragment: "Fixed the thing.\n"},
    )
    result = run_check(git_repo, "changelog-updated", contribution_types=("bugfix",))
    assert (result.status, sorted({f.code for f in result.findings})) == (status, codes)


PACKAGED = (
    '[tool.towncrier]\npackage = "pkg"\npackage_dir = "src"\nfilename = "NEWS.rst"\n'
    '[[tool.towncrier.section]]\npath = ""\n'
    '[[tool.towncrier.section]]\npath = "conch"\nname = "Conch"\n'
)


@pytest.mark.parametrize(
    ("fragment", "status", "codes"),
    [
        # Twisted's layout (round 3's held-out part): no directory, a package under src/
        ("src/pkg/newsfragments/12.bugfix", "pass", []),
        ("src/pkg/conch/newsfragments/12.bugfix", "pass", []),  # a section's sub-package
        (None, "fail", ["MR301"]),  # no fragment at all
        ("newsfragments/12.bugfix", "fail", ["MR301"]),  # not where towncrier reads
    ],
)
def test_towncrier_package_layout_reads_the_packages_folders(git_repo, fragment, status, codes):
    """Without ``directory``, towncrier reads ``<package_dir>/<package>/newsfragments``."""
    base = {
        **SRC,
        "pyproject.toml": PACKAGED,
        "NEWS.rst": "Pkg 1.0\n=======\n",
        "src/pkg/newsfragments/1.misc": "",
        "src/pkg/conch/newsfragments/2.feature": "Old.\n",
    }
    story(git_repo, base, {**CHANGE, **({fragment: "Fixed the thing.\n"} if fragment else {})})
    result = run_check(git_repo, "changelog-updated", contribution_types=("bugfix",))
    assert (result.status, sorted({f.code for f in result.findings} - {"MR303"})) == (
        status,
        codes,
    ), result
