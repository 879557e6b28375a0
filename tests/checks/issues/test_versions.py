"""versions: the project's own version is a release or its development version; others present."""

from __future__ import annotations

import json

import pytest
from helpers import issue_two_uses, judge
from mergeready.checks.issues import versions
from mergeready.checks.issues.report import Project

CASES = [
    ("given", "t", "proj 1.2.0 on Linux", "pass", []),
    ("pinned", "t", "proj==1.2.0", "pass", []),
    ("table", "t", "| package | version |\n| proj | 1.2.0 |", "pass", []),
    ("labelled", "t", "Proj version: 1.2", "pass", []),
    ("missing", "t", "It breaks.", "pass", ["IR301", "IR309"]),
    ("latest", "t", "proj latest", "pass", ["IR303", "IR309"]),
    ("another package's version", "t", "projector 1.2.0", "pass", ["IR301", "IR309"]),
    # issue 24, third round: the package the error comes from (LLMBar#5, Astroniz-YT-Tutorials#65)
    (
        "the traceback ends in another package",
        "t",
        'proj 1.2.0\n  File "/v/lib/python3.11/site-packages/datasets/load.py", line 9, in f\n'
        "TypeError: 'NoneType' object is not callable",
        "pass",
        ["IR308"],
    ),
    (
        "a module error names another package",
        "t",
        "proj 1.2.0\nAttributeError: module 'keras_tuner.oracles' has no attribute 'Bayes'",
        "pass",
        ["IR308"],
    ),
    (
        "that package's version given",
        "t",
        "proj 1.2.0, keras-tuner 1.1.2\n"
        "AttributeError: module 'keras_tuner.oracles' has no attribute 'Bayes'",
        "pass",
        [],
    ),
    (
        "the error in the project itself",
        "t",
        'proj 1.2.0\n  File "/v/lib/python3.11/site-packages/proj/x.py", line 9, in f\n',
        "pass",
        [],
    ),
    ("a standard module", "t", "proj 1.2.0\nmodule 'os' has no attribute 'x'", "pass", []),
    (
        "a Versions section holding code, not versions",
        "t",
        "### Describe the bug\n\nproj 1.2.0 hangs\n\n### Versions\n\n"
        "import time\ntime.sleep(0.1)\nx = y*0.5\n",
        "fail",
        ["IR306"],
    ),
    (
        "a Versions section left empty",
        "t",
        "### Describe the bug\n\nproj 1.2.0 hangs\n\n### Versions\n\n_No response_\n",
        "fail",
        ["IR306"],
    ),
    (
        "a Versions section with versions as labelled lines",
        "t",
        "#### Output of show_versions()\n\n## INSTALLED VERSIONS\n\ncommit: None\n"
        "python: 3.5.0.final.0\nproj: 1.2.0\n",
        "pass",
        [],
    ),
    (
        "a version on the heading's own line",
        "t",
        "proj 1.2.0 hangs\n\nVersions: Python 3.11",
        "pass",
        [],
    ),
    (
        "a Versions section naming a build, not a number",
        "t",
        "### Describe the bug\n\nproj 1.2.0 hangs\n\n### Version\n\nthe main branch\n",
        "pass",
        [],
    ),
    (
        "a System info section may name only the OS",
        "t",
        "### System Info\n\nubuntu 24.04, proj 1.2.0\n\n### Steps\n\nrun it",
        "pass",
        [],
    ),
]
test_check_function, test_through_the_command = issue_two_uses("versions", CASES)

RELEASED = Project(
    names=("proj",), releases=frozenset({"1.2.0", "1.1.0"}), development="1.3.0.dev0"
)


@pytest.mark.parametrize(
    "body, codes",
    [
        ("proj 1.2.0", []),
        ("proj 1.2", []),  # a release named without its .0
        ("proj v1.1.0", []),
        ("proj 1.3.0.dev0", []),  # the default branch's own version
        ("proj 1.3.0.dev20240101", []),  # a nightly of it
        ("proj 1.3.0", []),  # the development version without its suffix
        ("proj 9.9.9", ["IR302"]),  # never released
        ("proj 1.2.7", ["IR302"]),
    ],
)
def test_own_version_against_the_tags(body, codes):
    result = judge("versions", "t", body, project=RELEASED)
    assert [f.code for f in result.findings] == codes
    assert result.status == ("fail" if codes else "pass")


