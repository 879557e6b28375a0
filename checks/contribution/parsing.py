"""A Python file's bytes parsed once, in git's line numbers, or why they cannot be."""

from __future__ import annotations

import re
import sys
import warnings
from typing import TYPE_CHECKING

from mergeready.checks.python import parse_memo
from mergeready.checks.python.pycode import UnmappedLines, parse_source

if TYPE_CHECKING:
    import ast

    from mergeready.checks.python.pycode import PythonView

Parsed = tuple["ast.Module | None", str, frozenset[int], "PythonView | None"]


def parse(data: bytes) -> Parsed:
    """Parse as Python would, in git's line numbers; or say why that cannot be done.

    Args:
        data: A Python file's bytes.

    Returns:
        The tree (or None), why it could not be parsed (or an empty string), git's numbers of
        the lines holding code, and the file as Python reads it (or None).
    """
    return parse_memo.recall(data, _parse_now)  # across contributions, when history keeps them


def _parse_now(data: bytes) -> Parsed:
    """Parse now, without the memo: the tree, why not, its code lines and its view."""
    none: frozenset[int] = frozenset()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree, view, code = parse_source(data)
            return tree, "", code, view
    except SyntaxError as exc:
        newer = _newer_syntax(exc)
        if newer:
            running = f"{sys.version_info[0]}.{sys.version_info[1]}"
            return (
                None,
                (
                    f"does not parse under Python {running}: it uses {newer} (line {exc.lineno}); "
                    "run mergeready under Python 3.12 or newer to check it"
                ),
                none,
                None,
            )
        return None, f"does not parse: {exc.msg} (line {exc.lineno})", none, None
    except UnmappedLines as exc:
        return None, f"cannot be read line by line as git numbers lines: {exc}", none, None
    except UnicodeDecodeError as exc:
        return None, f"does not parse: not valid {exc.encoding}", none, None
    except (ValueError, LookupError, RecursionError, MemoryError) as exc:
        return None, f"does not parse: {type(exc).__name__}", none, None


_PEP695 = re.compile(r"\s*(?:type\s+\w+\s*[\[=]|(?:async\s+)?def\s+\w+\s*\[|class\s+\w+\s*\[)")


def _newer_syntax(exc: SyntaxError) -> str:
    """Name the newer Python syntax a parse error comes from, or return an empty string."""
    line = (exc.text or "")[:1000]
    if sys.version_info < (3, 12) and _PEP695.match(line):
        return "Python 3.12 syntax (PEP 695 type parameters or a type alias)"
    if sys.version_info < (3, 12) and (exc.msg or "").startswith("f-string"):
        return "Python 3.12 f-string syntax (PEP 701)"
    return ""
