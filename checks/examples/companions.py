"""What examples-valid's Python and notebook rules share: companions and plain-http links."""

from __future__ import annotations

import posixpath
from collections.abc import Container, Iterator
from typing import Final

from mergeready.checks.changes import ChangedFile
from mergeready.checks.model import Finding
from mergeready.checks.text.links import insecure
from mergeready.checks.text.markup import HTTP, lines_of

COMPANION_SUFFIX: Final = {"md": ".md", "ipynb": ".ipynb"}


def http_findings(
    f: ChangedFile, text: str, lines: Container[int] | None = None
) -> Iterator[Finding]:
    """Warn about ``http://`` targets on the added lines of an example.

    Args:
        f: The file.
        text: Its text.
        lines: Only these line numbers (the touched cells'), when given.

    Yields:
        One warning per plain-http URL to a public host.
    """
    for number, line in enumerate(lines_of(text), start=1):
        if "http://" not in line or not f.touches(number):
            continue
        if lines is not None and number not in lines:
            continue
        for m in HTTP.finditer(line):
            url = m.group().rstrip(".,;:")
            if insecure(url):
                yield Finding(
                    "MR718",
                    "warning",
                    f"{url} is plain http",
                    f.path,
                    number,
                    m.start() + 1,
                    hint="use https:// if the site serves it",
                )


def companion_source(path: str, dirs: tuple[str, ...]) -> str | None:
    """Return the source a generated companion comes from (``a/md/x.md`` → ``a/x.py``).

    Args:
        path: A repository path.
        dirs: The companion folder names.

    Returns:
        The source's path, or None when the path is not in a companion folder.
    """
    folder, name = posixpath.split(path)
    parent, leaf = posixpath.split(folder)
    if leaf not in dirs or not name.endswith(COMPANION_SUFFIX.get(leaf, "." + leaf)):
        return None
    stem = name.rsplit(".", 1)[0]
    return posixpath.join(parent, stem + ".py")
