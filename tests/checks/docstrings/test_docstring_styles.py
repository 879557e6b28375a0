"""docstrings-complete reads Google, NumPy and Sphinx docstrings as they are really written.

A correctly documented definition is never flagged, whichever spelling of an entry its style
allows; a real gap is still found in each style.
"""

from __future__ import annotations

import itertools
import textwrap

import pytest
from helpers import run_check, story
from mergeready.checks.docstrings.docstrings_complete import Options

STRICT = Options(require=("presence", "params", "returns", "raises", "yields"))
VARARGS = Options(require=STRICT.require, document_varargs=True)
MODULE = '"""A module."""\n\nimport errors\n'


def check(git_repo, code: str, options: Options = STRICT):
    story(git_repo, {"m.py": MODULE}, {"m.py": MODULE + "\n\n" + textwrap.dedent(code)})
    return run_check(git_repo, "docstrings-complete", options)


def findings(git_repo, code: str, options: Options = STRICT) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in check(git_repo, code, options).findings]


# --- each class of false alarm, in every style it applies to ------------------------------

SPHINX_GENERATORS = {
    ":yield:": ":yield: The numbers.",
    ":yields:": ":yields: The numbers.",
    ":ytype:": ":ytype: int",
    ":returns: (as many Sphinx projects write it)": ":returns: The numbers.",
}


@pytest.mark.parametrize("field", SPHINX_GENERATORS.values(), ids=SPHINX_GENERATORS)
def test_a_sphinx_generator_documents_what_it_yields(git_repo, field):
    code = f'''
    def count(n):
        """Count.

        :param n: How far.
        {field}
        """
        yield from range(n)
    '''
    assert findings(git_repo, code) == []


GOOGLE_TYPES = {
    "default in the type": "arg1 (int, default=5): The first.",
    "double backticks": "arg1 (``bool``): The first.",
    "optional": "arg1 (int, optional): The first.",
    "nested brackets": "arg1 (Dict[str, Tuple[int, int]]): The first.",
    "a role": "arg1 (:obj:`int`): The first.",
    "no description": "arg1 (int):",
    "name only": "arg1:",
}


@pytest.mark.parametrize("entry", GOOGLE_TYPES.values(), ids=GOOGLE_TYPES)
def test_a_google_entry_documents_its_argument_whatever_its_type_says(git_repo, entry):
    code = f'''
    def f(arg1=5):
        """Do it.

        Args:
            {entry}
        """
    '''
    assert findings(git_repo, code) == []


STAR_ARGS = {
    "sphinx": ":param *args: Positional.\n        :param **kwargs: Keywords.",
    "sphinx escaped": ":param \\\\*args: Positional.\n        :param \\\\*\\\\*kwargs: Keywords.",
    "google": "Args:\n            *args: Positional.\n            **kwargs: Keywords.",
    "numpy": "Parameters\n        ----------\n        *args\n            Positional.\n"
    "        **kwargs\n            Keywords.",
}


@pytest.mark.parametrize("section", STAR_ARGS.values(), ids=STAR_ARGS)
def test_star_arguments_are_documented_in_every_style(git_repo, section):
    code = f'''
    def f(*args, **kwargs):
        """Do it.

        {section}
        """
    '''
    assert findings(git_repo, code, VARARGS) == []


NUMPY_ESCAPES = {
    "escaped underscore": ("arg1_", "arg1\\\\_ : int"),
    "escaped star": ("*args", "\\\\*args : tuple"),
    "escaped star in a raw docstring": ("*args", "\\\\*args : tuple"),
}


@pytest.mark.parametrize("name, entry", NUMPY_ESCAPES.values(), ids=NUMPY_ESCAPES)
def test_numpydoc_escaped_names_are_unescaped(git_repo, name, entry):
    prefix = "r" if "raw" in entry or name == "*args" else ""
    code = f'''
    def f({name}):
        {prefix}"""Do it.

        Parameters
        ----------
        {entry}
            The first.
        """
    '''
    assert findings(git_repo, code, VARARGS) == []


