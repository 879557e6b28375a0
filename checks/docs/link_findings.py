"""docs-valid's findings on links: missing pages, deleted targets, broken and renamed anchors."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.model import Finding
from mergeready.checks.paths import first_match
from mergeready.checks.text.anchors import page_anchors
from mergeready.checks.text.links import (
    Site,
    anchors,
    candidates,
    insecure,
    is_external,
    leaves_repository,
    resolve,
    split_target,
)
from mergeready.checks.text.markup import Link, Page, scan_markdown
from mergeready.checks.text.rst import scan_rst

if TYPE_CHECKING:
    from mergeready.checks.docs.docs_valid import Options


RST: Final = (".rst", ".rest")


def page_link_findings(
    site: Site, f: ChangedFile, page: Page, options: Options, hints: AnchorHints
) -> Iterator[Finding]:
    """Check the links of a changed page: missing pages, references, anchors, deleted targets.

    Args:
        site: The docs site at head (pages, anchors, deleted files).
        f: The changed page.
        page: The page as read.
        options: docs-valid's options.
        hints: The run's "did you mean" anchors, within their budget.

    Yields:
        A finding per broken link.
    """
    for link in page.links:
        if is_external(link.target):
            continue
        if link.kind == "ref":
            if f.touches(link.line):
                yield from _ref(site, f.path, link)
            continue
        path, fragment = split_target(link.target)
        if not f.touches(link.line):
            yield from _deleted_target(site, f.path, link, path)
            continue
        target, said = _target(site, f.path, link, path) if path else (f.path, None)
        if said is not None:
            yield said
        if not target:
            continue
        if fragment and options.anchors and not link.kind.startswith(("include", "image")):
            known = anchors(site, target)
            if known is not None and fragment not in known and fragment.lower() not in known:
                where = "this page" if target == f.path else target
                yield Finding(
                    "MR603",
                    "error",
                    f"#{fragment} names no heading or label in {where}",
                    f.path,
                    link.line,
                    link.column,
                    hint=_anchor_hint(hints.closest(fragment, known)),
                )


def _target(site: Site, page: str, link: Link, path: str) -> tuple[str, Finding | None]:
    """The file a link's path names at head ("" when none), or what is wrong with it."""
    found = candidates(site, page, path, link.kind)
    if found is None:
        return "", outside(page, link) if leaves_repository(page, path, link.kind) else None
    target = next((p for p in found if site.exists(p)), "")
    if resolve(site.links, target or found[0]) is None:  # through a link at head: F10
        return "", outside(page, link)
    return target, None if target else _missing(site, page, link, found[0])


def http_findings(f: ChangedFile, page: Page, options: Options) -> list[Finding]:
    """A warning per plain-http target to a public host on the page's added lines (MR604).

    Args:
        f: The changed page.
        page: The page as read.
        options: docs-valid's options.

    Returns:
        The findings.
    """
    return [
        Finding(
            "MR604",
            "warning",
            f"{url} is plain http",
            f.path,
            line,
            col,
            hint="use https:// if the site serves it",
        )
        for line, col, url in page.http
        if f.touches(line) and insecure(url, options.http_hosts)
    ]


def outside(page: str, link: Link) -> Finding:
    """MR615: a target the docs build would read from outside the repository (attack 4's 20).

    Args:
        page: The page's path.
        link: The target's link.

    Returns:
        The finding.
    """
    return Finding(
        "MR615",
        "error",
        f"{link.target} is outside the repository: the docs build would read and publish it",
        page,
        link.line,
        link.column,
        hint="include files of this repository only, by a path relative to this page",
    )


def _ref(site: Site, page: str, link: Link) -> Iterator[Finding]:
    label = " ".join(link.target.lower().split())
    if not label or ":" in label and site.intersphinx(page) or label in site.labels(page):
        return
    elsewhere = site.intersphinx(page)
    yield Finding(
        "MR613",
        "warning" if elsewhere else "error",
        f"no page of this project defines the label {link.target!r}"
        + (" (it may come from an intersphinx inventory)" if elsewhere else ""),
        page,
        link.line,
        link.column,
        hint="add '.. _" + link.target + ":' above the section, or fix the label's name",
    )


