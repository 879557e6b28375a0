"""reproduction: code that parses once prompts, magics and shell lines are stripped; never run."""

from __future__ import annotations

from helpers import issue_two_uses, judge
from mergeready.checks.issues import reproduction
from mergeready.checks.issues.templates import parse

F = "```"
CASES = [
    ("python block", "t", f"{F}python\nimport proj\nproj.clip(-1)\n{F}", "pass", []),
    ("untagged block", "t", f"{F}\nimport proj\nproj.clip(-1)\n{F}", "pass", []),
    ("indented block", "t", "Run:\n\n    import proj\n    proj.clip(-1)\n", "pass", []),
    (
        "repl prompts and output",
        "t",
        f"{F}pycon\n>>> import proj\n>>> proj.clip(-1)\n-1\n"
        f">>> for i in []:\n...     print(i)\n{F}",
        "pass",
        [],
    ),
    (
        "ipython magics and shell",
        "t",
        f"{F}python\n!pip install proj\n%matplotlib inline\n$ python -V\n"
        f"import proj\nproj.clip(1)\n{F}",
        "pass",
        [],
    ),
    ("no code", "t", "It crashes when I call clip.", "pass", ["IR201"]),
    ("colab link", "t", "See https://colab.research.google.com/drive/abc", "pass", []),
    ("link to an issue", "t", "Like https://github.com/o/r/issues/3", "pass", ["IR201"]),
    ("pip install from github", "t", "!pip install git+https://github.com/o/r", "pass", ["IR201"]),
    ("screenshot", "t", "![shot](https://example.org/a.png)", "pass", ["IR206"]),
    # issue 24, third round: a picture of the error is answered from (dilated-cnn-ner#19);
    # a picture of the code cannot be run (keras-io#1593)
    (
        "screenshot of the code",
        "t",
        '<img alt="code" src="https://x.org/a.png">',
        "fail",
        ["IR206"],
    ),
    ("screenshot below 'my code'", "t", "My code:\n![s](https://x.org/a.png)", "fail", ["IR206"]),
    ("elided data", "t", "```python\nimport proj\ndf = proj.frame(...)\n```", "pass", ["IR207"]),
    ("an ellipsis index is code", "t", "```python\nimport proj\nproj.a[..., 0]\n```", "pass", []),
    ("screenshot of the error", "t", "This error:\n![s](https://x.org/a.png)", "pass", ["IR206"]),
    (
        "a placeholder slot parses, as in the docs",
        "t",
        f"{F}python\nimport proj\nproj.clip(<your data>)\n{F}",
        "pass",
        [],
    ),
    ("does not parse", "t", f"{F}python\nimport proj\nproj.clip(\n{F}", "pass", ["IR202"]),
    (
        "one parses, one does not",
        "t",
        f"{F}python\nimport proj\n{F}\n{F}python\ndef (\n{F}",
        "pass",
        ["IR202"],
    ),
    (
        "no project import",
        "t",
        f"{F}python\nimport numpy as np\nnp.ones(2)\n{F}",
        "pass",
        ["IR203"],
    ),
    ("undefined names", "t", f"{F}python\nimport proj\nproj.clip(data)\n{F}", "pass", ["IR204"]),
    (
        "defined in another block",
        "t",
        f"{F}python\nimport proj\ndata = [1]\n{F}\n{F}python\nproj.clip(data)\n{F}",
        "pass",
        [],
    ),
    (
        "local file",
        "t",
        f"{F}python\nimport proj\nproj.load('/home/a/data.csv')\n{F}",
        "pass",
        ["IR205"],
    ),
    ("a shell block is not python", "t", f"{F}bash\npip install proj\n{F}", "pass", ["IR201"]),
    (
        "a traceback is not code",
        "t",
        f'{F}\nTraceback (most recent call last):\n  File "x", line 1\nValueError: x\n{F}',
        "pass",
        ["IR201"],
    ),
]
test_check_function, test_through_the_command = issue_two_uses("reproduction", CASES)

FORM = """name: Bug
body:
  - type: textarea
    attributes: {label: Code to reproduce}
    validations: {required: true}
"""


def test_no_code_is_an_error_where_the_template_asks_for_code():
    template = parse(".github/ISSUE_TEMPLATE/bug.yml", FORM)
    body = "### Code to reproduce\n\nI call clip and it breaks, trust me.\n"
    result = judge("reproduction", "t", body, templates=[template])
    assert result.status == "fail"
    assert [f.code for f in result.findings] == ["IR201"]


def test_missing_option_makes_no_code_an_error():
    options = reproduction.Options(missing="error")
    assert judge("reproduction", "t", "no code", options=options).status == "fail"


def test_nothing_in_the_report_is_run(tmp_path):
    marker = tmp_path / "ran"
    body = (
        f"{F}python\nopen({str(marker)!r}, 'w').write('x')\n"
        f"__import__('os').system('touch {marker}')\n{F}"
    )
    result = judge("reproduction", "t", body)
    assert result.status == "pass"
    assert not marker.exists()
