"""docstrings-complete: what the contribution adds to the public API is documented."""

from __future__ import annotations

import pytest
from helpers import Row, codes, run_check, story, two_uses
from mergeready.checks.docstrings.docstrings_complete import Options

MODULE = '"""A module."""\n'
LEGACY = MODULE + "\n\ndef legacy(a, b):\n    return a + b\n"
GOOGLE = '''

def clip(value, low, high=1):
    """Clip a value.

    Args:
        value: The value.
        low: The lower bound.
        high: The upper bound.

    Returns:
        The clipped value.
    """
    return max(low, min(value, high))
'''
NUMPY = '''

def clip(value, low):
    """Clip a value.

    Parameters
    ----------
    value : float
        The value.
    low : float
        The lower bound.

    Returns
    -------
    float
        The clipped value.
    """
    return max(low, value)
'''
SPHINX = '''

def clip(value, low):
    """Clip a value.

    :param value: The value.
    :param low: The lower bound.
    :returns: The clipped value.
    """
    return max(low, value)
'''
CASES: list[Row] = [
    (
        "new function without docstring",
        {"m.py": LEGACY},
        {"m.py": LEGACY + "\n\ndef clip(value):\n    return value\n"},
        "fail",
        ["MR201"],
    ),
    (
        "one parameter undocumented",
        {"m.py": LEGACY},
        {"m.py": LEGACY + GOOGLE.replace("        high: The upper bound.\n", "")},
        "fail",
        ["MR202"],
    ),
    ("google complete", {"m.py": LEGACY}, {"m.py": LEGACY + GOOGLE}, "pass", []),
    ("numpy complete", {"m.py": LEGACY}, {"m.py": LEGACY + NUMPY}, "pass", []),
    ("sphinx complete", {"m.py": LEGACY}, {"m.py": LEGACY + SPHINX}, "pass", []),
    ("legacy untouched", {"m.py": LEGACY}, {"m.py": LEGACY + GOOGLE}, "pass", []),
    (
        "body-only change to legacy",
        {"m.py": LEGACY},
        {"m.py": LEGACY.replace("return a + b", "return b + a")},
        "skip",
        [],
    ),
    (
        "signature change to legacy",
        {"m.py": LEGACY},
        {"m.py": LEGACY.replace("(a, b)", "(a, b, c=0)")},
        "fail",
        ["MR201"],
    ),
    (
        "an overload's signature",
        {"m.py": LEGACY},
        {
            "m.py": "from typing import overload\n"
            + LEGACY
            + "\n\n@overload\ndef f(v: int) -> int:"
            " ...\n"
        },
        "skip",
        [],
    ),
    (
        "private function",
        {"m.py": LEGACY},
        {"m.py": LEGACY + "\n\ndef _helper(x):\n    return x\n"},
        "skip",
        [],
    ),
    ("test file", {"m.py": LEGACY}, {"tests/test_m.py": "def test_x(a):\n    pass\n"}, "skip", []),
    ("syntax error", {"m.py": LEGACY}, {"m.py": LEGACY + "\ndef broken(:\n"}, "skip", ["MR207"]),
    ("new module without docstring", {"m.py": LEGACY}, {"n.py": "X = 1\n"}, "fail", ["MR201"]),
    (
        "method and class",
        {"m.py": LEGACY},
        {
            "m.py": LEGACY + '\n\nclass K:\n    """K."""\n\n    def __init__(self, size):\n'
            '        self.size = size\n\n    def grow(self, by):\n        """Grow."""\n'
        },
        "fail",
        ["MR202", "MR202"],
    ),
    (
        "__init__ params documented by the class",
        {"m.py": LEGACY},
        {
            "m.py": LEGACY
            + '\n\nclass K:\n    """K.\n\n    Args:\n        size: The size.\n    """\n'
            "\n    def __init__(self, size):\n        self.size = size\n"
        },
        "pass",
        [],
    ),
    (
        "*args and **kwargs need no documentation",
        {"m.py": LEGACY},
        {"m.py": LEGACY + '\n\ndef f(*args, **kwargs):\n    """F."""\n'},
        "pass",
        [],
    ),
]


