"""The tools behind docstrings-complete, each behind a small interface that can be replaced.

``ParsedDocstring`` is what the check needs to know of a docstring (documented parameters,
returns, yields, raised exceptions, its style); ``parse`` gets it from mergeready's own reader of
Google, NumPy, Sphinx and Epytext sections (``docstring_sections``), which replaced pylint's
docparams parsers: those missed Sphinx yields, ``(int, default=5)`` types, ``:param *args:``
and escaped names, and their regular expressions are not ours to keep linear on contributed
text. ``style_errors`` runs pydocstyle's convention checker in-process. Neither reads any
configuration file: mergeready passes every option.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mergeready.checks.docstrings.sections import read


@dataclass(frozen=True)
class ParsedDocstring:
    """What a docstring documents."""

    params: frozenset[str]
    returns: bool
    yields: bool
    raises: frozenset[str]
    elsewhere: bool = False
    documented: tuple[str, ...] = ()
    typed_only: frozenset[str] = frozenset()
    style: str | None = None


def parse(docstring: str, param_sections: Sequence[str] = ()) -> ParsedDocstring:
    """Read what a docstring documents, whatever its style (Google, NumPy, Sphinx, Epytext).

    Args:
        docstring: The docstring's text.
        param_sections: Extra Google-style section titles that document parameters
            (Keras's ``Call arguments``).

    Returns:
        What the docstring documents.
    """
    found = read(docstring, param_sections)
    # Sphinx and Epytext generators are often documented with ``:returns:``.
    yields = found.yields or (found.returns and found.style in ("sphinx", "epytext"))
    return ParsedDocstring(
        params=frozenset(found.params),
        returns=found.returns,
        yields=yields,
        raises=frozenset(found.raises),
        elsewhere=found.elsewhere,
        documented=tuple(dict.fromkeys(found.params)),
        typed_only=frozenset(found.typed_only),
        style=found.style,
    )


@dataclass(frozen=True)
class StyleError:
    """One violation of a docstring convention."""

    code: str
    line: int
    definition_line: int
    message: str


def style_errors(
    source: str, path: str, convention: str, inline_noqa: bool = False
) -> Iterator[StyleError]:
    """Run pydocstyle's checker for one convention on a module's source.

    Args:
        source: The module's source text.
        path: Its path, for pydocstyle's messages.
        convention: ``pep257``, ``google`` or ``numpy``.
        inline_noqa: Honour ``# noqa`` comments in the source; off unless the base
            configuration allows it, as a contributed comment must not switch a check off.

    Yields:
        Each violation, with the line of the definition it concerns. Missing docstrings (D1xx)
        and undocumented arguments (D417) are left to the presence and params requirements.

    Raises:
        ValueError: If the convention is unknown.
    """
    from pydocstyle.checker import ConventionChecker
    from pydocstyle.violations import conventions

    if convention not in conventions:
        raise ValueError(convention)
    codes = conventions[convention]
    logging.getLogger("pydocstyle").setLevel(logging.CRITICAL)
    try:
        errors = list(
            ConventionChecker().check_source(
                source, path, ignore_decorators=None, ignore_inline_noqa=not inline_noqa
            )
        )
    except Exception:  # pydocstyle's own parser fails on some valid code; report nothing
        return
    for error in errors:
        if error.code in codes and not error.code.startswith("D1") and error.code != "D417":
            start = int(getattr(error.definition, "start", 0) or 0)
            yield StyleError(error.code, int(error.line), start, f"{error.code} {error.short_desc}")


def conventions() -> tuple[str, ...]:
    """List the conventions pydocstyle knows.

    Returns:
        Their names.
    """
    from pydocstyle.violations import conventions as known

    return tuple(known)
