"""What the project's Sphinx build reads, as the trusted revision's ``conf.py`` says.

``conf.py`` is read as text and parsed, never run: its literal ``source_suffix`` (a string, a
list or a mapping of suffixes to parsers) names the files the build reads as pages besides
``.rst`` (``.txt``, ``.rest``; ``.md`` through MyST), and its ``extensions`` say whether
Python docstrings are published (``sphinx.ext.autodoc``, ``autosummary``, ``autoapi``,
``sphinx_automodapi``). A setting spelled other than as a literal is not guessed.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Final

from mergeready.checks.contribution import Contribution

# Where projects keep Sphinx's conf.py (its folder is the build's source folder).
CONF_FILES: Final = (
    "docs/conf.py",
    "doc/conf.py",
    "docs/source/conf.py",
    "doc/source/conf.py",
    "source/conf.py",
    "conf.py",
)
# Extensions that publish the project's docstrings as reST.
AUTODOC: Final = (
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "autoapi",
    "sphinx_automodapi",
    "numpydoc",
    "sphinx.ext.napoleon",
)
_MARKDOWN: Final = frozenset({"markdown", "myst", "myst_parser", "myst-nb", "myst_nb"})


@dataclass(frozen=True)
class Build:
    """The trusted revision's Sphinx build: its folder, the suffixes it reads, its extensions."""

    conf: str = ""  # conf.py's path ("" when the project has none)
    suffixes: dict[str, str] = field(default_factory=dict)  # ".txt" → "rst" or "md"
    extensions: frozenset[str] = frozenset()

    @property
    def root(self) -> str:
        """The build's source folder (``conf.py``'s), ``""`` at the repository's root."""
        return self.conf.rpartition("/")[0]

    def page(self, path: str) -> str:
        """Say how the build reads a file as a page of its own: ``"rst"``, ``"md"`` or ``""``.

        Args:
            path: The file's path.

        Returns:
            The markup, or ``""`` when the build reads no such page.
        """
        inside = not self.root or path.startswith(self.root + "/")
        name = path.rpartition("/")[2].lower()
        if not (self.conf and inside):
            return ""
        return next((m for s, m in self.suffixes.items() if name.endswith(s)), "")

    @property
    def autodoc(self) -> bool:
        """Whether the build publishes docstrings (an autodoc-family extension)."""
        return any(e == a or e.startswith(a + ".") for e in self.extensions for a in AUTODOC)


def build(contribution: Contribution) -> Build:
    """Read the trusted revision's Sphinx configuration once per run.

    Args:
        contribution: The contribution.

    Returns:
        The build (an empty one when the project has no ``conf.py`` where Sphinx projects keep it).
    """
    return contribution.once("docs-build", lambda: _read(contribution))  # type: ignore[no-any-return]


def _read(contribution: Contribution) -> Build:
    for conf in CONF_FILES:
        text = contribution.trusted_text(conf)
        if text is None:
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return Build(conf, {".rst": "rst"})
        values = _literals(tree)
        return Build(conf, _suffixes(values.get("source_suffix")), _extensions(tree, values))
    return Build()


def _literals(tree: ast.Module) -> dict[str, object]:
    """The module-level ``name = <literal>`` assignments (the last one wins)."""
    out: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                try:
                    out[target.id] = ast.literal_eval(node.value)
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    out.pop(target.id, None)
    return out


def _suffixes(value: object) -> dict[str, str]:
    """``source_suffix`` as Sphinx reads it: a suffix, a list of them, or suffix → parser."""
    found: dict[str, str] = {".rst": "rst"}
    if isinstance(value, str):
        value = [value]
    if isinstance(value, (list, tuple)):
        found.update({str(s).lower(): "md" if str(s).lower() == ".md" else "rst" for s in value})
    if isinstance(value, dict):
        for suffix, parser in value.items():
            found[str(suffix).lower()] = "md" if str(parser).lower() in _MARKDOWN else "rst"
    return {s: m for s, m in found.items() if s.startswith(".")}


def _extensions(tree: ast.Module, values: dict[str, object]) -> frozenset[str]:
    """``extensions`` and every string literal an ``extensions.append``/``+=`` adds."""
    names = values.get("extensions")
    found = {str(x) for x in names} if isinstance(names, (list, tuple)) else set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 200:
            if any(node.value == a or node.value.startswith(a + ".") for a in AUTODOC):
                found.add(node.value)
    return frozenset(found)
