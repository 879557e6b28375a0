"""What is not the project's own prose, and so is not spell-checked in English by default.

- binary formats, told by their content whatever the extension (a PDF saved as ``logo.ai``, an
  image, an archive, a compiled object): the magic bytes at the start of the file, in a file
  whose first 8,000 bytes are not text (a page that merely starts with ``%PDF-`` is prose);
- translated pages named ``<name>.<language>.<ext>`` (``README.de.md``, ``README.pt-br.md``,
  ``index.zh_CN.rst``), English (``en``, ``en-us``) excepted;
- files the base's ``.gitattributes`` marks ``linguist-vendored`` or ``linguist-generated``
  (the last matching line wins, as in git; ``-linguist-vendored`` or ``=false`` unsets): the
  rules loader reads them, and ``checks.attributes.Attributes.excluded`` tells.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from mergeready.checks.paths import CONFIG_FILES

MAGIC: Final = (
    (b"%PDF-", "PDF"),
    (b"%!PS-Adobe", "PostScript"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "ELF binary"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"OTTO", "OpenType font"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document"),
)
_WINDOW: Final = 8000  # git's own window for telling binary from text
# ISO 639-1 codes, and the country codes projects write for a language (cn, kr, jp, ua, br).
LANGUAGES: Final = frozenset(
    "af am ar as az be bg bn bo br bs ca cs cy da de dv el eo es et eu fa fi fil fr fy ga gd gl "
    "gu ha he hi hr ht hu hy id ig is it ja jv ka kk km kn ko ku ky la lb lo lt lv mg mi mk ml "
    "mn mr ms mt my nb ne nl nn no or pa pl ps pt qu ro ru rw sd si sk sl sm sn so sq sr st su "
    "sv sw ta te tg th tk tl tr tt ug uk ur uz vi xh yi yo zh zu cn kr jp ua tw".split()
)
_TEXT_EXTENSIONS: Final = ("md", "rst", "txt", "markdown", "adoc", "html")


def binary_format(data: bytes) -> str | None:
    """Name the binary format a file's content starts with, whatever its extension.

    Args:
        data: The file's bytes (the first few are enough).

    Returns:
        ``PDF``, ``PNG image``…, or None for anything else — also for a file that starts with
        a format's magic bytes but is text (under 5% of its first 8,000 bytes are not UTF-8):
        ``%PDF-`` or ``GIF89a`` typed at the top of a page does not hide the page from the
        speller.
    """
    found = next(((magic, name) for magic, name in MAGIC if data.startswith(magic)), None)
    if found is None:
        return None
    rest = data[len(found[0]) : _WINDOW]  # the magic's own bytes are not evidence either way
    undecodable = rest.decode("utf-8", "replace").count("\ufffd")
    return found[1] if not rest.strip() or undecodable * 20 >= len(rest) else None


def translated_page(path: str) -> bool:
    """Tell whether a page's name says it is a translation (``README.de.md``).

    Args:
        path: The path.

    Returns:
        True for ``<name>.<language>[-_<region>].<ext>`` with a language other than English.
    """
    parts = path.rsplit("/", 1)[-1].lower().split(".")
    if len(parts) < 3 or parts[-1] not in _TEXT_EXTENSIONS:
        return False
    language = parts[-2].replace("_", "-").split("-", 1)[0]
    return language in LANGUAGES and language != "en"


def translated_layout(path: str, paths: Iterable[str]) -> bool:
    """Tell whether a page lives in a translation layout: a language folder among others.

    ``docs/pt/cliente.md`` beside ``docs/en/`` (or ``docs/fr/``): the folder names a language
    other than English and its parent holds at least one other language's folder, the way
    translated docs sites, ``locale/<lang>/`` trees and MkDocs i18n folders lay pages out. A
    lone folder that happens to be named like a language (``pkg/io/``) is no layout.

    Args:
        path: The page's path.
        paths: Every path at the revision the page is read from.

    Returns:
        True for a text page in such a folder.
    """
    name = path.rsplit("/", 1)[-1].lower()
    if name.rsplit(".", 1)[-1] not in _TEXT_EXTENSIONS:
        return False
    parts = path.split("/")[:-1]
    for i, part in enumerate(parts):
        language = part.lower().replace("_", "-").split("-", 1)[0]
        if language not in LANGUAGES or language == "en":
            continue
        parent = "/".join(parts[:i])
        siblings = _language_folders(paths, parent)
        if len(siblings - {part}) >= 1:
            return True
    return False


def _language_folders(paths: Iterable[str], parent: str) -> set[str]:
    """The folders directly under ``parent`` that are named like a language."""
    prefix = parent + "/" if parent else ""
    found = set()
    for p in paths:
        if not p.startswith(prefix):
            continue
        head = p[len(prefix) :].split("/", 1)
        if len(head) == 2:
            language = head[0].lower().replace("_", "-").split("-", 1)[0]
            if language in LANGUAGES or language == "en":
                found.add(head[0])
    return found


def configuration_prose(path: str, text: str) -> str:
    """Keep only the comments of the spell-checkers' own settings: the rest is names and words.

    Every key, check id, type, code, glob and word list of ``.mergeready.yaml`` (or of the
    ``[tool.mergeready]`` tables of ``pyproject.toml``) is validated by the rules loader: a
    misspelled key is one ``MR010`` naming it, not an ``MR010`` and an ``MR401``. And a word
    added to ``ignore-words`` or to codespell's ``ignore-words-list`` (``[tool.codespell]``,
    ``[codespell]`` in ``setup.cfg`` or ``.codespellrc``) is there because it is not English.
    The rest of each such line is blanked with spaces, so a comment's misspelling keeps its line
    and column.

    Args:
        path: The file's path.
        text: Its text.

    Returns:
        The text to spell-check: unchanged for any other file.
    """
    tables = _SETTINGS.get(path, ())
    whole = path in CONFIG_FILES
    if not whole and not tables:
        return text
    inside = whole
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if not whole and line.lstrip().startswith("["):  # a table or section header
            name = line.strip().lstrip("[").split("]", 1)[0].strip()
            inside = any(name == t or name.startswith(f"{t}.") for t in tables)
        if inside:
            start = _comment(line)
            lines[number] = " " * start + line[start:]
    return "\n".join(lines)


_SETTINGS: Final = {  # the tables of these files that hold mergeready's or codespell's settings
    "pyproject.toml": ("tool.mergeready", "tool.codespell"),
    "setup.cfg": ("codespell",),
    ".codespellrc": ("codespell",),
}


def _comment(line: str) -> int:
    """Where a line's comment starts (``#`` first or after a blank, ``;`` first), else its end."""
    if line.lstrip().startswith(";"):
        return len(line) - len(line.lstrip())
    for i, char in enumerate(line):
        if char == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
    return len(line)