test_check_function, test_through_the_command = two_uses(
    "docstrings-complete", CASES, title="feat: x"
)


def test_the_missing_parameter_is_named_with_a_hint(git_repo, run_cli):
    story(
        git_repo,
        {"m.py": LEGACY},
        {"m.py": LEGACY + GOOGLE.replace("        high: The upper bound.\n", "")},
    )
    code, out, _ = run_cli("check", "--only", "docstrings-complete", "--title", "feat: clip")
    assert code == 1
    assert "m.py:8:1: MR202 `clip` does not document `high`" in out
    assert '→ add "high: …" under Args:' in out


STRICT = Options(
    require=("presence", "params", "returns", "raises", "yields", "style"), convention="google"
)


@pytest.mark.parametrize(
    "body, expected",
    [
        (GOOGLE, []),
        (GOOGLE.replace("    Returns:\n        The clipped value.\n", ""), ["MR203"]),
        (
            GOOGLE.replace(
                "    return max",
                "    if low > high:\n        raise ValueError(low)\n    return max",
            ),
            ["MR204"],
        ),
        (
            '\n\ndef gen(n):\n    """Count.\n\n    Args:\n        n: How far.\n    """\n'
            "    yield from range(n)\n",
            ["MR205"],
        ),
        (GOOGLE.replace('"""Clip a value.', '"""clip a value'), ["MR206", "MR206"]),
    ],
    ids=["complete", "no returns", "no raises", "no yields", "style"],
)
def test_strict_requirements(git_repo, body, expected):
    story(git_repo, {"m.py": LEGACY}, {"m.py": LEGACY + body})
    assert [f.code for f in run_check(git_repo, "docstrings-complete", STRICT).findings] == expected


def test_strict_profile_through_the_command(git_repo, run_json):
    story(
        git_repo,
        {"m.py": LEGACY, ".mergeready.yaml": "profile: strict\n"},
        {"m.py": LEGACY + GOOGLE.replace("    Returns:\n        The clipped value.\n", "")},
    )
    code, report = run_json("--only", "docstrings-complete", "--title", "feat: clip")
    assert (code, codes(report)) == (1, ["MR203"])


KERAS_BASE = {"keras/layers/dense.py": '"""Dense."""\n'}
KERAS_LAYER = '''

@keras_export("keras.layers.Clip")
class Clip(Layer):
    """Clips its inputs.

    Args:
        low: The lower bound.

    Call arguments:
        inputs: The tensor to clip.
        training: Whether in training mode.
    """

    def __init__(self, low):
        self.low = low

    def call(self, inputs, training=False):
        return inputs

    def extra(self, alpha):
        """Extra."""


def not_exported(x):
    return x
'''


def test_keras_profile_public_api_and_call_arguments(git_repo, run_json):
    story(
        git_repo,
        {**KERAS_BASE, ".mergeready.yaml": "profile: keras\n"},
        {"keras/layers/dense.py": KERAS_BASE["keras/layers/dense.py"] + KERAS_LAYER},
    )
    code, report = run_json("--only", "docstrings-complete", "--title", "Add Clip layer")
    (check,) = report["checks"]
    messages = [f["message"] for f in check["findings"]]
    assert messages == ["`Clip.extra` does not document `alpha`"]


def test_keras_profile_asks_no_docstring_of_new_modules(git_repo, run_json):
    story(
        git_repo,
        {**KERAS_BASE, ".mergeready.yaml": "profile: keras\n"},
        {"keras/backend/jax/ops/__init__.py": "from keras.backend.jax.ops.core import *\n"},
    )
    code, report = run_json("--only", "docstrings-complete", "--title", "Add ops")
    assert code == 0


