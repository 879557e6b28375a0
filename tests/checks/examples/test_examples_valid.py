"""examples-valid: examples parse, notebooks are valid, keras-io headers and companions agree."""

from __future__ import annotations

import json

import pytest
from helpers import codes, run_check, statuses, story
from mergeready.checks.examples.examples_valid import Options
from mergeready.checks.examples.kerasio import read

HEADER = '''"""
Title: Simple MNIST convnet
Author: [fchollet](https://twitter.com/fchollet)
Date created: 2015/06/19
Last modified: 2020/04/21
Description: A simple convnet that achieves ~99% test accuracy on MNIST.
Accelerator: GPU
"""
'''
BODY = "import numpy as np\n\nx = np.zeros(3)\nprint(x)\n"
MNIST = HEADER + BODY
BUMPED = MNIST.replace("2020/04/21", "2024/05/01")


def notebook(*cells, outputs=(), counts=None, kernel="python3", minor=4):
    """A notebook as Jupyter writes it (one key a line, indent 1)."""
    body = []
    for n, source in enumerate(cells):
        if source.startswith("# md "):
            body.append({"cell_type": "markdown", "metadata": {}, "source": [source[5:]]})
            continue
        lines = source.splitlines(keepends=True)
        body.append(
            {
                "cell_type": "code",
                "execution_count": (counts or {}).get(n),
                "metadata": {},
                "outputs": [{"name": "stdout", "output_type": "stream", "text": ["1\n"]}]
                if n in outputs
                else [],
                "source": lines,
            }
        )
    meta = {"language_info": {"name": "python"}}
    if kernel:
        meta["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": kernel}
    nb = {"cells": body, "metadata": meta, "nbformat": 4, "nbformat_minor": minor}
    return json.dumps(nb, indent=1, sort_keys=True) + "\n"


NB = notebook("import os\n", "print(os.sep)\n")
BASE = {"examples/vision/mnist.py": MNIST, "examples/vision/demo.ipynb": NB}

CASES = [
    (
        "example that does not parse",
        BASE,
        {"examples/vision/mnist.py": BUMPED + "def broken(:\n    pass\n"},
        "fail",
        ["MR701"],
    ),
    (
        "notebook that is not JSON",
        BASE,
        {"examples/vision/demo.ipynb": NB[:-10]},
        "fail",
        ["MR702"],
    ),
    (
        "notebook that is not valid nbformat",
        BASE,
        {"examples/vision/demo.ipynb": NB.replace('"cell_type": "code"', '"cell_type": "kode"', 1)},
        "fail",
        ["MR703"],
    ),
    (
        "notebook with outputs is fine by default",
        BASE,
        {"examples/vision/demo.ipynb": notebook("import os\n", "print(1)\n", outputs=(1,))},
        "pass",
        [],
    ),
    (
        "notebook cell that does not parse",
        BASE,
        {"examples/vision/demo.ipynb": notebook("import os\n", "%matplotlib inline\nprint(1\n")},
        "fail",
        ["MR707"],
    ),
    (
        "header with Last modified before Date created",
        BASE,
        {"examples/vision/mnist.py": MNIST.replace("2020/04/21", "2014/01/01")},
        "fail",
        ["MR710", "MR711"],
    ),
    (
        "header date not as YYYY/MM/DD",
        BASE,
        {"examples/vision/mnist.py": MNIST.replace("2020/04/21", "2024-05-01")},
        "fail",
        ["MR709"],
    ),
    (
        "header description style",
        BASE,
        {
            "examples/vision/mnist.py": MNIST.replace(
                "A simple convnet that achieves ~99% test accuracy on MNIST.",
                "a simple convnet. It learns MNIST",
            )
        },
        "fail",
        ["MR712", "MR712", "MR712"],
    ),
    (
        "header field missing",
        BASE,
        {"examples/vision/mnist.py": MNIST.replace("Date created: 2015/06/19\n", "")},
        "fail",
        ["MR708"],
    ),
    (
        "description copied from another example",
        BASE,
        {"examples/vision/copy.py": MNIST.replace("Simple MNIST", "Other")},
        "fail",
        ["MR713"],
    ),
    (
        "example changed but Last modified not updated",
        BASE,
        {"examples/vision/mnist.py": MNIST + "print(2)\n"},
        "pass",
        ["MR711"],
    ),
    (
        "example changed and Last modified updated",
        BASE,
        {"examples/vision/mnist.py": MNIST.replace("2020/04/21", "2024/05/01") + "print(2)\n"},
        "pass",
        [],
    ),
    (
        "old bad header is not reported",
        {
            **BASE,
            "examples/vision/old.py": MNIST.replace("2020/04/21", "2001/01/01").replace(
                "A simple convnet", "Old example"
            ),
        },
        {
            "examples/vision/old.py": MNIST.replace("2020/04/21", "2001/01/01")
            .replace("A simple convnet", "Old example")
            .replace("print(x)", "print(x, x)")
        },
        "pass",
        ["MR711"],
    ),
    (
        "example changed beside a twin description it does not touch",
        {**BASE, "examples/vision/twin.py": MNIST.replace("Simple MNIST", "Twin")},
        {"examples/vision/twin.py": BUMPED.replace("Simple MNIST", "Twin") + "print(2)\n"},
        "pass",
        [],
    ),
    (
        "only the header changed, Last modified kept",
        BASE,
        {"examples/vision/mnist.py": MNIST.replace("Simple MNIST", "Plain MNIST")},
        "pass",
        [],
    ),
    (
        "example without a header is fine by default",
        BASE,
        {"examples/text/plain.py": "print('hello')\n"},
        "pass",
        [],
    ),
    (
        "http image link in an example",
        BASE,
        {
            "examples/vision/mnist.py": MNIST.replace("2020/04/21", "2024/05/01")
            + '"""\n![img](http://example-images.org/a.png)\n"""\n'
        },
        "pass",
        ["MR718"],
    ),
    (
        "old syntax error elsewhere is not reported",
        {**BASE, "examples/legacy.py": "print 'py2'\n\nx = 1\n"},
        {"examples/legacy.py": "print 'py2'\n\nx = 2\n"},
        "pass",
        [],
    ),
]