def test_a_numpy_yields_entry_needs_no_space_before_its_colon(git_repo):
    code = '''
    def f(n):
        """Do it.

        Parameters
        ----------
        n : int
            How many.

        Yields
        ------
        args: Iterable
            Each item.
        """
        yield n
    '''
    assert findings(git_repo, code) == []


FACTORIES = {
    "a factory on the class": ("raise Err.from_response(r)", "Err"),
    "a chain of attributes": ("raise MyException.a.b.c(r)", "MyException"),
    "a class in a module": ("raise errors.HTTPError(r)", "HTTPError"),
}


@pytest.mark.parametrize("statement, documented", FACTORIES.values(), ids=FACTORIES)
def test_the_exception_of_a_factory_call_is_its_class(git_repo, statement, documented):
    code = f'''
    def f(r):
        """Do it.

        Args:
            r: The response.

        Raises:
            {documented}: When it fails.
        """
        {statement}
    '''
    assert findings(git_repo, code) == []
    undocumented = code.replace(f"Raises:\n            {documented}: When it fails.\n", "")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("branch", "-q", "-D", "topic")
    found = findings(git_repo, undocumented)
    assert found == [("MR204", f"`f` raises {documented} but does not document it")]


def test_nothing_is_asked_for_an_exception_that_cannot_be_told(git_repo):
    code = '''
    def f(self, exc):
        """Do it.

        Args:
            self: Me.
            exc: What to raise.
        """
        if exc:
            raise exc
        raise self.error_class("x")
    '''
    assert findings(git_repo, code) == []


EMPTY_DESCRIPTIONS = {
    "google": "Args:\n            arg1 (int):",
    "numpy": "Parameters\n        ----------\n        arg1 : int",
    "sphinx": ":param arg1:",
}


@pytest.mark.parametrize("section", EMPTY_DESCRIPTIONS.values(), ids=EMPTY_DESCRIPTIONS)
def test_an_entry_that_names_the_parameter_documents_it_in_every_style(git_repo, section):
    code = f'''
    def f(arg1):
        """Do it.

        {section}
        """
    '''
    assert findings(git_repo, code) == []


def test_a_sphinx_type_field_alone_is_not_a_description_and_the_hint_says_so(git_repo):
    code = '''
    def f(arg1):
        """Do it.

        :type arg1: int
        """
    '''
    (finding,) = check(git_repo, code).findings
    assert finding.code == "MR202"
    assert finding.hint == "add ':param arg1: …' (':type arg1:' gives only its type)"


# --- documented parameters that do not exist (pydoclint's DOC102/103) ----------------------


def test_a_documented_parameter_that_does_not_exist_is_named_with_the_missing_one(git_repo):
    code = '''
    def ring(count, delay):
        """Ring.

        Args:
            count: How often.
            interval: How long between rings.
        """
    '''
    (finding,) = check(git_repo, code).findings
    assert finding.code == "MR202"
    assert finding.message == (
        "`ring` does not document `delay`; it documents `interval`, which is not a parameter"
    )


def test_a_misspelt_parameter_gets_did_you_mean(git_repo):
    code = '''
    def show(locals_overflow):
        """Show.

        :param locals_overlow: How many locals before they are cut.
        """
    '''
    (finding,) = check(git_repo, code).findings
    assert finding.hint == (
        "rename `locals_overlow` to `locals_overflow` in the docstring "
        "(did you mean `locals_overflow`?)"
    )


def test_documenting_only_a_parameter_that_does_not_exist_is_its_own_finding(git_repo):
    code = '''
    def f(a):
        """Do it.

        Parameters
        ----------
        a : int
            The a.
        b : int
            Gone since the last release.
        """
    '''
    assert findings(git_repo, code) == [
        ("MR208", "`f` documents `b`, which is not a parameter of its signature")
    ]


def test_keywords_documented_for_kwargs_are_not_reported(git_repo):
    code = '''
    def f(a, **options):
        """Do it.

        Args:
            a: The a.
            colour: Passed on through options.
        """
    '''
    assert findings(git_repo, code) == []


# --- hints in the project's own style --------------------------------------------------------


