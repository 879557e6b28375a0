"""JUnit XML: one test suite per contribution type, one test case per required check."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mergeready.checks.model import Result


def render(result: Result, *, color: bool = False) -> str:
    """Render the result as JUnit XML, which every CI shows as test results.

    Args:
        result: The result.
        color: Ignored.

    Returns:
        The XML document.
    """
    checks = {c.id: c for c in result.checks}
    root = ET.Element("testsuites", name="mergeready")
    for t in result.types:
        required = result.by_type[t.type].required
        cases = [checks[c] for c in required]
        suite = ET.SubElement(
            root,
            "testsuite",
            name=t.type,
            tests=str(len(cases)),
            failures=str(sum(c.status == "fail" for c in cases)),
            skipped=str(sum(c.status == "skip" for c in cases)),
            errors="0",
        )
        for c in cases:
            case = ET.SubElement(suite, "testcase", classname=f"mergeready.{t.type}", name=c.id)
            text = "\n".join(f"{f.location() or c.id}: {f.code} {f.message}" for f in c.findings)
            if c.status == "fail":
                ET.SubElement(case, "failure", message=c.summary, type="mergeready").text = text
            elif c.status == "skip":
                ET.SubElement(case, "skipped", message=c.summary)
            elif text:
                ET.SubElement(case, "system-out").text = text
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