@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_check_function(git_repo, name, base, head, status, expected):
    story(git_repo, base, head, message="Update the example")
    result = run_check(git_repo, "examples-valid", contribution_types=("example",))
    assert result.status == status, result
    assert [f.code for f in result.findings] == expected, result.findings
    assert all(f.hint for f in result.findings)


@pytest.mark.parametrize("name, base, head, status, expected", CASES, ids=[c[0] for c in CASES])
def test_through_the_command(git_repo, run_json, name, base, head, status, expected):
    story(git_repo, base, head, message="Update the example")
    code, report = run_json("--only", "examples-valid")
    assert statuses(report) == {"examples-valid": status}
    assert codes(report) == expected
    assert code == (1 if status == "fail" else 0)


def test_not_json_is_one_clear_error_with_its_line(git_repo):
    story(git_repo, BASE, {"examples/vision/demo.ipynb": '{\n "cells": [\n  oops\n'})
    (finding,) = run_check(git_repo, "examples-valid").findings
    assert finding.line == 3
    assert finding.message.startswith("notebook is not JSON: Expecting value (line 3, column 3)")


def test_outputs_under_stripped(git_repo, run_json):
    story(
        git_repo,
        {
            **BASE,
            ".mergeready.yaml": "checks:\n  examples-valid:\n    notebook-outputs: stripped\n",
        },
        {"examples/vision/demo.ipynb": notebook("import os\n", "print(1)\n", outputs=(1,))},
    )
    code, report = run_json("--only", "examples-valid")
    assert code == 1 and codes(report) == ["MR704"]
    (finding,) = report["checks"][0]["findings"]
    assert "cells 2" in finding["message"]


def test_kept_outputs_execution_counts_and_kernel(git_repo):
    story(
        git_repo,
        BASE,
        {
            "examples/vision/demo.ipynb": notebook(
                "import os\n", "print(1)\n", counts={0: 1, 1: 3}, kernel="conda-env-mine-py"
            )
        },
    )
    options = Options(
        notebook_outputs="kept", execution_counts="in-order", kernel_names=("python3",)
    )
    result = run_check(git_repo, "examples-valid", options)
    assert [f.code for f in result.findings] == ["MR704", "MR705", "MR706"]
    cleared = run_check(git_repo, "examples-valid", Options(execution_counts="cleared"))
    assert [f.code for f in cleared.findings] == ["MR705"]