def test_the_hint_uses_the_style_of_the_module(git_repo):
    code = '''
    def documented(a):
        """Do it.

        :param a: The a.
        """


    def f(a, b):
        """Do it."""
    '''
    (finding,) = check(git_repo, code).findings
    assert finding.hint == "add ':param a: …' to the docstring"


def test_the_hint_follows_the_configured_convention_and_the_annotation(git_repo):
    code = '''
    def f(a: int):
        """Do it."""
    '''
    options = Options(require=STRICT.require, convention="numpy")
    (finding,) = check(git_repo, code, options).findings
    assert finding.hint == "add 'a : int' with a description in a Parameters section"


def test_the_google_hint_carries_the_annotation(git_repo):
    code = '''
    def f(a, limit: float = 1.0):
        """Do it.

        Args:
            a: The a.
        """
    '''
    (finding,) = check(git_repo, code).findings
    assert finding.hint == 'add "limit (float): …" under Args:'


# --- syntax newer than the running Python ----------------------------------------------------


def test_syntax_newer_than_the_running_python_says_which_python_is_needed(git_repo):
    import sys

    code = """
    type Pair = tuple[int, int]


    def first[T](xs: list[T]) -> T:
        return xs[0]
    """
    result = check(git_repo, code)
    if sys.version_info >= (3, 12):
        assert [f.code for f in result.findings] == ["MR201"]
        return
    (finding,) = result.findings
    assert (finding.code, finding.severity) == ("MR207", "warning")
    assert "Python 3.12" in finding.message and "PEP 695" in finding.message
    assert result.status == "skip" and "documented" not in result.summary


# --- the corpus: many correctly documented definitions, and the same with gaps -------------

GOOGLE_ENTRIES = [
    "{n}: The {n}.",
    "{n} (int): The {n}.",
    "{n} (int, optional): The {n}.",
    "{n} (int, default=5): The {n}.",
    "{n} (``int``): The {n}.",
    "{n} (Dict[str, int]): The {n}\n            over two lines.",
    "{n} (int):",
]
NUMPY_ENTRIES = [
    "{n} : int\n        The {n}.",
    "{n}\n        The {n}.",
    "{n} : int, optional\n        The {n}.",
    "{n} : {{'a', 'b'}}, default 'a'\n        The {n}.",
    "{n} : int",
]
SPHINX_ENTRIES = [
    ":param {n}: The {n}.",
    ":param int {n}: The {n}.",
    ":param {n}:\n    :type {n}: int",
    ":param {n}: The {n}\n        over two lines.",
    ":keyword {n}: The {n}.",
]
RETURNS = {
    "google": ["Returns:\n        The result.", "Returns:\n        int: The result."],
    "numpy": [
        "Returns\n    -------\n    int\n        The result.",
        "Returns\n    -------\n    result : int\n        The result.",
    ],
    "sphinx": [":returns: The result.", ":return: The result.\n    :rtype: int", ":rtype: int"],
}
YIELDS = {
    "google": ["Yields:\n        Each item.", "Yields:\n        int: Each item."],
    "numpy": [
        "Yields\n    ------\n    int\n        Each item.",
        "Yields\n    ------\n    item: int",
    ],
    "sphinx": [":yields: Each item.", ":yield: Each item.", ":ytype: int"],
}
RAISES = {
    "google": ["Raises:\n        {e}: When it fails."],
    "numpy": ["Raises\n    ------\n    {e}\n        When it fails."],
    "sphinx": [":raises {e}: When it fails.", ":raise {e}:", ":raises: {e}"],
}
RAISE_STATEMENTS = [
    ("raise ValueError(a)", "ValueError"),
    ("raise errors.HTTPError(a)", "errors.HTTPError"),
    ("raise Err.from_response(a)", "Err"),
    ("raise MyError.a.b.c(a)", "MyError"),
]
ENTRIES = {"google": GOOGLE_ENTRIES, "numpy": NUMPY_ENTRIES, "sphinx": SPHINX_ENTRIES}
SHAPES = ["function", "method", "async", "generator", "raises", "returns", "two params"]


