"""Issue 22: contributed text is inert in every format, read as each format's consumer reads it.

One hostile contribution runs through the real command in every format: file names that open a
GitHub workflow command (``::error::``), an Azure or TeamCity log command (``##vso[``,
``##teamcity[``), hold a line break, an ANSI escape, a mention, a link and an HTML tag; pages
whose broken links name ``@admins``, ``www.…/#12``, ``<img`` and ``[x](https://…)``; a title
with all of them and a line break. Each row says what that format's consumer must never see;
the XML is validated by the JUnit schemas, the JSON report by its schema, GitLab's by its Code
Quality fields.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from helpers import story
from mergeready.hooks.formats import NAMES

TESTS = Path(__file__).parents[1]
HOSTILE_NAMES = (
    "::error::forged.md",
    "##vso[task.setvariable variable=A]B.md",
    "##teamcity[message text='x'].md",
    "docs/@admins <img src=x> [x](https:evil) #12.md",
    "docs/x\n::add-mask::y\x1b[31mz.md",
    "--- forged group.md",
    "+++ forged expanded.md",
    "~~~ forged collapsed.md",
    "^^^ +++ forged.md",
    "docs/GH-26 gh-27.md",  # attack 4 #08: GitHub links GH-26 as it links #26
)
# A Buildkite log group opened by contributed text at a line's start (issue 22, round 2).
BUILDKITE_GROUP = re.compile(r"(?:---|\+\+\+|~~~|\^\^\^ \+\+\+) forged")
LINKS = "[a](@admins.md) [b](www.evil.com/#12.md) [c](x/<img.md) [d](q:/e]:x.md)"
IMAGES = "Title\n=====\n\n.. image:: pics/[x](https://e/@a).png\n\n.. include:: [y](z).rst\n"
TITLE = (
    "docs: teh @admins ![i](https://e/x.png) <b>x</b> GH-28\n"
    "::stop-commands::t ##vso[task.complete result=Succeeded] ##[error]x"
)
# What a CI runner reads as a command in its log (GitHub Actions, Azure Pipelines, TeamCity).
LOG_COMMAND = re.compile(r"##(?:vso|teamcity)?\[")
# mergeready's own annotations: a command it writes, properties without a raw ':' or ','.
OWN_ANNOTATION = re.compile(
    r"::(?:error|warning|notice)(?: [a-z]+=[^:,\n]*(?:,[a-z]+=[^:,\n]*)*)?::"
)
# What GitHub or GitLab would make live in Markdown: a mention, a cross-reference, a bare URL,
# an inline link or image, a reference, an HTML tag.
LIVE = re.compile(
    r"@[A-Za-z0-9]|#[0-9]|www\.|://|\]\(|\]\[|\]:|<[A-Za-z/!?]|(?i:(?<![a-z0-9])gh-[0-9])"
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]")
# GitLab's Code Quality report, the fields its documentation requires.
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string"},
            "check_name": {"type": "string"},
            "fingerprint": {"type": "string"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def _hostile(repo) -> None:
    story(
        repo,
        {"README.md": "# Demo\n", "docs/a.md": "Fine.\n"},
        {
            **{name: "Teh end.\n" for name in HOSTILE_NAMES},
            "docs/b.md": f"Fine.\n\n{LINKS}\n",
            "docs/c.rst": IMAGES,
        },
        message=TITLE,
    )


def _junit(text: str) -> list[str]:
    for schema in ("junit-ant.xsd", "junit-jenkins.xsd"):
        xmlschema.XMLSchema(TESTS / "hooks" / "schemas" / schema).validate(text)
    root = ET.fromstring(text)
    shown = [c.get("name", "") for c in root.iter("testcase")]
    for failure in root.iter("failure"):
        shown += [failure.get("message", ""), failure.text or ""]
    return shown + [s.text or "" for s in root.iter("system-out")]


def _gitlab(text: str) -> list[str]:
    issues = json.loads(text)
    jsonschema.validate(issues, CODE_QUALITY)
    return [i["description"] for i in issues]


def _json(text: str) -> list[str]:
    report = json.loads(text)
    jsonschema.validate(report, json.loads((TESTS / "report.schema.json").read_text()))
    title = [e for t in report["types"] for e in t["evidence"] if e.startswith("title: ")]
    assert title == ["title: " + TITLE]  # JSON keeps the data exact
    return []


def _sarif(text: str) -> list[str]:
    (run,) = json.loads(text)["runs"]
    messages = [r["message"]["text"] for r in run["results"]]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    messages += [n["message"]["text"] for n in notes]
    # SARIF's plain text holds embedded links [text](target): every bracket is escaped.
    assert [m for m in messages if re.search(r"(?<!\\)[\[\]]", m)] == []
    return []


def _rdjson(text: str) -> list[str]:
    return [d["message"] for d in json.loads(text)["diagnostics"]]


def _compact(text: str) -> list[str]:
    return [re.split(r" MR\d{3} ", line, maxsplit=1)[-1] for line in text.splitlines()]


def _markdown(text: str) -> list[str]:
    return [text]


# format → what its consumer shows as Markdown (must hold nothing live), after validation.
MARKDOWN_SHOWN = {
    "junit": _junit,
    "gitlab": _gitlab,
    "rdjson": _rdjson,
    "compact": _compact,
    "markdown": _markdown,
    "json": _json,
    "sarif": _sarif,
}


@pytest.mark.parametrize("fmt", NAMES)
def test_contributed_text_is_inert_in_every_format(git_repo, run_cli, tmp_path, fmt):
    _hostile(git_repo)
    target = tmp_path / f"report.{fmt}"
    code, _, err = run_cli("check", "--format", fmt, "--title", TITLE, "--output", str(target))
    assert code == 1, err
    text = target.read_text(encoding="utf-8")
    assert CONTROL.findall(text) == []  # no ANSI, no line break inside a string
    assert LOG_COMMAND.findall(text) == []  # Azure, TeamCity, the runners' old syntax
    for line in text.splitlines():
        start = line.lstrip(" \t")
        if start.startswith("::"):  # GitHub Actions reads a command at a line's start
            assert fmt == "github" and OWN_ANNOTATION.match(start), line
        assert not BUILDKITE_GROUP.match(start), line
    shown = MARKDOWN_SHOWN.get(fmt, lambda _: [])(text)
    if fmt == "markdown":
        for raw in ("@admins", "<img", "<b>", "](https", "](@", "#12", "GH-26", "gh-27"):
            assert raw not in text, raw
    else:
        assert [s for s in shown if LIVE.search(s)] == []
    if fmt in ("junit", "gitlab", "rdjson", "compact"):
        assert any("@\u200badmins" in s for s in shown), shown  # readable: nothing removed


def _strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [data] if isinstance(data, str) else []


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)


def test_contributed_subjects_are_inert_in_history_text_json_and_html(git_repo, run_cli, tmp_path):
    git_repo.write("README.md", "# Demo\n")
    git_repo.commit("initial")
    git_repo.write("docs/a.md", "Teh end.\n")
    subject = "##vso[a]b ::error::\x1b[31mforged <img src=x onerror=alert(1)> <script>x</script>"
    git_repo.commit(subject)
    for fmt in ("text", "json"):
        code, text, err = run_cli("history", "--last", "1", "--format", fmt)
        assert code == 0, err
        assert LOG_COMMAND.findall(text) == [] and CONTROL.findall(text) == [], fmt
        assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]
    assert {s for s in _strings(json.loads(text)) if "vso" in s} == {subject}  # kept exact
    code, _, err = run_cli("history", "--last", "1", "--format", "html", "--output", "h.html")
    assert code == 0, err
    page = Path("h.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    assert not parser.tags & {"img", "script"}, parser.tags
    assert "\x1b" not in page and "forged" in page  # attack 4 #05: ESC shown, not raw


def test_an_issue_reports_title_is_inert_in_its_comment(git_repo, run_cli):
    git_repo.write("README.md", "# Demo\n")
    git_repo.commit("initial")
    title = "Crash #12 @admins ::error::x ##vso[y] <img src=x>"
    code, out, err = run_cli(
        "issue", "--title", title, "--body", "It crashes.\n", "--format", "markdown"
    )
    assert code in (0, 1), err
    assert "Crash" in out  # the title is shown, and nothing in it is live
    for raw in ("#12", "@admins", "<img", "##vso["):
        assert raw not in out, raw
