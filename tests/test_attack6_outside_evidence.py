"""Attack 6's findings outside test evidence (issue 22): each table row failed before its fix.

Every row builds a real repository: a base on ``main``, the contribution on ``topic``, and runs the
real command; near misses beside each class keep the rule from growing past what it closes.
"""

from __future__ import annotations

import pytest
from helpers import codes, story

CODE = {"pkg/__init__.py": "", "pkg/m.py": "def f():\n    return 1\n"}
CHANGED = {"pkg/m.py": "def f():\n    return 2\n"}
LOG = "# Changelog\n\n## Unreleased\n\n- Add retry support.\n\n## 1.0.0 (2024-01-01)\n\n- First.\n"
TOWNCRIER = {"pyproject.toml": '[tool.towncrier]\ndirectory = "changelog.d"\n'}
BASE = {"CHANGELOG.md": LOG}
FRAGMENT = {**TOWNCRIER, "changelog.d/10.feature.md": "Add retry support.\n"}


def _log(old: str, new: str) -> dict[str, str]:
    assert old in LOG
    return {"CHANGELOG.md": LOG.replace(old, new)}


# --- F6: an entry is new rendered text under the open section ------------------------------

NOT_ENTRIES = {
    "trailing space on someone's entry": (BASE, _log("support.", "support. ")),
    "doubled space in someone's entry": (
        BASE,
        _log("retry support", "retry  support"),
    ),
    "bullet marker changed": (BASE, _log("- Add retry", "* Add retry")),
    "released entry moved up": (
        BASE,
        _log(
            "support.\n\n## 1.0.0 (2024-01-01)\n\n- First.\n",
            "support.\n- First.\n\n## 1.0.0 (2024-01-01)\n",
        ),
    ),
    "link reference definition": (
        BASE,
        _log("support.\n", "support.\n\n[#12]: https://example.org/12\n"),
    ),
    "second Unreleased below a release": (
        BASE,
        {"CHANGELOG.md": LOG + "\n## Unreleased\n\n- Fix f.\n"},
    ),
    "whitespace edit of a fragment": (
        FRAGMENT,
        {"changelog.d/10.feature.md": "Add retry support. \n"},
    ),
    "fragment renamed unchanged": (
        FRAGMENT,
        {"changelog.d/10.feature.md": None, "changelog.d/11.bugfix.md": "Add retry support.\n"},
    ),
}

ENTRIES = {
    "a new entry": (BASE, _log("support.\n", "support.\n- Fix f.\n")),
    "the same words as a released entry that stays": (
        BASE,
        _log("support.\n", "support.\n- First.\n"),
    ),
    "an existing entry reworded": (BASE, _log("support.", "support; fix f.")),
    "an entry with its link reference": (
        BASE,
        _log("support.\n", "support.\n- Fix f ([#12]).\n\n[#12]: https://example.org/12\n"),
    ),
    "a fragment given new text": (
        FRAGMENT,
        {"changelog.d/10.feature.md": "Add retry support.\nFix f.\n"},
    ),
    "a new fragment": (FRAGMENT, {"changelog.d/11.bugfix.md": "Fix f.\n"}),
}


@pytest.mark.parametrize(
    ("base", "head", "entry"),
    [(*case, False) for case in NOT_ENTRIES.values()]
    + [(*case, True) for case in ENTRIES.values()],
    ids=[*NOT_ENTRIES, *ENTRIES],
)
def test_an_entry_is_new_rendered_text_under_the_open_section(
    git_repo, run_json, base, head, entry
):
    # Attack 6's F6 (37, 38, 39, 104, 119): the NOT_ENTRIES rows passed as entries before.
    story(git_repo, {**CODE, **base}, {**CHANGED, **head}, "Fix f")
    _, report = run_json("--base", "main", "--no-cache", "--only", "changelog-updated")
    assert ("MR301" not in codes(report)) is entry, report


