"""``mergeready org``: history across an organisation, one shard per repository.

A shard is one repository and one range, written as a JSON-lines file (``formats.shard_jsonl``).
A record's key ``(repository, commit, mergeready version, configuration digest)`` makes a rerun
keep what is done and redo what a new version or configuration changed; a shard without its
manifest line was interrupted and resumes. The plan (``hooks/org_plan.py``) says which shards a
repositories list names. Scheduling is the engines'; locally, a process pool.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mergeready.checks import git
from mergeready.checks.errors import MergereadyError
from mergeready.hooks import __version__, history
from mergeready.hooks.formats import shard_jsonl
from mergeready.hooks.formats.escape import visible
from mergeready.hooks.history_context import links
from mergeready.hooks.org_plan import Shard


@dataclass(frozen=True)
class Walk:
    """Which commits of each repository, and how to check them (the organisation default)."""

    range: str | None = None
    since: str | None = None
    last: int | None = None
    profile: str | None = None
    config: str | None = None
    cache_dir: str | None = None
    jobs: int = 1


def config_digest(profile: str | None, config: str | None) -> str:
    """Digest the configuration a run asks for (each repository's own is fixed by its commit).

    Args:
        profile: The profile the run forces, if any.
        config: The rules file the run names, if any.

    Returns:
        A hex digest, 16 characters.
    """
    text = json.dumps({"profile": profile, "config": config}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def repository_name(root: Path) -> str:
    """Name a repository: ``owner/name`` when origin is on GitHub or GitLab, else its folder.

    Args:
        root: The work tree.

    Returns:
        The name.
    """
    found = links(root)
    if found:
        return found["commit"].split("/", 3)[3].rsplit("/commit/", 1)[0].rsplit("/-", 1)[0]
    return root.name


def run_shard(
    root: Path,
    name: str,
    output: Path,
    walk: Walk,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Walk one repository's range into its shard file, keeping records that are still valid.

    Args:
        root: The repository's work tree.
        name: The repository's name in the records.
        output: The shard file.
        walk: The range and the configuration.
        progress: Called with (done, total) after each contribution checked.

    Returns:
        The manifest written as the file's last line.

    Raises:
        MergereadyError: If the shard file cannot be written.
    """
    started = _now()
    todo = history.commits(root, walk.range, walk.since, walk.last)
    digest = config_digest(walk.profile, walk.config)
    kept = _still_valid(root, output, todo, name, digest)
    settings = history.Settings(str(root), walk.config, walk.profile, walk.cache_dir)
    done = dict(kept)

    def keep(entry: history.Entry) -> None:
        done[entry.commit] = shard_jsonl.record(entry, name, __version__, digest)
        shard_jsonl.append(output, done[entry.commit], root)

    rest = [c for c in todo if c.sha not in kept]
    history.run(settings, rest, walk.jobs, progress, each=keep)
    ordered = [done[c.sha] for c in todo]
    manifest = {
        "kind": shard_jsonl.MANIFEST,
        "repository": name,
        "range": _asked(walk),
        "resolved": f"{todo[-1].parent}..{todo[0].sha}" if todo else None,
        "contributions": len(ordered),
        "errors": sum(bool(r["error"]) for r in ordered),
        "evaluated": len(ordered) - len(kept),
        "reused": len(kept),
        "mergeready": __version__,
        "config_digest": digest,
        "started": started,
        "finished": _now(),
    }
    shard_jsonl.write(output, [*ordered, manifest], root)
    return manifest


def _still_valid(
    root: Path, output: Path, todo: Sequence[history.Commit], name: str, digest: str
) -> dict[str, dict[str, Any]]:
    """Keep the shard's records whose key holds for a commit of the range; rewrite the file."""
    wanted = {c.sha for c in todo}
    records, _ = shard_jsonl.read(output)
    kept = {
        r["commit"]: r
        for r in records
        if shard_jsonl.key(r) == (name, r["commit"], __version__, digest) and r["commit"] in wanted
    }
    shard_jsonl.write(output, [kept[c.sha] for c in todo if c.sha in kept], root)  # no manifest
    return kept


def _asked(walk: Walk) -> str:
    if walk.range:
        return walk.range
    if walk.since:
        return f"since {walk.since}"
    return f"last {walk.last}" if walk.last else "default branch"


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def run_one(
    shard: Shard, out: Path, walk: Walk, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Run one shard of the plan, with its own overrides of the organisation default.

    Args:
        shard: The shard.
        out: The folder of shard files.
        walk: The range and the organisation default.
        progress: Called with (done, total) after each contribution checked.

    Returns:
        The shard's manifest.

    Raises:
        MergereadyError: If the shard's path is not a git repository.
    """
    own = replace(walk, profile=shard.profile or walk.profile, config=shard.config or walk.config)
    root = git.toplevel(Path(shard.path))
    return run_shard(root, shard.name, out / shard.filename, own, progress)


def run_many(
    shards: Sequence[Shard],
    out: Path,
    walk: Walk,
    jobs: int,
    progress: Callable[..., None] | None = None,
) -> list[dict[str, Any] | str]:
    """Run shards in a process pool, one shard per process at a time.

    Args:
        shards: The shards.
        out: The folder of shard files.
        walk: The range and the organisation default (``walk.jobs`` is per shard).
        jobs: How many shards run at once.
        progress: Told ``(done, total, name)`` as shards finish; a shard run alone (a job
            array's worker) tells it per contribution instead.

    Returns:
        Per shard, its manifest, or the one-line error that stopped it.
    """
    if len(shards) == 1:
        return [_guarded(shards[0], out, walk, progress)]
    done: list[dict[str, Any] | str] = []
    if jobs <= 1:
        finished: Iterator[dict[str, Any] | str] = (_guarded(s, out, walk) for s in shards)
        return _told(shards, finished, progress, done)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        finished = pool.map(_guarded, shards, [out] * len(shards), [walk] * len(shards))
        return _told(shards, finished, progress, done)


def _told(
    shards: Sequence[Shard],
    finished: Iterator[dict[str, Any] | str],
    progress: Callable[..., None] | None,
    done: list[dict[str, Any] | str],
) -> list[dict[str, Any] | str]:
    """Collect the shards' results in order, telling the bar as each arrives."""
    for shard, result in zip(shards, finished):
        done.append(result)
        if progress is not None:
            progress(len(done), len(shards), shard.name)
    return done


def _guarded(
    shard: Shard, out: Path, walk: Walk, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any] | str:
    try:
        return run_one(shard, out, walk, progress)
    except MergereadyError as exc:
        return f"{shard.name}: {exc}"


def merge(files: Sequence[Path]) -> list[dict[str, Any]]:
    """Read complete shard files into one list of records, sorted by repository, date, commit.

    Args:
        files: The shard files.

    Returns:
        The records.

    Raises:
        MergereadyError: If a shard has no manifest (interrupted) or a record appears twice.
    """
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for path in files:
        records, manifest = shard_jsonl.read(path)
        if manifest is None or manifest["contributions"] != len(records):
            raise MergereadyError(
                f"{path}: the shard is incomplete (no manifest line); run its index again"
            )
        for r in records:
            if (r["repository"], r["commit"]) in out:
                raise MergereadyError(f"{path}: {r['repository']} {r['commit']} is in two shards")
            out[(r["repository"], r["commit"])] = r
    return sorted(out.values(), key=lambda r: (r["repository"], r["date"], r["commit"]))


def shard_files(paths: Sequence[str]) -> list[Path]:
    """Expand folders into the shard files they hold.

    Args:
        paths: Shard files or folders of them.

    Returns:
        The files, sorted within each folder.

    Raises:
        MergereadyError: If a path does not exist, a folder holds no shard, or a folder's
            ``*.jsonl`` is a link or no regular file.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.jsonl"))
            if not found:
                raise MergereadyError(f"{p}: no shard file (*.jsonl) in this folder")
            for f in found:  # a folder may lie in a clone: only mergeready's own files are read
                if f.is_symlink() or not f.is_file():
                    raise MergereadyError(
                        f"{visible(str(f))}: a symbolic link or not a regular file; mergeready "
                        "reads only the shard files it wrote"
                    )
            files += found
        elif p.is_file():
            files.append(p)
        else:
            raise MergereadyError(f"{p}: no such file or folder")
    return files
