"""Reading the Python of a report: which code blocks are Python, and what they say once cleaned.

A reporter pastes a REPL session (``>>>``/``...`` prompts, ``In [1]:``), a notebook cell with
IPython magics (``%time``, ``!pip install``) or shell lines (``$ python x.py``); the prompts,
the output lines between them and the shell lines are stripped here, then whether the rest
parses is the project's one snippet parser's answer (``checks.text.snippets.problem``: magics,
help lines and placeholders such as ``...`` or ``<your data>`` tolerated, as in the docs). The
tree the hints read is ``ast``'s of the same source. Parsing only: nothing from a report is ever
run or imported.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from mergeready.checks.issues.text import Block
from mergeready.checks.text.snippets import problem

PYTHON_LANGUAGES: Final = frozenset({"python", "py", "python3", "py3", "ipython", "pycon", "pyi"})
OTHER_LANGUAGES: Final = frozenset(
    "bash sh shell console zsh cmd powershell ps text txt json yaml yml toml ini diff log output "
    "c cpp c++ cuda java javascript js ts html xml sql r rust go cmake dockerfile make".split()
)
_PROMPT: Final = re.compile(r"[ \t]{0,8}(?:>>>|\.\.\.|In \[\d{0,6}\]:|[ \t]{0,8}\.\.\.:)(?: |$)")
_SHELL_LINE: Final = re.compile(
    r"[ \t]{0,8}(?:[!%$]|(?:pip|pip3|conda|python|python3|uv|git|cd|export|apt|apt-get|brew"
    r"|sudo|nvidia-smi|bazel|mamba)\b(?![ \t]{0,4}[=.(\[]))"
)
_CODE_HINT: Final = re.compile(r"^[ \t]{0,8}(?:import |from \w|def |class |>>>|print\()", re.M)
_OUTPUT_HINT: Final = re.compile(r"Traceback \(most recent call last\)|^[ \t]{0,8}File \"", re.M)


@dataclass(frozen=True)
class Snippet:
    """A code block read as Python: its first line, the cleaned source and its syntax tree."""

    line: int
    source: str
    tree: ast.Module | None
    error: str = ""


def is_python(block: Block) -> bool:
    """Tell whether a code block is meant as Python.

    Args:
        block: The block.

    Returns:
        True for a block tagged ``python`` (or ``py``, ``pycon``…), or an untagged block that
        looks like code (an import, a definition, a prompt) and not like a traceback.
    """
    if block.language in PYTHON_LANGUAGES:
        return True
    if block.language in OTHER_LANGUAGES or block.language:
        return False
    text = block.text[:20_000]
    return bool(_CODE_HINT.search(text)) and not _OUTPUT_HINT.search(text)


def clean(lines: tuple[str, ...]) -> str:
    """Strip prompts, the output between them, magics and shell lines from a block.

    Args:
        lines: The block's lines.

    Returns:
        The Python source that is left.
    """
    prompted = any(_PROMPT.match(line) for line in lines)
    kept: list[str] = []
    for line in lines:
        prompt = _PROMPT.match(line)
        if prompt:
            line = line[prompt.end() :]
        elif prompted:
            continue  # output printed by the session
        if _SHELL_LINE.match(line):
            continue
        kept.append(line)
    return _dedent("\n".join(kept))


def _dedent(source: str) -> str:
    import textwrap

    return textwrap.dedent(source)


def snippets(blocks: tuple[Block, ...]) -> Iterator[Snippet]:
    """Read every Python block of a report.

    Args:
        blocks: The report's code blocks.

    Yields:
        Each Python block, parsed (``tree`` None and ``error`` said when it does not parse;
        ``tree`` None with no error when it parses only with its placeholders filled in).
    """
    for block in blocks:
        if not is_python(block):
            continue
        source = clean(block.lines)
        if not source.strip():
            continue
        found = problem(source)
        if found is not None:
            yield Snippet(block.line, source, None, f"line {found[0]}: {found[1]}")
        else:
            yield Snippet(block.line, source, _tree(source))


def _tree(source: str) -> ast.Module | None:
    """The syntax tree of a source ``problem`` accepted (None when only its placeholders fail)."""
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def imported(tree: ast.Module) -> set[str]:
    """The top-level names of every module a snippet imports.

    Args:
        tree: The snippet's tree.

    Returns:
        For ``import keras.layers`` and ``from tensorflow import keras``: keras, tensorflow.
    """
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def undefined(tree: ast.Module) -> list[tuple[int, str]]:
    """Names a snippet loads but never binds, imports or gets from Python's builtins.

    Args:
        tree: The snippet's tree.

    Returns:
        (line, name) of the first use of each such name.
    """
    bound = bound_names(tree)
    if bound is None:
        return []  # a star import may bind anything
    missing: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            if node.id not in bound and node.id not in missing:
                missing[node.id] = node.lineno
    return sorted((line, name) for name, line in missing.items())


def bound_names(tree: ast.Module) -> set[str] | None:
    """Every name a snippet binds, with Python's builtins.

    Args:
        tree: The snippet's tree.

    Returns:
        The names; None after a star import, which may bind anything.
    """
    import builtins

    bound = set(dir(builtins)) | {"__file__", "__name__", "display", "get_ipython"}
    for node in ast.walk(tree):
        if isinstance(node, ast.alias) and node.name == "*":
            return None
        bound.update(_binds(node))
    return bound


_NAMED: Final = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.ExceptHandler,
    ast.MatchAs,
    ast.MatchStar,
)


def _binds(node: ast.AST) -> list[str]:
    """The names one node binds (its arguments are nodes of their own)."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    if isinstance(node, ast.Name):
        return [] if isinstance(node.ctx, ast.Load) else [node.id]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return list(node.names)
    if isinstance(node, ast.arg):
        return [node.arg]
    name = getattr(node, "name", None) if isinstance(node, _NAMED) else None
    return [name] if isinstance(name, str) else []
