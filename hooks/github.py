"""GitHub Actions: turn ``GITHUB_EVENT_PATH`` into the options a pull request implies.

Everything here returns typed values (``Event``); the event's JSON is looked at only inside.
In a shallow clone, ``ensure_base`` deepens the history with ``git fetch`` — that writes into
``.git`` (objects and the shallow file), the only write mergeready makes to a repository.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from mergeready.checks import git, lazyre
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Result
from mergeready.hooks.formats import renderer
from mergeready.hooks.writes import write_file

_SHA: Final = lazyre.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


@dataclass(frozen=True)
class Event:
    """What a GitHub event (or the command line) says about the contribution."""

    base: str | None = None
    head: str | None = None
    title: str | None = None
    body: str | None = None
    labels: tuple[str, ...] = ()
    branch: str | None = None
    number: int | None = None


def in_actions(environ: Mapping[str, str]) -> bool:
    """Tell whether this runs inside GitHub Actions.

    Args:
        environ: The environment.

    Returns:
        True when ``GITHUB_ACTIONS`` is ``true``.
    """
    return environ.get("GITHUB_ACTIONS") == "true"


@dataclass(frozen=True)
class IssueEvent:
    """What an ``issues`` event says about the report: the action, title, body, labels."""

    action: str
    title: str | None
    body: str | None
    labels: tuple[str, ...]
    number: int | None


def read_issue_event(environ: Mapping[str, str]) -> IssueEvent | None:
    """Read the ``issues`` event GitHub Actions describes, if this run is for one.

    Args:
        environ: The environment, with ``GITHUB_EVENT_NAME`` and ``GITHUB_EVENT_PATH``.

    Returns:
        The report's action, title, body and labels; None when the event is not ``issues``
        (or is about a pull request).

    Raises:
        MergereadyError: If the event file cannot be read or is not JSON.
    """
    if environ.get("GITHUB_EVENT_NAME") != "issues":
        return None
    data = _event_data(environ)
    issue = data.get("issue")
    if not isinstance(issue, dict) or "pull_request" in issue:
        return None
    labels = tuple(str(x.get("name", "")) for x in issue.get("labels") or () if isinstance(x, dict))
    number = issue.get("number")
    return IssueEvent(
        action=str(data.get("action") or ""),
        title=_text(issue.get("title")),
        body=issue.get("body") if isinstance(issue.get("body"), str) else None,
        labels=labels,
        number=number if isinstance(number, int) else None,
    )


def _event_data(environ: Mapping[str, str]) -> dict[str, object]:
    path = environ.get("GITHUB_EVENT_PATH")
    if not path or not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            data: object = json.load(handle)
    except (OSError, ValueError) as exc:
        raise MergereadyError(f"cannot read GITHUB_EVENT_PATH {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise MergereadyError(f"GITHUB_EVENT_PATH {path} does not hold a JSON object")
    return data


def read_event(environ: Mapping[str, str]) -> Event:
    """Read the pull request (or push) event GitHub Actions describes.

    Args:
        environ: The environment, with ``GITHUB_EVENT_PATH``.

    Returns:
        The event's base, head, title, body, labels and head branch (empty when there is no
        event file).

    Raises:
        MergereadyError: If the event file cannot be read or is not JSON.
    """
    data = _event_data(environ)
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
            branch=_ref(pr.get("head")),
            number=pr.get("number") if isinstance(pr.get("number"), int) else None,
        )
    before = data.get("before")
    if isinstance(before, str) and before.strip("0"):
        return Event(base=before, head=_text(data.get("after")))
    return Event()


def _sha(ref: object) -> str | None:
    return _text(ref.get("sha")) if isinstance(ref, dict) else None


def _ref(ref: object) -> str | None:
    return _text(ref.get("ref")) if isinstance(ref, dict) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def ensure_head(root: Path, head: str | None, number: int | None, remote: str = "origin") -> None:
    """Make sure the event's head commit is in the clone; never fall back to another commit.

    Args:
        root: The work tree.
        head: The head commit sha from the event (None: nothing to do).
        number: The pull request number, for the fetch it names.
        remote: The remote to fetch from.

    Raises:
        MergereadyError: If the head is not a commit sha or cannot be had, naming the fetch.
    """
    if head is None or git.resolve(root, head) is not None:
        return
    if not _SHA.fullmatch(head):
        raise MergereadyError(f"the event's head {head[:60]!r} is not a commit sha")
    git.run(root, "fetch", "--no-tags", "--quiet", "--depth=50", remote, head, check=False)
    if git.resolve(root, head) is None:
        ref = f"+refs/pull/{number}/head" if number else head
        raise MergereadyError(
            f"the pull request head {head[:12]} is not in this clone and could not be fetched; "
            f"fetch the pull request head before mergeready runs (git fetch origin {ref})"
        )


def complete(asked: Event, environ: Mapping[str, str], repo: Path) -> Event:
    """Fill in what the command line left out from the event; fetch a missing head or base.

    An explicit ``--base`` keeps the pull request's head; a head that is not in the clone is
    fetched, never replaced by another commit.

    Args:
        asked: What the command line gave.
        environ: The environment, with ``GITHUB_EVENT_PATH``.
        repo: A directory in the work tree.

    Returns:
        The base, head, title, body, labels and branch to check.

    Raises:
        MergereadyError: If the event cannot be read, or the head or base cannot be fetched.
    """
    event = read_event(environ)
    base = asked.base or event.base
    head = asked.head or event.head
    if base or head:
        root = git.toplevel(repo)
        ensure_head(root, head, event.number)
        if base:
            ensure_base(root, base, head)
    return Event(
        base=base,
        head=head,
        title=asked.title or event.title,
        body=asked.body or event.body,
        labels=asked.labels or event.labels,
        branch=asked.branch or event.branch,
        number=event.number,
    )


def audit_base(asked: Event, environ: Mapping[str, str], repo: Path) -> Event:
    """Give a whole-tree audit of a pull request (``check --all``) the event's base.

    A pull-request checkout (often of depth 1, with no default branch) is the contribution's
    tree: its configuration and inline suppressions must come from the base the event names,
    never from the tree itself. The base commit alone is fetched when the clone lacks it.

    Args:
        asked: What the command line gave (no ``--base``).
        environ: The environment, with ``GITHUB_EVENT_PATH``.
        repo: A directory in the work tree.

    Returns:
        The request with the pull request's base, or as it was for other events.

    Raises:
        MergereadyError: If the event cannot be read.
    """
    event = read_event(environ)
    if not (event.base and event.number):
        return asked
    root = git.toplevel(repo)
    if git.resolve(root, event.base) is None:
        git.fetch(root, "origin", "--no-tags", "--quiet", "--depth=1", ref=event.base)
    return replace(asked, base=event.base)


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
        git.fetch(root, remote, "--no-tags", "--quiet", "--depth=50", ref=base)
    for depth in (50, 200, 1000, 5000):
        if _reaches(root, base, head_sha):
            return
        git.fetch(root, remote, "--no-tags", "--quiet", f"--deepen={depth}")
    if not _reaches(root, base, head_sha):
        raise MergereadyError(
            f"this shallow clone lacks the base commit {base[:12]} or the history to it, and it "
            f"could not be fetched from {remote!r}; check out with actions/checkout "
            "fetch-depth: 0"
        )


def _reaches(root: Path, base: str, head_sha: str | None) -> bool:
    """Whether the clone holds the base and a merge-base of it and the head."""
    return bool(git.resolve(root, base) and head_sha and git.merge_base(root, base, head_sha))


def publish(result: Result, environ: Mapping[str, str], root: Path | None = None) -> None:
    """Write the step summary, the step outputs, and the reports the action asked for.

    The summary links each finding to its line at the head commit
    (``$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/<sha>/<path>#L<line>``). With
    ``MERGEREADY_COMMENT_FILE`` set, the pull request comment (Markdown within GitHub's
    65,536 characters) is written there; with ``MERGEREADY_SARIF_FILE``, the SARIF log.

    Args:
        result: The result.
        environ: The environment, with ``GITHUB_STEP_SUMMARY`` and ``GITHUB_OUTPUT``.
        root: The checked repository: the comment and SARIF files are never written through
            a link or into ``.git`` there (``hooks/writes.py``).

    Raises:
        MergereadyError: If a file cannot be written.
    """
    server, repo = environ.get("GITHUB_SERVER_URL"), environ.get("GITHUB_REPOSITORY")
    links = f"{server}/{repo}/blob/{result.head}/" if server and repo and result.head else None
    markdown = renderer("markdown")
    writes: dict[str, Callable[[], str]] = {
        "GITHUB_STEP_SUMMARY": lambda: markdown(
            result,
            links=links,
            limit=1_000_000,
            full_report="run `mergeready check` locally",
            collapse_over=None,
        ),
        "MERGEREADY_COMMENT_FILE": lambda: markdown(
            result, links=links, full_report="the job summary has every finding"
        ),
        "MERGEREADY_SARIF_FILE": lambda: renderer("sarif")(result),
    }
    for variable, render in writes.items():
        path = environ.get(variable)
        if path:
            summary = variable == "GITHUB_STEP_SUMMARY"
            _write(path, render(), None if summary else root, append=summary)
    output = environ.get("GITHUB_OUTPUT")
    if output:
        _write(output, _outputs(result), None, append=True)


def _outputs(result: Result) -> str:
    """The step outputs: ``passed``, ``types`` and ``failed-checks``, one ``key=value`` a line."""
    values = {
        "passed": "true" if result.passed else "false",
        "types": ",".join(t.type for t in result.types),
        "failed-checks": ",".join(result.failed_checks),
    }
    return "".join(f"{key}={value}\n" for key, value in values.items())


def _write(path: str, text: str, root: Path | None, *, append: bool) -> None:
    write_file(path, text, root=root, what="cannot write", append=append)