# --- F7: public API defined inside a module-level block is public API ------------------------

CORE = '"""Core."""\n\nimport sys\n'
DEF = "\n    def scale(value, factor):\n        return value\n"
TC = "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
GUARDED = {
    "under if": "if sys.version_info >= (3, 8):\n" + DEF,
    "under else": "if sys.platform == 'x':\n    pass\nelse:\n" + DEF,
    "under try": "try:\n" + DEF + "\nexcept ImportError:\n    pass\n",
    "under except": "try:\n    import numpy\nexcept ImportError:\n" + DEF,
    "under with": "with open(__file__):\n" + DEF,
    "class under if": "if sys:\n\n    class Scale:\n        def apply(self, value):\n"
    + "            return 1\n",
    "else of TYPE_CHECKING": TC + "    pass\nelse:\n" + DEF,
}
NOT_PUBLIC = {
    "body of TYPE_CHECKING": TC + "\n    def scale(value, factor): ...\n",
    "private under if": "if sys:\n" + DEF.replace("scale", "_scale"),
    "nested in a function": 'def outer():\n    """Outer."""\n' + DEF + "\n    return scale\n",
}


@pytest.mark.parametrize(
    ("code", "public"),
    [(c, True) for c in GUARDED.values()] + [(c, False) for c in NOT_PUBLIC.values()],
    ids=[*GUARDED, *NOT_PUBLIC],
)
def test_a_definition_in_a_module_level_block_is_public_api(git_repo, run_json, code, public):
    # Attack 6's F7 (44, 45, 103): the GUARDED rows were "no public definition added" before.
    story(
        git_repo,
        {"pkg/__init__.py": "", "pkg/core.py": CORE},
        {"pkg/core.py": CORE + code},
        "Add scale",
    )
    _, report = run_json("--base", "main", "--no-cache", "--only", "docstrings-complete")
    check = next(c for c in report["checks"] if c["id"] == "docstrings-complete")
    assert (check["status"] == "fail") is public, report


# --- F8: a string the code uses as data is code, whatever the title says ---------------------

DATA = {
    "compared": ('def f(mode):\n    if mode == "read only":\n        return 0\n', "read only"),
    "in a tuple compared": ('def f(mode):\n    return mode in ("read only", "x")\n', "read only"),
    "dict key": ('MODES = {"read only": 0}\n', "read only"),
    "set member": ('MODES = {"read only", "read write"}\n', "read only"),
    "subscript": ('def f(d):\n    return d["read only"]\n', "read only"),
    "startswith": ('def f(s):\n    return s.startswith("read only")\n', "read only"),
    "enum value": (
        "import enum\n\n\nclass Mode(enum.Enum):\n    READ = 'read only'\n",
        "read only",
    ),
    "match case": (
        'def f(m):\n    match m:\n        case "read only":\n            return 0\n',
        "read only",
    ),
}
WORDING = {
    "an error message": ('def f():\n    raise ValueError("the mode is wrnog here")\n', "wrnog"),
    "a dict value": ('MESSAGES = {"mode": "the mode is wrnog here"}\n', "wrnog"),
}


@pytest.mark.parametrize(
    ("code", "old", "data"),
    [(*c, True) for c in DATA.values()] + [(*c, False) for c in WORDING.values()],
    ids=[*DATA, *WORDING],
)
def test_a_typo_title_over_a_string_used_as_data_is_code(git_repo, run_json, code, old, data):
    # Attack 6's F8 (51, 112): the DATA rows were typed docs only before.
    new = "read write" if old == "read only" else "wrong"
    base = {"pkg/__init__.py": "", "pkg/m.py": code}
    story(git_repo, base, {"pkg/m.py": code.replace(old, new)}, "Fix typo in the mode message")
    _, report = run_json("--base", "main", "--no-cache", "--only", "docstrings-complete")
    assert ([t["type"] for t in report["types"]] != ["docs"]) is data, report["types"]