def test_dunder_all_decides_what_is_public_when_asked(git_repo):
    module = (
        '"""M."""\n\n__all__ = ["listed"]\n\n\ndef listed(a):\n    return a\n\n\n'
        "def unlisted(b):\n    return b\n"
    )
    story(git_repo, {"m.py": LEGACY}, {"m.py": LEGACY + module.replace('"""M."""\n', "")})
    by_name = run_check(git_repo, "docstrings-complete").findings
    assert [f.message for f in by_name] == [
        "public function `listed` has no docstring",
        "public function `unlisted` has no docstring",
    ]
    by_all = run_check(git_repo, "docstrings-complete", Options(use_all=True)).findings
    assert [f.message for f in by_all] == ["public function `listed` has no docstring"]


@pytest.mark.parametrize(
    "tool_config",
    [
        {"pyproject.toml": '[tool.ruff.lint.pydocstyle]\nconvention = "numpy"\n'},
        {"setup.cfg": "[pydocstyle]\nconvention = numpy\n"},
    ],
    ids=["ruff", "pydocstyle"],
)
def test_the_projects_docstring_convention_replaces_the_profiles(git_repo, run_json, tool_config):
    story(
        git_repo,
        {"m.py": LEGACY, ".mergeready.yaml": "profile: strict\n", **tool_config},
        {"m.py": LEGACY + GOOGLE},
    )
    code, report = run_json("--only", "docstrings-complete", "--title", "feat: clip")
    messages = [f["message"] for c in report["checks"] for f in c["findings"]]
    assert code == 1 and all("(numpy)" in m for m in messages) and messages


def test_mergeready_own_convention_wins_over_the_tools(git_repo, run_json, run_cli):
    story(
        git_repo,
        {
            "m.py": LEGACY,
            ".mergeready.yaml": "profile: strict\nchecks:\n"
            "  docstrings-complete:\n    convention: google\n",
            "pyproject.toml": '[tool.ruff.lint.pydocstyle]\nconvention = "numpy"\n',
        },
        {"m.py": LEGACY + GOOGLE},
    )
    code, report = run_json("--only", "docstrings-complete", "--title", "feat: clip")
    assert (code, codes(report)) == (0, [])
    _, out, _ = run_cli("rules")
    assert "checks.docstrings-complete.convention: google    # .mergeready.yaml @ " in out


def test_generated_files_are_not_asked_for_docstrings(git_repo):
    from helpers import run_check, story

    header = "# Code generated by protoc. DO NOT EDIT.\n"
    story(
        git_repo,
        {"pkg/api_pb2.py": header + "X = 1\n"},
        {"pkg/api_pb2.py": header + "def make(a):\n    return a\n"},
    )
    assert run_check(git_repo, "docstrings-complete").status == "skip"
    story_path = "pkg/api.py"
    git_repo.write(story_path, "def make(a):\n    return a\n")
    git_repo.commit("not generated")
    assert run_check(git_repo, "docstrings-complete").status == "fail"


# --- what the project asks for (docstring_practice) -----------------------------------------
# Found on pre-commit #3662, poetry #10905, urllib3 #3732/#5019 (no docstring linter, files whose
# public definitions mostly have no docstring) and scrapy #7910/#7913/#7401 (ruff selects D and
# ignores D100-D107): a maintainer there does not send a contribution back for a docstring.
UNDOCUMENTED = MODULE + "".join(f"\n\ndef f{n}(x):\n    return x + {n}\n" for n in range(6))
DOCUMENTED = MODULE + "".join(
    f'\n\ndef f{n}(x):\n    """Add {n}.\n\n    Args:\n        x: A number.\n    """\n'
    f"    return x + {n}\n"
    for n in range(6)
)
NEW_FUNCTION = "\n\ndef added(value):\n    return value\n"
RUFF_D1_IGNORED = '[tool.ruff.lint]\nextend-select = ["D"]\nignore = ["D1"]\n'
RUFF_D = '[tool.ruff.lint]\nextend-select = ["D"]\n'


