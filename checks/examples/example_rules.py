"""examples-valid's rules for Python examples: syntax, the keras-io header, size, companions."""

from __future__ import annotations

import ast
import posixpath
import re
import warnings
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mergeready.checks.changes import ChangedFile
from mergeready.checks.contribution import Contribution
from mergeready.checks.examples import kerasio
from mergeready.checks.examples.companions import COMPANION_SUFFIX, companion_source
from mergeready.checks.model import Finding
from mergeready.checks.paths import first_match

if TYPE_CHECKING:
    from mergeready.checks.examples.examples_valid import Options


def syntax_error(text: str) -> tuple[int, str] | None:
    """Return the line (git's numbering) and message of a Python source's syntax error.

    Args:
        text: The source.

    Returns:
        ``(line, message)``, or None when it parses.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except SyntaxError as exc:
        line = exc.lineno or 1
        if "\r" in text:  # Python also breaks lines on a lone \r; git does not
            starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
            line = text.count("\n", 0, starts[min(line, len(starts)) - 1]) + 1
        return line, exc.msg
    except (ValueError, RecursionError, MemoryError) as exc:
        return 1, type(exc).__name__
    return None


@dataclass
class Layout:
    """Where generated companions live beside example sources, and other examples' headers."""

    options: Options
    areas: frozenset[str] = frozenset()
    used: dict[str, tuple[str, ...]] = field(default_factory=dict)
    descriptions: dict[str, list[str]] | None = None

    @classmethod
    def of(cls, contribution: Contribution, options: Options) -> Layout:
        """Detect the companion layout at head (or take it as configured).

        Args:
            contribution: The contribution.
            options: examples-valid's options.

        Returns:
            The layout; no areas when ``companions`` is ``off`` or nothing was detected.
        """
        if options.companions == "off":
            return cls(options)
        used = _companion_dirs_at_head(contribution.head_paths(), options)
        if options.companions == "on":
            for f in contribution.files:
                if f.path.endswith(".py") and first_match(f.path, options.paths):
                    used.setdefault(posixpath.dirname(f.path), set(options.companion_dirs))
        return cls(options, frozenset(used), {a: tuple(sorted(d)) for a, d in used.items()})

    def is_companion(self, path: str) -> bool:
        """Tell whether a path is a generated companion of an example.

        Args:
            path: A repository path.

        Returns:
            True inside a detected area's companion folder.
        """
        source = companion_source(path, self.options.companion_dirs)
        return source is not None and posixpath.dirname(source) in self.areas

    def companion_findings(self, contribution: Contribution) -> Iterator[Finding]:
        """Warn about sources changed without their companions, and companions edited alone.

        Args:
            contribution: The contribution.

        Yields:
            The warnings.
        """
        if not self.areas:
            return
        changed = {f.path for f in contribution.files if f.exists}
        for f in contribution.files:
            missing = self._missing_companions(f, changed)
            if missing:
                yield Finding(
                    "MR715",
                    "warning",
                    f"{f.path} changed but its generated {', '.join(missing)} did not",
                    f.path,
                    hint="regenerate the companions from the source (keras-io: python "
                    "autogen.py add_example <area>/<name>) and commit them",
                )
            source = companion_source(f.path, self.options.companion_dirs)
            if source and posixpath.dirname(source) in self.areas and source not in changed:
                yield Finding(
                    "MR716",
                    "warning",
                    f"{f.path} is generated from {source}, which this contribution does not change",
                    f.path,
                    hint=f"make the change in {source} and regenerate; generated files are not "
                    "edited by hand",
                )

    def _missing_companions(self, f: ChangedFile, changed: AbstractSet[str]) -> list[str]:
        """The companions of a changed example source that this contribution left alone."""
        area, name = posixpath.split(f.path)
        if not (f.exists and f.path.endswith(".py") and area in self.areas):
            return []
        stem = name[:-3]
        expected = (
            posixpath.join(area, d, stem + COMPANION_SUFFIX.get(d, "." + d))
            for d in self.used.get(area, ())
        )
        return [p for p in expected if p not in changed]

    def other_descriptions(self, contribution: Contribution) -> dict[str, list[str]]:
        """Read every example's Description at head once (lower case, spaces collapsed).

        Args:
            contribution: The contribution.

        Returns:
            Each description mapped to the examples that carry it.
        """
        if self.descriptions is None:
            self.descriptions = {}
            for p in sorted(contribution.head_paths()):
                if not p.endswith(".py") or not first_match(p, self.options.paths):
                    continue
                if self.is_companion(p) or first_match(p, self.options.skip):
                    continue
                text = contribution.head_text(p)
                header = kerasio.read(text) if text else None
                if header and header.fields.get("Description", (0, ""))[1]:
                    key = _norm(header.fields["Description"][1])
                    self.descriptions.setdefault(key, []).append(p)
        return self.descriptions


