"""codespell's dictionaries and the shipped profiles parsed once per user, in the cache's directory.

``install`` gives ``checks/spelling/codespell.py`` a store that keeps each parsed dictionary as
a signed entry of the cache (``$MERGEREADY_CACHE_DIR``, else ``$XDG_CACHE_HOME/mergeready``,
else ``~/.cache/mergeready``): outside the work tree, written atomically, HMAC-signed like a
result, so a corrupt, foreign or forged entry is ignored and parsed again. The cache is opened
only when a dictionary is first needed, so a run that spell-checks nothing pays nothing; a cache
that is off (a symbolic link, another user's folder) or read-only only costs the parse. The same
store keeps each shipped profile's parsed mapping (``rules/files.py``), so a run whose project
has no YAML rules file imports no YAML parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from mergeready.checks.spelling import codespell
from mergeready.rules import files

if TYPE_CHECKING:
    from mergeready.hooks.cache import Cache

_SUFFIX = ".dict"


class CachedDictionaries:
    """A ``DictionaryStore`` on the user's cache directory, opened on first use."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        """Remember where the cache is.

        Args:
            environ: The environment (``MERGEREADY_CACHE_DIR``, ``XDG_CACHE_HOME``, the key's).
        """
        self.environ = dict(environ)
        self.opened: list[Cache | None] = []

    def cache(self) -> Cache | None:
        """Open the cache once, and give it (None when it is off).

        Returns:
            The cache, or None.
        """
        if not self.opened:
            # start-up: the cache module loads the engine; ``cli`` installs this store first
            from mergeready.hooks.cache import Cache, default_dir

            self.opened.append(Cache.open(default_dir(self.environ), self.environ))
        return self.opened[0]

    def read(self, name: str) -> bytes | None:
        """Return the stored entry for a dictionary.

        Args:
            name: The entry's name.

        Returns:
            Its payload, or None.
        """
        cache = self.cache()
        return cache.read_bytes(name, _SUFFIX) if cache else None

    def write(self, name: str, data: bytes) -> None:
        """Store a dictionary's entry.

        Args:
            name: The entry's name.
            data: The packed dictionary.
        """
        cache = self.cache()
        if cache:
            cache.write_bytes(name, _SUFFIX, data)


def install(environ: Mapping[str, str]) -> None:
    """Keep codespell's parsed dictionaries and the parsed profiles in the user's cache from now on.

    Args:
        environ: The environment.
    """
    store = CachedDictionaries(environ)
    codespell.use_store(store)
    files.use_store(store)
