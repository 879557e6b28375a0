"""benchmarks/issues.py: scores labelled reports; a free-text ask is named only when a check did."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SPEC = importlib.util.spec_from_file_location("issues_benchmark", ROOT / "benchmarks/issues.py")
assert SPEC is not None and SPEC.loader is not None
BENCHMARK = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(BENCHMARK)  # the script's folder is not a package
asked_key = BENCHMARK.asked_key


@pytest.mark.parametrize(
    "asked, key",
    [
        ("code", "code"),
        ("other: fill in the blank issue template", "template"),
        ("other: the full backtrace under gdb", "traceback"),
        ("other: which OS and pip version", "versions"),
        ("other: a description of the actual problem", "description"),
        ("other: the text output of the install command", "output"),
        ("other: the data (or example data with the same problem)", "data"),
        ("other: a minimal reproducible example", "code"),
        ("other: whether the same batch size was used", "other"),
    ],
)
def test_a_free_text_ask_maps_onto_the_vocabulary(asked, key):
    assert asked_key(asked) == key


def _report(tmp_path, name, body, verdict, asked):
    data = {
        "url": f"https://github.com/o/proj/issues/{name}",
        "project": "o/proj",
        "title": "clip returns negatives",
        "body": body,
        "labels": [],
        "label": {"type": "bug", "verdict": verdict, "asked": asked},
    }
    (tmp_path / f"{name}.json").write_text(json.dumps(data))


def test_scores_agreement_and_what_was_named(tmp_path):
    shot = "It fails, see ![shot](https://example.org/a.png)"
    _report(tmp_path, "1", shot, "needs-info", ["other: the text output of the command"])
    _report(tmp_path, "2", shot, "needs-info", ["other: whether the same batch size was used"])
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "issues.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    row = next(line for line in out.splitlines() if line.startswith("all "))
    # both agree (a screenshot for the output fails the report); only the first ask is named
    assert row.split()[1:6] == ["2", "100.0", "%", "50.0", "%"], out
