"""``mergeready rules``: the effective policy, one key a line, with where each value came from."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.issues.repository import Repository
from mergeready.hooks.output import EXIT_PASS, emit


def add_parser(sub: Any) -> None:
    """Add ``rules`` and its options.

    Args:
        sub: The subparsers of the ``mergeready`` parser.
    """
    r = sub.add_parser("rules", help="print the effective policy and where each value came from")
    r.add_argument("--config", help="rules file in the repository")
    r.add_argument("--profile", help="shipped profile to use instead of the configured one")
    r.add_argument("--base", help="read the configuration from this revision")
    r.add_argument("--repo", default=".", help="the repository (default: current directory)")


def run(args: argparse.Namespace) -> int:
    """Print the effective policy and where each value came from.

    Args:
        args: The parsed arguments of ``mergeready rules``.

    Returns:
        0.

    Raises:
        MergereadyError: If an issue template of the repository is malformed.
    """
    # start-up: cli imports this module on every run; the rules and YAML load only here
    from mergeready.hooks import notes
    from mergeready.hooks.formats.escape import inert, visible
    from mergeready.rules.loader import load_policy

    contribution = Contribution.from_git(Path(args.repo), base=args.base)
    try:
        policy = load_policy(
            contribution.config_text,
            config=args.config,
            profile=args.profile,
            where=contribution.config_source,
        )
        for line in notes.unread_configuration(contribution, args.config):
            print(f"mergeready: {visible(line)}", file=sys.stderr)
        _, problems = Repository(contribution.root, contribution.span.trusted).templates()
        if problems:  # an issue template GitHub cannot use is the repository's to fix
            raise MergereadyError(f"{problems[0]}; fix the template or remove it")
        learned = _learned(contribution, policy)
    finally:
        contribution.close()
    import yaml

    found = [name for name, text in policy.read if text is not None and ":" not in name]
    out = [
        f"# effective mergeready policy (profile {policy.profile}; configuration read from "
        f"{contribution.config_source}); YAML, one key a line, with where it came from",
        f"# files read: {', '.join(found) or 'none (the shipped profile only)'}",
    ]
    for key, origin in sorted(policy.origins.items(), key=lambda kv: _order(kv[0])):
        line = yaml.safe_dump(
            {key: _plain(policy.value(key))}, default_flow_style=True, width=10**9
        )
        out.append(f"{line.strip()[1:-1]}    # {origin}")
    # learned lines name committed paths: no control character, log command, mention or tag
    emit("\n".join([*out, *(inert(visible(line)) for line in learned)]) + "\n")
    return EXIT_PASS


def _learned(contribution: Contribution, policy: Any) -> list[str]:
    """The conventions learned from the base's merged history, each with its origin and key."""
    # start-up: cli imports this module on every run; the engine loads only here
    from mergeready.checks.changelog.changelog_updated import configured_mechanism
    from mergeready.checks.testing.source_practice import learned_source

    out = []
    mech = configured_mechanism(contribution, policy.options["changelog-updated"])
    if mech.learned:
        where = [*mech.files, *(d + "/" for d in mech.dirs), *mech.created]
        out.append(
            f"learned.changelog: {', '.join(where)}    # {mech.learned}; pin it with "
            "checks.changelog-updated.files, or learn-from-history: false"
        )
    tests = policy.options["tests-present"].tests
    for glob, origin in learned_source(contribution, policy.source, tests):
        out.append(f"learned.source: {glob}    # code: {origin}; pin it with source:")
    return out


def _order(key: str) -> tuple[int, str]:
    top = ("profile", "source", "changelog", "types", "issue-types", "checks")
    head = key.split(".", 1)[0]
    return (top.index(head) if head in top else 9, key)


def _plain(value: object) -> object:
    """Turn a policy value into what YAML can write: lists, plain mappings, scalars."""
    from dataclasses import is_dataclass

    if isinstance(value, (list, tuple, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if is_dataclass(value):
        return {}
    return value
