"""``mergeready history``: how a project's merged contributions measure up, per type, over time.

Each first-parent commit of the default branch is one contribution: its diff against its first
parent, its subject (for a merge of a pull request, the pull request's title) as the title,
checked with the configuration of its parent. Commits run in parallel, results are cached per
commit and configuration (so an interrupted run resumes), and the aggregate is deterministic.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mergeready.checks import changes, git, gitlog
from mergeready.checks.classify.signals import subject_of
from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import Result
from mergeready.checks.python import parse_memo
from mergeready.checks.span import branch_first
from mergeready.checks.span import default_branch as found
from mergeready.checks.text.bounds import MAX_MESSAGE, MAX_TITLE
from mergeready.hooks import dictionaries
from mergeready.hooks.cache import Cache
from mergeready.hooks.evaluation import evaluate_cached


@dataclass(frozen=True)
class Commit:
    """One merged contribution to evaluate."""

    sha: str
    parent: str
    date: str
    subject: str
    message: str = ""


@dataclass(frozen=True)
class Entry:
    """What one contribution's check found."""

    commit: str
    parent: str
    date: str
    subject: str
    types: tuple[str, ...] = ()
    checks: tuple[tuple[str, str], ...] = ()
    required: tuple[tuple[str, tuple[str, ...]], ...] = ()
    error: str = ""
    evidence: tuple[tuple[str, tuple[str, ...]], ...] = ()
    codes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    verdicts: tuple[tuple[str, bool], ...] = ()

    @property
    def failed(self) -> tuple[str, ...]:
        """The ids of the checks that failed."""
        return tuple(c for c, status in self.checks if status == "fail")


@dataclass(frozen=True)
class Settings:
    """What every worker needs to evaluate a commit."""

    root: str
    config: str | None
    profile: str | None
    cache_dir: str | None


def default_branch(root: Path) -> str:
    """Return the default branch's tip (as span resolution finds it), else ``HEAD``.

    Args:
        root: The work tree.

    Returns:
        The commit sha.

    Raises:
        MergereadyError: If the repository has no commit.
    """
    sha = found(root) or git.resolve(root, "HEAD")
    if sha is None:
        raise MergereadyError("the repository has no commit yet; there is no history to read")
    return sha


def commits(
    root: Path,
    revision_range: str | None,
    since: str | None,
    last: int | None,
    first_parent: bool = True,
    said: list[str] | None = None,
) -> list[Commit]:
    """List the contributions to evaluate, newest first.

    Args:
        root: The work tree.
        revision_range: ``A..B``, or None for the default branch.
        since: Only commits after this date (anything ``git log --since`` reads).
        last: At most this many commits.
        first_parent: Follow only first parents (each merge is one contribution).
        said: Where to say that the walk's dates go backwards (``--since`` selects by date
            along the walk, never stopping at a back-dated commit).

    Returns:
        The commits; root commits, which have no parent to compare with, are left out.

    Raises:
        MergereadyError: If a side of the range names no commit.
    """
    if revision_range:
        left, sep, right = revision_range.partition("..")
        if not sep or right.startswith("."):
            raise MergereadyError(f"--range {revision_range!r}: write it as A..B")
        spec = f"{_commit(root, left)}..{_commit(root, right or 'HEAD')}"
    else:
        spec = default_branch(root)
    if since is not None:
        return _since(root, spec, since, last, first_parent, [] if said is None else said)
    walk = gitlog.log_commits(root, spec, first_parent=first_parent, last=last)
    return list(_commits(walk))


def _since(
    root: Path, spec: str, since: str, last: int | None, first_parent: bool, said: list[str]
) -> list[Commit]:
    """The walk's commits dated since ``since``, selected past any back-dated one (said)."""
    dated = gitlog.dated(root, spec, since, first_parent=first_parent, last=last)
    if dated.backwards:
        said.append(
            f"dates go backwards at {dated.backwards[:8]} (dated before its parent): commits "
            f"are selected by date along the walk, past it"
        )
    if not dated.depth:
        return []
    walk = gitlog.log_commits(root, spec, first_parent=first_parent, last=dated.depth)
    return [c for c in _commits(walk) if c.sha in dated.shas]


def _commit(root: Path, ref: str) -> str:
    sha = branch_first(ref, lambda full: git.resolve(root, full))
    if sha is None:
        raise MergereadyError(f"unknown revision {ref!r} in --range; name a branch, tag or commit")
    return sha


def _commits(walk: Iterator[tuple[str, tuple[str, ...], str, str]]) -> Iterator[Commit]:

    for sha, parents, date, whole in walk:
        if parents:
            message = whole[:MAX_MESSAGE]
            subject = subject_of(message) or message.strip().split("\n", 1)[0]
            yield Commit(sha, parents[0], date, subject[:MAX_TITLE], message)