def _gone(site: Site, path: str) -> tuple[str, str | None] | None:
    """How a missing target left in this contribution: (file or folder, where to), or None."""
    if path in site.deleted:
        return "file", site.deleted[path]
    prefix = path.rstrip("/") + "/"
    moved = [(old, new) for old, new in site.deleted.items() if old.startswith(prefix)]
    if not moved:
        return None
    for old, new in moved:
        rest = old[len(prefix) :]
        if new and new.endswith("/" + rest):
            return "folder", new[: -len(rest) - 1]
    return "folder", None


def _missing(site: Site, page: str, link: Link, path: str) -> Finding:
    what = {"image": "image", "figure": "image", "doc": "document"}.get(link.kind, "target")
    gone = _gone(site, path)
    if gone and gone[1]:
        verb = "renames it" if gone[0] == "file" else "moves that folder"
        message = f"{what} {path} does not exist at head: this contribution {verb} to {gone[1]}"
        hint = f"point the link at {gone[1]}"
    elif gone:
        verb = "deletes it" if gone[0] == "file" else "deletes that folder's files"
        message = f"{what} {path} does not exist at head: this contribution {verb}"
        hint = "link to a page that exists, or keep the file"
    else:
        message = f"{what} {path} does not exist at head"
        base = "the docs source folder" if link.target.startswith("/") else "this page's folder"
        hint = f"fix the path (relative to {base}) or add the file"
    return Finding("MR602", "error", message, page, link.line, link.column, hint=hint)


def _deleted_target(site: Site, page: str, link: Link, path: str) -> Iterator[Finding]:
    """An unchanged link whose target this contribution deletes or renames."""
    if not path or not site.deleted:
        return
    found = candidates(site, page, path, link.kind) or []
    if found and not any(site.exists(p) for p in found) and _gone(site, found[0]):
        old = _missing(site, page, link, found[0])
        yield Finding("MR611", "error", old.message, page, link.line, link.column, hint=old.hint)


def broken_elsewhere(site: Site, checked: set[str], options: Options) -> Iterator[Finding]:
    """Find unchanged pages whose links this contribution breaks by deleting or renaming a file.

    Args:
        site: The docs site at head.
        checked: The pages already checked as changed pages.
        options: docs-valid's options (which paths are pages).

    Yields:
        A finding per broken link.
    """
    names = {part.rsplit(".", 1)[0] for p in site.deleted for part in p.split("/")}
    pages = sorted(
        p
        for p in site.paths
        if p not in checked and first_match(p, options.paths) and not first_match(p, options.skip)
    )
    for path in pages[:5000]:
        text = site.contribution.head_text(path)
        if text is None or not any(n in text for n in names):
            continue
        page = site.page(path)
        for link in page.links if page else ():
            if not is_external(link.target):
                target, _ = split_target(link.target)
                yield from _deleted_target(site, path, link, target)


def lost_anchors(
    site: Site, f: ChangedFile, base: Callable[[], str | None]
) -> tuple[set[str], set[str]]:
    """Return the anchors a changed page defined at the base and no longer does, and those it has.

    Args:
        site: The docs site at head.
        f: The changed page.
        base: Reads the page at the base.

    Returns:
        The lost anchors, and the page's anchors at head.
    """
    now = anchors(site, f.path)
    before = base() if now is not None else None
    if now is None or before is None:
        return set(), set()
    page = scan_rst(before) if f.path.endswith(RST) else scan_markdown(before)
    return {a for a in page_anchors(page) if a not in now and a.lower() not in now}, now


