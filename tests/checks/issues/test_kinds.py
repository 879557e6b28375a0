"""Report types: a template the project did not give still says the type from the report itself."""

from __future__ import annotations

import json

import pytest
from mergeready.checks.issues.kinds import classify
from mergeready.checks.issues.report import IssueReport
from mergeready.rules.loader import load

CASES = [
    (
        "a Markdown template's opening heading names docs",
        "Math doesn't render",
        "## 📚 Documentation\n\nThe formulas in torch.optim.SGD's note are not rendered.\n",
        ["docs"],
    ),
    (
        "a bug template's opening heading",
        "clip returns negatives",
        "## 🐛 Bug\n\nclip(-1) returns -1.\n",
        ["bug"],
    ),
    (
        "an issue form's type field, answered with two words",
        "Math doesn't render",
        "### Issue type\n\nDocumentation Bug\n\n### Current behavior?\n\nno formulas\n",
        ["docs"],
    ),
    (
        "a heading further down says nothing of the type",
        "Math doesn't render",
        "The formulas are not rendered.\n\n## Documentation\n\nsee the page\n",
        ["bug"],
    ),
    (
        "a heading that only contains a type's word is not its name",
        "clip is slow",
        "## Describe the performance\n\nclip takes 3 s on 10 values.\n",
        ["performance"],
    ),
    (
        "a report that says the process died is a crash report",
        "clip on big arrays",
        "When an exception happens, it produces a segmentation fault.",
        ["crash"],
    ),
    (
        "the notebook is crashing",
        "model.fit() not working",
        "BUT when I train the model the ipython notebook is crashing. any help?",
        ["bug", "crash"],
    ),
    (
        "a program that crashes in a feature request's reasoning is no crash report",
        "clip on big arrays",
        "When a model fails, the whole program crashes; report the trial's status instead.",
        ["bug"],
    ),
    (
        "a report that says it gets an error is a crash report too",
        "How do I use HyperEfficientNet",
        "HyperResNet loads fine, but it gives an error when I load HyperEfficientNet.",
        ["crash", "question"],
    ),
    (
        "an exception's line makes a crash report (UDR#3)",
        "clip fails on big arrays",
        "It fails to load.\n\nerror:InstantiationException: Error in call to target",
        ["crash"],
    ),
    (
        "the same error points back at one, it says no new one",
        "pip fails on Windows",
        "I reinstalled Python and got the same error message.",
        ["bug"],
    ),
]


@pytest.mark.parametrize("name, title, body, types", CASES, ids=[c[0] for c in CASES])
def test_classify(name, title, body, types):
    found = classify(IssueReport.of(title, body), load(profile="default").issue_types)
    assert [t.type for t in found] == types


@pytest.mark.parametrize("name, title, body, types", CASES, ids=[c[0] for c in CASES])
def test_through_the_command(git_repo, run_cli, name, title, body, types):
    git_repo.write("README.md", "# proj\n")
    git_repo.commit("initial")
    code, out, err = run_cli("issue", "--title", title, "--body", body, "--format", "json")
    assert code in (0, 1), err
    report = json.loads(out)
    assert [t["type"] for t in report["types"]] == types
    if name == CASES[0][0]:
        assert report["types"][0]["evidence"] == ["template: 📚 Documentation"]