def _docstring(style: str, entries: list[str], extra: list[str]) -> str:
    parts = ["Do it."]
    if entries and style == "google":
        parts.append("Args:\n        " + "\n        ".join(entries))
    elif entries and style == "numpy":
        parts.append("Parameters\n    ----------\n    " + "\n    ".join(entries))
    elif entries:
        parts.append("\n    ".join(entries))
    parts += extra
    return "\n\n    ".join(parts)


def _definition(style: str, k: int) -> tuple[str, dict[str, str]]:
    """Return one correctly documented definition, and the same with each kind of gap."""
    shape = SHAPES[k % len(SHAPES)]
    name = f"{style}_{k}"
    params = ["alpha", "beta"] if shape == "two params" else ["alpha"]
    table = ENTRIES[style]
    entries = [table[(k + i) % len(table)].format(n=p) for i, p in enumerate(params)]
    extra: list[str] = []
    body = "return None"
    gap = ""
    if shape in ("returns", "method", "async"):
        extra.append(RETURNS[style][k % len(RETURNS[style])])
        body, gap = "return alpha", "MR203"
    if shape == "generator":
        extra.append(YIELDS[style][k % len(YIELDS[style])])
        body, gap = "yield alpha", "MR205"
    if shape == "raises":
        statement, documented = RAISE_STATEMENTS[k % len(RAISE_STATEMENTS)]
        extra.append(RAISES[style][k % len(RAISES[style])].format(e=documented))
        body, gap = statement.replace("(a)", "(alpha)"), "MR204"

    def render(entries: list[str], extra: list[str]) -> str:
        doc = f'"""{_docstring(style, entries, extra)}\n"""\n{body}\n'
        signature = ", ".join(params)
        if shape == "method":
            head = f'class K{k}:\n    """K."""\n\n    def {name}(self, {signature}):\n'
            return head + textwrap.indent(doc, "        ")
        keyword = "async def" if shape == "async" else "def"
        return f"{keyword} {name}({signature}):\n" + textwrap.indent(doc, "    ")

    gaps = {"MR202": render(entries[1:], extra)}
    if gap:
        gaps[gap] = render(entries, [])
    return render(entries, extra), gaps


def _corpus(styles=tuple(ENTRIES)) -> list[tuple[str, dict[str, str]]]:
    return [_definition(style, k) for style, k in itertools.product(styles, range(36))]


def test_the_corpus_of_correctly_documented_definitions_gets_no_finding(git_repo):
    corpus = _corpus()
    module = "\n\n".join(text for text, _ in corpus)
    result = check(git_repo, module)
    assert len(corpus) >= 100
    assert [(f.code, f.message) for f in result.findings] == []
    assert result.status == "pass"


@pytest.mark.parametrize("style", list(ENTRIES))
def test_every_gap_in_the_corpus_is_still_found(git_repo, style):
    gaps = [(code, text) for _, by_code in _corpus((style,)) for code, text in by_code.items()]
    module = "\n\n".join(text for _, text in gaps)
    found = sorted(f.code for f in check(git_repo, module).findings)
    assert found == sorted(code for code, _ in gaps)


# --- the reader agrees with pylint's docparams parsers where those are right ---------------

PLAIN = {
    "google": "Do it.\n\nArgs:\n    a: The a.\n    b (int): The b.\n\nReturns:\n    The sum.",
    "numpy": "Do it.\n\nParameters\n----------\na : int\n    The a.\nb : int\n    The b.",
    "sphinx": "Do it.\n\n:param a: The a.\n:param int b: The b.\n:returns: The sum.",
}


@pytest.mark.parametrize("doc", PLAIN.values(), ids=PLAIN)
def test_the_reader_agrees_with_pylint_on_plainly_written_docstrings(doc):
    from types import SimpleNamespace

    from mergeready.checks.docstrings.backends import parse
    from pylint.extensions import _check_docs_utils as utils

    theirs = utils.docstringify(SimpleNamespace(value=doc), "default")
    ours = parse(doc)
    assert ours.params == frozenset(theirs.match_param_docs()[0]) == {"a", "b"}
    assert ours.returns == bool(theirs.has_returns() or theirs.has_rtype())
