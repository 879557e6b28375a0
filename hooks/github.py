"""GitHub Actions: turn ``GITHUB_EVENT_PATH`` into the options a pull request implies.

Everything here returns typed values (``Event``); the event's JSON is looked at only inside.
In a shallow clone, ``ensure_base`` deepens the history with ``git fetch`` — that writes into
``.git`` (objects and the shallow file), the only write mergeready makes to a repository.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mergeready.checks import git
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Result


@dataclass(frozen=True)
class Event:
    """What a GitHub event (or the command line) says about the contribution."""

    base: str | None = None
    head: str | None = None
    title: str | None = None
    body: str | None = None
    labels: tuple[str, ...] = ()


def in_actions(environ: Mapping[str, str]) -> bool:
    """Tell whether this runs inside GitHub Actions.

    Args:
        environ: The environment.

    Returns:
        True when ``GITHUB_ACTIONS`` is ``true``.
    """
    return environ.get("GITHUB_ACTIONS") == "true"


def read_event(environ: Mapping[str, str]) -> Event:
    """Read the pull request (or push) event GitHub Actions describes.

    Args:
        environ: The environment, with ``GITHUB_EVENT_PATH``.

    Returns:
        The event's base, head, title, body and labels (empty when there is no event file).

    Raises:
        MergereadyError: If the event file cannot be read or is not JSON.
    """
    path = environ.get("GITHUB_EVENT_PATH")
    if not path or not os.path.exists(path):
        return Event()
    try:
        with open(path, encoding="utf-8") as handle:
            data: object = json.load(handle)
    except (OSError, ValueError) as exc:
        raise MergereadyError(f"cannot read GITHUB_EVENT_PATH {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise MergereadyError(f"GITHUB_EVENT_PATH {path} does not hold a JSON object")
    pr = data.get("pull_request")
    if isinstance(pr, dict):
        labels = tuple(
            str(x.get("name", "")) for x in pr.get("labels") or () if isinstance(x, dict)
        )
        return Event(
            base=_sha(pr.get("base")),
            head=_sha(pr.get("head")),
            title=_text(pr.get("title")),
            body=_text(pr.get("body")),
            labels=labels,
        )
    before = data.get("before")
    if isinstance(before, str) and before.strip("0"):
        return Event(base=before, head=_text(data.get("after")))
    return Event()


def _sha(ref: object) -> str | None:
    return _text(ref.get("sha")) if isinstance(ref, dict) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def complete(asked: Event, environ: Mapping[str, str], repo: Path) -> Event:
    """Fill in what the command line left out from the event, and fetch a shallow base.

    Args:
        asked: What the command line gave.
        environ: The environment, with ``GITHUB_EVENT_PATH``.
        repo: A directory in the work tree.

    Returns:
        The base, head, title, body and labels to check.

    Raises:
        MergereadyError: If the event cannot be read or the base cannot be fetched.
    """
    event = read_event(environ)
    base = asked.base or event.base
    head = asked.head or (event.head if base == event.base else None)
    if base:
        root = git.toplevel(repo)
        head = head if head is None or git.resolve(root, head) is not None else None
        ensure_base(root, base, head)
    return Event(
        base=base,
        head=head,
        title=asked.title or event.title,
        body=asked.body or event.body,
        labels=asked.labels or event.labels,
    )


def ensure_base(root: Path, base: str, head: str | None, remote: str = "origin") -> None:
    """Make a shallow clone hold the base commit and enough history to find the merge-base.

    Args:
        root: The work tree.
        base: The base commit sha from the event.
        head: The head commit, when known.
        remote: The remote to fetch from.

    Raises:
        MergereadyError: If the history cannot be fetched, naming ``fetch-depth: 0``.
    """
    if not git.is_shallow(root):
        return
    head_sha = git.resolve(root, head or "HEAD")
    if git.resolve(root, base) is None:
        git.run(root, "fetch", "--no-tags", "--quiet", "--depth=50", remote, base, check=False)
    for depth in (50, 200, 1000, 5000):
        if git.resolve(root, base) and head_sha and git.merge_base(root, base, head_sha):
            return
        git.run(root, "fetch", "--no-tags", "--quiet", f"--deepen={depth}", remote, check=False)
    if not (git.resolve(root, base) and head_sha and git.merge_base(root, base, head_sha)):
        raise MergereadyError(
            f"this shallow clone lacks the base commit {base[:12]} or the history to it, and it "
            f"could not be fetched from {remote!r}; check out with actions/checkout "
            "fetch-depth: 0"
        )


def publish(result: Result, environ: Mapping[str, str]) -> None:
    """Write the step summary and the step outputs that GitHub Actions reads.

    Args:
        result: The result.
        environ: The environment, with ``GITHUB_STEP_SUMMARY`` and ``GITHUB_OUTPUT``.
    """
    from mergeready.hooks.formats import renderer

    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(renderer("markdown")(result))
    output = environ.get("GITHUB_OUTPUT")
    if output:
        values = {
            "passed": "true" if result.passed else "false",
            "types": ",".join(t.type for t in result.types),
            "failed-checks": ",".join(result.failed_checks),
        }
        with open(output, "a", encoding="utf-8") as handle:
            handle.writelines(f"{key}={value}\n" for key, value in values.items())
