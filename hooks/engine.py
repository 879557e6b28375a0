"""One evaluation, shared by ``check`` and ``history``: configuration, cache, classify, run."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Result

if TYPE_CHECKING:  # the policy is only built on a cache miss
    from mergeready.rules.policy import Policy

CONFIG_FILES = (".mergeready.yaml", ".mergeready.yml")
TOOL_FILES = (
    "setup.cfg",
    ".codespellrc",
    ".pre-commit-config.yaml",
    "pytest.ini",
    ".pytest.ini",
    "tox.ini",
)
_POLICIES: dict[tuple[str | None, ...], Policy] = {}


def load_policy(contribution: Contribution, config: str | None, profile: str | None) -> Policy:
    """Read the project's configuration from the trusted revision and build the policy.

    The project's codespell word lists (``[tool.codespell]``, ``setup.cfg``, ``.codespellrc``)
    at the same revision extend spelling-clean's, unless ``codespell-config`` is false; the
    docstring convention the project gives pydocstyle or ruff is used when mergeready's own
    configuration names none (a profile's default gives way to it).

    Args:
        contribution: The contribution (it knows the trusted revision).
        config: A rules file named with ``--config``, if any.
        profile: A shipped profile named with ``--profile``, if any.

    Returns:
        The effective policy.

    Raises:
        MergereadyError: If the named file is missing or any configuration is invalid.
    """
    from mergeready.hooks.toolconfig import codespell_settings, docstring_convention

    policy = _project_policy(contribution, config, profile)
    source = contribution.config_source
    if policy.checks.get("spelling-clean", {}).get("codespell-config", True):
        extra, where = codespell_settings(contribution.config_text)
        if extra:
            policy = _with_options(policy, "spelling-clean", extra, f"{where} @ {source}")
    if policy.origins.get("checks.docstrings-complete.convention", "profile").startswith("profile"):
        convention, where = docstring_convention(contribution.config_text)
        if convention:
            policy = _with_options(
                policy, "docstrings-complete", {"convention": convention}, f"{where} @ {source}"
            )
    return _with_translated_docs(policy)


def _with_translated_docs(policy: Policy) -> Policy:
    """Make translated pages mapped in translation-consistent translations, not English docs.

    Their globs (``{lang}`` read as ``*``) join the ``translation`` type's paths and
    spelling-clean's ``skip``, so a French page is checked against its source page and never
    spell-checked in English.
    """
    mapping = policy.checks.get("translation-consistent", {}).get("translated-docs") or {}
    globs = [str(key).replace("{lang}", "*") for key in mapping]
    rule = policy.types.get("translation")
    if not globs or rule is None:
        return policy
    types = {**policy.types, "translation": replace(rule, paths=(*rule.paths, *globs))}
    origin = policy.origins.get("checks.translation-consistent.translated-docs", "configuration")
    return _with_options(replace(policy, types=types), "spelling-clean", {"skip": globs}, origin)


def _with_options(policy: Policy, check_id: str, extra: dict[str, Any], origin: str) -> Policy:
    """Return the policy with a tool's settings added to one check's options.

    Lists extend what the profile and the project already have; other values replace them.
    """
    options = dict(policy.checks.get(check_id, {}))
    defaults = policy.options(check_id)
    origins = dict(policy.origins)
    for key, value in extra.items():
        if isinstance(value, list):
            value = list(options.get(key, getattr(defaults, key.replace("-", "_")))) + value
        options[key] = value
        origins[f"checks.{check_id}.{key}"] = origin
    checks = {**policy.checks, check_id: options}
    data = {**policy.data, "checks": {**policy.data.get("checks", {}), check_id: options}}
    return replace(policy, checks=checks, origins=origins, data=data)


def _project_policy(contribution: Contribution, config: str | None, profile: str | None) -> Policy:
    """Build the policy from mergeready's own configuration at the trusted revision."""
    from mergeready.rules import loader

    source = contribution.config_source
    for name in [config] if config else list(CONFIG_FILES):
        text = contribution.config_text(name)
        if text is not None:
            where = f"{name} @ {source}"
            return _memo(
                (name, text, profile),
                lambda t=text, w=where: loader.load(loader.parse_yaml(t, w), w, profile),
            )
        if config:
            raise MergereadyError(
                f"--config {config}: no such file at {source}; name a file committed in the "
                "repository"
            )
    text = contribution.config_text("pyproject.toml")
    table = loader.parse_pyproject(text, f"pyproject.toml @ {source}") if text else None
    return _memo(
        ("pyproject.toml", repr(table), profile),
        lambda: loader.load(table, f"pyproject.toml [tool.mergeready] @ {source}", profile),
    )


def _memo(key: tuple[str | None, ...], build: Callable[..., Policy]) -> Policy:
    """Build a policy once per configuration text in this process (history reuses it)."""
    if key not in _POLICIES:
        _POLICIES[key] = build()
    return _POLICIES[key]


def _suppress(contribution: Contribution, result: Result, policy: Policy, baseline: bool) -> Result:
    """Apply the base's ``ignore:`` rules, the inline suppressions it allows, and its baseline."""
    from mergeready.checks import suppressions
    from mergeready.checks.baseline import PATH, apply, edited, read

    rules = suppressions.ignore_rules(policy.data.get("ignore"))
    inline = bool(policy.data.get("inline-suppressions", False))
    result = suppressions.apply(contribution, result, rules, inline)
    entries = read(contribution.config_text(PATH)) if baseline else None
    if entries:
        result = apply(contribution, result, entries)
    note = edited(contribution, entries)
    if note is not None and result.checks:
        first = result.checks[0]
        result = replace(
            result, checks=(replace(first, findings=(*first.findings, note)), *result.checks[1:])
        )
    return result


def parse_only(text: str | None) -> tuple[str, ...]:
    """Parse ``--only``.

    Args:
        text: Comma-separated check ids, or None.

    Returns:
        The ids.

    Raises:
        MergereadyError: If an id is not a check.
    """
    from mergeready.checks.registry import CHECKS
    from mergeready.rules.suggest import suggest

    ids = tuple(x.strip() for x in (text or "").split(",") if x.strip())
    for check_id in ids:
        if check_id not in CHECKS:
            raise MergereadyError(
                f"--only: unknown check {check_id!r}{suggest(check_id, list(CHECKS))}"
            )
    return ids


def config_digest(contribution: Contribution, config: str | None, profile: str | None) -> str:
    """Digest every configuration text the policy is built from, without parsing any of it.

    Args:
        contribution: The contribution (it knows the trusted revision).
        config: A rules file named with ``--config``, if any.
        profile: A shipped profile named with ``--profile``, if any.

    Returns:
        A hex digest of the project's files at the trusted revision and the shipped profiles.
    """
    from mergeready import rules

    digest = hashlib.sha256(repr((config, profile)).encode())
    names = [config] if config else list(CONFIG_FILES)
    for name in [*names, "pyproject.toml", *TOOL_FILES, ".mergeready-baseline.json"]:
        digest.update(f"\0{name}\0{contribution.config_text(name)!r}".encode("utf-8", "replace"))
    for shipped in sorted(Path(rules.__file__).parent.glob("*.yaml")):
        digest.update(shipped.read_bytes())
    return digest.hexdigest()


def evaluate(
    contribution: Contribution,
    config: str | None = None,
    profile: str | None = None,
    only: Sequence[str] = (),
    cache_dir: Path | None = None,
    extra: str = "",
    baseline: bool = True,
) -> Result:
    """Build the policy, classify the contribution and run what its types require.

    With a cache, the key is the contribution's fingerprint and the configuration's text, so a
    hit needs no configuration parsed and no check run.

    Args:
        contribution: The contribution.
        config: A rules file named with ``--config``, if any.
        profile: A shipped profile named with ``--profile``, if any.
        only: When not empty, run only these checks.
        cache_dir: The result cache, or None for no cache.
        extra: Anything else that changes the result, for the cache key.
        baseline: Leave out the findings the baseline at the base holds (``mergeready
            baseline`` itself records them all).

    Returns:
        The result.
    """
    from mergeready.checks.classify import classify
    from mergeready.checks.runner import run
    from mergeready.hooks import cache

    key = ""
    if cache_dir is not None:
        digest = config_digest(contribution, config, profile)
        key = cache.key(
            contribution.fingerprint(), {"config": digest}, only, f"{extra}\0{baseline}"
        )
        hit = cache.load(cache_dir, key)
        if hit is not None:
            return hit
    policy = load_policy(contribution, config, profile)
    types = classify(
        contribution,
        policy.types,
        policy.source,
        policy.changelog,
        policy.options("changelog-updated"),
    )
    typed = contribution.with_types(t.type for t in types)
    result = run(typed, types, policy.required, policy.all_options(), only)
    result = _suppress(typed, result, policy, baseline)
    from mergeready.hooks import config_change  # a changed configuration is checked, not used

    result = config_change.apply(result, config_change.findings(contribution, config, CONFIG_FILES))
    if cache_dir is not None:
        cache.store(cache_dir, key, result)
    return result
