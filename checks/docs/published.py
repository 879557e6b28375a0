"""What the docs build reads or runs beyond the pages: docstrings, notebook cells, its own code.

- **Docstrings** (attack 5's F22): where the trusted revision's Sphinx build publishes them
  (``build.Build.autodoc``), a docstring is reST the build reads from its source folder: an
  include, image, download or ``:file:`` target in a docstring the contribution adds or changes
  that leaves the repository is MR615, like on a page.
- **Notebook cells** (F25): nbsphinx, myst-nb and jupyter-book render a notebook's markdown
  cells (MyST) and raw cells (reST): their targets outside the repository are MR615.
- **The build's own code** (F26): a Python file in the build's folder (``conf.py``, a local
  extension) runs in the docs build: a contribution that changes it is not documentation only
  (MR616 names it), and a ``conf.py`` path setting (``html_static_path``, ``html_extra_path``,
  ``templates_path``, ``html_logo``, ``html_favicon``, …) that leaves the repository is MR615.

Everything is read as data: parsed, never imported, run or rendered.
"""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Iterator, Mapping
from typing import Any, Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.docs.build import CONF_FILES, Build
from mergeready.checks.docs.link_findings import outside
from mergeready.checks.model import Finding
from mergeready.checks.text.links import leaves_repository, split_target
from mergeready.checks.text.markup import Link
from mergeready.checks.text.notebooks import NotJson, cells, load, source_lines
from mergeready.checks.text.rst import scan_myst, scan_rst

# conf.py settings that name files the build copies into the site or reads as templates.
PATH_SETTINGS: Final = frozenset(
    {
        "html_static_path",
        "html_extra_path",
        "templates_path",
        "html_logo",
        "html_favicon",
        "locale_dirs",
        "html_css_files",
        "html_js_files",
        "latex_additional_files",
    }
)


# conf.py settings that decide which files are pages.
PAGE_SETTINGS: Final = frozenset(
    {"exclude_patterns", "include_patterns", "source_suffix", "root_doc", "master_doc"}
)


def published(contribution: Contribution, build: Build, files: list[ChangedFile]) -> list[Finding]:
    """Findings on what the docs build reads or runs that is no page (see the module).

    Args:
        contribution: The contribution.
        build: The trusted revision's Sphinx build.
        files: The changed files docs-valid does not read as pages.

    Returns:
        The findings.
    """
    out: list[Finding] = []
    for f in files:
        if f.path.endswith(".py") and _runs_in_build(f.path, build):
            out += _build_code(contribution, f)
        elif f.path.endswith(".py") and build.autodoc:
            out += _docstrings(contribution, f, build)
        elif f.path.endswith(".ipynb"):
            out += _notebook(contribution, f)
    return out


def reads(path: str, build: Build) -> bool:
    """Whether ``published`` reads a changed file (docs-valid counts it as checked).

    Args:
        path: The file's path.
        build: The trusted revision's Sphinx build.

    Returns:
        True for a notebook, a Python file of the build and, where docstrings are published,
        any Python file.
    """
    if path.endswith(".ipynb"):
        return True
    return path.endswith(".py") and (build.autodoc or _runs_in_build(path, build))


def _runs_in_build(path: str, build: Build) -> bool:
    """``conf.py`` (the base's, or one a contribution adds where Sphinx keeps it) and the
    Python files beside it: the build runs them."""
    if path in CONF_FILES:
        return True
    return bool(build.conf) and bool(build.root) and path.startswith(build.root + "/")


def _build_code(contribution: Contribution, f: ChangedFile) -> list[Finding]:
    out = [
        Finding(
            "MR616",
            "warning",
            f"{f.path} is code the docs build runs: this contribution is not documentation only",
            f.path,
            min(f.added_lines or (), default=None),
            hint="review it as code (what it imports, reads and writes) before building the docs",
        )
    ]
    if f.path.rpartition("/")[2] != "conf.py":
        return out
    tree, _ = contribution.python(f)
    for node in tree.body if tree is not None else ():
        if isinstance(node, ast.Assign) and f.touches_range(node.lineno, node.end_lineno or 0):
            out += _path_settings(f, node)
    return out


def _path_settings(f: ChangedFile, node: ast.Assign) -> Iterator[Finding]:
    """MR615 for a path setting's literal that leaves the repository (from conf.py's folder);
    MR616 for a setting that changes which pages the build reads (``exclude_patterns``)."""
    names = {t.id for t in node.targets if isinstance(t, ast.Name)}
    for name in sorted(names & PAGE_SETTINGS):
        yield Finding(
            "MR616",
            "warning",
            f"{name} changes which pages the docs build reads (a page it leaves out is not "
            "published, and its errors are not seen)",
            f.path,
            node.lineno,
            hint="say in the description which pages it adds or leaves out",
        )
    if not names & PATH_SETTINGS:
        return
    for value in ast.walk(node.value):
        if isinstance(value, ast.Constant) and _leaves(f.path, value.value):
            yield outside(
                f.path, Link(value.lineno, value.col_offset + 1, str(value.value), "include")
            )


def _leaves(conf: str, value: object) -> bool:
    """A path setting's string that names a place outside the repository (from conf.py's)."""
    if not isinstance(value, str) or not value or "://" in value:
        return False
    full = posixpath.normpath(posixpath.join(posixpath.dirname(conf), value))
    return value.startswith("/") or full == ".." or full.startswith("../")


def _docstrings(contribution: Contribution, f: ChangedFile, build: Build) -> Iterator[Finding]:
    """MR615 for a published docstring's target outside the repository, on a changed line."""
    tree, _ = contribution.python(f)
    page = posixpath.join(build.root, "index.rst")  # autodoc inserts it into a page there
    for node in ast.walk(tree) if tree is not None else ():
        doc = _docstring(node)
        if doc is None or not f.touches_range(doc.lineno, doc.end_lineno or doc.lineno):
            continue
        for link in scan_rst(str(doc.value)).links:
            where = Link(doc.lineno + link.line - 1, link.column, link.target, link.kind)
            yield from _outside(f, page, where, contribution.head_links())


def _docstring(node: ast.AST) -> ast.Constant | None:
    body = getattr(node, "body", None)
    if not isinstance(body, list) or not body or not isinstance(body[0], ast.Expr):
        return None
    doc = body[0].value
    return doc if isinstance(doc, ast.Constant) and isinstance(doc.value, str) else None


def _notebook(contribution: Contribution, f: ChangedFile) -> Iterator[Finding]:
    """MR615 for a target outside the repository in a changed markdown or raw cell."""
    text = contribution.text(f) or ""
    nb = _load(text)
    if nb is None:
        return
    lines = text.split("\n")
    for cell in cells(text, nb):
        if cell.kind not in ("markdown", "raw") or not f.touches_range(cell.first, cell.last):
            continue
        pairs = source_lines(lines, cell)
        page = (scan_myst if cell.kind == "markdown" else scan_rst)("\n".join(t for _, t in pairs))
        for link in page.links:
            line = pairs[link.line - 1][0] if 0 < link.line <= len(pairs) else cell.first
            where = Link(line, link.column, link.target, link.kind)
            yield from _outside(f, f.path, where, contribution.head_links())


def _load(text: str) -> dict[str, Any] | None:
    try:
        return load(text)
    except NotJson:  # examples-valid reports it; nothing here is read
        return None


def _outside(f: ChangedFile, page: str, link: Link, links: Mapping[str, str]) -> Iterator[Finding]:
    path, _ = split_target(link.target)
    if leaves_repository(page, path, link.kind, links):
        yield outside(f.path, link)
