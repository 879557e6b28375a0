"""The ``mergeready`` entry point answers ``--version`` before the engine loads."""

from __future__ import annotations

import subprocess
import sys

from mergeready.hooks import __version__
from mergeready.hooks.launch import main

_LOADED = (
    "import sys; from mergeready.hooks.launch import main; main({argv!r}); "
    "print(sorted(m for m in sys.modules if m.startswith('mergeready')))"
)


def _loaded(argv: list[str]) -> tuple[str, list[str]]:
    out = subprocess.run(
        [sys.executable, "-c", _LOADED.format(argv=argv)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    return out[0], eval(out[-1])  # noqa: S307 - our own subprocess's printed list


def test_version_loads_nothing_but_the_entry_point():
    printed, loaded = _loaded(["--version"])
    assert printed == f"mergeready {__version__}"
    assert loaded == ["mergeready", "mergeready.hooks", "mergeready.hooks.launch"]


def test_every_other_command_is_the_command_line(capsys):
    _, loaded = _loaded(["--nonesuch"])
    assert "mergeready.hooks.cli" in loaded
    assert main(["--nonesuch"]) == 2
    assert "unrecognized arguments: --nonesuch" in capsys.readouterr().err
