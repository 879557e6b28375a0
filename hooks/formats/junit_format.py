"""JUnit XML: one test suite, one test case per problem, valid for Ant's and Jenkins' schemas.

A check that passed is one passing test case. A check that failed is one failing test case
per error finding (so four problems are four failures, however many types require the check),
with the hint in the failure's body. A skipped check is not a test case (Ant's schema has no
``<skipped>``, and a skip is not a pass): it is listed, with warnings, in ``<system-out>``.
Test reporters post names and messages as annotations and Markdown summaries (GitHub's
test-report actions, GitLab's test report): every string goes through ``escape.inert`` (no
mention, link, image or HTML from contributed text), after ``escape.visible`` (no control
character, no CI log command), and ElementTree escapes the XML.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET

from mergeready.checks.model import CheckResult, Finding, Result
from mergeready.hooks.formats.escape import inert


def _required_by(result: Result, check: CheckResult) -> str:
    return ", ".join(t.type for t in result.types if check.id in result.by_type[t.type].required)


def _failure(suite: ET.Element, result: Result, c: CheckResult, f: Finding) -> None:
    where = inert(f.location() or "contribution")
    case = ET.SubElement(
        suite, "testcase", name=f"{c.id}: {where} {f.code}", classname=f"mergeready.{c.id}"
    )
    case.set("time", "0")
    body = [f"{where}: {f.code} {inert(f.message)}"]
    if f.hint:
        body.append(f"→ {inert(f.hint)}")
    body.append(f"required by: {_required_by(result, c)}")
    failure = ET.SubElement(case, "failure", message=inert(f.message), type=f.code)
    failure.text = "\n".join(body)


def render(result: Result, *, color: bool = False) -> str:
    """Render the result as JUnit XML, which every CI shows as test results.

    Args:
        result: The result.
        color: Ignored.

    Returns:
        The XML document.
    """
    root = ET.Element("testsuites")  # Ant's schema gives it no attributes
    suite = ET.SubElement(root, "testsuite", name="mergeready", package="mergeready", id="0")
    suite.set("timestamp", time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()))
    suite.set("hostname", "localhost")
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("base", result.base or ""),
        ("head", result.head or ""),
        ("types", ",".join(t.type for t in result.types)),
        ("passed", "true" if result.passed else "false"),
    ):
        ET.SubElement(properties, "property", name=name, value=value)
    tests = failures = 0
    notes = []
    for c in result.checks:
        errors = [f for f in c.findings if f.severity == "error"]
        for f in c.findings:
            if f.severity == "warning":
                where = inert(f.location() or c.id)
                notes.append(f"{where}: {f.code} {inert(f.message)} (warning)")
        if c.status == "skip":
            notes.append(f"{c.id}: skipped: {inert(c.summary)}")
            continue
        if c.status == "fail":
            for f in errors:
                _failure(suite, result, c, f)
            tests, failures = tests + len(errors), failures + len(errors)
        else:
            case = ET.SubElement(suite, "testcase", name=c.id, classname=f"mergeready.{c.id}")
            case.set("time", "0")
            tests += 1
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("time", "0")
    ET.SubElement(suite, "system-out").text = "\n".join(notes)
    ET.SubElement(suite, "system-err")
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
