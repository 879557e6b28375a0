"""The diff classifier's edges: what is code, behaviour, docs-only, tests-only, format-only.

Issue 26 replaced the classifier's copy-and-strip passes (a deep copy of both sides, five
transforms, ten ``ast.dump``s) by normal forms read off the trees in one pass, stopping at the
first behaviour change (``checks/python/canonical.py``); the copying passes stay for what only
they can tell. Each row is judged three ways: through a real repository and ``kind`` (what the
checks see), by the copying passes, and by the one-pass reading where it answers — the two must
never disagree, and an early stop must never skip a later behaviour change in the same file.
"""

from __future__ import annotations

import ast
import warnings

import pytest
from mergeready.checks.contribution import Contribution
from mergeready.checks.diffkind import _differing, _read_off, kind
from mergeready.checks.python.copies import by_copies
from mergeready.checks.python.pycode import python_view

CLASS = 'class Layer:\n    """A layer."""\n\n' + "".join(
    f'    def m{n}(self, x):\n        """M{n}."""\n        y = x + {n}\n        return y\n\n'
    for n in range(6)
)

# (id, base, head, kind, the one-pass reading answers)
ROWS = [
    (
        "reformatted",
        "def f(a,b):\n    return a+b\n",
        "def f(a, b):\n    return a + b\n",
        "none",
        True,
    ),
    (
        "a comment",
        "def f(a):\n    return a\n",
        "def f(a):\n    # why\n    return a\n",
        "none",
        True,
    ),
    (
        "a local renamed",
        "def f(a):\n    total = a + 1\n    return total\n",
        "def f(a):\n    result = a + 1\n    return result\n",
        "none",
        True,
    ),
    (
        "a private function's parameter renamed",
        "def _f(a):\n    return a\n",
        "def _f(value):\n    return value\n",
        "none",
        True,
    ),
    (
        "a public parameter renamed is its keyword API",
        "def f(a):\n    return a\n",
        "def f(value):\n    return value\n",
        "code",
        True,
    ),
    (
        "a public parameter the body rebinds, renamed",
        "def f(a):\n    a = a + 1\n    return a\n",
        "def f(b):\n    b = b + 1\n    return b\n",
        "code",
        True,
    ),
    (
        "a local renamed to a global's name",
        "X = 1\n\n\ndef f(a):\n    y = a\n    return y + X\n",
        "X = 1\n\n\ndef f(a):\n    X = a\n    return X + X\n",
        "code",
        True,
    ),
    (
        "a docstring",
        'def f(a):\n    """Old."""\n    return a\n',
        'def f(a):\n    """New, said better."""\n    return a\n',
        "docstrings",
        True,
    ),
    ("a module docstring", '"""Old."""\nX = 1\n', '"""New."""\nX = 1\n', "docstrings", True),
    (
        "a second string statement is not a docstring",
        'def f(a):\n    """Doc."""\n    "old"\n    return a\n',
        'def f(a):\n    """Doc."""\n    "new"\n    return a\n',
        "code",
        True,
    ),
    (
        "annotations",
        "def f(a, *args, **kw):\n    return a\n",
        "def f(a: int, *args: str, **kw: float) -> int:\n    return a\n",
        "annotations",
        True,
    ),
    (
        "a typing import with annotations",
        "def f(a):\n    return a\n",
        "from typing import Optional\n\n\ndef f(a: Optional[int]) -> int:\n    return a\n",
        "annotations",
        True,
    ),
    (
        "an annotated assignment",
        "def f(a):\n    b = a\n    return b\n",
        "def f(a):\n    b: int = a\n    return b\n",
        "annotations",
        True,
    ),
    (
        "a bare annotation in a function",
        "def f(a):\n    return a\n",
        "def f(a):\n    b: int\n    return a\n",
        "annotations",
        True,
    ),
    (
        "a dataclass field's type",
        "class C:\n    x: int = 0\n",
        "class C:\n    x: float = 0\n",
        "annotations",
        True,
    ),
    (
        "a dataclass field turned ClassVar",
        "class C:\n    x: int = 0\n",
        "class C:\n    x: ClassVar[int] = 0\n",
        "code",
        True,
    ),
    (
        "a field removed",
        "class C:\n    x: int\n    y: int = 0\n",
        "class C:\n    y: int = 0\n",
        "code",
        True,
    ),
    (
        "an annotation that calls code",
        "def f(a):\n    return a\n",
        "def f(a: print('x') or int):\n    return a\n",
        "code",
        True,
    ),
    (
        "typing.cast",
        "import typing\n\n\ndef f(a):\n    return a\n",
        "import typing\n\n\ndef f(a):\n    return typing.cast(int, a)\n",
        "annotations",
        True,
    ),
    (
        "cast imported from typing",
        "from typing import cast\n\n\ndef f(a):\n    return a\n",
        "from typing import cast\n\n\ndef f(a):\n    return cast(int, a)\n",
        "annotations",
        True,
    ),
    (
        "another module's cast",
        "def f(a):\n    return a\n",
        "def f(a):\n    return ops.cast(a, 'int32')\n",
        "code",
        True,
    ),
    (
        "a cast with its import in an unchanged statement",
        '"""M."""\nfrom typing import cast\n\n\ndef f(a):\n    return a\n',
        '"""M."""\nfrom typing import cast\n\n\ndef f(a):\n    return cast(int, a)\n',
        "code",
        True,
    ),
    (
        "if TYPE_CHECKING",
        '"""M."""\n\n\ndef f(a):\n    return a\n',
        '"""M."""\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import os\n\n\n'
        "def f(a):\n    return a\n",
        "annotations",
        False,
    ),
    (
        "an import added",
        "import os\n\n\ndef f(a):\n    return a\n",
        "import os\nimport sys\n\n\ndef f(a):\n    return a\n",
        "exports",
        False,
    ),
    (
        "an import swapped",
        "import json as codec\n\n\ndef f(s):\n    return codec.loads(s)\n",
        "import pickle as codec\n\n\ndef f(s):\n    return codec.loads(s)\n",
        "code",
        False,
    ),
    ("__all__", "__all__ = ['a']\n", "__all__ = ['a', 'b']\n", "exports", False),
    (
        "a version computed by a call",
        "__version__ = '1.0'\n",
        "__version__ = get_version()\n",
        "code",
        True,
    ),
    (
        "an export decorator",
        "def f():\n    return 1\n",
        "@pkg_export('pkg.f')\ndef f():\n    return 1\n",
        "exports",
        False,
    ),
    (
        "the module's own decorator named like an export",
        "def my_export(fn):\n    return fn\n\n\ndef f():\n    return 1\n",
        "def my_export(fn):\n    return fn\n\n\n@my_export\ndef f():\n    return 1\n",
        "code",
        True,
    ),
    (
        "a typo in a message",
        "def f():\n    raise ValueError('teh value is wrong')\n",
        "def f():\n    raise ValueError('the value is wrong')\n",
        "text",
        False,
    ),
    (
        "a command behind a typo fix",
        "def f():\n    subprocess.run('git fetch origin now')\n",
        "def f():\n    subprocess.run('git push origin now')\n",
        "code",
        True,
    ),
    (
        "a command through a local name",
        "def f():\n    run = subprocess.run\n    run('git fetch origin now')\n",
        "def f():\n    run = subprocess.run\n    run('git push origin now')\n",
        "text",
        False,
    ),
    (
        "a host behind a typo fix",
        "HOSTS = ['pypi.org']\n",
        "HOSTS = ['pypi.orq']\n",
        "code",
        True,
    ),
    (
        "a helper extracted",
        "class A:\n    def f(self):\n        return [g * self.s for g in self.gs]\n\n"
        "    def h(self):\n        return [g * self.s for g in self.gs]\n",
        "class A:\n    def _scaled(self):\n        return [g * self.s for g in self.gs]\n\n"
        "    def f(self):\n        return self._scaled()\n\n"
        "    def h(self):\n        return self._scaled()\n",
        "moved",
        False,
    ),
    (
        "a new private helper that changes behaviour",
        "def f(a):\n    return a\n",
        "def _g(a):\n    return a * 2\n\n\ndef f(a):\n    return _g(a)\n",
        "code",
        False,
    ),
    (
        "a new public function",
        "def f(a):\n    return a\n",
        "def f(a):\n    return a\n\n\ndef g(b):\n    return b\n",
        "code",
        True,
    ),
    (
        # the first method's change is only a docstring: the walk must go on to the fifth
        "a docstring first, a behaviour change later in the same class",
        CLASS,
        CLASS.replace('"""M0."""', '"""M0, said better."""').replace("x + 4", "x - 4"),
        "code",
        True,
    ),
    (
        "a docstring first, a behaviour change later in the same file",
        CLASS + "\n\ndef tail(a):\n    return a\n",
        CLASS.replace('"""M1."""', '"""M1, better."""') + "\n\ndef tail(a):\n    return -a\n",
        "code",
        True,
    ),
    (
        "a rename first, a behaviour change later in the same function",
        "def f(a):\n    total = a\n    return total + 1\n",
        "def f(a):\n    result = a\n    return result + 2\n",
        "code",
        True,
    ),
    (
        "docstrings in every method of a class",
        CLASS,
        CLASS.replace('."""', ', better."""'),
        "docstrings",
        True,
    ),
    (
        "a statement moved after its use",
        "import os\n\nX = os.sep\n",
        "X = os.sep\n\nimport os\n",
        "exports",
        False,
    ),
    (
        "a nested function's local renamed",
        "def f(a):\n    def g(b):\n        c = b\n        return c\n    return g(a)\n",
        "def f(a):\n    def g(b):\n        d = b\n        return d\n    return g(a)\n",
        "none",
        True,
    ),
    (
        "a lambda's body changed",
        "def f(a):\n    return sorted(a, key=lambda x: x)\n",
        "def f(a):\n    return sorted(a, key=lambda x: -x)\n",
        "code",
        True,
    ),
    (
        "a constant's type changed",
        "X = 1\n",
        "X = 1.0\n",
        "code",
        True,
    ),
    (
        "a test changed",
        "def test_f():\n    assert f(1) == 1\n",
        "def test_f():\n    assert f(1) == 2\n",
        "code",
        True,
    ),
    (
        "a test's docstring",
        'def test_f():\n    """Old."""\n    assert f(1) == 1\n',
        'def test_f():\n    """New."""\n    assert f(1) == 1\n',
        "docstrings",
        True,
    ),
]


def _trees(base: str, head: str) -> tuple[ast.Module, ast.Module]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a, b = ast.parse(base), ast.parse(head)
    lines_a, lines_b = python_view(base.encode()).lines(), python_view(head.encode()).lines()
    return _differing(a, lines_a, b, lines_b)


@pytest.mark.parametrize("name, base, head, expected, fast", ROWS, ids=[r[0] for r in ROWS])
def test_both_readings_agree_on_every_edge(name, base, head, expected, fast):
    a, b = _trees(base, head)
    assert by_copies(a, b, "pkg") == expected
    a, b = _trees(base, head)
    found = _read_off(a, b)
    assert found == (expected if fast else None)


@pytest.mark.parametrize("name, base, head, expected, fast", ROWS, ids=[r[0] for r in ROWS])
def test_the_kind_of_a_real_diff(git_repo, name, base, head, expected, fast):
    git_repo.write("pkg/__init__.py", "")
    git_repo.write("pkg/m.py", base)
    git_repo.commit("initial")
    git_repo.branch("topic")
    git_repo.write("pkg/m.py", head)
    git_repo.commit("change")
    c = Contribution.from_git(git_repo.path, base="main")
    try:
        assert kind(c, c.files[0]) == expected
    finally:
        c.close()
