"""The anchors a page's headings and ids give: GitHub's slugs, Python-Markdown's toc slugs."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from mergeready.checks.text.markup import Heading, Page

_ATTR_ID: Final = re.compile(r"\{[ \t]*#([\w-]{1,200})[^}\n]{0,200}\}[ \t]*$")
# A link's text and target stop at brackets and parentheses, so no two starts share a run
# (``[a]([a]([a](…`` would otherwise be scanned 2,000 characters from every ``[``).
_LINK_TEXT: Final = re.compile(r"!?\[([^\[\]\n]{0,500})\]\([^()\[\]\n]{0,2000}\)")


def github_slug(text: str) -> str:
    """Return the anchor GitHub gives a heading (github-slugger's rule).

    Args:
        text: The heading's text, markup removed.

    Returns:
        Lower case; letters, digits, ``-`` and ``_`` kept; each space a ``-``.
    """
    kept = (
        ch
        for ch in text.strip().lower()
        if ch.isalnum() or ch in "-_ " or unicodedata.category(ch).startswith("M")
    )
    return "".join(kept).replace(" ", "-")


def toc_slug(text: str) -> str:
    """Return the anchor Python-Markdown's ``toc`` (MkDocs) and docutils give a title.

    Args:
        text: The heading's text.

    Returns:
        ASCII lower case, other characters dropped, runs of spaces and dashes one ``-``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^\w\s-]", "", ascii_text).strip().lower()
    return re.sub(r"[-\s]+", "-", words)


def plain(text: str) -> str:
    """Return heading text as rendered: links to their text, code marks and tags removed.

    Args:
        text: The heading as written.

    Returns:
        The text a renderer slugs.
    """
    text = _ATTR_ID.sub("", text)
    text = _LINK_TEXT.sub(r"\1", text)
    text = re.sub(r"<[^<>\n]{0,500}>", "", text)
    return text.replace("`", "").replace("*", "").strip()


def heading_anchors(heading: Heading) -> set[str]:
    """Return the anchors a heading may have under the common renderers.

    Args:
        heading: The heading.

    Returns:
        GitHub's slug, the toc/docutils slug, with and without ``_`` emphasis marks.
    """
    plain_text = plain(heading.text)
    out = {github_slug(plain_text), toc_slug(plain_text)}
    bare = plain_text.replace("_", "")
    out |= {github_slug(bare), toc_slug(bare)}
    explicit = _ATTR_ID.search(heading.text)
    if explicit:
        out.add(explicit.group(1))
    return out


def page_anchors(page: Page) -> set[str]:
    """Return every anchor a page defines, with GitHub's ``-1`` suffixes for repeats.

    Args:
        page: The page.

    Returns:
        The anchors.
    """
    out: set[str] = {name for _, name in page.ids}
    seen: dict[str, int] = {}
    for heading in page.headings:
        for anchor in heading_anchors(heading):
            if anchor in seen:
                seen[anchor] += 1
                out.add(f"{anchor}-{seen[anchor]}")
            else:
                seen[anchor] = 0
            out.add(anchor)
    return out
