"""traceback-complete: a traceback that reaches its exception; a truncated one is named."""

from __future__ import annotations

from helpers import issue_two_uses, judge
from mergeready.checks.issues.templates import parse

TB = 'Traceback (most recent call last):\n  File "x.py", line 3, in <module>\n    f()\n'
CASES = [
    ("complete", "t", f"```\n{TB}ValueError: bad\n```", "pass", []),
    ("dotted exception", "t", f"{TB}tensorflow.errors.InvalidArgumentError: x", "pass", []),
    ("no message", "t", f"{TB}KeyboardInterrupt", "pass", []),
    ("truncated", "t", f"```\n{TB}```", "fail", ["IR402"]),
    ("truncated at the end", "t", TB, "fail", ["IR402"]),
    ("only the last line", "clip raises an error", "I get ValueError: bad", "pass", ["IR401"]),
    ("nothing", "clip raises an error", "it breaks", "pass", ["IR401"]),
    ("native crash", "clip crashes", "Segmentation fault (core dumped)", "pass", []),
    (
        "ipython traceback",
        "t",
        "---------\nValueError    Traceback (most recent call last)\n"
        "Cell In[3], line 1\n----> 1 f()\n\nValueError: bad",
        "pass",
        [],
    ),
    # issue 24, third round: a crash needs its error (keras-tuner#445, opacus#635, vision#8390)
    (
        "error said, never shown",
        "t",
        "It works, but I get an error when I load it.",
        "fail",
        ["IR403"],
    ),
    (
        "the following error, then nothing",
        "t",
        "I am getting the following error:\n\n### Versions\n```\ntorch 2.2\n```",
        "fail",
        ["IR403"],
    ),
    (
        "error said, then shown in a block",
        "t",
        "I get this error\n```\nno such file\n```",
        "pass",
        ["IR401"],
    ),
    (
        "error said, then shown inline",
        "t",
        "then got the error message:\n`invalid hash value`",
        "pass",
        ["IR401"],
    ),
    ("error said and named", "t", "I get an error: the file is missing", "pass", ["IR401"]),
    ("error said, exception named", "t", "it throws an exception, a KeyError", "pass", ["IR401"]),
    (
        "error said, as a picture",
        "t",
        "I get an error\n![e](https://x.org/e.png)",
        "pass",
        ["IR401"],
    ),
    (
        "error said, log attached",
        "t",
        "I get this error: [log.txt](https://x.org/files/1/log.txt)",
        "pass",
        ["IR401"],
    ),
    (
        "the same error points back",
        "pip crashes",
        "`pip fails`\nI tried again and got the same error.",
        "pass",
        ["IR401"],
    ),
    (
        "no error said",
        "clip crashes",
        "It doesn't throw any error, it returns -1.",
        "pass",
        ["IR401"],
    ),
    (
        "without an error",
        "clip crashes",
        "It runs without getting an error, then stops.",
        "pass",
        ["IR401"],
    ),
    (
        "an error measured",
        "clip crashes",
        "We get an error of 0.3 and a lower error rate.",
        "pass",
        ["IR401"],
    ),
    (
        "frames elided with ...",
        "t",
        "---------\nValidationError    Traceback (most recent call last)\n...\n"
        "ValidationError: 1 validation error\nbar\n  field required",
        "pass",
        [],
    ),
    (
        "chained, the first complete",
        "t",
        f"{TB}KeyError: 1\n\nDuring handling of the above exception, another exception "
        f"occurred:\n\n{TB}",
        "pass",
        [],
    ),
]
test_check_function, test_through_the_command = issue_two_uses("traceback-complete", CASES)


def test_no_traceback_is_an_error_where_the_template_asks_for_it():
    form = (
        "name: Crash\nbody:\n  - type: textarea\n    attributes: {label: Traceback}\n"
        "    validations: {required: true}\n"
    )
    template = parse(".github/ISSUE_TEMPLATE/crash.yml", form)
    result = judge("traceback-complete", "t", "### Traceback\n\nit broke\n", templates=[template])
    assert result.status == "fail" and [f.code for f in result.findings] == ["IR401"]