def _companion_dirs_at_head(paths: AbstractSet[str], options: Options) -> dict[str, set[str]]:
    """Each example folder mapped to the companion folders found beside it at head."""
    used: dict[str, set[str]] = {}
    for p in paths:
        source = companion_source(p, options.companion_dirs)
        if source and (source in paths or options.companions == "on"):
            area = posixpath.dirname(source)
            used.setdefault(area, set()).add(posixpath.basename(posixpath.dirname(p)))
    return used


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def header_findings(
    contribution: Contribution, f: ChangedFile, text: str, options: Options, layout: Layout
) -> list[Finding]:
    """Check an example's keras-io header, reporting only what the contribution introduces.

    Args:
        contribution: The contribution.
        f: The example.
        text: Its text at head.
        options: examples-valid's options.
        layout: The run's layout (it caches other examples' descriptions).

    Returns:
        The findings.
    """
    header = kerasio.read(text)
    if header is None:
        if options.require_header and f.status == "added":
            return [
                Finding(
                    "MR714",
                    "error",
                    "new example has no keras-io header",
                    f.path,
                    1,
                    hint='start the file with a docstring: """Title: …, Author: …, Date created:'
                    ' YYYY/MM/DD, Last modified: YYYY/MM/DD, Description: …"""',
                )
            ]
        return []
    old = _base_header(contribution, f)
    known = {(c, m) for c, _, m, _ in kerasio.problems(old)} if old else set()
    out = [
        Finding(code, "error", message, f.path, line, hint=hint)
        for code, line, message, hint in kerasio.problems(header)
        if (code, message) not in known
    ]
    out += _against_base(f, header, old)
    out += _same_description(contribution, f, header, layout)
    return out


def _base_header(contribution: Contribution, f: ChangedFile) -> kerasio.Header | None:
    """The example's header at the base (None for a new example or one without a header)."""
    if f.status == "added":
        return None
    old_text = contribution.base_text(f.old_path or f.path)
    return kerasio.read(old_text) if old_text else None


def _same_description(
    contribution: Contribution, f: ChangedFile, header: kerasio.Header, layout: Layout
) -> list[Finding]:
    """MR713 when the contribution writes a Description another example already carries."""
    description = header.fields.get("Description")
    if not (description and description[1] and f.touches(description[0])):
        return []
    others = [
        p
        for p in layout.other_descriptions(contribution).get(_norm(description[1]), [])
        if p != f.path
    ]
    if not others:
        return []
    return [
        Finding(
            "MR713",
            "error",
            f"Description is the same as {others[0]}'s",
            f.path,
            description[0],
            hint="describe what this example shows that the other does not",
        )
    ]


def _against_base(
    f: ChangedFile, header: kerasio.Header, old: kerasio.Header | None
) -> list[Finding]:
    if old is None or "Last modified" not in header.fields or "Last modified" not in old.fields:
        return []
    line, value = header.fields["Last modified"]
    new, before = kerasio.date(value), kerasio.date(old.fields["Last modified"][1])
    if new is None or before is None:
        return []
    if new < before:
        return [
            Finding(
                "MR711",
                "error",
                f"Last modified {value} is older than the base's {old.fields['Last modified'][1]}",
                f.path,
                line,
                hint="set Last modified to the date of this change",
            )
        ]
    if new == before and _body_changed(f, header):
        return [
            Finding(
                "MR711",
                "warning",
                f"the example changed but Last modified is still {value}",
                f.path,
                line,
                hint="set Last modified to the date of this change",
            )
        ]
    return []


def _body_changed(f: ChangedFile, header: kerasio.Header) -> bool:
    """Whether the change adds a line below the header (or the whole file is new)."""
    end = max(n for n, _ in header.fields.values()) + 1
    return f.added_lines is None or any(n > end for n in f.added_lines)


def code_lines(text: str) -> int:
    """Count an example's lines of code: not blank, not comments, not text blocks.

    Args:
        text: A source that parses.

    Returns:
        The count.
    """
    tree = ast.parse(text)
    prose: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            prose.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return sum(
        1
        for n, line in enumerate(text.split("\n"), start=1)
        if line.strip() and not line.lstrip().startswith("#") and n not in prose
    )


def size_findings(
    contribution: Contribution, f: ChangedFile, text: str, limit: int
) -> list[Finding]:
    """Warn when an example grows past the configured number of code lines.

    Args:
        contribution: The contribution.
        f: The example.
        text: Its text at head (it parses).
        limit: The most code lines expected.

    Returns:
        A warning when the example is new and over the limit, or grew while over it.
    """
    count = code_lines(text)
    if count <= limit:
        return []
    if f.status != "added":
        old = contribution.base_text(f.old_path or f.path)
        if old is not None and syntax_error(old) is None and code_lines(old) >= count:
            return []
    return [
        Finding(
            "MR717",
            "warning",
            f"example has {count} lines of code (over {limit})",
            f.path,
            hint="keep examples short: move helpers out or split the example",
        )
    ]
