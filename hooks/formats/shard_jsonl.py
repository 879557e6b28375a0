"""A shard file: a JSON line per contribution, then a manifest line (``history --format jsonl``).

A contribution's record carries its key — ``repository``, ``commit``, ``mergeready`` (the
version) and ``config_digest`` — with its parent, date, types with evidence, each check's status
and codes, and each type's verdict. The manifest line closes the shard: a file without one was
interrupted. Reading tolerates a last line cut short by a killed writer. A shard is
mergeready's own file: it is read, rewritten and appended only through ``hooks/writes.py``,
never through a link in its place (a clone may have committed one) and never from a device.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mergeready.hooks.history import Entry
from mergeready.hooks.writes import read_own, write_file

RECORD, MANIFEST = "contribution", "manifest"


def record(entry: Entry, repository: str, version: str, digest: str) -> dict[str, Any]:
    """Return one contribution's record.

    Args:
        entry: What history found for the contribution.
        repository: The repository's name (``owner/name``, or its folder's name).
        version: mergeready's version.
        digest: The digest of the configuration the run asked for.

    Returns:
        The record (``author_association`` is null: git does not know it).
    """
    statuses = dict(entry.checks)
    verdicts = dict(entry.verdicts)
    return {
        "kind": RECORD,
        "repository": repository,
        "commit": entry.commit,
        "parent": entry.parent,
        "date": entry.date,
        "subject": entry.subject,
        "author_association": None,
        "types": [{"type": t, "evidence": list(e)} for t, e in entry.evidence],
        "checks": [
            {"id": c, "status": statuses[c], "codes": list(codes)} for c, codes in entry.codes
        ],
        "by_type": [
            {"type": t, "required": list(r), "passed": verdicts.get(t, False)}
            for t, r in entry.required
        ],
        "error": entry.error or None,
        "mergeready": version,
        "config_digest": digest,
    }


def key(item: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """Return a record's key.

    Args:
        item: A record.

    Returns:
        ``(repository, commit, mergeready version, configuration digest)``.
    """
    return (item["repository"], item["commit"], item["mergeready"], item["config_digest"])


def line(item: Mapping[str, Any]) -> str:
    """Write a record or manifest as one line.

    Args:
        item: The record or manifest.

    Returns:
        Compact JSON with sorted keys and a newline.
    """
    return json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def read(path: Path) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Read a shard file: its complete records and its manifest, if it has one.

    Args:
        path: The file; a missing file is an empty shard.

    Returns:
        The records, and the manifest (None when the shard was interrupted).

    Raises:
        MergereadyError: If the file exists but cannot be read.
    """
    text = read_own(path, "shard")
    if text is None:
        return [], None
    records: list[dict[str, Any]] = []
    manifest = None
    for raw in text.split("\n"):
        try:
            item = json.loads(raw)
        except ValueError:  # empty, or the line a killed writer left half written
            continue
        if isinstance(item, dict) and item.get("kind") == RECORD:
            records.append(item)
        elif isinstance(item, dict) and item.get("kind") == MANIFEST:
            manifest = item
    return records, manifest


def write(path: Path, items: Iterable[Mapping[str, Any]], root: Path | None = None) -> None:
    """Replace a shard file whole (written aside, then renamed over it; never through a link).

    Args:
        path: The file.
        items: The records, then the manifest if there is one.
        root: The repository being walked (``hooks/writes.py`` guards the folders inside it).
    """
    text = "".join(line(item) for item in items)
    write_file(path, text, root=root, what="shard", make_parents=True, own=True)


def append(path: Path, item: Mapping[str, Any], root: Path | None = None) -> None:
    """Append one record to a shard file (``O_NOFOLLOW``: never through a link).

    Args:
        path: The file.
        item: The record.
        root: The repository being walked.
    """
    write_file(path, line(item), root=root, what="shard", append=True, own=True)
