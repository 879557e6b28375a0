"""A contribution evaluated through the result cache: the key of a run, and ``evaluate_cached``.

A result's key digests mergeready's version, the contribution's fingerprint (every changed
file's name, content and changed lines, the messages, title, body and labels), the checks asked
for, and exactly the configuration files the policy loader read, with their text. Beside the
results, a *manifest* per request (``--config``, ``--profile``) names the files the last load
read, so a hit re-reads and digests them without parsing any. The store itself (signed entries,
private folders) is ``hooks/cache.py``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from mergeready.checks.contribution import Contribution
from mergeready.checks.model import Finding, Result
from mergeready.checks.post import suppressions
from mergeready.checks.post.baseline import PATH, apply, edited, read
from mergeready.checks.runner import evaluate
from mergeready.hooks import __version__, config_change, runner_change
from mergeready.hooks.cache import Cache
from mergeready.rules.loader import CONFIG_FILES, load_policy
from mergeready.rules.sources import SHIPPED, reread
from mergeready.rules.translated import with_translated_pages

if TYPE_CHECKING:
    from mergeready.checks.runner import Progress
    from mergeready.rules.policy import Policy


def request_key(config: str | None, profile: str | None) -> str:
    """Return the key of a policy request, under which its manifest is kept.

    Args:
        config: The ``--config`` file, if any.
        profile: The ``--profile``, if any.

    Returns:
        A hex digest.
    """
    text = json.dumps(["manifest", __version__, config, profile])
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def key(fingerprint: str, config: str, only: Sequence[str], extra: str) -> str:
    """Return the cache key of one run.

    Args:
        fingerprint: The contribution's fingerprint.
        config: The digest of the configuration files the policy was built from.
        only: The checks asked for.
        extra: Anything else that changes the result (file size limit).

    Returns:
        A hex digest.
    """
    text = json.dumps([__version__, fingerprint, config, list(only), extra])
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def evaluate_cached(
    contribution: Contribution,
    cache: Cache | None,
    *,
    config: str | None = None,
    profile: str | None = None,
    only: Sequence[str] = (),
    extra: str = "",
    baseline: bool = True,
    progress: Progress | None = None,
) -> Result:
    """Evaluate a contribution, reusing a cached result when nothing it depends on changed.

    On a hit no configuration is parsed and no check runs; on a miss the policy is loaded from
    the trusted revision, ``evaluate`` runs, and the result and the files read are stored.

    Args:
        contribution: The contribution.
        cache: The opened cache, or None for none.
        config: A rules file named with ``--config``, if any.
        profile: A shipped profile named with ``--profile``, if any.
        only: When not empty, run only these checks.
        extra: Anything else that changes the result, for the cache key.
        baseline: Leave out the findings the baseline at the base holds (``mergeready
            baseline`` itself records them all).
        progress: Told how far the checks have come (a terminal's progress bar), if anything.

    Returns:
        The result.
    """
    extra = f"{extra}\0{baseline}"

    request = request_key(config, profile)
    fingerprint = contribution.fingerprint() if cache is not None else ""
    if cache is not None:
        names = cache.manifest(request)
        if names is not None:
            digest = reread(contribution.config_text, names)
            hit = cache.load(key(fingerprint, digest, only, extra))
            if hit is not None:
                return hit

    policy = load_policy(
        contribution.config_text, config=config, profile=profile, where=contribution.config_source
    )

    policy = with_translated_pages(policy, [f.path for f in contribution.files])
    result = evaluate(contribution, policy, only, progress)
    typed = contribution.with_types(t.type for t in result.types)
    result = _suppress(typed, result, policy, baseline)

    result = config_change.apply(result, _configuration(contribution, policy, config))
    if cache is not None:
        # the loader's files, then any a check read itself at the trusted revision: all of them
        names = list(
            dict.fromkeys([*(name for name, _ in policy.read), *contribution.config_read()])
        )
        cache.store_manifest(request, names)
        cache.store(key(fingerprint, reread(contribution.config_text, names), only, extra), result)
    return result


def _configuration(contribution: Contribution, policy: Policy, config: str | None) -> list[Finding]:
    """MR010: the contribution's mergeready configuration, the configuration files the base
    reads that it makes unreadable, and its changes to how mergeready runs."""
    read = [name for name, _ in policy.read if not name.startswith(SHIPPED)]
    problems = config_change.findings(contribution, config, CONFIG_FILES)
    problems += config_change.unreadable(contribution, read, CONFIG_FILES)
    return problems + runner_change.findings(contribution)


def _suppress(contribution: Contribution, result: Result, policy: Policy, baseline: bool) -> Result:
    """Apply the base's ``ignore:`` rules, the inline suppressions it allows, and its baseline."""
    rules = suppressions.ignore_rules(policy.ignore)
    result = suppressions.apply(contribution, result, rules, policy.inline_suppressions)
    entries = read(contribution.config_text(PATH)) if baseline else None
    if entries:
        result = apply(contribution, result, entries, policy.options)
    note = edited(contribution, entries)
    if note is not None and result.checks:
        first = result.checks[0]
        result = replace(
            result, checks=(replace(first, findings=(*first.findings, note)), *result.checks[1:])
        )
    return result
