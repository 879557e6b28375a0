"""Which source page a translated documentation page translates: the ``translated-docs`` map.

A mapping such as ``{"docs/{lang}/**": "docs/en/**"}`` names, for a translated page, its source
page: ``{lang}`` matches one path segment (a language code such as ``fr``, ``pt_BR``,
``zh-hant``), and the ``*``/``**`` wildcards of the key fill those of the value in order.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from mergeready.checks.errors import MergereadyError

_TOKEN = re.compile(r"\{lang\}|\*\*/|\*\*|\*|\?")
PAGES = (".md", ".markdown", ".mdx", ".rst", ".txt")


def is_page(path: str) -> bool:
    """Tell whether a file is a documentation page (Markdown, reStructuredText or text).

    Args:
        path: A repository path.

    Returns:
        True for ``.md``, ``.markdown``, ``.mdx``, ``.rst`` and ``.txt`` files.
    """
    return path.lower().endswith(PAGES)


@functools.lru_cache(maxsize=64)
def _compile(pattern: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    out, wild, i = [], [], 0
    for m in _TOKEN.finditer(pattern):
        out.append(re.escape(pattern[i : m.start()]))
        token = m.group(0)
        if token == "{lang}":
            out.append(r"(?P<lang>[A-Za-z]{2,3}(?:[-_@][A-Za-z0-9]{1,8}){0,2})")
        else:
            out.append(
                {"**/": "((?:[^/]+/){0,50})", "**": "(.*)", "*": "([^/]*)", "?": "([^/])"}[token]
            )
            wild.append(token)
        i = m.end()
    out.append(re.escape(pattern[i:]))
    return re.compile("".join(out) + r"\Z", re.DOTALL), tuple(wild)


def source_of(path: str, mapping: Mapping[str, str]) -> tuple[str, str, str] | None:
    """Return a translated page's source page, from the first mapping key that matches.

    Args:
        path: A changed file's path.
        mapping: Translated-page pattern → source-page pattern.

    Returns:
        ``(source path, language, source language)``, or None when no key matches or the path
        is its own source. The source language is the value's segment where the key has
        ``{lang}`` (empty when that segment is not literal).

    Raises:
        MergereadyError: If a key has no ``{lang}`` or its wildcards do not match the value's.
    """
    for key, value in mapping.items():
        regex, wild = _compile(key)
        target = [t for t in _TOKEN.findall(value) if t != "{lang}"]
        if "{lang}" not in key or tuple(target) != wild:
            raise MergereadyError(
                f"checks.translation-consistent.translated-docs: {key!r} needs {{lang}} and the "
                f"same wildcards, in order, as {value!r}"
            )
        m = regex.match(path)
        if m is None:
            continue
        source = _fill(value, _without_lang(m))
        if source == path:
            return None
        return source, m.group("lang"), _source_lang(key, value)
    return None


def _fill(pattern: str, parts: list[str]) -> str:
    """Put the captured wildcards into a pattern's wildcards, in order."""
    values = iter(parts)
    return _TOKEN.sub(lambda t: next(values) if t.group(0) != "{lang}" else "", pattern)


def _without_lang(m: re.Match[str]) -> list[str]:
    lang_index = m.re.groupindex["lang"]
    return [g for i, g in enumerate(m.groups(), start=1) if i != lang_index]


def _source_lang(key: str, value: str) -> str:
    segments = key.split("/")
    where = next(i for i, s in enumerate(segments) if "{lang}" in s)
    values = value.split("/")
    if where < len(values) and not _TOKEN.search(values[where]) and segments[where] == "{lang}":
        return values[where]
    return ""
