"""Changelog entries the docs build publishes: towncrier fragments and the changelog files.

A contributed ``changes/123.bugfix.rst``, ``changelog.d/12.added.md`` or
``newsfragments/7.feature`` is rendered into the published changelog, and the changelog into
the docs (attack 5's F9). Its markup is read with the markup of the file it is rendered into
(towncrier's ``filename``, else its ``template``, at the base); in another fragment folder by
its own suffix, reST when it has none (there a ``*.md``/``*.rst`` fragment is read as a page).
A target it makes the docs build read is resolved from that file. An entry is not a page of its
own: its relative links point from the changelog it lands in, so only what breaks the build or
leaves the repository is reported: sphinx-lint's markup (MR601) and an include, image, download
or ``:file:`` outside the repository (MR615).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from mergeready.checks.changelog.places import Towncrier
from mergeready.checks.changes import ChangedFile
from mergeready.checks.docs.link_findings import outside
from mergeready.checks.model import Finding
from mergeready.checks.text.links import leaves_repository, split_target
from mergeready.checks.text.rst import scan_myst, scan_rst

# Where projects keep fragments when towncrier says nothing (the rules' ``changelog`` folders).
FRAGMENT_DIRS: Final = (
    "changelog.d",
    "changelog",
    "changes",
    "newsfragments",
    "news",
    "docs/changelog.d",
)
# Files of a fragment folder that are no fragment (towncrier's template, a keep-file, code).
_NOT_ENTRIES: Final = (
    ".py",
    ".jinja",
    ".jinja2",
    ".j2",
    ".toml",
    ".cfg",
    ".ini",
    ".yaml",
    ".yml",
    ".json",
)
_MARKDOWN: Final = (".md", ".markdown")


def entry(path: str, towncrier: Towncrier, page: bool) -> tuple[str, str] | None:
    """Say whether a file is a changelog entry, and how the docs build reads it.

    Args:
        path: The file's path.
        towncrier: The base's towncrier settings.
        page: Whether docs-valid's ``paths`` name it (outside towncrier's folder: a page).

    Returns:
        The markup (``"rst"`` or ``"md"``) and the path its targets resolve from, or None when
        the file is no changelog entry (a changelog file such as ``CHANGES.rst`` is a page).
    """
    folder, _, name = path.rpartition("/")
    if name.lower().endswith(_NOT_ENTRIES) or name.startswith("."):
        return None
    if towncrier.directory and _inside(path, (towncrier.directory, *towncrier.others)):
        return towncrier.markup, towncrier.rendered
    if name.lower().endswith(".inc"):  # ``.inc``, ``.rst.inc``: included into a page (F23)
        return "rst", path
    if page or not _inside(f"{folder}/", FRAGMENT_DIRS):
        return None
    return ("md" if name.lower().endswith(_MARKDOWN) else "rst"), path


def _inside(path: str, folders: tuple[str, ...]) -> bool:
    return any(path.startswith(d.rstrip("/") + "/") for d in folders if d)


def entry_findings(
    f: ChangedFile, text: str, how: tuple[str, str], links: Mapping[str, str]
) -> Iterator[Finding]:
    """What an entry's added lines make the docs build read outside the repository (MR615).

    Args:
        f: The changed entry.
        text: Its text.
        how: Its markup and the path its targets resolve from (``entry``).
        links: The symbolic links at head, followed on the way (``Contribution.head_links``).

    Yields:
        An MR615 finding per target outside the repository.
    """
    markup, rendered = how
    page = scan_rst(text) if markup == "rst" else scan_myst(text)
    for link in page.links:
        path, _ = split_target(link.target)
        if f.touches(link.line) and leaves_repository(rendered, path, link.kind, links):
            yield outside(f.path, link)
