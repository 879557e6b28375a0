"""The plan of ``mergeready org``: the shards a repositories list names, and their jobs.

The plan is a pure function of the repositories list, so a job array (a Kubernetes Indexed Job,
an Actions matrix) picks shard ``JOB_COMPLETION_INDEX`` and every worker agrees on what that is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mergeready.checks.errors import MergereadyError

MAX_JOBS = 256
"""GitHub Actions runs at most 256 jobs of one matrix."""
_OPTION = re.compile(r"^(name|profile|config|url)=(\S{1,500})$")
_UNSAFE = re.compile(r"[^\w.-]")


@dataclass(frozen=True)
class Shard:
    """One repository to walk, as the repositories list names it."""

    index: int
    name: str
    path: str
    profile: str | None = None
    config: str | None = None
    url: str | None = None

    @property
    def filename(self) -> str:
        """The shard file's name: the repository's name with ``/`` as ``__``."""
        return _UNSAFE.sub("_", self.name.replace("/", "__")) + ".jsonl"


def plan(repos: Path, root: Path | None = None) -> list[Shard]:
    """List the shards: one per repository of a list file, or per clone under a folder.

    A list file has one repository a line: its path (relative to ``root``, else to the list's
    folder), then optional ``name=OWNER/REPO``, ``profile=NAME``, ``config=FILE`` (overriding
    the organisation default for that repository) and ``url=URL`` (for a launcher that clones;
    mergeready never fetches). ``#`` starts a comment.

    Args:
        repos: The list file, or a folder whose subfolders are clones.
        root: Where the list's relative paths start.

    Returns:
        The shards, in the list's order (a folder's clones sorted by name).

    Raises:
        MergereadyError: If the list cannot be read, a line is malformed, or names repeat.
    """
    shards = _clones(repos) if repos.is_dir() else _listed(repos, root or repos.parent)
    names = Counter(s.name for s in shards)
    twice = sorted(n for n, count in names.items() if count > 1)
    if twice:
        raise MergereadyError(f"--repos {repos}: {twice[0]} is listed twice; give each a name=")
    if not shards:
        raise MergereadyError(f"--repos {repos}: no repository listed; one path a line")
    return shards


def _clones(folder: Path) -> list[Shard]:
    found = sorted(p for p in folder.iterdir() if (p / ".git").exists())
    return [Shard(n, p.name, str(p)) for n, p in enumerate(found)]


def _listed(repos: Path, start: Path) -> list[Shard]:
    try:
        text = repos.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MergereadyError(f"--repos {repos}: cannot read it ({exc})") from exc
    lines = [x.split("#", 1)[0].split() for x in text.splitlines()]
    return [_shard(n, words, start, repos) for n, words in enumerate(x for x in lines if x)]


def _shard(index: int, words: Sequence[str], start: Path, repos: Path) -> Shard:
    options: dict[str, str] = {}
    for word in words[1:]:
        match = _OPTION.match(word)
        if not match:
            raise MergereadyError(
                f"--repos {repos}: {word!r} on the line of {words[0]}: write name=, profile=, "
                "config= or url="
            )
        options[match[1]] = match[2]
    path = start / words[0]
    name = options.pop("name", None) or path.name
    return Shard(index, name, str(path), **options)


def chunks(count: int, limit: int = MAX_JOBS) -> list[list[int]]:
    """Spread shard indices over at most ``limit`` jobs (an Actions matrix's ceiling).

    Args:
        count: How many shards.
        limit: The most jobs one run may have.

    Returns:
        One list of shard indices per job; job ``j`` takes ``j``, ``j + jobs``, … so the
        jobs differ by at most one shard.
    """
    jobs = min(count, limit)
    return [list(range(j, count, jobs)) for j in range(jobs)]


def pick(shards: Sequence[Shard], index: str | None) -> list[Shard]:
    """Pick the shard a job array's worker runs (``--index`` or ``JOB_COMPLETION_INDEX``).

    Args:
        shards: The plan.
        index: The index as given, or None for every shard.

    Returns:
        The shards to run.

    Raises:
        MergereadyError: If the index is not a number of the plan.
    """
    if index is None:
        return list(shards)
    if not index.isdigit() or int(index) >= len(shards):
        raise MergereadyError(
            f"shard index {index!r} is not one of 0..{len(shards) - 1}; the plan has "
            f"{len(shards)} shards (a job array needs completions: {len(shards)})"
        )
    return [shards[int(index)]]


def matrix(shards: Sequence[Shard], limit: int = MAX_JOBS) -> Mapping[str, Any]:
    """Return the Actions matrix for a plan: at most ``limit`` jobs, each a list of indices.

    Args:
        shards: The plan.
        limit: The most jobs of one run.

    Returns:
        ``{"include": [{"job": 0, "indices": "0 256"}, ...]}``.
    """
    return {
        "include": [
            {"job": j, "indices": " ".join(map(str, c))}
            for j, c in enumerate(chunks(len(shards), limit))
        ]
    }
