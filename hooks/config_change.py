"""A contribution that changes mergeready's own configuration gets that configuration checked.

The contribution's ``.mergeready.yaml`` (or ``[tool.mergeready]`` in ``pyproject.toml``, or the
``--config`` file) is never used: configuration comes from the base. But a broken one would
land and then break every later run, so the new text is validated (never applied) and every
problem is an ``MR010`` error finding on that file, in an engine-level ``configuration``
check that every type of the contribution requires.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from mergeready.checks.contribution import Contribution
from mergeready.checks.errors import MergereadyError
from mergeready.checks.model import CheckResult, Evidence, Finding, Result, TypeMatch, TypeVerdict
from mergeready.rules import loader

CHECK_ID: Final = "configuration"
CODE: Final = "MR010"


def findings(
    contribution: Contribution, config: str | None, names: tuple[str, ...]
) -> list[Finding]:
    """Validate the configuration files the contribution changes, as data.

    Args:
        contribution: The contribution (its configuration is read from the base).
        config: The ``--config`` file, if one was named.
        names: mergeready's default configuration file names.

    Returns:
        One error finding per changed configuration file that would not load.
    """
    if contribution.mode == "all" or contribution.config_rev is None:
        return []  # the configuration in use is this very text: loading it validated it
    wanted = [config] if config else [*names, "pyproject.toml"]
    out = []
    for f in contribution.files:
        if f.path not in wanted or not f.exists:
            continue
        text = contribution.text(f)
        if text is None:
            continue
        try:
            _load(f.path, text, pyproject=f.path == "pyproject.toml" and not config)
        except MergereadyError as exc:
            out.append(
                Finding(
                    CODE,
                    "error",
                    str(exc),
                    f.path,
                    hint="fix it before it lands: once merged it would break every later run "
                    "(this contribution is still checked with the base's configuration)",
                )
            )
    return out


def _load(path: str, text: str, pyproject: bool) -> None:
    """Load a changed configuration file as data: raise what the loader finds wrong in it."""
    where = f"{path} (as this contribution changes it)"
    if pyproject:
        table = loader.parse_pyproject(text, where)
        if table is not None:
            loader.load(table, f"{where} [tool.mergeready]")
    else:
        loader.load(loader.parse_yaml(text, where), where)


def apply(result: Result, problems: list[Finding]) -> Result:
    """Add the ``configuration`` check, failed, to a result when there are problems.

    Args:
        result: The result of the checks.
        problems: The findings of :func:`findings`.

    Returns:
        The result, unchanged when there are no problems; else with the failed check required
        by every type (``maintenance`` when the contribution has none).
    """
    if not problems:
        return result
    check = CheckResult(
        CHECK_ID, "fail", "the contribution's mergeready configuration is invalid", tuple(problems)
    )
    evidence = tuple(Evidence("path", p.path or "") for p in problems)
    types = result.types or (TypeMatch("maintenance", evidence),)
    by_type = {}
    for t in types:
        old = result.by_type.get(t.type, TypeVerdict((), True))
        by_type[t.type] = TypeVerdict((*old.required, CHECK_ID), False, (*old.failed, CHECK_ID))
    return replace(result, types=types, checks=(*result.checks, check), by_type=by_type)