def evaluate(settings: Settings, commit: Commit) -> Entry:
    """Check one contribution: the commit against its first parent.

    Args:
        settings: Where and how to check.
        commit: The commit.

    Returns:
        Its entry; a configuration or repository error is recorded, not raised.
    """
    base = Entry(commit.sha, commit.parent, commit.date, commit.subject)
    dictionaries.install(os.environ)
    try:
        contribution = Contribution.from_commit(
            settings.root,
            changes.Commit(commit.sha, commit.message),
            commit.parent,
            title=commit.subject,
        )
        try:
            directory = Path(settings.cache_dir) if settings.cache_dir else None
            cache = Cache.open(directory, os.environ) if directory else None
            result = evaluate_cached(
                contribution, cache, config=settings.config, profile=settings.profile
            )
        finally:
            contribution.close()
    except MergereadyError as exc:
        return Entry(**{**asdict(base), "error": str(exc)})
    return Entry(
        commit.sha,
        commit.parent,
        commit.date,
        commit.subject,
        types=tuple(t.type for t in result.types),
        checks=tuple((c.id, c.status) for c in result.checks),
        required=tuple((t, v.required) for t, v in result.by_type.items()),
        **_details(result),
    )


def _details(result: Result) -> dict[str, Any]:
    """What a shard records beyond the statuses: evidence, finding codes, each type's verdict."""
    return {
        "evidence": tuple((t.type, tuple(str(e) for e in t.evidence)) for t in result.types),
        "codes": tuple((c.id, tuple(f.code for f in c.findings)) for c in result.checks),
        "verdicts": tuple((t, v.passed) for t, v in result.by_type.items()),
    }


def run(
    settings: Settings,
    todo: Sequence[Commit],
    jobs: int,
    progress: Callable[[int, int], None] | None = None,
    each: Callable[[Entry], None] | None = None,
) -> list[Entry]:
    """Evaluate every commit, in parallel when ``jobs`` > 1; the order of ``todo`` is kept.

    Each worker takes a block of consecutive commits, so a file version one commit parsed (its
    head is the next one's base) is recalled, not parsed again (``parse_memo``).

    Args:
        settings: Where and how to check.
        todo: The commits.
        jobs: How many processes to use.
        progress: Called with (done, total) after each commit.
        each: Called with each entry as soon as it is known (a shard writes it at once, so
            an interrupted run keeps what it finished).

    Returns:
        The entries, in the order of ``todo``.
    """
    results: dict[int, Entry] = {}

    def record(n: int, entry: Entry) -> None:
        results[n] = entry
        if each:
            each(entry)
        if progress:
            progress(len(results), len(todo))

    if jobs <= 1 or len(todo) < 2:
        parse_memo.keep(MEMO_BYTES)
        try:
            for n, c in enumerate(todo):
                record(n, evaluate(settings, c))
        finally:
            parse_memo.keep(0)  # this process may go on to check one contribution
        return [results[n] for n in range(len(todo))]
    blocks = list(_blocks(len(todo), jobs))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_leave_ctrl_c_to_the_parent) as pool:
        pending: dict[Future[list[Entry]], range] = {}
        queue = iter(blocks)
        try:
            for block in _take(queue, jobs * 2):
                pending[pool.submit(evaluate_block, settings, [todo[n] for n in block])] = block
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    block = pending.pop(future)
                    for n, entry in zip(block, future.result(), strict=True):
                        record(n, entry)
                for block in _take(queue, len(done)):
                    pending[pool.submit(evaluate_block, settings, [todo[n] for n in block])] = block
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return [results[n] for n in range(len(todo))]


def _leave_ctrl_c_to_the_parent() -> None:
    """In a pool worker: ignore Ctrl-C, which the terminal sends the whole process group.

    The parent stops the run and says how to resume; a worker waiting for a block would
    otherwise print a traceback of its own.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


MEMO_BYTES = 16 << 20
"""How much source a history worker keeps parsed across commits (``parse_memo``)."""


def evaluate_block(settings: Settings, block: Sequence[Commit]) -> list[Entry]:
    """Check consecutive commits in one worker, recalling the file versions they share.

    Args:
        settings: Where and how to check.
        block: The commits, newest first.

    Returns:
        Their entries, in order.
    """
    parse_memo.keep(MEMO_BYTES)
    return [evaluate(settings, c) for c in block]


def _blocks(total: int, jobs: int) -> Iterator[range]:
    """Consecutive runs of commits: about four per worker, at most 16 commits each."""
    size = max(1, min(16, -(-total // (jobs * 4))))
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


def _take(queue: Iterator[range], count: int) -> list[range]:
    out = []
    for item in queue:
        out.append(item)
        if len(out) >= count:
            break
    return out


def to_data(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """Return the entries as JSON-ready data.

    Args:
        entries: The entries.

    Returns:
        One mapping per entry.
    """
    out = []
    for e in entries:
        item: dict[str, Any] = {
            "commit": e.commit,
            "parent": e.parent,
            "date": e.date,
            "subject": e.subject,
        }
        if e.error:
            item["error"] = e.error
        else:
            item.update(types=list(e.types), checks=dict(e.checks), failed=list(e.failed))
        out.append(item)
    return out
