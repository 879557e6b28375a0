"""Where a relative link, image, include or ``:doc:`` reference leads at head, and its anchors.

Nothing is fetched: a target with a scheme (``https:``, ``mailto:``) or a host (``//…``) is
external and only its ``http://`` form is looked at. A relative target resolves against the
page's folder; a root-relative one (``/img/x.png``) against the repository root or any folder
above the page (a docs site's root); a reST ``/path`` against the Sphinx source folder (the
nearest folder above with ``conf.py``). Files are read only through the ``Contribution``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import unquote

from mergeready.checks.contribution import Contribution
from mergeready.checks.text.anchors import page_anchors
from mergeready.checks.text.markup import MYST_LABEL, Page, label_name, scan_markdown
from mergeready.checks.text.rst import RST_LABEL, scan_rst

_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,30}:")
_TEMPLATE: Final = ("{{", "{%", "${", "|", "<", "$(")
DOC_SUFFIXES: Final = (".rst", ".md", ".txt", ".ipynb", ".rest", ".markdown", ".myst")
_HOPS: Final = 40  # the links a path may pass through (Linux follows 40)
_SAFE_HOSTS: Final = ("localhost", "127.", "0.0.0.0", "[::1]", "10.", "192.168.", "169.254.")
_SAFE_TLDS: Final = (".local", ".localhost", ".test", ".example", ".invalid", ".internal")


@dataclass
class Site:
    """The files at head, the deletions, and the pages read so far (one per check run)."""

    contribution: Contribution
    paths: frozenset[str] = frozenset()
    dirs: frozenset[str] = frozenset()
    deleted: dict[str, str | None] = field(default_factory=dict)
    links: Mapping[str, str] = field(default_factory=dict)
    pages: dict[str, Page | None] = field(default_factory=dict)
    label_sets: dict[str, frozenset[str]] = field(default_factory=dict)
    anchor_sets: dict[str, tuple[Page, set[str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, contribution: Contribution) -> Site:
        """Build the view of a contribution's head.

        Args:
            contribution: The contribution.

        Returns:
            The site.
        """
        deleted: dict[str, str | None] = {}
        for f in contribution.files:
            if not f.exists:
                deleted[f.path] = None
            elif f.old_path and f.status == "renamed":
                deleted[f.old_path] = f.path
        paths = frozenset(p for p in contribution.head_paths() if p not in deleted)
        dirs = {posixpath.dirname(p) for p in paths}
        for d in list(dirs):
            while d:
                d = posixpath.dirname(d)
                dirs.add(d)
        return cls(contribution, paths, frozenset(dirs), deleted, contribution.head_links())

    def exists(self, path: str) -> bool:
        """Tell whether a file or folder exists at head.

        Args:
            path: A normalised repository path (``""`` is the root).

        Returns:
            True when it does.
        """
        return path in self.paths or path in self.dirs

    def page(self, path: str) -> Page | None:
        """Read and scan a page at head once.

        Args:
            path: A repository path.

        Returns:
            The scanned page, or None when it is not a readable Markdown or reST file.
        """
        if path not in self.pages:
            text = self.contribution.head_text(path)
            if text is None:
                self.pages[path] = None
            elif path.endswith((".rst", ".rest", ".txt")):
                self.pages[path] = scan_rst(text)
            elif path.endswith((".md", ".markdown", ".myst")):
                self.pages[path] = scan_markdown(text)
            else:
                self.pages[path] = None
        return self.pages[path]

    def source_dir(self, page: str) -> str:
        """Return the Sphinx source folder of a page: the nearest above it with ``conf.py``.

        Args:
            page: The page's repository path.

        Returns:
            That folder, else the page's top folder.
        """
        d = posixpath.dirname(page)
        while True:
            if posixpath.join(d, "conf.py") in self.paths:
                return d
            if not d:
                break
            d = posixpath.dirname(d)
        return page.split("/", 1)[0] if "/" in page else ""

    def labels(self, page: str) -> frozenset[str]:
        """Return every reST/MyST label of the Sphinx project a page belongs to, at head.

        Args:
            page: A page's repository path.

        Returns:
            The labels, lower case with spaces collapsed; with ``autosectionlabel`` in the
            project's ``conf.py`` (read from the trusted revision), section titles too.
        """
        root = self.source_dir(page)
        if root not in self.label_sets:
            conf = self.contribution.config_text(posixpath.join(root, "conf.py")) or ""
            titles = "autosectionlabel" in conf
            found: set[str] = set()
            prefix = root + "/" if root else ""
            for path in sorted(self.paths):
                if path.startswith(prefix) and path.endswith((".rst", ".rest", ".md")):
                    found.update(self._page_labels(path, path[len(prefix) :], titles))
            self.label_sets[root] = frozenset(found)
        return self.label_sets[root]

    def _page_labels(self, path: str, name: str, titles: bool) -> set[str]:
        """One page's labels (``name``: its path under the source folder); with ``titles``,
        its section titles too, bare and as ``doc:title``."""
        if not titles and path not in self.pages:
            return set(label_lines(self.contribution.head_text(path) or ""))
        scanned = self.page(path)
        if scanned is None:
            return set()
        found = {" ".join(label.lower().split()) for _, label in scanned.ids}
        if titles:
            doc = name.rsplit(".", 1)[0]
            for h in scanned.headings:
                title = " ".join(h.text.lower().split())
                found.update((title, f"{doc}:{title}"))
        return found

    def intersphinx(self, page: str) -> bool:
        """Tell whether the page's Sphinx project resolves unknown references elsewhere.

        Args:
            page: A page's repository path.

        Returns:
            True when its ``conf.py`` at the trusted revision mentions intersphinx.
        """
        conf = self.contribution.config_text(posixpath.join(self.source_dir(page), "conf.py"))
        return conf is not None and "intersphinx" in conf


def label_lines(text: str) -> set[str]:
    """Return the reST (``.. _name:``) and MyST (``(name)=``) labels of a page, fast.

    Args:
        text: The page.

    Returns:
        The labels, lower case with spaces collapsed.
    """
    out = set()
    for line in text.split("\n"):
        if ".. _" in line:
            m = RST_LABEL.match(line)
            if m:
                out.add(label_name(m.group(1)))
        elif line.endswith((")=", ")=\r")):
            m = MYST_LABEL.match(line.strip())
            if m:
                out.add(m.group(1).lower())
    return out


def is_external(target: str) -> bool:
    """Tell whether a target is a URL (a scheme or ``//host``), not a path in the repository.

    Args:
        target: The raw target.

    Returns:
        True for external targets.
    """
    return target.startswith("//") or _SCHEME.match(target) is not None


def insecure(url: str, allowed: Iterable[str] = ()) -> bool:
    """Tell whether an ``http://`` URL should be ``https://`` (not a local or test host).

    Args:
        url: The URL.
        allowed: More host names for which plain http is fine.

    Returns:
        True when the URL is plain http to a public host.
    """
    if not url.startswith("http://"):
        return False
    host = re.split(r"[/:?#]", url[7:], maxsplit=1)[0].lower()
    if not host or host.startswith(_SAFE_HOSTS) or host.endswith(_SAFE_TLDS):
        return False
    if host in ("example.com", "example.org", "example.net") or host in allowed:
        return False
    return not any(host.endswith("." + a) for a in allowed)


def candidates(site: Site, page: str, target: str, kind: str) -> list[str] | None:
    """Return the repository paths a target may mean, best first.

    Args:
        site: The site.
        page: The linking page's path.
        target: The target without its fragment, unquoted.
        kind: ``link``, ``image``, ``doc``, ``download``, ``include``, ``figure``, ….

    Returns:
        The candidate paths, or None when the target cannot be checked (it leaves the
        repository, or is a template).
    """
    if not target or any(t in target for t in _TEMPLATE):
        return None
    here = posixpath.dirname(page)
    if target.startswith("/") and kind == "include-file":
        return None  # docutils reads it from the machine's root: leaves_repository says so
    if target.startswith("/"):
        if kind in ("doc", "include", "image", "figure", "literalinclude", "download"):
            roots = [site.source_dir(page)]
        else:
            roots = [here]
            while roots[-1]:
                roots.append(posixpath.dirname(roots[-1]))
        bases = [posixpath.join(r, target.lstrip("/")) for r in roots]
    else:
        bases = [posixpath.join(here, target)]
    out = []
    for base in bases:
        path = posixpath.normpath(base)
        if path.startswith("../") or path == "..":
            return None
        path = "" if path == "." else path
        out.append(path)
        if kind == "doc":
            out += [path + s for s in DOC_SUFFIXES]
        elif kind == "link" and path.endswith(".html"):
            out += [path[:-5] + s for s in DOC_SUFFIXES]
        elif kind == "link" and "." not in posixpath.basename(path):
            out += [path + ".md", path + ".rst"]
    return out


READS: Final = frozenset({"include", "include-file", "image", "figure", "download"})
"""Kinds of target the docs build reads and publishes (a link is only followed by a reader)."""


def leaves_repository(
    page: str, target: str, kind: str, links: Mapping[str, str] | None = None
) -> bool:
    """Tell whether a target the docs build reads resolves outside the repository.

    Args:
        page: The page's path.
        target: The target without its fragment, unquoted.
        kind: The link's kind.
        links: The symbolic links at head (``Contribution.head_links``), followed on the way.

    Returns:
        True for an include, image or download whose path climbs above the repository's
        root, for a ``:file:`` option with an absolute path (docutils keeps it absolute), and
        for any target but a ``:ref:`` that a link at head leads outside (attack 6's F10).
    """
    if kind == "ref" or not target or "://" in target:
        return False
    if target.startswith("/"):
        return kind == "include-file"
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
    if path == ".." or path.startswith("../"):
        return kind in READS
    return resolve(links or {}, path) is None


def resolve(links: Mapping[str, str], path: str) -> str | None:
    """Follow the symbolic links at head along a normalised repository path, as the OS would.

    Args:
        links: Each link's path and its target as written.
        path: A repository path, normalised the way docutils and Sphinx normalise a target.

    Returns:
        The path it leads to inside the repository, or None when a link on the way leaves it
        (an absolute target, a climb above the root) or the links loop.
    """
    if not links:
        return path
    stack = path.split("/")[::-1]
    done: list[str] = []
    hops = 0
    while stack:
        part = stack.pop()
        if part in ("", "."):
            continue
        if part == "..":
            if not done:
                return None
            done.pop()
            continue
        target = links.get("/".join([*done, part]))
        if target is None:
            done.append(part)
            continue
        hops += 1
        if hops > _HOPS or target.startswith("/"):
            return None
        stack += target.split("/")[::-1]
    return "/".join(done)


def split_target(raw: str) -> tuple[str, str | None]:
    """Split a raw target into its unquoted path and its fragment.

    Args:
        raw: The target as written.

    Returns:
        The path (query removed) and the fragment (None when there is none).
    """
    path, sep, fragment = raw.partition("#")
    path = path.split("?", 1)[0]
    return unquote(path), (unquote(fragment) if sep else None)


def anchors(site: Site, path: str) -> set[str] | None:
    """Return the anchors a page defines, or None when its anchors cannot be known.

    Args:
        site: The site.
        path: The page's repository path.

    Returns:
        The anchors (shared: read them, never change them), or None for a file that is not a
        Markdown or reST page.
    """
    page = site.page(path)
    if page is None:
        return None
    known = site.anchor_sets.get(path)
    if known is None or known[0] is not page:  # once per page, not once per link to it
        known = (page, page_anchors(page))
        site.anchor_sets[path] = known
    return known[1]