def broken_anchors(
    site: Site,
    changed: Mapping[str, ChangedFile],
    gone: Mapping[str, tuple[set[str], set[str]]],
    options: Options,
    hints: AnchorHints,
) -> Iterator[Finding]:
    """Find links on unchanged lines to an anchor a changed page lost (a heading renamed).

    Links on added lines are already checked against the page at head (MR603).

    Args:
        site: The docs site at head.
        changed: The changed pages by path.
        gone: For each changed page, its lost anchors and its anchors at head.
        options: docs-valid's options.
        hints: The run's "did you mean" anchors, within their budget.

    Yields:
        A finding per link to a lost anchor.
    """
    needles = {f"#{a}".lower() for lost, _ in gone.values() for a in lost}
    # A Sphinx label is the project's, not the page's: lost only when no page defines it now.
    labels = {
        " ".join(a.lower().split()): page
        for page, (lost, _) in gone.items()
        if page.endswith(RST)
        for a in lost
        if " ".join(a.lower().split()) not in site.labels(page)
    }
    needles |= set(labels)
    pages = sorted(
        p for p in site.paths if first_match(p, options.paths) and not first_match(p, options.skip)
    )
    for path in pages[:5000]:
        text = site.contribution.head_text(path)
        lowered = text.lower() if text is not None else ""
        if not any(n in lowered for n in needles):
            continue
        page = site.page(path)
        own = changed.get(path)
        for link in page.links if page else ():
            if is_external(link.target) or (own and own.touches(link.line)):
                continue
            if link.kind == "ref":
                label = " ".join(link.target.lower().split())
                if label in labels and label not in site.labels(path):
                    yield Finding(
                        "MR611",
                        "error",
                        f"no page defines the label {link.target!r} any more: this contribution "
                        f"removes it from {labels[label]}",
                        path,
                        link.line,
                        link.column,
                        hint="keep the label (move it with its section), or update the :ref:",
                    )
                continue
            target, fragment = split_target(link.target)
            if not fragment:
                continue
            if not target:
                resolved = path
            else:
                found = candidates(site, path, target, link.kind) or []
                resolved = next((p for p in found if site.exists(p)), "")
            if resolved not in gone:
                continue
            lost, now = gone[resolved]
            if fragment in lost or fragment.lower() in lost:
                where = "this page" if resolved == path else resolved
                yield Finding(
                    "MR611",
                    "error",
                    f"#{fragment} no longer names a heading or label in {where}: "
                    "this contribution renames or removes it",
                    path,
                    link.line,
                    link.column,
                    hint=_renamed_anchor_hint(hints.closest(fragment, now)),
                )


class AnchorHints:
    """Suggest "did you mean" anchors for broken links, within a budget of comparisons per run.

    Each suggestion compares one fragment with every anchor of a page, so a page of n
    headings and n broken links cost n² comparisons (and a sort of the anchors per link).
    Anchors are sorted once per page, fragments and anchors over 200 characters are not
    compared, and after ``BUDGET`` comparisons in one run the hint is the generic one.
    """

    BUDGET: Final = 20_000
    LONGEST: Final = 200

    def __init__(self) -> None:
        """Start a run with the whole budget."""
        self.left = self.BUDGET
        self.sorted: dict[int, tuple[set[str], list[str]]] = {}

    def closest(self, fragment: str, known: set[str]) -> str | None:
        """Return the page's anchor closest to a fragment, or None (none close, or no budget).

        Args:
            fragment: The link's fragment.
            known: The page's anchors.

        Returns:
            The closest anchor, or None.
        """
        if len(fragment) > self.LONGEST:
            return None
        kept = self.sorted.get(id(known))
        if kept is None:
            if len(known) > self.left:
                return None
            self.left -= len(known)
            kept = (known, sorted(a for a in known if len(a) <= self.LONGEST))
            self.sorted[id(known)] = kept  # the set is kept alive with its id
        if len(kept[1]) > self.left:
            return None
        self.left -= len(kept[1])
        close = difflib.get_close_matches(fragment.lower(), kept[1], n=1)
        return close[0] if close else None


def _renamed_anchor_hint(close: str | None) -> str:
    if close:
        return f"point the link at #{close}, or keep the old anchor with an explicit id"
    return "point the link at a heading that exists, or keep the old anchor with an explicit id"


def _anchor_hint(close: str | None) -> str:
    if close:
        return f"did you mean #{close}?"
    return "link to an existing heading's anchor (GitHub: lower case, spaces as -)"
