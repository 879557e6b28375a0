"""codespell settings kept as ``args:`` of a codespell hook in ``.pre-commit-config.yaml``.

Projects such as click keep their word list there instead of in a codespell configuration
file. The file is read at the trusted revision and parsed as YAML data (nothing in it runs);
of every hook with ``id: codespell``, the ``--ignore-words-list``/``-L``, ``--skip``/``-S``
and ``--ignore-regex`` arguments are taken, in both ``--opt=value`` and ``--opt value`` forms.
``rules.tools.codespell_settings`` calls :func:`hook_settings` after its own files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from mergeready.rules.files import MAX_NODES, expanded_size

PATH: Final = ".pre-commit-config.yaml"
WHERE: Final = f"the codespell hook's args in {PATH}"
_OPTIONS: Final = {
    "--ignore-words-list": "ignore-words-list",
    "-L": "ignore-words-list",
    "--skip": "skip",
    "-S": "skip",
    "--ignore-regex": "ignore-regex",
}


def _parse(args: Sequence[Any]) -> dict[str, str]:
    """Read the options mergeready honours from one hook's argument list."""
    found: dict[str, str] = {}
    words = [str(a) for a in args if isinstance(a, (str, int, float))]
    for n, arg in enumerate(words):
        option = _option(arg, words[n + 1] if n + 1 < len(words) else "")
        if option is not None:
            key, value = _OPTIONS[option[0]], option[1]
            joined = key in found and key != "ignore-regex"  # a regex replaces, lists add up
            found[key] = f"{found[key]},{value}" if joined else value
    return found


def _option(arg: str, following: str) -> tuple[str, str] | None:
    """The option an argument gives and its value (``--skip=x``, ``--skip x``, ``-Sx``), or
    None when it is not one mergeready honours."""
    name, eq, value = arg.partition("=")
    if name in _OPTIONS:
        return name, value if eq else following
    if arg[:2] in ("-L", "-S") and len(arg) > 2:  # -Lword,word
        return arg[:2], arg[2:]
    return None


def hook_settings(read: Callable[[str], str | None]) -> tuple[dict[str, str], str]:
    """Collect codespell options from the codespell hooks of the pre-commit configuration.

    Args:
        read: Reads a file from the trusted revision (None when it does not exist).

    Returns:
        The options as codespell names them (``ignore-words-list``, ``skip``,
        ``ignore-regex``), and where they came from (empty when none were found).
    """
    text = read(PATH)
    if not text or "codespell" not in text:
        return {}, ""
    import yaml

    try:
        if expanded_size(yaml.compose(text, Loader=yaml.SafeLoader)) > MAX_NODES:
            return {}, ""  # an alias bomb holds no codespell hook worth expanding
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}, ""
    found: dict[str, str] = {}
    for hook in _hooks(data):
        if hook.get("id") == "codespell":
            args = hook.get("args")
            found.update(_parse(args if isinstance(args, list) else []))
    return found, (WHERE if found else "")


def _hooks(data: Any) -> list[dict[str, Any]]:
    """Every hook mapping of a pre-commit configuration, whatever shape the YAML has."""
    repos = data.get("repos") if isinstance(data, dict) else None
    repos = repos if isinstance(repos, list) else []
    lists = [repo.get("hooks") for repo in repos if isinstance(repo, dict)]
    hooks = [hook for each in lists if isinstance(each, list) for hook in each]
    return [hook for hook in hooks if isinstance(hook, dict)]
