"""The tools behind docstrings-complete, each behind a small interface that can be replaced.

``ParsedDocstring`` is what the check needs to know of a docstring (documented parameters,
returns, yields, raised exceptions); ``parse`` gets it from pylint's docparams docstring parsers
(Google, NumPy, Sphinx and Epytext styles). ``style_errors`` runs pydocstyle's convention
checker in-process. Neither reads any configuration file: mergeready passes every option.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import SimpleNamespace


@dataclass(frozen=True)
class ParsedDocstring:
    """What a docstring documents."""

    params: frozenset[str]
    returns: bool
    yields: bool
    raises: frozenset[str]
    elsewhere: bool = False


def parse(docstring: str, param_sections: Sequence[str] = ()) -> ParsedDocstring:
    """Parse a docstring with pylint's docparams parsers, whatever its style.

    Args:
        docstring: The docstring's text.
        param_sections: Extra Google-style section titles that document parameters
            (Keras's ``Call arguments``).

    Returns:
        What the docstring documents.
    """
    from pylint.extensions import _check_docs_utils as utils

    doc = utils.docstringify(SimpleNamespace(value=docstring), "default")
    with_doc, _with_type = doc.match_param_docs()
    params = frozenset(p.lstrip("*") for p in with_doc)
    for section in _sections(docstring, param_sections):
        extra = utils.docstringify(SimpleNamespace(value=section), "google")
        params |= {p.lstrip("*") for p in extra.match_param_docs()[0]}
    returns = bool(doc.has_returns() or doc.has_rtype())
    yields = bool(doc.has_yields() or (not doc.supports_yields and returns))
    raises = frozenset(e.rsplit(".", 1)[-1] for e in doc.exceptions())
    return ParsedDocstring(params, returns, yields, raises, doc.params_documented_elsewhere())


def _sections(docstring: str, titles: Sequence[str]) -> Iterator[str]:
    """Yield each extra parameter section (``Call arguments:``) rewritten as an ``Args:`` one."""
    lines = docstring.expandtabs().splitlines()
    for i, line in enumerate(lines):
        title = line.strip().rstrip(":").strip()
        if line.strip().endswith(":") and title in titles:
            indent = len(line) - len(line.lstrip())
            block = ["Args:"]
            for following in lines[i + 1 :]:
                if following.strip() and len(following) - len(following.lstrip()) <= indent:
                    break
                block.append(following[indent:])
            yield "\n".join(block)


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
