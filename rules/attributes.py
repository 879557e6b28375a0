"""The base's ``.gitattributes``, read as data: which files linguist calls generated or vendored.

Read at the trusted revision through the loader's recorder (never the contribution's copy, so a
contribution cannot mark its own code generated to skip its tests). A line sets
``linguist-generated``/``linguist-vendored`` with the bare name or any value but ``false``, and
unsets it with ``-name``, ``!name`` or ``name=false``. Nothing in the file is executed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mergeready.checks.attributes import GENERATED, VENDORED, Attributes, LinguistRule

PATH = ".gitattributes"
MAX_LINES = 5000


def gitattributes(read: Callable[[str], str | None]) -> tuple[Attributes, str]:
    """Read the linguist settings of ``.gitattributes`` at the trusted revision.

    Args:
        read: Reads a file at the trusted revision (None when it does not exist).

    Returns:
        The settings (empty when the file sets none), and where they came from (empty when
        none were found).
    """
    text = read(PATH)
    rules: list[LinguistRule] = []
    for line in (text or "").splitlines()[:MAX_LINES]:
        fields = line.split()
        if len(fields) < 2 or fields[0].startswith("#"):
            continue
        for attr in fields[1:]:
            name, _, value = attr.lstrip("-!").partition("=")
            if name in (GENERATED, VENDORED):
                unset = attr.startswith(("-", "!")) or value.lower() == "false"
                rules.append(LinguistRule(fields[0].lstrip("/"), name, not unset))
    return Attributes(tuple(rules)), (PATH if rules else "")


def from_lines(lines: Sequence[str]) -> Attributes:
    """Rebuild the settings from the lines ``mergeready rules`` shows (``x -linguist-vendored``).

    Args:
        lines: One ``<pattern> [-]<attribute>`` a rule, as ``LinguistRule`` writes itself.

    Returns:
        The settings.
    """
    rules = []
    for line in lines:
        pattern, _, attr = str(line).rpartition(" ")
        rules.append(LinguistRule(pattern, attr.lstrip("-"), not attr.startswith("-")))
    return Attributes(tuple(rules))