@pytest.mark.parametrize(
    "base, config, status, severities",
    [
        (UNDOCUMENTED, None, "pass", ["warning"]),
        (DOCUMENTED, None, "fail", ["error"]),
        (UNDOCUMENTED, RUFF_D, "fail", ["error"]),  # the project lints docstrings
        (DOCUMENTED, RUFF_D1_IGNORED, "pass", ["warning"]),  # ...but not their presence
    ],
    ids=["undocumented file", "documented file", "ruff selects D", "ruff ignores D1"],
)
def test_a_missing_docstring_blocks_only_where_the_project_asks(
    git_repo, base, config, status, severities
):
    files = {"pkg/__init__.py": "", "pkg/mod.py": base}
    if config:
        files["pyproject.toml"] = config
    story(git_repo, files, {"pkg/mod.py": base + NEW_FUNCTION})
    result = run_check(git_repo, "docstrings-complete")
    assert (result.status, [f.severity for f in result.findings]) == (status, severities)
    if status == "pass":
        assert "not required here: " in result.findings[0].message
        assert "not required by this project" in result.summary


def test_the_strict_profile_asks_whatever_the_project_does(git_repo):
    files = {"pkg/__init__.py": "", "pkg/mod.py": UNDOCUMENTED}
    story(
        git_repo,
        {**files, ".mergeready.yaml": "profile: strict\n"},
        {"pkg/mod.py": UNDOCUMENTED + NEW_FUNCTION},
    )
    result = run_check(git_repo, "docstrings-complete")
    assert result.status == "fail"
    assert "MR201" in [f.code for f in result.findings if f.severity == "error"]


def test_a_new_module_follows_its_folders_practice(git_repo):
    folder = {
        f"pkg/m{n}.py": "def f(x):\n    return x\n\n\ndef g(x):\n    return x\n" for n in range(3)
    }
    story(
        git_repo,
        {"pkg/__init__.py": "", **folder},
        {"pkg/new.py": "def added(value):\n    return value\n"},
    )
    result = run_check(git_repo, "docstrings-complete")
    assert result.status == "pass", result
    assert {f.code for f in result.findings} == {"MR201"}
    assert (
        "6 public definitions in pkg/ at the base have no docstring" in result.findings[-1].message
    )


def test_parameters_follow_the_files_practice_too(git_repo):
    # urllib3 #3667: exceptions.py documents every class in one line, no parameter anywhere.
    one_liners = MODULE + "".join(
        f'\n\nclass E{n}(Exception):\n    """Raised when {n}."""\n\n'
        f"    def __init__(self, pool, url):\n        self.url = url\n"
        for n in range(6)
    )
    resigned = one_liners.replace("class E0(Exception):", "class E0(Exception):", 1).replace(
        "def __init__(self, pool, url):", "def __init__(self, pool, url=None):", 1
    )
    story(
        git_repo, {"pkg/__init__.py": "", "pkg/errors.py": one_liners}, {"pkg/errors.py": resigned}
    )
    result = run_check(git_repo, "docstrings-complete")
    assert result.status == "pass", result
    ((finding),) = result.findings
    assert (finding.code, finding.severity) == ("MR202", "warning")
    assert "undocumented before this contribution" in finding.message  # the gap predates it


def test_the_projects_docstring_linting_is_read_at_the_base(git_repo, run_cli):
    flake8 = "[flake8]\ndocstring-convention = google\nextend-ignore = D102,D107\n"
    story(git_repo, {"setup.cfg": flake8}, {"setup.cfg": "[flake8]\n"})
    code, out, _ = run_cli("rules")
    assert "checks.docstrings-complete.project-linter: 'setup.cfg [flake8]'" in out
    assert "checks.docstrings-complete.project-ignores: [D102, D107]" in out


