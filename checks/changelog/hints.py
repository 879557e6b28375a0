"""changelog-updated's hints: which fragment type fits a contribution, and where its entry goes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mergeready.checks.changelog.mechanism import (
    Entry,
    Mechanism,
    fragment_folder,
    fragment_kind,
    type_of,
)
from mergeready.checks.contribution import Contribution
from mergeready.checks.model import Finding

if TYPE_CHECKING:
    from mergeready.checks.changelog.changelog_updated import Options


def not_counted(path: str, mech: Mechanism) -> Finding:
    """Say why a fragment does not count.

    Args:
        path: The fragment's path.
        mech: The changelog mechanism at the base (its fragment folders and types).

    Returns:
        MR303 for a fragment towncrier never reads (its type unknown, or a sub-folder), else
        MR304 for one that shows no text (empty, a comment, zero-width characters).
    """
    kind = fragment_kind(path, fragment_folder(path, mech)) if mech.dirs else None
    if (
        mech.fragment_types
        and path.startswith(mech.dirs[0] + "/")
        and kind not in mech.fragment_types
    ):
        return Finding(
            "MR303",
            "warning",
            f"fragment type {kind!r} is not one of the project's towncrier types: towncrier "
            "never reads it, so it does not count",
            path,
            hint=f"use one of: {', '.join(mech.fragment_types)}",
        )
    return Finding(
        "MR304",
        "warning",
        "empty changelog fragment does not count",
        path,
        hint="describe the change in it",
    )


def fragment_type(
    entry: Entry, types: Sequence[str], mech: Mechanism, options: Options
) -> list[Finding]:
    """Warn when a fragment's type does not fit the contribution, naming one that does.

    Args:
        entry: The fragment the contribution adds.
        types: The contribution's types.
        mech: The changelog mechanism at the base (the project's fragment types).
        options: changelog-updated's options (``fragment-types``).

    Returns:
        An MR303 warning, or nothing when the type fits or cannot be judged.
    """
    code_types = [t for t in types if t in options.fragment_types]
    if not code_types or not entry.kind:
        return []
    if mech.fragment_types and entry.kind not in mech.fragment_types:
        return [
            Finding(
                "MR303",
                "warning",
                f"fragment type {entry.kind!r} is not one of the project's towncrier types",
                entry.path,
                hint=f"use one of: {', '.join(mech.fragment_types)}",
            )
        ]
    if _fits(entry.kind, code_types, options):
        return []
    return [_misfit(entry, entry.kind, code_types[0], mech, options)]


def _fits(kind: str, code_types: Sequence[str], options: Options) -> bool:
    """True when a fragment type is one of the contribution's types' words, or maps to one."""
    fitting = {w for t in code_types for w in options.fragment_types[t]}
    return kind in fitting or type_of(kind) in code_types


def _misfit(entry: Entry, kind: str, wanted: str, mech: Mechanism, options: Options) -> Finding:
    """MR303 for a fragment whose type does not fit, with the name it should have."""
    better = project_type(wanted, mech, options)
    name = entry.path.rsplit("/", 1)[-1]
    stem, _, rest = name.partition(".")
    suffix = rest.rsplit(".", 1)[-1] if "." in rest else ""
    return Finding(
        "MR303",
        "warning",
        f"fragment type {kind!r} does not fit a {wanted} contribution",
        entry.path,
        hint=f"rename it to {stem}.{better}{'.' + suffix if suffix else ''}" if better else None,
    )


def project_type(wanted: str, mech: Mechanism, options: Options) -> str | None:
    """Return the fragment type for a contribution type, among the project's own types.

    Args:
        wanted: The contribution type.
        mech: The changelog mechanism at the base (its fragment types).
        options: The check's options (``fragment-types``).

    Returns:
        The fragment type, or None when the project has none for it.
    """
    words = options.fragment_types.get(wanted, ())
    if not mech.fragment_types:
        return words[0] if words else None
    kinds = mech.fragment_types
    general = ("change", "changed", "changes") if wanted != "docs" else ()
    return next(
        (t for t in kinds if t in words),
        next(
            (t for t in kinds if type_of(t) == wanted),
            next((t for t in kinds if t in general), None),
        ),
    )


def missing_hint(contribution: Contribution, mech: Mechanism, options: Options) -> str:
    """Tell the contributor where the entry goes.

    Args:
        contribution: The contribution, told its types.
        mech: The changelog mechanism at the base.
        options: changelog-updated's options.

    Returns:
        The hint: the fragment to create, or the changelog section to add a line to.
    """
    if mech.dirs:
        path = fragment_path(contribution, mech, options, "<PR number>")
        return f"create {path} describing the change"
    return f"add a line describing the change under the Unreleased section of {mech.files[0]}"


def fragment_path(
    contribution: Contribution, mech: Mechanism, options: Options, number: str
) -> str:
    """Name the fragment this contribution would add, in the shape of the base's fragments.

    The type is the project's own word for the contribution's type (a folder of per-change
    files that carry no type gets none), the extension the one the base's fragments use.

    Args:
        contribution: The contribution, told its types.
        mech: The mechanism, with at least one fragment folder.
        options: changelog-updated's options.
        number: The pull request number, or a placeholder.

    Returns:
        The path.
    """
    directory = mech.dirs[0]
    names = [
        p[len(directory) + 1 :] for p in contribution.base_paths() if p.startswith(directory + "/")
    ]
    if mech.learned:  # per-change files: <number>.<extension>, no type in the name
        return f"{directory}/{number}{_most_common_extension(names)}"
    kind = next((t for t in contribution.types if t in options.fragment_types), "feature")
    word = project_type(kind, mech, options) or (mech.fragment_types or ("feature",))[0]
    suffixes = Counter(_extension(n, mech.fragment_types) for n in names)
    del suffixes[None]
    return f"{directory}/{number}.{word}{suffixes.most_common(1)[0][0] if suffixes else '.md'}"


def _most_common_extension(names: Sequence[str]) -> str:
    """The extension most of these per-change files carry (``.rst`` when none does)."""
    kinds = Counter("." + n.rsplit(".", 1)[1] for n in names if "." in n.lstrip("."))
    return kinds.most_common(1)[0][0] if kinds else ".rst"


def _extension(name: str, types: Sequence[str]) -> str | None:
    """The extension of a fragment's file name (``.md``; ``""`` for ``123.bugfix``).

    None for what is not a fragment: dotfiles (``.gitkeep``), files in subfolders, and names
    whose second part is not one of the project's fragment types (``README.md``,
    ``template.rst``; with no types known, a fragment needs three parts).
    """
    parts = name.split(".")
    if "/" in name or name.startswith(".") or len(parts) < 2:
        return None
    if types and parts[1] not in types:
        return None
    if len(parts) == 2:
        return "" if types else None
    return "." + parts[-1] if parts[-1] and not parts[-1].isdigit() else ""
