"""The marks that skip a test whatever happens: ``skip``, ``skipif`` on a condition always true.

``@pytest.mark.skip``, ``@unittest.skip``, ``xfail`` without a condition, ``skipif()`` with none
(pytest skips then), ``skipif(True)``, ``skipif("True")`` and ``skipif("sys.platform")``
(pytest evaluates a string condition with ``os``, ``sys`` and ``platform`` in scope; it is read
here, never run), ``skipif(os.sep)`` (a value no platform leaves empty: ``platform_facts``),
``skipUnless(False)``, ``expectedFailure``, an empty ``parametrize``. A condition that can go
either way (``sys.platform == "win32"``, a project's flag) keeps the test counting. Marks are
read on the test, its class and bases, and in ``pytestmark``, through module names bound to a
mark (``later = pytest.mark.skip``) or bound once to a value (``ALWAYS = os.sep``).
"""

from __future__ import annotations

import ast
from typing import NamedTuple

from mergeready.checks.testing.empty_values import empty_values
from mergeready.checks.testing.reach import fold
from mergeready.checks.testing.vacuous import dotted, truth


def skip_decorator(dec: ast.expr) -> str:
    """Say why a mark or decorator skips its test whatever happens, if it does.

    Args:
        dec: The decorator (or a ``pytestmark`` item), its names resolved.

    Returns:
        The reason, or an empty string when it skips only on a condition that can go either way.
    """
    call = dec if isinstance(dec, ast.Call) else None
    name = dotted(call.func if call else dec).rsplit(".", 1)[-1]
    if name in ("skip", "expectedFailure"):
        return _ALWAYS[name]
    if call is None:
        return _ALWAYS["xfail()"] if name == "xfail" else ""
    if name == "parametrize":
        return _ALWAYS["parametrize"] if _no_values(call) else ""
    return _conditional(name, call)


def _conditional(name: str, call: ast.Call) -> str:
    """``xfail`` without a condition or on an always-true one, ``skipif(True)``, ``skipif()``
    with no condition (pytest skips then), ``skipUnless(False)``; pytest's marks skip when any of
    their conditions holds and evaluate a string one, unittest's take a string as a value."""
    keyword = [k.value for k in call.keywords if k.arg == "condition"]
    conditions = keyword or call.args
    if name in ("skipif", "xfail"):
        return _marked(name, conditions)
    wanted = _WHEN_SKIPPED.get(name)
    if wanted is None or not conditions or not _constant(conditions[0], wanted, False):
        return ""
    return f"it is marked {name} with an always-{str(wanted).lower()} condition"


def _marked(name: str, conditions: list[ast.expr]) -> str:
    """pytest's ``skipif``/``xfail``: no condition, or any of them always true (a string read as
    pytest evaluates it)."""
    if not conditions:
        return _ALWAYS["xfail()"] if name == "xfail" else _ALWAYS["skipif()"]
    if not any(_constant(c, True) for c in conditions):
        return ""
    return (
        _ALWAYS["xfail()"]
        if name == "xfail"
        else "it is marked skipif with an always-true condition"
    )


_ALWAYS = {
    "skip": "it is marked skip",
    "expectedFailure": "it is marked expectedFailure",
    "xfail()": "it is marked xfail unconditionally",
    "skipif()": "it is marked skipif with no condition, which pytest takes as always",
    "parametrize": "it is parametrized with no values (or only skipped ones), so pytest skips it",
}
# The value of the condition that skips: ``skipif(True)``, ``skipUnless(False)``.
_WHEN_SKIPPED = {"skipif": True, "skipIf": True, "skipUnless": False}


def _no_values(call: ast.Call) -> bool:
    """No values, or every value a ``pytest.param(…, marks=<an unconditional skip>)``."""
    values = call.args[1] if len(call.args) > 1 else None
    values = next((k.value for k in call.keywords if k.arg == "argvalues"), values)
    if not isinstance(values, (ast.List, ast.Tuple)):
        return False
    return all(_skipped_param(v) for v in values.elts[:1_000])


def empty_parametrize(dec: ast.expr, tree: ast.Module) -> str:
    """Say whether a ``parametrize`` runs over values empty in another spelling.

    Args:
        dec: The decorator.
        tree: Its module (``empty_values`` reads its names).

    Returns:
        The reason, or an empty string.
    """
    if not (isinstance(dec, ast.Call) and dotted(dec.func).rsplit(".", 1)[-1] == "parametrize"):
        return ""
    values = dec.args[1] if len(dec.args) > 1 else None
    values = next((k.value for k in dec.keywords if k.arg == "argvalues"), values)
    return _ALWAYS["parametrize"] if values is not None and empty_values(values, tree) else ""