# The bypass: where a missing docstring was a warning and a one-line docstring that leaves a
# parameter out was an error, deleting the docstring made the contribution ready.
ONE_LINER = '\n\ndef added(value):\n    """Return the value."""\n    return value\n'
EXPORTED = "\n\n@keras_export('pkg.added')\ndef added(value):\n    return value\n"
EXPORTED_ONE_LINER = EXPORTED.replace("    return", '    """Return the value."""\n    return')
KERAS_LIKE = "checks:\n  docstrings-complete:\n    export-decorators: [keras_export]\n"
EXPORTED_CLASS = (
    "\n\n@keras_export('pkg.Report')\nclass Report:\n"
    '    """A report."""\n\n    def add(self, item):\n        return item\n'
)


@pytest.mark.parametrize(
    "config, added, status, severities",
    [
        (None, NEW_FUNCTION, "pass", ["warning"]),  # the file's practice: no docstrings
        (None, ONE_LINER, "pass", ["warning"]),  # ...then no parameters either
        (KERAS_LIKE, EXPORTED, "fail", ["error"]),  # exported API is documented
        (KERAS_LIKE, EXPORTED_ONE_LINER, "fail", ["error"]),
        (RUFF_D1_IGNORED, ONE_LINER, "pass", ["warning"]),  # the linter asks for none
        # The exported class is documented; its methods follow the file's practice (Keras #23345).
        (KERAS_LIKE, EXPORTED_CLASS, "pass", ["warning"]),
        (
            KERAS_LIKE,
            EXPORTED_CLASS.replace('    """A report."""\n', ""),
            "fail",
            ["error", "warning"],
        ),  # noqa: E501
    ],
    ids=[
        "missing",
        "incomplete",
        "exported-missing",
        "exported-incomplete",
        "linter-incomplete",
        "exported-class-method",
        "exported-class-missing",
    ],
)
def test_a_missing_docstring_is_never_more_acceptable_than_an_incomplete_one(
    git_repo, config, added, status, severities
):
    files = {"pkg/__init__.py": "", "pkg/mod.py": UNDOCUMENTED}
    if config and config.startswith("checks"):
        files[".mergeready.yaml"] = config
    elif config:
        files["pyproject.toml"] = config
    story(git_repo, files, {"pkg/mod.py": UNDOCUMENTED + added})
    result = run_check(git_repo, "docstrings-complete")
    assert (result.status, [f.severity for f in result.findings]) == (status, severities)


# Keras #22960 (TernaryDense) and #23364 (Sequential.call): a layer's build/call/get_config
# override Layer's, documented once there; a reviewer does not ask for them again.
LAYER = (
    '"""Layers."""\n\n\nclass Layer:\n    """A layer."""\n\n'
    "    def build(self, input_shape):\n        pass\n\n"
    "    def call(self, *args, **kwargs):\n        raise NotImplementedError\n"
)
NEW_LAYER = (
    '"""Mine."""\n\n{imports}\n\n\nclass Mine({base}):\n    """My layer.\n\n    Args:\n'
    '        units: How many.\n    """\n\n'
    "    def __init__(self, units):\n        self.units = units\n\n"
    "    def build(self, input_shape):\n        pass\n\n    def call(self, inputs):\n        return inputs\n\n"  # noqa: E501
    "    def extra(self, x):\n        return x\n"
)


