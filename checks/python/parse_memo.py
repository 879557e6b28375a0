"""Parsed Python kept across contributions by content, for a run over many (``history``, ``org``).

Consecutive commits of a history share most file versions: a file a commit changed is the base
side of the next one, and the test files the checks read at the base hardly change between two
merges. ``recall`` returns the parse of bytes parsed before (the key is their digest, nothing
else: a parse depends only on the bytes and the running Python), keeping at most ``limit``
bytes of source in least-recently-used order, so memory stays bounded. It is off (a limit of
0) until a command that walks many contributions switches it on with ``keep``; a single
``check`` or ``check --all`` keeps nothing beyond its own run. The trees are shared, so, as
within a run, no check may change a tree it is given (the transforms copy first).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_KEPT: OrderedDict[bytes, tuple[int, object]] = OrderedDict()
_LIMIT: list[int] = [0]
_SIZE: list[int] = [0]
COUNTS: dict[str, int] = {"parsed": 0, "recalled": 0}


def keep(limit: int) -> None:
    """Keep parses of up to ``limit`` bytes of source from now on (0: keep none).

    Args:
        limit: The bound, in bytes of source.
    """
    _LIMIT[0] = max(0, limit)
    _trim()


def recall(data: bytes, parse: Callable[[bytes], T]) -> T:
    """Return ``parse(data)``, from the memo when these bytes were parsed before.

    Args:
        data: A file's bytes.
        parse: The parser (always the same one for a given memo).

    Returns:
        What ``parse`` returns for the bytes.
    """
    if not _LIMIT[0] or len(data) > _LIMIT[0]:
        COUNTS["parsed"] += 1
        return parse(data)
    key = hashlib.blake2b(data, digest_size=20).digest()
    found = _KEPT.get(key)
    if found is not None:
        _KEPT.move_to_end(key)
        COUNTS["recalled"] += 1
        value: T = found[1]  # type: ignore[assignment]
        return value
    COUNTS["parsed"] += 1
    parsed = parse(data)
    _KEPT[key] = (len(data), parsed)
    _SIZE[0] += len(data)
    _trim()
    return parsed


def _trim() -> None:
    while _KEPT and _SIZE[0] > _LIMIT[0]:
        _, (size, _) = _KEPT.popitem(last=False)
        _SIZE[0] -= size
