"""What a history report says about where it ran: configuration, better profile, host links."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mergeready.checks import git
from mergeready.checks.changelog.changelog_updated import Options as ChangelogOptions
from mergeready.checks.changelog.mechanism import mechanism
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.rules.loader import CONFIG_FILES, load_policy

_REMOTE = re.compile(
    r"^(?:https?://(?:[^@/]{1,200}@)?|ssh://git@|git@)(github\.com|gitlab\.com)[:/]"
    r"([\w.-]{1,100}/[\w./-]{1,300}?)(?:\.git)?/?$"
)


def links(root: Path) -> dict[str, str] | None:
    """Return URL templates for commits and pull requests when origin is on GitHub or GitLab.

    Args:
        root: The work tree.

    Returns:
        ``{"commit": ".../commit/{sha}", "pull": ".../pull/{number}"}``, or None.
    """
    url = git.run(root, "config", "--get", "remote.origin.url", check=False).decode(
        "utf-8", "replace"
    )
    match = _REMOTE.match(url.strip())
    if not match:
        return None
    host, path = match.groups()
    base = f"https://{host}/{path}"
    if host == "gitlab.com":
        return {"commit": f"{base}/-/commit/{{sha}}", "pull": f"{base}/-/merge_requests/{{number}}"}
    return {"commit": f"{base}/commit/{{sha}}", "pull": f"{base}/pull/{{number}}"}


def suggested_profile(root: Path, head: str, configured: bool) -> dict[str, str] | None:
    """Name a shipped profile that fits the project better than the default, if one does.

    Args:
        root: The work tree.
        head: The newest commit of the range.
        configured: Whether the project configures mergeready itself (its own file, a
            ``[tool.mergeready]`` table, ``--config`` or ``--profile``); another tool's settings
            in ``pyproject.toml`` do not count.

    Returns:
        ``{"profile": "keras", "why": ...}``, or None.
    """
    if configured:
        return None

    out = git.run(
        root, "grep", "-l", "-I", "-F", "-e", "@keras_export", head, "--", "*.py", check=False
    )
    found = len([x for x in out.splitlines() if x])
    if not found:
        return None
    signs = [f"{found} file{'s' * (found != 1)} export public API with @keras_export"]
    contribution = Contribution.from_git(root, base=head, head=head)
    try:
        paths = contribution.base_paths()
        beside = sum(
            p.endswith("_test.py") and p[: -len("_test.py")] + ".py" in paths for p in paths
        )
        if beside:
            signs.append(f"tests beside their modules (x_test.py beside x.py): {beside}")
        if not mechanism(contribution, ChangelogOptions().fragment_dirs).found:
            signs.append("no changelog (release notes written at release)")
    finally:
        contribution.close()
    return {
        "profile": "keras",
        "why": "; ".join(signs) + "; try --profile keras, or 'profile: keras' in .mergeready.yaml",
    }


def own_configuration(origins: Iterable[str], config: str | None) -> list[str]:
    """Name the places that configure mergeready itself among a policy's origins.

    Args:
        origins: Where each value of a policy came from.
        config: ``--config``, if given.

    Returns:
        The project's own sources (``.mergeready.yaml @ …``, ``pyproject.toml
        [tool.mergeready] @ …``, the ``--config`` file, ``--profile``), sorted; never a tool's
        settings (``pyproject.toml [tool.pytest.ini_options]``).
    """
    own = (*CONFIG_FILES, "pyproject.toml [tool.mergeready]", *([config] if config else []))
    return sorted(
        {o for o in origins if o == "--profile" or o.startswith(tuple(f"{n} @" for n in own))}
    )


def context(root: Path, head: str, config: str | None, profile: str | None) -> dict[str, Any]:
    """Describe the configuration a history run used, at the newest commit of the range.

    Args:
        root: The work tree.
        head: The newest commit of the range.
        config: ``--config``, if given.
        profile: ``--profile``, if given.

    Returns:
        ``configuration`` (profile and source), ``suggested_profile`` and ``links``.
    """
    contribution = Contribution.from_git(root, base=head, head=head)
    try:
        policy = load_policy(
            contribution.config_text,
            config=config,
            profile=profile,
            where=contribution.config_source,
        )
    except MergereadyError as exc:
        return {"configuration": {"profile": None, "source": str(exc)}, "links": links(root)}
    finally:
        contribution.close()
    sources = sorted({o for o in policy.origins.values() if not o.startswith("profile ")})
    source = ", ".join(sources) or f"no project configuration: profile {policy.profile}"
    return {
        "configuration": {
            "profile": policy.profile,
            "source": source,
            "note": "each contribution is checked with the configuration of its parent",
        },
        "suggested_profile": suggested_profile(
            root, head, bool(own_configuration(policy.origins.values(), config) or profile)
        ),
        "links": links(root),
    }
