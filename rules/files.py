"""Reading rules files: the shipped profiles, a project's YAML, ``[tool.mergeready]``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mergeready.checks.errors import MergereadyError
from mergeready.rules.sources import SHIPPED, Reader, shipped_text
from mergeready.rules.suggest import suggest

if TYPE_CHECKING:
    import yaml

TOP_KEYS = (
    "profile",
    "source",
    "changelog",
    "types",
    "checks",
    "ignore",
    "inline-suppressions",
    "issue-types",
)


def profiles() -> list[str]:
    """List the shipped profiles.

    Returns:
        Their names, sorted.
    """
    here = Path(__file__).parent  # start-up: beside this module, as ``shipped_text`` reads them
    if here.is_dir():
        names = [f.name for f in here.iterdir()]
    else:  # a zipped install
        from importlib import resources

        names = [f.name for f in resources.files("mergeready.rules").iterdir()]
    return sorted(name[:-5] for name in names if name.endswith(".yaml"))


def parse_yaml(text: str, name: str) -> dict[str, Any]:
    """Parse one rules file.

    Args:
        text: The YAML text.
        name: Where it came from, for messages.

    Returns:
        Its top-level mapping (empty for an empty file).

    Raises:
        MergereadyError: If it is not valid YAML or not a mapping.
    """
    import yaml  # start-up: a run whose rules are all parsed already (``shipped``) needs no YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        size = expanded_size(yaml.compose(text, Loader=loader))
        if size > MAX_NODES:
            raise MergereadyError(
                f"{name}: its aliases expand to more than {MAX_NODES:,} values; "
                "write the values out instead of repeating anchors"
            )
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise MergereadyError(f"{name}:{where}: {problem}; fix the YAML syntax") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MergereadyError(f"{name}: expected a mapping of keys ({', '.join(TOP_KEYS)})")
    return data


MAX_NODES = 100_000  # values a rules file may hold once its aliases are expanded


def expanded_size(root: yaml.Node | None) -> int:
    """Count the values a YAML document holds once every alias is expanded, in linear time.

    A billion-laughs document (anchors of anchors) is small as text and as a node graph, but
    every walk over the loaded data, every copy and every message that prints a value pays
    for the expanded size. Each node is counted once (its size remembered); a recursive
    alias counts as unbounded.

    Args:
        root: The composed document (None for an empty one).

    Returns:
        The expanded number of values (``MAX_NODES + 1`` for a recursive alias).
    """
    if root is None:
        return 0
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        children = _children(node)
        if done:
            on_path.discard(id(node))
            total = 1 + sum(sizes[id(c)] for c in children)
            sizes[id(node)] = min(total, MAX_NODES + 1)
            continue
        if id(node) in sizes:
            continue
        if id(node) in on_path:
            return MAX_NODES + 1  # an alias to a node that holds it: endless
        on_path.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml  # loaded already: the node was composed by it

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def parse_pyproject(text: str, name: str) -> dict[str, Any] | None:
    """Return the ``[tool.mergeready]`` table of a pyproject.toml, if it has one.

    Args:
        text: The TOML text.
        name: Where it came from, for messages.

    Returns:
        The table, or None when there is none.

    Raises:
        MergereadyError: If the TOML does not parse or the table is not a table.
    """
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MergereadyError(f"{name}: {exc}; fix the TOML syntax") from exc
    except (RecursionError, MemoryError) as exc:  # tomllib recurses once per nesting level
        raise MergereadyError(
            f"{name}: nested too deeply to read; flatten its arrays and tables"
        ) from exc
    table = data.get("tool", {}).get("mergeready")
    if table is not None and not isinstance(table, dict):
        raise MergereadyError(f"{name}: [tool.mergeready] must be a table")
    return table


def shipped(profile: str, read: Reader | None = None) -> dict[str, Any]:
    """Read a shipped profile's own file.

    Args:
        profile: The profile's name.
        read: The recorder to read it through (default: read it directly).

    Returns:
        Its mapping.

    Raises:
        MergereadyError: If no such profile ships.
    """
    names = profiles()
    if not isinstance(profile, str) or profile not in names:
        shown = repr(profile)
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        raise MergereadyError(f"unknown profile {shown}{suggest(str(profile)[:200], names)}")
    text = (read or (lambda n: shipped_text(n[len(SHIPPED) :])))(f"{SHIPPED}{profile}.yaml")
    return _parsed(text or "", f"profile {profile}")


class ParsedStore(Protocol):
    """Where the shipped profiles' parsed mappings are kept between runs, outside the work tree."""

    def read(self, name: str) -> bytes | None:
        """Return a stored entry, if there is one.

        Args:
            name: The entry's name.

        Returns:
            Its bytes, or None.
        """

    def write(self, name: str, data: bytes) -> None:
        """Store an entry; a failure is ignored.

        Args:
            name: The entry's name.
            data: The entry's bytes.
        """


_STORE: list[ParsedStore] = []


def use_store(store: ParsedStore | None) -> None:
    """Keep the shipped profiles' parsed mappings in this store from now on (None: parse each run).

    Start-up: parsing a shipped profile (and importing PyYAML to do it) is most of what an empty
    ``check`` spends reading its rules; ``hooks`` installs the user's cache here.

    Args:
        store: The store.
    """
    _STORE[:] = [store] if store is not None else []


def _parsed(text: str, name: str) -> dict[str, Any]:
    """A shipped profile's mapping: the stored one for exactly this text, else parsed (and stored).

    The entry is named by the SHA-256 of the text, so an edited profile is parsed again; it is
    JSON, stored only when JSON gives the very same mapping back (no key or value it would change).
    """
    key = "profile-" + hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
    stored = _STORE[0].read(key) if _STORE else None
    if stored is not None:
        try:
            data = json.loads(stored)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return data
    data = parse_yaml(text, name)
    if _STORE:
        packed = json.dumps(data)
        if json.loads(packed) == data:
            _STORE[0].write(key, packed.encode())
    return data