@pytest.mark.parametrize(
    "imports, base, undocumented",
    [
        ("from pkg.layers.layer import Layer", "Layer", ["Mine.extra"]),
        ("from pkg.layers import Layer", "Layer", ["Mine.extra"]),  # re-exported by __init__
        ("from pkg import layers", "layers.Layer", ["Mine.extra"]),  # an attribute of a module
        ("from .layers.layer import Layer", "Layer", ["Mine.extra"]),  # relative
        # A base that cannot be followed (another library's) makes no override.
        ("from torch.nn import Module", "Module", ["Mine.build", "Mine.call", "Mine.extra"]),
        ("import pkg.layers.layer as layer", "layer.Layer", ["Mine.extra"]),  # import … as
        # ``import x as Name`` binds the base's name to a module, not to a class: no override
        ("import pkg.layers.layer as Layer", "Layer", ["Mine.build", "Mine.call", "Mine.extra"]),
        # the module part of ``layers.Layer`` is bound by no import
        ("import os", "layers.Layer", ["Mine.build", "Mine.call", "Mine.extra"]),
    ],
    ids=[
        "imported",
        "re-exported",
        "module-attribute",
        "relative",
        "unresolvable",
        "import-as",
        "import-binds-a-module",
        "unbound-module",
    ],
)
def test_an_override_inherits_its_base_classs_documentation(git_repo, imports, base, undocumented):
    files = {
        "pkg/__init__.py": "",
        "pkg/layers/__init__.py": "from pkg.layers.layer import Layer\n",
        "pkg/layers/layer.py": LAYER,
    }
    story(git_repo, files, {"pkg/mine.py": NEW_LAYER.format(imports=imports, base=base)})
    result = run_check(git_repo, "docstrings-complete")
    names = sorted(f.message.split("`")[1] for f in result.findings if f.severity == "error")
    assert names == undocumented
    if len(undocumented) == 1:
        assert "2 overrides inheriting a base class's documentation" in result.summary


# Keras #23481 adds a documented calibration_batch_size to GPTQConfig.__init__, whose older
# per_channel the docstring never documented: the gap is the project's, a warning at most.
CONFIG = (
    '"""Config."""\n\n\nclass Config:\n    """A config.\n\n    Args:\n'
    '        bits: The bits.\n    """\n\n    def __init__(self, bits=4, per_channel=True):\n'
    "        self.bits = bits\n"
)


@pytest.mark.parametrize(
    "head, severities",
    [
        # A new documented parameter beside an old undocumented one: the old one warns.
        (
            CONFIG.replace("bits=4,", "bits=4, batch=8,").replace(
                "        bits: The bits.\n", "        bits: The bits.\n        batch: Per pass.\n"
            ),
            ["warning"],
        ),
        # A new undocumented parameter is the contributor's.
        (CONFIG.replace("bits=4,", "bits=4, batch=8,"), ["error", "warning"]),
        # Removing the documentation of an old parameter is the contributor's too.
        (
            CONFIG.replace("        bits: The bits.\n", "").replace("bits=4,", "bits=5,"),
            ["error", "warning"],
        ),  # noqa: E501
    ],
    ids=["documented-new", "undocumented-new", "doc-removed"],
)
def test_a_parameter_undocumented_before_the_contribution_is_a_warning(git_repo, head, severities):
    story(git_repo, {"pkg/__init__.py": "", "pkg/config.py": CONFIG}, {"pkg/config.py": head})
    result = run_check(git_repo, "docstrings-complete")
    assert sorted(f.severity for f in result.findings) == severities


def test_a_generated_header_the_contribution_adds_exempts_nothing(git_repo):
    from helpers import run_check, story

    header = "# Code generated by protoc. DO NOT EDIT.\n"
    story(
        git_repo,
        {"pkg/api.py": "X = 1\n"},
        {"pkg/api.py": header + "X = 1\n\n\ndef make(a):\n    return a\n"},
    )
    assert run_check(git_repo, "docstrings-complete").status == "fail"


ALL_DOCUMENTED = "".join(
    f'\n\ndef f{n}(x):\n    """Return x.\n\n    Args:\n        x: The value.\n    """\n'
    "    return x\n"
    for n in range(3)
)
BARE_BEFORE = "\n\ndef legacy(a, b):\n    return a\n"
BARE_BEFORE_DOC = '\n\ndef legacy(a, b):\n    """Return a."""\n    return a\n'