def _skipped_param(value: ast.expr) -> bool:
    if not (isinstance(value, ast.Call) and dotted(value.func).rsplit(".", 1)[-1] == "param"):
        return False
    marks = next((k.value for k in value.keywords if k.arg == "marks"), None)
    listed = marks.elts if isinstance(marks, (ast.List, ast.Tuple)) else [marks] if marks else []
    return any(skip_decorator(m) for m in listed)


def _constant(node: ast.expr, wanted: bool, evaluated: bool = True) -> bool:
    """True when a skip condition is always ``wanted``.

    pytest evaluates a string condition as Python with ``os``, ``sys`` and ``platform`` in
    scope: it is read (parsed, never run), so ``"sys.platform"`` is as true as ``sys.platform``
    (``platform_facts``); unittest takes a string as a value (``skipIf("False")`` skips).
    """
    text = node.value if isinstance(node, ast.Constant) else None
    if evaluated and isinstance(text, str):
        if len(text) > 2_000:
            return False
        try:
            node = ast.parse(text.strip(), mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return truth(node) is wanted


class Names(NamedTuple):
    """The module names a mark is read through."""

    marks: dict[str, ast.expr]  # module names bound to a mark (``later = pytest.mark.skip``)
    once: dict[str, ast.expr]  # module names bound once, folded into a mark's conditions


def decorated(
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    classes: list[ast.ClassDef],
    names: Names,
    tree: ast.Module,
) -> str:
    """Say why a test's decorators, or its class's and bases', skip it whatever happens.

    Args:
        node: The test.
        classes: Its class, then its bases.
        names: The module's names marks are read through.
        tree: The module.

    Returns:
        The reason, or an empty string.
    """
    for owner in [node, *classes]:
        for dec in owner.decorator_list:
            reason = skip_decorator(_resolved(dec, names)) or empty_parametrize(dec, tree)
            if reason:
                return reason
    return ""


def marks(body: list[ast.stmt], names: Names, what: str) -> str:
    """Say why a block's ``pytestmark`` (assigned, augmented or annotated) skips its tests.

    Args:
        body: A module's or a class's statements.
        names: The module's names marks are read through.
        what: How the reason names the mark (``class pytestmark``).

    Returns:
        The reason, or an empty string.
    """
    for stmt in body:
        value = pytestmark_value(stmt)
        if value is None:
            continue
        marks = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
        for mark in marks:
            reason = skip_decorator(_resolved(mark, names))
            if reason:
                return f"{reason} ({what})"
    return ""


def pytestmark_value(stmt: ast.stmt) -> ast.expr | None:
    """Return the value a statement gives ``pytestmark`` (assigned, augmented or annotated).

    Args:
        stmt: A statement of a module or a class body.

    Returns:
        The value, or None when the statement does not set ``pytestmark``.
    """
    if isinstance(stmt, ast.Assign):
        named = any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets)
        return stmt.value if named else None
    if isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        target = stmt.target
        return stmt.value if isinstance(target, ast.Name) and target.id == "pytestmark" else None
    return None


def module_names(tree: ast.Module) -> dict[str, ast.expr]:
    """Return module-level names bound to a mark: ``later = pytest.mark.skip(reason=…)``.

    Args:
        tree: The module.

    Returns:
        Each name's last top-level value.
    """
    out: dict[str, ast.expr] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                out[target.id] = stmt.value
    return out


def _resolved(dec: ast.expr, names: Names) -> ast.expr:
    """A mark through the names bound to it; its conditions through names bound once
    (``ALWAYS = os.sep``; ``skipif(ALWAYS)`` is ``skipif(os.sep)``)."""
    for _ in range(3):
        target = dec.func if isinstance(dec, ast.Call) else dec
        if not (isinstance(target, ast.Name) and target.id in names.marks):
            break
        bound = names.marks[target.id]
        dec = bound if not isinstance(dec, ast.Call) else ast.Call(bound, dec.args, dec.keywords)
    if not isinstance(dec, ast.Call) or not names.once:
        return dec
    keywords = [ast.keyword(k.arg, fold(k.value, names.once)) for k in dec.keywords]
    return ast.Call(dec.func, [fold(a, names.once) for a in dec.args], keywords)
