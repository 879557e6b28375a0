"""The result cache: a run over an unchanged contribution and configuration reuses its result.

The cache lives outside the work tree (``$MERGEREADY_CACHE_DIR``, else
``$XDG_CACHE_HOME/mergeready``, else ``~/.cache/mergeready``). Its key is a digest of
mergeready's version, the contribution's fingerprint (every changed file's name, content and
changed lines, the messages, title, body and labels) and the effective configuration, so a
changed file or a changed configuration never reuses a stale result. A cache that cannot be
read or written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mergeready.checks.model import Result, result_from_data, result_to_data
from mergeready.hooks import __version__


def default_dir(environ: Mapping[str, str]) -> Path:
    """Return where the cache lives by default.

    Args:
        environ: The environment.

    Returns:
        The cache directory (it may not exist yet).
    """
    if environ.get("MERGEREADY_CACHE_DIR"):
        return Path(environ["MERGEREADY_CACHE_DIR"])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mergeready"


def key(fingerprint: str, policy: Mapping[str, Any], only: Sequence[str], extra: str) -> str:
    """Return the cache key of one run.

    Args:
        fingerprint: The contribution's fingerprint.
        policy: The effective policy's data.
        only: The checks asked for.
        extra: Anything else that changes the result (file size limit).

    Returns:
        A hex digest.
    """
    text = json.dumps(
        [__version__, fingerprint, policy, list(only), extra], sort_keys=True, default=str
    )
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def load(directory: Path, cache_key: str) -> Result | None:
    """Return the cached result for a key, if there is a readable one.

    Args:
        directory: The cache directory.
        cache_key: The key.

    Returns:
        The result, or None.
    """
    try:
        data = json.loads((directory / cache_key[:2] / f"{cache_key}.json").read_text("utf-8"))
        return result_from_data(data)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(directory: Path, cache_key: str, result: Result) -> None:
    """Save a result under a key, atomically; failures are ignored.

    Args:
        directory: The cache directory.
        cache_key: The key.
        result: The result.
    """
    import tempfile

    folder = directory / cache_key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(result_to_data(result), handle)
        os.replace(tmp, folder / f"{cache_key}.json")
    except OSError:
        return
