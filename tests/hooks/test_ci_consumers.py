"""Reports as their consumers read them: JUnit by XSD, rdjson by reviewdog's schema, compact by
an errorformat-style pattern."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from helpers import story

SCHEMAS = Path(__file__).parent / "schemas"
JUNIT = ["junit-ant.xsd", "junit-jenkins.xsd"]


def _failing_story(repo):
    """Four problems: a misspelling required by two types, two docstrings, one in a subject."""
    story(
        repo,
        {"pkg/mod.py": '"""Mod."""\n', "CHANGELOG.md": "# Changes\n\n## Unreleased\n"},
        {
            "pkg/mod.py": (
                '"""Mod."""\n\n\ndef clip(x):\n    return x\n\n\ndef grow(y):\n    return y\n'
            ),
            "docs/a.md": "Teh docs.\n",
            "tests/test_mod.py": (
                "from pkg.mod import clip\n\n\ndef test_clip():\n    assert clip(1) == 1\n"
            ),
            "CHANGELOG.md": "# Changes\n\n## Unreleased\n\n- Add clip & grow <fast>.\n",
        },
        message="feat: add clip, grow, it recieves a value",  # codespell:ignore
    )


@pytest.mark.parametrize("schema", JUNIT)
def test_junit_is_valid_against_ant_and_jenkins_schemas(git_repo, run_cli, tmp_path, schema):
    _failing_story(git_repo)
    report = tmp_path / "junit.xml"
    code, _, _ = run_cli("check", "--format", "junit", "--output", str(report))
    assert code == 1
    xmlschema.XMLSchema(SCHEMAS / schema).validate(report)
    text = report.read_text()
    # one failure per problem: MR201 x2 (clip, grow), MR401 (docs/a.md), MR402 (the subject)
    assert sorted(re.findall(r'<failure message="[^"]*" type="(MR\d+)"', text)) == [
        "MR201",
        "MR201",
        "MR401",
        "MR402",
    ]


@pytest.mark.parametrize("schema", JUNIT)
def test_the_junit_validators_do_reject_what_those_tools_reject(tmp_path, schema):
    bad = tmp_path / "bad.xml"
    bad.write_text(
        '<testsuites name="x"><testsuite name="x"><testcase classname="c">'
        "<skipped/></testcase></testsuite></testsuites>"
    )
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        xmlschema.XMLSchema(SCHEMAS / schema).validate(bad)


# reviewdog's Diagnostic Format, as its protocol buffer definition (proto/rdf/reviewdog.proto)
# and its documentation describe a DiagnosticResult: written out here as a JSON Schema.
_POSITION = {
    "type": "object",
    "properties": {
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
    },
    "additionalProperties": False,
}
_SEVERITY = {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]}
_SOURCE = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
    "required": ["name"],
    "additionalProperties": False,
}
RDJSON = {
    "type": "object",
    "properties": {
        "source": _SOURCE,
        "severity": _SEVERITY,
        "diagnostics": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["message"],
                "additionalProperties": False,
                "properties": {
                    "message": {"type": "string"},
                    "location": {
                        "type": "object",
                        "required": ["path"],
                        "additionalProperties": False,
                        "properties": {
                            "path": {"type": "string"},
                            "range": {
                                "type": "object",
                                "required": ["start"],
                                "additionalProperties": False,
                                "properties": {"start": _POSITION, "end": _POSITION},
                            },
                        },
                    },
                    "severity": _SEVERITY,
                    "source": _SOURCE,
                    "code": {
                        "type": "object",
                        "properties": {"value": {"type": "string"}, "url": {"type": "string"}},
                        "required": ["value"],
                        "additionalProperties": False,
                    },
                    "suggestions": {"type": "array"},
                    "original_output": {"type": "string"},
                    "related_locations": {"type": "array"},
                },
            },
        },
    },
    "required": ["diagnostics"],
    "additionalProperties": False,
}


def test_rdjson_matches_reviewdogs_diagnostic_format(git_repo, run_cli):
    _failing_story(git_repo)
    code, out, _ = run_cli("check", "--format", "rdjson")
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, RDJSON)
    placed = {
        (d["location"]["path"], d["location"]["range"]["start"]["line"])
        for d in data["diagnostics"]
        if "range" in d.get("location", {})
    }
    assert ("docs/a.md", 1) in placed and ("pkg/mod.py", 4) in placed
    assert {d["code"]["value"] for d in data["diagnostics"]} >= {"MR201", "MR401", "MR402"}


# reviewdog -efm="%f:%l:%c: %m" -efm="%f:%l: %m" -efm="%f: %m" (README), as regular expressions
EFM = re.compile(r"^(?P<f>[^:]+):(?P<l>\d+)(?::(?P<c>\d+))?: (?P<m>.+)$")
WHOLE_FILE = re.compile(r"^(?P<f>[^:]+): (?P<m>.+)$")


def test_compact_is_one_located_line_per_finding_and_nothing_else(git_repo, run_cli):
    _failing_story(git_repo)
    code, out, _ = run_cli("check", "--format", "compact")
    assert code == 1
    lines = out.splitlines()
    matched = [m.groupdict() for m in map(EFM.match, lines) if m]
    assert [(m["f"], m["l"]) for m in matched] == [
        ("pkg/mod.py", "4"),
        ("pkg/mod.py", "8"),
        ("docs/a.md", "1"),
    ]
    unmatched = [x for x in lines if not EFM.match(x)]
    assert len(unmatched) == 1 and unmatched[0].startswith("MR402 ")  # no file: the message
    assert not WHOLE_FILE.match(unmatched[0])  # so reviewdog posts nothing for it


def test_compact_whole_file_findings_match_the_third_errorformat(git_repo, run_cli):
    story(
        git_repo,
        {"pkg/mod.py": "X = 1\n", "CHANGELOG.md": "# Changes\n\n## Unreleased\n"},
        {"pkg/mod.py": "X = 2\n"},
        message="Fix X",
    )
    code, out, _ = run_cli(
        "check", "--format", "compact", "--only", "tests-present,changelog-updated"
    )
    assert code == 1
    lines = out.splitlines()
    assert lines and not any(EFM.match(x) for x in lines)
    assert sorted(WHOLE_FILE.match(x)["f"] for x in lines) == ["CHANGELOG.md", "pkg/mod.py"]
    assert all("→" in x for x in lines)  # the hint stays on the finding's line
    assert not any(x.startswith(("mergeready", "spelling-clean", "tests-present")) for x in lines)
