"""The one error type that the command line turns into exit status 2, and option checking."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any, Literal, get_args, get_origin


class MergereadyError(Exception):
    """A usage, configuration or repository problem, told in one line that says what to do."""


class OptionError(ValueError):
    """A check's option has a value it cannot use; raised by the check's ``Options``.

    The loader turns it into a ``MergereadyError`` that names the file that set the option.
    """

    def __init__(self, key: str, problem: str, word: str = "", choices: tuple[str, ...] = ()):
        """Describe the problem.

        Args:
            key: The option's YAML key (``ignore-regex``).
            problem: What is wrong, to follow the key (``is not a valid regular expression``).
            word: The value written, when the nearest valid one should be suggested.
            choices: The valid values, for the suggestion.
        """
        super().__init__(f"{key} {problem}")
        self.key, self.problem, self.word, self.choices = key, problem, word, choices


def check_choices(key: str, values: tuple[str, ...] | str | None, choices: tuple[str, ...]) -> None:
    """Raise an ``OptionError`` when a value is not one of the valid choices.

    Args:
        key: The option's YAML key.
        values: One value or several (None is always valid).
        choices: The valid values.

    Raises:
        OptionError: For the first value that is not a choice.
    """
    for value in (values,) if isinstance(values, str) else values or ():
        if value not in choices:
            raise OptionError(key, f"has unknown value {value!r}", str(value), choices)


def declared_choices(cls: Any) -> dict[str, tuple[str, ...]]:
    """The values each field of an ``Options`` dataclass accepts, read from its ``Literal`` type.

    A field typed ``Literal[...]``, ``Literal[...] | None`` or ``tuple[Literal[...], ...]`` accepts
    the literal's words; any other field is not listed. The engine's words are declared once, as
    the annotation, and the loader, the schema and the documentation read them from here.

    Args:
        cls: The dataclass.

    Returns:
        The field names (with ``_``) and their words, in field order.
    """
    namespace = vars(sys.modules[cls.__module__])
    table: dict[str, tuple[str, ...]] = {}
    for item in dataclasses.fields(cls):
        words = _literal_words(_hint(item.type, namespace))
        if words:
            table[item.name] = words
    return table


def _hint(annotation: Any, namespace: dict[str, Any]) -> Any:
    """A field's annotation as an object; a name only type checkers see is no ``Literal``."""
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, dict(namespace))  # noqa: S307 -- mergeready's own annotation
    except NameError:
        return None


def _literal_words(hint: Any) -> tuple[str, ...]:
    """The words of a ``Literal`` hint, of the ``Literal`` inside an optional or a tuple, or ()."""
    if get_origin(hint) is Literal:
        return tuple(str(word) for word in get_args(hint))
    for inner in get_args(hint):  # X | None, tuple[X, ...]
        if get_origin(inner) is Literal:
            return tuple(str(word) for word in get_args(inner))
    return ()


def check_declared(options: Any) -> None:
    """Raise an ``OptionError`` for the first field whose value is not one its type declares.

    Args:
        options: An ``Options`` instance.

    Raises:
        OptionError: Naming the key, the value and the nearest valid one.
    """
    for name, words in declared_choices(type(options)).items():
        check_choices(name.replace("_", "-"), getattr(options, name, None), words)