def test_kept_outputs_ask_nothing_of_markdown_or_empty_cells(git_repo):
    head_nb = notebook("# md Title", "print(1)\n", "", outputs=(1,))
    story(git_repo, BASE, {"examples/vision/demo.ipynb": head_nb})
    result = run_check(git_repo, "examples-valid", Options(notebook_outputs="kept"))
    assert result.findings == (), result


def test_only_touched_cells_count(git_repo):
    base_nb = notebook("import os\n", "print(1)\n", "x = 2\n", outputs=(1,))
    head_nb = notebook("import os\n", "print(1)\n", "x = 3\n", outputs=(1,))
    story(
        git_repo,
        {**BASE, "examples/vision/demo.ipynb": base_nb},
        {"examples/vision/demo.ipynb": head_nb},
    )
    result = run_check(git_repo, "examples-valid", Options(notebook_outputs="stripped"))
    assert result.status == "pass", result


def test_cell_syntax_error_points_at_the_cell_line(git_repo):
    story(git_repo, BASE, {"examples/vision/demo.ipynb": notebook("import os\n", "x = 1\ny = (\n")})
    (finding,) = run_check(git_repo, "examples-valid").findings
    text = (git_repo.path / "examples/vision/demo.ipynb").read_text().split("\n")
    assert text[finding.line - 1].strip().startswith('"y = (')


KERAS_IO = {
    "examples/vision/mnist.py": MNIST,
    "examples/vision/md/mnist.md": "# Simple MNIST convnet\n",
    "examples/vision/ipynb/mnist.ipynb": NB,
}


def test_a_contribution_that_edits_a_generated_companion_only(git_repo):
    story(git_repo, KERAS_IO, {"examples/vision/md/mnist.md": "# Simple MNIST convnet!\n"})
    result = run_check(git_repo, "examples-valid")
    assert [f.code for f in result.findings] == ["MR716"]
    assert result.findings[0].path == "examples/vision/md/mnist.md"
    assert result.status == "pass"


def test_a_source_changed_without_its_companions(git_repo):
    head = {"examples/vision/mnist.py": MNIST.replace("2020/04/21", "2024/05/01") + "x = 1\n"}
    story(git_repo, KERAS_IO, head)
    (finding,) = run_check(git_repo, "examples-valid").findings
    assert finding.code == "MR715"
    assert "examples/vision/ipynb/mnist.ipynb, examples/vision/md/mnist.md" in finding.message


def test_source_and_companions_changed_together_is_quiet(git_repo):
    head = {
        "examples/vision/mnist.py": MNIST.replace("2020/04/21", "2024/05/01") + "x = 1\n",
        "examples/vision/md/mnist.md": "# Simple MNIST convnet\n\nx = 1\n",
        "examples/vision/ipynb/mnist.ipynb": notebook("import os\n", "x = 1\n"),
    }
    story(git_repo, KERAS_IO, head)
    assert run_check(git_repo, "examples-valid").findings == ()


def test_a_file_beside_the_examples_that_is_not_python_has_no_companions(git_repo):
    story(git_repo, KERAS_IO, {"examples/vision/notes.txt": "see mnist.py\n"})
    assert run_check(git_repo, "examples-valid").findings == ()


def test_companions_on_takes_a_companion_whose_source_is_gone(git_repo):
    story(git_repo, {"examples/a.py": "x = 1\n"}, {"examples/md/b.md": "# b\n"})
    result = run_check(git_repo, "examples-valid", Options(companions="on"))
    assert [f.code for f in result.findings] == ["MR716"]


def test_companions_are_off_without_the_layout(git_repo):
    story(
        git_repo,
        {"examples/a.py": "x = 1\n", "examples/md/other.md": "# x\n"},
        {"examples/md/other.md": "# y\n", "examples/a.py": "x = 2\n"},
    )
    assert run_check(git_repo, "examples-valid").findings == ()


def test_keras_profile_requires_the_header_and_warns_on_size(git_repo, run_json):
    long_body = "".join(f"x{n} = {n}\n" for n in range(310))
    story(
        git_repo,
        {"README.md": "# x\n"},
        {
            "examples/vision/new.py": "print('no header')\n",
            "examples/vision/big.py": MNIST.replace("A simple", "A big") + long_body,
            # Keras's own demos are no keras-io examples: the profile's header and size rules
            # are for examples/<area>/<name>.py only
            "examples/demo_mnist.py": "print('no header')\n" + long_body,
        },
    )
    code, report = run_json("--only", "examples-valid", "--profile", "keras")
    assert sorted(codes(report)) == ["MR714", "MR717"]
    assert all(f["path"].startswith("examples/vision/") for f in report["checks"][0]["findings"])
    assert code == 1