def test_python_newer_than_the_metadata_knows_is_a_warning():
    project = Project(names=("proj",), newest_python=(3, 12))
    options = versions.Options(require=("python",))
    assert [
        f.code
        for f in judge("versions", "t", "Python 3.13.1", options=options, project=project).findings
    ] == ["IR305"]
    assert judge("versions", "t", "Python 3.12.1", options=options, project=project).findings == ()


def test_keras_asks_for_the_backend():
    from mergeready.rules.loader import load

    options = load(profile="keras").options["versions"]
    given = judge("versions", "t", "Keras 3.4.1, TensorFlow 2.16.1", options=options)
    assert given.findings == ()
    missing = judge("versions", "t", "Keras 3.4.1", options=options)
    assert [f.code for f in missing.findings] == ["IR304", "IR309"]


def test_own_version_read_from_the_repository_tags(git_repo, run_cli):
    git_repo.write("pyproject.toml", '[project]\nname = "proj"\nversion = "1.3.0.dev0"\n')
    git_repo.commit("initial")
    git_repo.git("tag", "v1.2.0")
    for body, status in (
        ("proj 1.2.0", "pass"),
        ("proj 1.3.0.dev0", "pass"),
        ("proj 2.0.0", "fail"),
    ):
        code, out, err = run_cli(
            "issue", "--only", "versions", "--title", "t", "--body", body, "--format", "json"
        )
        report = json.loads(out)
        assert report["checks"][0]["status"] == status, (body, report)
        assert code == (1 if status == "fail" else 0)


DIAGNOSTIC = (
    "checks:\n  versions:\n    diagnostic: pd.show_versions()\n"
    "    diagnostic-output: [INSTALLED VERSIONS]\n"
)


@pytest.mark.parametrize(
    "config, body, status, codes",
    [
        (DIAGNOSTIC, "proj 1.2.0\n\nINSTALLED VERSIONS\n------\nproj: 1.2.0\n", "pass", []),
        (DIAGNOSTIC, "proj 1.2.0 on Linux\n", "pass", [("IR307", "warning")]),
        (
            DIAGNOSTIC + "    missing: error\n",
            "proj 1.2.0, installed versions: all new\n",
            "fail",
            [("IR307", "error")],
        ),
        ("checks:\n  versions: {diagnostic: pd.show_versions()}\n", "proj 1.2.0\n", "pass", []),
    ],
    ids=["output pasted", "output missing", "missing is an error", "no output text: not checked"],
)
def test_the_diagnostic_commands_output(git_repo, run_cli, config, body, status, codes):
    git_repo.write(".mergeready.yaml", config)
    git_repo.commit("initial")
    args = ["issue", "--only", "versions", "--project", "proj", "--title", "t", "--body", body]
    code, out, err = run_cli(*args, "--format", "json")
    report = json.loads(out)
    check = report["checks"][0]
    assert (check["status"], [(f["code"], f["severity"]) for f in check["findings"]]) == (
        status,
        codes,
    ), err
    assert code == (1 if status == "fail" else 0)


@pytest.mark.parametrize(
    "require, body, codes",
    [
        ("hardware", "clip is slow on my RTX 4060", []),
        ("hardware", "clip is slow on CPU only", []),
        ("hardware", "clip is slow on my laptop", ["IR304"]),
        ("nightly", "It also happens with tf-nightly.", []),
        ("nightly", "Not tried on the main branch yet.", []),
        ("nightly", "It happens with 2.14.", ["IR304"]),
        ("os", "Ubuntu 22.04", []),
        ("os", "my laptop", ["IR304"]),
    ],
)
def test_what_is_answered_by_a_word(require, body, codes):
    options = versions.Options(require=(require,), environment=False)
    assert [f.code for f in judge("versions", "t", body, options=options).findings] == codes


def test_hardware_and_nightly_through_the_command(git_repo, run_cli):
    git_repo.write(
        ".mergeready.yaml",
        "checks:\n  versions: {require: [hardware, nightly], environment: false}\n",
    )
    git_repo.commit("initial")
    args = ["issue", "--only", "versions", "--title", "t", "--body", "clip is slow on my laptop"]
    code, out, _ = run_cli(*args, "--format", "json")
    found = [f["message"] for c in json.loads(out)["checks"] for f in c["findings"]]
    assert found == [
        "the hardware it ran on (GPU or CPU, its model) is not given",
        "whether it also happens on the nightly (development) build is not given",
    ]
    assert code == 0  # warnings unless the template asks or missing: error
