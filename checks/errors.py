"""The one error type that the command line turns into exit status 2."""

from __future__ import annotations


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