@pytest.mark.parametrize(
    "before, after, status, severity",
    [
        # Found on alembic and jinja (PEP 604 unions across the code base): re-annotating a
        # function that never had a docstring leaves the project's gap, not the contributor's.
        (BARE_BEFORE, BARE_BEFORE.replace("(a, b)", "(a: int | None, b)"), "pass", "warning"),
        # near misses: a parameter added, a docstring deleted, a new function
        (BARE_BEFORE, BARE_BEFORE.replace("(a, b)", "(a, b, c)"), "fail", "error"),
        (BARE_BEFORE_DOC, BARE_BEFORE.replace("(a, b)", "(a: int, b)"), "fail", "error"),
        (ALL_DOCUMENTED, ALL_DOCUMENTED + BARE_BEFORE.replace("legacy", "added"), "fail", "error"),
    ],
    ids=["re-annotated", "parameter-added", "docstring-deleted", "new-function"],
)
def test_a_docstring_missing_before_the_contribution_is_a_warning(
    git_repo, before, after, status, severity
):
    base = MODULE + ALL_DOCUMENTED + before if before != ALL_DOCUMENTED else MODULE + before
    head = MODULE + ALL_DOCUMENTED + after if before != ALL_DOCUMENTED else MODULE + after
    story(git_repo, {"pkg/__init__.py": "", "pkg/core.py": base}, {"pkg/core.py": head})
    result = run_check(git_repo, "docstrings-complete")
    assert result.status == status, result
    assert [(f.code, f.severity) for f in result.findings] == [("MR201", severity)]


# The trial of issue #25 (H1): the README's worked example, on a Keras-shaped tree whose
# layers/core/ folder mostly documents nothing (Keras never documents build/call/…).
KERAS_TREE = {
    ".mergeready.yaml": "profile: keras\n",
    "keras/__init__.py": "",
    "keras/layers/__init__.py": "",
    "keras/layers/layer.py": LAYER,
    "keras/layers/core/__init__.py": "",
    "keras/layers/core/plain.py": '"""Plain."""\n\n\n'
    + "".join(f"def helper{n}(x):\n    return x\n\n\n" for n in range(8)),
}
CLIP = '''"""Clip."""

from keras.api_export import keras_export
from keras.layers.layer import Layer


@keras_export("keras.layers.Clip")
class Clip(Layer):
    """Clips its inputs.

    Args:
        low: The lower bound.
        high: The upper bound.

    Call arguments:
        inputs: The tensor to clip.
        scale_factor: What the output is multiplied by.
    """

    def __init__(self, low=0.0, high=1.0, **kwargs):
        self.low, self.high = low, high

    def call(self, inputs, mask=None, scale_factor=1.0):
        return inputs * scale_factor

    def clip_value(self, value, scale):
        """Clip one value.

        Args:
            value: The value.
            scale: The scale.

        Returns:
            The clipped value.
        """
        return value * scale
'''


@pytest.mark.parametrize(
    "change, expected",
    [
        ("", []),  # the worked example passes
        (  # an undocumented constructor argument
            "        high: The upper bound.\n",
            ["MR202 error `Clip.__init__` does not document `high`"],
        ),
        (  # a call() argument Layer.call does not name: Call arguments: must have it
            "        scale_factor: What the output is multiplied by.\n",
            ["MR202 error `Clip.call` does not document `scale_factor`"],
        ),
        (  # a public method's parameter
            "            scale: The scale.\n",
            ["MR202 error `Clip.clip_value` does not document `scale`"],
        ),
    ],
    ids=["documented", "init-argument", "call-argument", "method-argument"],
)
def test_the_keras_profiles_worked_example_names_each_undocumented_argument(
    git_repo, run_json, change, expected
):
    story(
        git_repo,
        KERAS_TREE,
        {"keras/layers/core/clip.py": CLIP.replace(change, "") if change else CLIP},
    )
    code, report = run_json("--only", "docstrings-complete", "--title", "Add Clip layer")
    found = [
        f"{f['code']} {f['severity']} {f['message']}"
        for c in report["checks"]
        for f in c["findings"]
    ]
    assert found == expected
    assert code == (1 if expected else 0)


