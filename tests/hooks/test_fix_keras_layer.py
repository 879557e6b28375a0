"""``fix`` on a Keras layer that overrides ``Layer``: it writes only what ``check`` asks for,
and what it writes does not pass ``check`` until it is replaced (trial 2, issue 25, P1)."""

from __future__ import annotations

from helpers import Repo, codes, story

LAYER = '''"""Layer."""


class Layer:
    """A layer."""

    def call(self, *args, **kwargs):
        """Run the layer.

        Args:
            *args: Inputs.
            **kwargs: Options.
        """
        raise NotImplementedError
'''
CLIP = '''"""Clip."""

from keras.src.api_export import keras_export
from keras.src.layers.layer import Layer


@keras_export("keras.layers.Clip")
class Clip(Layer):
    """Clips values.

    Args:
        low: The lowest value.
    """

    def __init__(self, low, high, **kwargs):
        self.low = low

    def call(self, inputs, scale_factor=1.0):
        return inputs
'''
FILES = {
    "keras/__init__.py": "",
    "keras/src/__init__.py": "",
    "keras/src/layers/__init__.py": "",
    "keras/src/api_export.py": "def keras_export(path):\n    return lambda x: x\n",
    "keras/src/layers/layer.py": LAYER,
}
ONLY = ("--profile", "keras", "--only", "docstrings-complete")


def test_fix_writes_only_what_check_asks_and_its_stubs_fail(git_repo: Repo, run_cli, run_json):
    story(git_repo, FILES, {"keras/src/layers/clip.py": CLIP}, message="Add Clip")
    _, report = run_json(*ONLY)
    asked = sorted(f["message"] for c in report["checks"] for f in c["findings"])
    assert asked == [
        "`Clip.__init__` does not document `high`",
        "`Clip.call` does not document `scale_factor`",  # inputs: Layer passes and documents it
    ]
    code, _, err = run_cli("fix", *ONLY)
    assert code == 1, err
    text = (git_repo.path / "keras/src/layers/clip.py").read_text()
    assert (
        "    Args:\n        low: The lowest value.\n        high: TODO: describe\n\n"
        '    Call arguments:\n        scale_factor: TODO: describe\n    """\n'
    ) in text  # no inputs: entry, which check never asked for
    git_repo.commit("fix stubs")
    code, report = run_json(*ONLY)
    assert code == 1
    assert codes(report) == ["MR209"]  # the class docstring's stubs do not pass
