"""Issue 22, attack 4 (50): a rename never brings a file's "no docstrings" habit along.

docstrings-complete follows the project's practice where it configures no docstring linter: a
file whose public definitions mostly have none asks no docstring of a new one (a warning). A
contribution that renames such a file into a documented folder once chose that practice for
new public API there. A renamed file is now judged by the stricter of the old file and the
destination folder's files at the base. Every row runs the real command on a real temporary
repository.
"""

from __future__ import annotations

import pytest

UNDOCUMENTED = "".join(f"\n\ndef old{i}(x):\n    return x + {i}\n" for i in range(8))
DOCUMENTED = "".join(
    f'\n\ndef user{i}(x):\n    """User {i}.\n\n    Args:\n        x: x.\n\n    Returns:\n'
    f'        r.\n    """\n    return x\n'
    for i in range(8)
)
BASE = {
    "pkg/__init__.py": "",
    "pkg/legacy/__init__.py": "",
    "pkg/legacy/old.py": UNDOCUMENTED,
    "pkg/api/__init__.py": "",
    "pkg/api/users.py": DOCUMENTED,
}
SEND = "\n\ndef send(token, url):\n    return (token, url)\n"


@pytest.mark.parametrize(
    "old, new, code",
    [
        ("pkg/legacy/old.py", "pkg/api/client.py", 1),  # attack 4's 50: into a documented folder
        ("pkg/legacy/old.py", "pkg/fresh/client.py", 1),  # a folder with no practice: the default
        ("pkg/api/users.py", "pkg/legacy/users.py", 1),  # a documented file keeps its practice
        ("pkg/legacy/old.py", "pkg/legacy/older.py", 0),  # near miss: within its own folder
        ("pkg/legacy/old.py", "pkg/legacy/old.py", 0),  # near miss: not renamed
    ],
    ids=["into-documented", "into-new-folder", "documented-out", "same-folder", "in-place"],
)
def test_a_renamed_files_new_api_follows_the_stricter_practice(git_repo, run_json, old, new, code):
    for path, text in BASE.items():
        git_repo.write(path, text)
    git_repo.commit("initial")
    git_repo.branch("topic")
    if new != old:
        git_repo.path.joinpath(new).parent.mkdir(parents=True, exist_ok=True)
        git_repo.git("mv", old, new)
    git_repo.write(new, BASE[old] + SEND)
    git_repo.commit("Move and add send")
    status, report = run_json("--only", "docstrings-complete")
    findings = [f for c in report["checks"] for f in c["findings"] if "send" in f["message"]]
    assert status == code and findings, report
    assert findings[0]["severity"] == ("error" if code else "warning")