def test_the_summarys_notes_share_one_parenthesis(git_repo):
    """Issue #25's trial (L3): `… (1 override inheriting …) (2 not required …)` stacked."""
    helpers = "".join(f"def helper{n}(x):\n    return x\n\n\n" for n in range(6))
    story(
        git_repo,
        {"pkg/__init__.py": "", "pkg/layer.py": LAYER, "pkg/plain.py": '"""P."""\n\n\n' + helpers},
        {
            "pkg/mine.py": '"""Mine."""\n\nfrom pkg.layer import Layer\n\n\n'
            "class Mine(Layer):\n    def build(self, input_shape):\n        pass\n\n\n"
            "def grow(size):\n    return size\n"
        },
    )
    result = run_check(git_repo, "docstrings-complete")
    assert result.summary.endswith(
        "(1 override inheriting a base class's documentation; "
        "2 not required by this project: warnings)"
    ), result.summary


# Trial 2 (issue 25, P1): the stubs ``fix`` writes into a class docstring passed ``check``.
STUBBED = '"""Box."""\n\n\nclass Box:\n    """A box.\n\n{doc}    """\n\n{init}'
INIT = "    def __init__(self, width):\n        self.width = width\n"


@pytest.mark.parametrize(
    "doc, init, options",
    [
        ("    Args:\n        width: TODO: describe\n", INIT, None),  # Google class Args:
        (  # NumPy class Parameters
            "    Parameters\n    ----------\n    width : int\n        TODO: describe\n",
            INIT,
            None,
        ),
        ("    :param width: TODO: describe\n", INIT, None),  # Sphinx :param:
        (  # Keras's Call arguments:, which the class documents for call()
            "    Args:\n        width: The width.\n\n"
            "    Call arguments:\n        scale: TODO: describe\n",
            INIT + "\n    def call(self, scale):\n        return scale\n",
            Options(param_sections=("Call arguments",), class_documents=("__init__", "call")),
        ),
        (  # __init__'s own docstring
            "",
            '    def __init__(self, width):\n        """Make it.\n\n        Args:\n'
            '            width: TODO: describe\n        """\n',
            None,
        ),
    ],
    ids=["google-class", "numpy-class", "sphinx-class", "call-arguments", "init-docstring"],
)
def test_a_stub_fails_wherever_it_sits(git_repo, doc, init, options):
    story(git_repo, {"pkg/__init__.py": ""}, {"pkg/box.py": STUBBED.format(doc=doc, init=init)})
    result = run_check(git_repo, "docstrings-complete", options)
    assert result.status == "fail"
    assert codes_of(result) == ["MR209"]  # once, though the class and __init__ both read it


def test_a_stub_in_the_class_docstring_fails_when_only_a_method_is_re_signed(git_repo):
    """The class is not in scope (unchanged), __init__ is: its entries live in the class."""
    base = STUBBED.format(doc="    Args:\n        width: The width.\n", init=INIT)
    head = STUBBED.format(
        doc="    Args:\n        width: The width.\n        height: TODO: describe\n",
        init=INIT.replace("width)", "width, height)"),
    )
    story(git_repo, {"pkg/__init__.py": "", "pkg/box.py": base}, {"pkg/box.py": head})
    result = run_check(git_repo, "docstrings-complete")
    assert codes_of(result) == ["MR209"]
    assert "`Box`'s docstring still says 'TODO: describe'" in result.findings[0].message


def codes_of(result):
    return [f.code for f in result.findings]


@pytest.mark.parametrize(
    "documented, section",
    [
        (NUMPY, "with a Parameters section"),
        (GOOGLE, "with an Args: section"),
    ],
    ids=["numpy", "google"],
)
def test_a_missing_docstrings_hint_names_the_modules_section(git_repo, documented, section):
    """Trial 2: MR201 said "with an Args: section" in a NumPy-style module."""
    added = "\n\ndef scale(value, factor):\n    return value * factor\n"
    story(git_repo, {"pkg/__init__.py": ""}, {"pkg/mod.py": MODULE + documented + added})
    result = run_check(git_repo, "docstrings-complete")
    hints = [f.hint for f in result.findings if f.code == "MR201"]
    assert hints == [f"add a docstring to `scale` saying what it does, {section}"]
