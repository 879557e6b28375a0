"""What identifies a baselined finding across reformatting and moves: its ``Key``.

A finding is keyed by its code, the Python definition it is in (``Parser.feed``) and its
message, or — outside any definition — by its message and its line's text with every space
removed; a module's own findings (no docstring) are the module's, wherever its first line is.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mergeready.checks.contribution import Contribution
from mergeready.checks.contribution.store import git_lines
from mergeready.checks.docstrings.sections import MODULE_FINDINGS
from mergeready.checks.model import Finding


@dataclass(frozen=True)
class Key:
    """What identifies a finding across reformatting and moves."""

    code: str
    symbol: str
    content: str

    def entry(self, path: str | None) -> dict[str, Any]:
        """Return the baseline file's record of this key.

        Args:
            path: The finding's path, if any.

        Returns:
            JSON-ready data.
        """
        return {"path": path, "code": self.code, "symbol": self.symbol, "content": self.content}


class Keyer:
    """Computes finding keys, reading each file's lines and definitions once."""

    def __init__(self, contribution: Contribution) -> None:
        """Start with nothing read.

        Args:
            contribution: Whose files at head the findings are in.
        """
        self.contribution = contribution
        self.lines: dict[str, list[str]] = {}
        self.spans: dict[str, list[tuple[int, int, str]]] = {}

    def key(self, f: Finding) -> Key:
        """Return a finding's key.

        Args:
            f: The finding.

        Returns:
            Its code, the definition it is in (or none) and a digest of its message (and, outside
            a definition, of its line's text without spaces).
        """
        if f.line == 1 and f.message.startswith(MODULE_FINDINGS):  # the module's, not line 1's
            mine = " ".join(f.message.split()).encode("utf-8", "surrogateescape")
            return Key(f.code, "<module>", hashlib.sha256(mine).hexdigest()[:20])
        symbol = self._symbol(f.path, f.line) if f.path and f.line else ""
        if symbol:
            content = " ".join(f.message.split())
        else:
            line = self._line(f.path, f.line) if f.path and f.line else ""
            content = " ".join(f.message.split()) + "\0" + "".join(line.split())
        digest = hashlib.sha256(content.encode("utf-8", "surrogateescape")).hexdigest()[:20]
        return Key(f.code, symbol, digest)

    def span(self, path: str, line: int) -> tuple[int, int] | None:
        """Return the lines of the innermost definition around a line, decorators included.

        Args:
            path: The file.
            line: A line of it at head.

        Returns:
            Its first and last line, or None outside any definition (or a file not Python).
        """
        inside = self._inside(path, line)
        return (inside[0], inside[1]) if inside else None

    def text(self, path: str, line: int) -> str:
        """Return a line's text at head without its spaces.

        Args:
            path: The file.
            line: The line's number.

        Returns:
            The text, or empty when the file has no such line.
        """
        return "".join(self._line(path, line).split())

    def _line(self, path: str, line: int) -> str:
        if path not in self.lines:
            text = self.contribution.head_text(path)
            self.lines[path] = git_lines(text) if text is not None else []
        lines = self.lines[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def _symbol(self, path: str, line: int) -> str:
        inside = self._inside(path, line)
        return inside[2] if inside else ""

    def _inside(self, path: str, line: int) -> tuple[int, int, str] | None:
        """The innermost definition around a line of a Python file."""
        if not path.endswith(".py"):
            return None
        if path not in self.spans:
            tree = self.contribution.head_python(path)
            self.spans[path] = list(definition_spans(tree)) if tree is not None else []
        inside = [s for s in self.spans[path] if s[0] <= line <= s[1]]
        return max(inside, key=lambda s: s[0]) if inside else None


def definition_spans(tree: ast.Module) -> Iterable[tuple[int, int, str]]:
    """Yield (first line, last line, dotted name) of every definition, decorators included.

    Args:
        tree: A module.

    Yields:
        One triple per class, function and method, outer ones first.
    """
    stack: list[tuple[ast.AST, str]] = [(tree, "")]
    while stack:
        node, prefix = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                first = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                yield first, child.end_lineno or child.lineno, name
                stack.append((child, name + "."))