def test_an_example_contribution_requires_examples_valid(git_repo, run_json):
    story(git_repo, BASE, {"examples/vision/mnist.py": MNIST + "def broken(:\n"})
    code, report = run_json()
    assert {"spelling-clean", "examples-valid"} <= set(report["by_type"]["example"]["required"])
    assert code == 1


def test_bad_option_value_is_a_configuration_error(git_repo, run_cli):
    story(
        git_repo,
        {**BASE, ".mergeready.yaml": "checks:\n  examples-valid:\n    notebook-outputs: strip\n"},
        {"examples/vision/mnist.py": MNIST + "x = 1\n"},
    )
    code, out, err = run_cli("check")
    assert code == 2
    assert "notebook-outputs has unknown value 'strip'" in err and "stripped" in err


def test_the_example_rules_are_imported_only_when_the_check_runs(git_repo):
    # a run that builds examples-valid's Options (a project sets one of its keys) imports its
    # module; its rules still cost a docs-only run nothing (#26)
    import subprocess
    import sys

    story(git_repo, {"docs/a.md": "# A\n"}, {"docs/a.md": "# A\n\nMore.\n"})
    code = (
        "import sys\n"
        "import mergeready.checks.examples.examples_valid\n"
        "from mergeready.hooks.cli import main\n"
        "main(['check', '--only', 'docs-valid', '--format', 'json'])\n"
        "for name in ('example_rules', 'notebook_rules', 'kerasio'):\n"
        "    assert f'mergeready.checks.examples.{name}' not in sys.modules, name\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=git_repo.path, check=True)


def test_nbformat_is_imported_only_for_notebooks(git_repo):
    import subprocess
    import sys

    story(git_repo, BASE, {"examples/vision/mnist.py": MNIST + "x = 1\n"})
    code = (
        "import sys\n"
        "from mergeready.hooks.cli import main\n"
        "main(['check', '--only', 'examples-valid', '--format', 'json'])\n"
        "assert 'nbformat' not in sys.modules, 'nbformat imported'\n"
        "assert 'sphinxlint' not in sys.modules, 'sphinxlint imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=git_repo.path, check=True)


def test_a_valid_notebook_is_judged_without_importing_nbformat(git_repo):
    # nbformat's import (jsonschema, referencing, traitlets) costs twice the validation (#26):
    # a notebook its schema accepts is passed by fastjsonschema alone, as nbformat would.
    import subprocess
    import sys

    story(git_repo, BASE, {"examples/vision/demo.ipynb": notebook("import os\n", "x = 1\n")})
    code = (
        "import json, sys\n"
        "from mergeready.hooks.cli import main\n"
        "main(['check', '--only', 'examples-valid', '--format', 'json', '--output', 'r.json'])\n"
        "assert 'fastjsonschema' in sys.modules, 'not validated'\n"
        "assert 'nbformat' not in sys.modules, 'nbformat imported'\n"
        "assert 'jsonschema' not in sys.modules, 'jsonschema imported'\n"
        "report = json.load(open('r.json'))\n"
        "assert [c['status'] for c in report['checks']] == ['pass'], report\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=git_repo.path, check=True)


def test_the_schema_table_is_nbformats():
    import nbformat.v3
    import nbformat.v4
    from mergeready.checks.text.notebooks import SCHEMAS

    theirs = {
        key: f"v{key[0]}/{name}"
        for module in (nbformat.v3, nbformat.v4)
        for key, name in module.nbformat_schema.items()
        if key != (None, None)
    }
    assert theirs == SCHEMAS
    assert max(minor for major, minor in SCHEMAS if major == 4) == nbformat.v4.nbformat_minor


def _v3(cell_type="code"):
    cell = {"cell_type": cell_type, "input": "x = 1", "language": "python", "outputs": []}
    return {
        "metadata": {"name": "x"},
        "nbformat": 3,
        "nbformat_minor": 0,
        "worksheets": [{"cells": [cell], "metadata": {}}],
    }


@pytest.mark.parametrize(
    "nb",
    [
        *(json.loads(notebook("x = 1\n", minor=minor)) for minor in range(6)),
        json.loads(notebook("x = 1\n", minor=6)),  # from the future: nbformat relaxes it
        json.loads(notebook("x = 1\n", minor=4).replace('"code"', '"kode"')),
        json.loads(notebook("x = 1\n", minor=4).replace('"metadata": {}', '"metadata": 1')),
        {**json.loads(notebook("x = 1\n", minor=4)), "extra": 1},
        {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 4},
        {"cells": [{"cell_type": {"a": 1}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4},
        _v3(),
        _v3("kode"),
        {**_v3(), "nbformat_minor": 1},
    ],
    ids=[
        *(f"4.{minor}" for minor in range(6)),
        "4.6",
        "unknown cell type",
        "metadata not an object",
        "unknown top-level key",
        "no cells",
        "cell type a dict",
        "v3",
        "v3 unknown cell type",
        "3.1",
    ],
)
@pytest.mark.parametrize("validator", [None, "jsonschema"])
def test_the_fast_path_gives_nbformats_verdict(nb, validator, monkeypatch):
    import copy

    from mergeready.checks.text.notebooks import schema_errors
    from nbformat.validator import iter_validate

    if validator:
        monkeypatch.setenv("NBFORMAT_VALIDATOR", validator)
    try:
        theirs = list(iter_validate(copy.deepcopy(nb)))
    except Exception as exc:  # nbformat failing on the data is a verdict too
        theirs = [exc]
    assert bool(schema_errors(nb)) == bool(theirs)


def test_adapter_matches_the_installed_nbformat():
    # Fails if nbformat stops validating by the notebook's own version, or renames the API.
    from mergeready.checks.text.notebooks import load, schema_errors

    ok = load(notebook("x = 1\n", minor=4))
    assert schema_errors(ok) == []
    v45 = load(notebook("x = 1\n", minor=5))
    assert any("id" in message for message, _ in schema_errors(v45))
    assert schema_errors({"nbformat": 2, "nbformat_minor": 0}) != []
    assert schema_errors({"nbformat": "4"}) != []


def test_header_reader():
    header = read(
        '"""Title: T\nAuthors: A, B\nDate created: 2020/01/01\nLast modified: '
        '2020/01/02\nDescription: Two\nlines long.\n"""\n'
    )
    assert header is not None
    assert header.fields["Author"] == (2, "A, B")
    assert header.fields["Description"] == (5, "Two lines long.")
    assert read("import os\n") is None
    assert read('"""Just a docstring."""\n') is None


@pytest.mark.parametrize(
    "content, code",
    [
        (b"\0\0binary", "MR702"),
        ("[" * 100000, "MR702"),
        ('{"cells": 3, "nbformat": 4, "nbformat_minor": 4, "metadata": {}}\n', "MR703"),
        ('{"nbformat": 9, "nbformat_minor": 0}\n', "MR703"),
        ("[1, 2]\n", "MR702"),
    ],
    ids=["binary", "deeply nested", "cells not a list", "unknown version", "not an object"],
)
def test_bad_notebooks_get_one_clear_error(git_repo, run_json, content, code):
    story(git_repo, BASE, {"examples/vision/demo.ipynb": content})
    status, report = run_json("--only", "examples-valid")
    assert status == 1
    assert codes(report) == [code]


def test_in_order_counts_name_the_counts_and_ignore_a_cleared_notebook(git_repo):
    story(git_repo, BASE, {"examples/vision/demo.ipynb": notebook("a = 1\n", "b = 2\n")})
    assert (
        run_check(git_repo, "examples-valid", Options(execution_counts="in-order")).findings == ()
    )
    git_repo.write("examples/vision/demo.ipynb", notebook("a = 1\n", "b = 2\n", counts={0: 2}))
    git_repo.commit("run it")
    (finding,) = run_check(
        git_repo, "examples-valid", Options(execution_counts="in-order")
    ).findings
    assert "execution counts are 2, -, not 1, 2" in finding.message


def test_a_notebook_already_invalid_at_the_base_is_not_blamed(git_repo):
    bad = NB.replace('"cell_type": "code"', '"cell_type": "kode"', 1)
    story(
        git_repo,
        {**BASE, "examples/vision/demo.ipynb": bad},
        {"examples/vision/demo.ipynb": bad.replace("print(os.sep)", "print(os.sep, 1)")},
    )
    assert run_check(git_repo, "examples-valid").findings == ()
