"""A test module's facts (constants, names bound, imports): one walk per tree, kept weakly.

They are kept per tree, weakly (issue 26: three walks of every test module per class were a
third of a history's CPU): a tree's facts are never another tree's, even when a freed tree's
``id`` comes back, and what a caller does to the answer never changes the kept facts.
"""

from __future__ import annotations

import ast
import gc

from mergeready.checks.testing.module_facts import bound_counts, import_aliases, module_constants


def test_each_tree_has_its_own_facts_even_when_an_id_comes_back():
    for n in range(60):  # CPython hands a freed tree's id to the next one here
        tree = ast.parse(f"import pytest as p{n}\nDEBUG = {n}\n")
        assert ast.literal_eval(module_constants(tree)["DEBUG"]) == n
        assert import_aliases(tree) == {f"p{n}": "pytest"}
        assert bound_counts(tree)["DEBUG"] == 1
        del tree
        gc.collect()


def test_what_a_caller_does_to_an_answer_is_not_kept():
    tree = ast.parse("import pytest as pt\nDEBUG = False\n")
    module_constants(tree).clear()
    import_aliases(tree).clear()
    assert list(module_constants(tree)) == ["DEBUG"]
    assert import_aliases(tree) == {"pt": "pytest"}


def test_a_second_binding_or_a_patch_still_unmakes_a_constant():
    cases = {
        "DEBUG = False\n": ["DEBUG"],
        "DEBUG = False\nDEBUG = True\n": [],
        "DEBUG = False\ndef f(DEBUG): pass\n": [],
        "DEBUG = False\ndef t(m): m.setattr(mod, 'DEBUG', True)\n": [],
        "DEBUG = False\ndef t(m): m.setattr(mod, 'DEBUG', False)\n": ["DEBUG"],
    }
    for source, expected in cases.items():
        assert list(module_constants(ast.parse(source))) == expected, source
