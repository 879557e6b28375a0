"""Translated documentation pages: the changed pages ``translated-docs`` maps are translations.

With ``checks: {translation-consistent: {translated-docs: {"docs/{lang}/**": "docs/en/**"}}}``
a changed ``docs/fr/install.md`` is a ``translation`` contribution, checked against its source
page and never spell-checked in English. Only the changed pages the mapping sends to a source
page are added — never the source pages themselves, which ``{lang}`` read as ``*`` would match.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from types import MappingProxyType

from mergeready.checks.translation.doc_mapping import is_page, source_of
from mergeready.rules.policy import Policy


def with_translated_pages(policy: Policy, paths: Sequence[str]) -> Policy:
    """Add the changed translated pages to the translation type and to spelling's skip list.

    Args:
        policy: The effective policy.
        paths: The paths the contribution changes.

    Returns:
        The policy, unchanged when no mapping is configured or no mapped page changed.
    """
    if not paths:
        return policy
    options = policy.options.get("translation-consistent")
    mapping = getattr(options, "translated_docs", None) or {}
    rule = policy.types.get("translation")
    if not mapping or rule is None:
        return policy

    pages = tuple(p for p in paths if is_page(p) and source_of(p, mapping))
    if not pages:
        return policy
    types = {**policy.types, "translation": dataclasses.replace(rule, paths=(*rule.paths, *pages))}
    spelling = policy.options["spelling-clean"]
    checks = {
        **policy.options,
        "spelling-clean": dataclasses.replace(spelling, skip=(*spelling.skip, *pages)),
    }
    return dataclasses.replace(
        policy, types=MappingProxyType(types), options=MappingProxyType(checks)
    )
