"""What is not the project's own prose, and so is not spell-checked in English by default.

- binary formats, told by their content whatever the extension (a PDF saved as ``logo.ai``, an
  image, an archive, a compiled object): the magic bytes at the start of the file;
- translated pages named ``<name>.<language>.<ext>`` (``README.de.md``, ``README.pt-br.md``,
  ``index.zh_CN.rst``), English (``en``, ``en-us``) excepted;
- files the base's ``.gitattributes`` marks ``linguist-vendored`` or ``linguist-generated``
  (the last matching line wins, as in git; ``-linguist-vendored`` or ``=false`` unsets): the
  rules loader reads them, and ``checks.attributes.Attributes.excluded`` tells.
"""

from __future__ import annotations

from typing import Final

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
        ``PDF``, ``PNG image``…, or None for anything else.
    """
    return next((name for magic, name in MAGIC if data.startswith(magic)), None)


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