# --- F15: vendor-prefixed high-entropy tokens, by shape rather than by a list ----------------

LEAKS = {
    "SendGrid": "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",
    "Twilio": "twilio_sid = AC6a3b5f1e2d4c6b8a0f1e2d3c4b5a6f7e",
    "DigitalOcean": "doctl auth init -t dop_v1_4f9c2b8e7a6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9",
    "Shopify": "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",
    "Docker Hub": "docker login -u ana -p dckr_pat_2b3e36beeb386dfdaacb9b46004ccb7c",
    "PuTTY key file": "PuTTY-User-Key-File-3: ssh-ed25519",
    "Linear": "export LINEAR_KEY=lin_api_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0",
    "Postman": "export KEY=PMAK-65a1b2c3d4e5f6a7b8c9d0e1-a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7",
    "New Relic": "export NR_KEY=NRAK-A1B2C3D4E5F6G7H8I9J0K1L2M3N",
    "Razorpay": "export RZP=rzp_live_a1B2c3D4e5F6g7",
}
NOT_TOKENS = {
    "a named hash": "sha256_e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "a long identifier": "test_parser_handles_unicode_identifiers_in_docstrings",
    "a uuid": "request_id 3f2b8c1e-9a4d-4e6b-8c2f-1a2b3c4d5e6f failed",
    "a wheel name": "numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    "a commit sha": "bisected to 9fceb02d0ae598e95dc970b74767f19372d61af8",
    "a word then digits": "release_candidate_20240101123456 failed",
    "a Twilio-shaped word that is not hex": "ACCEPTANCE_CRITERIA_ARE_MET_HERE_OK",
}


@pytest.mark.parametrize(
    ("line", "leak"),
    [(t, True) for t in LEAKS.values()] + [(t, False) for t in NOT_TOKENS.values()],
    ids=[*LEAKS, *NOT_TOKENS],
)
def test_a_vendor_prefixed_random_token_is_a_leak(git_repo, run_cli, line, leak):
    # Attack 6's F15 (90, 120): the LEAKS rows passed before.
    git_repo.write("README.md", "# R\n")
    git_repo.commit("initial")
    body = f"clip returns -1 for negative input.\n\n```sh\n{line}\n```\n"
    _, out, _ = run_cli("issue", "--title", "clip fails", "--body", body, "--format", "json")
    assert ("IR601" in out) is leak, out


# --- F17: a translated placeholder keeps its name but gains a huge width ---------------------

PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
    '#, python-brace-format\nmsgid "Hello {source}"\nmsgstr "Bonjour {translation}"\n'
)
WIDTHS = {
    "huge width": ("user", "user:>999999999", "fail"),
    "huge precision": ("value", "value:.99999f", "fail"),
    "huge fill width, numbered": ("0", "0:*^1000000", "fail"),
    "a small width": ("user", "user:>10", "pass"),
    "the msgid's own large width": ("user:>1000", "user:>1000", "pass"),
}


@pytest.mark.parametrize(("source", "translation", "status"), WIDTHS.values(), ids=list(WIDTHS))
def test_a_placeholder_given_a_huge_width_is_not_the_msgids(
    git_repo, run_json, source, translation, status
):
    # Attack 6's F17 (107): the "fail" rows passed before (str.format allocates the width).
    path = "pkg/locale/fr/LC_MESSAGES/pkg.po"
    entry = PO.replace("{source}", "{" + source + "}")
    story(git_repo, {path: entry.replace("{translation}", "{" + source + "}")}, {}, "i18n: fr")
    head = entry.replace("{translation}", "{" + translation + "}").replace("Bonjour", "Salut")
    git_repo.write(path, head)
    git_repo.commit("i18n: fr")
    _, report = run_json("--base", "main", "--no-cache", "--only", "translation-consistent")
    check = next(c for c in report["checks"] if c["id"] == "translation-consistent")
    assert check["status"] == status, report
