"""Issue 22, bounded cost: hostile inputs cost time and memory linear in their size.

Each test builds the same hostile input at doubling sizes in real repositories, runs the real
check and counts its steps (Python function calls, through ``sys.setprofile``; or bytes at the
peak, through ``tracemalloc``), never seconds. A linear cost doubles with the input; the
bound allows 2.6 (a quadratic cost quadruples, an exponential one explodes). The table of
counts is printed, so a failure shows the growth.
"""

from __future__ import annotations

import json
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from helpers import Repo, story
from mergeready.checks.contribution import Contribution
from mergeready.checks.registry import CHECKS
from mergeready.rules.loader import load_policy

GROWTH = 2.6  # allowed ratio of steps when the input doubles


def _steps(action: Callable[[], object]) -> int:
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count


def _run(path: Path, check_id: str, types: tuple[str, ...]) -> Callable[[], object]:
    def action() -> object:
        c = Contribution.from_git(path, base="main").with_types(types)
        try:
            options = load_policy(c.config_text, where=c.config_source).options[check_id]
            return CHECKS[check_id].function(c, options)
        finally:
            c.close()

    return action


def _repo(root: Path, name: str, base: dict[str, str], head: dict[str, str], title: str) -> Path:
    (root / name).mkdir()
    repo = Repo(root / name)
    story(repo, base, head, title)
    return repo.path


def _linear(table: dict[int, int]) -> None:
    sizes = sorted(table)
    print("\n".join(f"{n:>6} {table[n]:>12,}" for n in sizes))
    for small, big in zip(sizes, sizes[1:]):
        assert table[big] <= GROWTH * table[small], table


def _measure(tmp_path, check_id, types, sizes, build):
    """Steps of one check on each size (after a warm-up run that loads what it imports)."""
    warm = _repo(tmp_path, "warm", *build(sizes[0]))
    _run(warm, check_id, types)()
    table = {}
    for n in sizes:
        path = _repo(tmp_path, f"r{n}", *build(n))
        table[n] = _steps(_run(path, check_id, types))
    return table


def _diamonds(levels: int, body: str, top: str, header: str, width: int = 6) -> str:
    """Levels of classes, each inheriting every class of the level below (nested diamonds),
    each with ``body``, and ``top`` (``{bases}`` filled in) inheriting the last level."""

    def names(i: int) -> list[str]:
        return [f"C{i}_{j}" for j in range(width)]

    out = [f"class {c}:\n{body}" for c in names(0)]
    for i in range(1, levels):
        out += [f"class {c}({', '.join(names(i - 1))}):\n{body}" for c in names(i)]
    out.append(top.format(bases=", ".join(names(levels - 1))))
    return header + "\n\n".join(out)


def _bases(levels: int) -> str:
    """Nested diamonds of classes in a test file, a test class at the top."""
    top = "class TestTop({bases}):\n    def test_x(self):\n        assert f() == 2\n"
    return _diamonds(levels, "    pass\n", top, "from pkg.m import f\n\n\n")


def test_nested_class_bases_in_a_test_file_are_linear(git_repo, tmp_path):
    # Before: each class walked every path through its bases (width ** depth, depth 8):
    # 1,963 bytes took 313,542 base lookups, 3.4 KB minutes.
    def build(levels):
        base = {"pkg/__init__.py": "", "pkg/m.py": "def f():\n    return 1\n"}
        head = {"pkg/m.py": "def f():\n    return 2\n", "tests/test_m.py": _bases(levels)}
        return base, head, "fix: f"

    table = _measure(tmp_path, "tests-meaningful", ("bugfix",), [3, 6, 12], build)
    _linear(table)


def _page(n: int) -> str:
    headings = "".join(f"## Section number {i}\n\nText.\n\n" for i in range(n))
    links = "".join(f"- [s{i}](#section-numbr-{i})\n" for i in range(n))
    return "# Guide\n\n" + headings + links


def test_the_did_you_mean_anchor_hint_is_linear_on_a_large_page(git_repo, tmp_path):
    # Before: each broken link sorted every anchor of the page and compared with each: n².
    def build(n):
        return {"docs/index.md": "# Guide\n"}, {"docs/index.md": _page(n)}, "docs: guide"

    table = _measure(tmp_path, "docs-valid", ("docs",), [100, 200, 400], build)
    _linear(table)


def _notebook(n: int) -> str:
    cells = [
        {
            "cell_type": "code",
            "execution_count": i + 1,
            "id": f"c{i}",
            "metadata": {},
            "outputs": [],
            "source": [f"x{i} = {i}\n", "print(x)"],
        }
        for i in range(n)
    ]
    meta = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    return json.dumps(
        {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


def test_examples_valid_is_linear_on_a_notebook_with_many_cells(git_repo, tmp_path):
    # Before: every touched cell split and scanned the whole notebook for http:// links.
    def build(n):
        return {"README.md": "x\n"}, {"examples/demo.ipynb": _notebook(n)}, "Add an example"

    table = _measure(tmp_path, "examples-valid", ("example",), [250, 500, 1000], build)
    _linear(table)


def _bomb(levels: int) -> str:
    items = ['&a0 ["x","x","x","x","x","x","x","x","x","x"]']
    items += [f"&a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return f"profile: [{', '.join(items)}]\n"


def test_a_yaml_alias_bomb_in_a_contributed_configuration_is_bounded(git_repo, run_cli, tmp_path):
    # Before: the message naming the unknown profile printed the expanded value: 10x memory
    # per level (2.5 MB at 4 levels, 22 MB at 5, 220 MB at 6, 2 GB at 7). Now a rules file
    # whose aliases expand past 100,000 values is refused before it is loaded.
    peaks: dict[int, int] = {}
    for levels in (5, 5, 6, 8):  # the first run loads what the loader imports: not counted
        path = _repo(
            tmp_path,
            f"y{levels}-{len(peaks)}",
            {"pkg/m.py": "X = 1\n"},
            {".mergeready.yaml": _bomb(levels)},
            "chore: configure",
        )
        c = Contribution.from_git(path, base="main")
        tracemalloc.start()
        try:
            from mergeready.hooks.config_change import findings

            found = findings(c, None, (".mergeready.yaml",))
            peaks[levels] = tracemalloc.get_traced_memory()[1] if path.name != "y5-0" else 0
        finally:
            tracemalloc.stop()
            c.close()
        assert [f.code for f in found] == ["MR010"]
        assert "aliases expand to more than" in found[0].message
    print(peaks)
    assert max(peaks.values()) <= 2 * min(peaks.values()), peaks


def test_aliases_within_the_limit_still_load():
    from mergeready.rules.files import expanded_size, parse_yaml

    text = "source: &s ['src/**']\nchangelog: *s\n"
    assert parse_yaml(text, "x") == {"source": ["src/**"], "changelog": ["src/**"]}
    import yaml

    assert expanded_size(yaml.compose(text, Loader=yaml.SafeLoader)) == 7
    recursive = "source: &s [*s]\n"
    assert expanded_size(yaml.compose(recursive, Loader=yaml.SafeLoader)) > 100_000


def _documented_bases(levels: int) -> str:
    """Nested diamonds of documented classes and an undocumented override at the top:
    docstrings-complete looks for the method it overrides."""
    top = 'class Top({bases}):\n    """Top."""\n\n    def run(self, x):\n        return x\n'
    return _diamonds(levels, '    """C."""\n', top, '"""Mod."""\n\n\n')


def test_base_classes_followed_for_docstring_inheritance_are_linear(git_repo, tmp_path):
    # Before: each override searched every path through its bases up to 6 levels deep
    # (width ** 6): 7.7 KB of nested diamonds took 48 s in an audit; now each class is
    # searched once per method and depth.
    def build(levels):
        base = {"pkg/__init__.py": '"""Pkg."""\n'}
        return base, {"pkg/mod.py": _documented_bases(levels)}, "feat: classes"

    table = _measure(tmp_path, "docstrings-complete", ("feature",), [3, 6, 12], build)
    _linear(table)


def test_a_cycle_or_a_3000_deep_chain_of_bases_is_read_without_a_crash(git_repo, run_cli):
    chain = "".join(f'class C{i}(C{i - 1}):\n    """C."""\n\n\n' for i in range(1, 3000))
    module = (
        '"""Mod."""\n\n\nclass A(B):\n    """A."""\n\n    def run(self, x):\n        return x\n\n\n'
        'class B(A):\n    """B."""\n\n    def run(self, x):\n        return x\n\n\n'
        'class C0:\n    """C."""\n\n    def run(self, x):\n        """Run.\n\n'
        '        Args:\n            x: X.\n        """\n        return x\n\n\n'
        + chain
        + 'class Last(C2999):\n    """Last."""\n\n    def run(self, x):\n        return x\n'
    )
    story(git_repo, {"pkg/__init__.py": '"""Pkg."""\n'}, {"pkg/mod.py": module}, "feat: classes")
    code, out, err = run_cli("check", "--only", "docstrings-complete", "--format", "json")
    assert code in (0, 1) and "internal error" not in err, err
    found = [f["message"] for f in json.loads(out)["checks"][0]["findings"]]
    assert any("Last.run" in m for m in found), found  # too deep to follow: documents itself
    # a cycle inherits nothing (Python refuses it): each method documents itself
    assert any("`A.run`" in m for m in found) and any("`B.run`" in m for m in found), found


def _tests(n: int, start: int) -> str:
    return "from pkg.m import f\n" + "".join(
        f"\n\ndef test_{i}():\n    assert f({i}) == {i}\n" for i in range(start, start + n)
    )


def test_many_tests_in_one_module_are_linear(git_repo, tmp_path):
    # Attack 5's F16: each test re-read its whole module (its marks, module-level skips,
    # autouse fixtures, import guards): 1,000 → 2,000 → 4,000 tests took 2.1 → 6.5 → 28 s.
    def build(n):
        base = {
            "pkg/__init__.py": "",
            "pkg/m.py": "def f(x):\n    return x\n",
            "tests/test_many.py": _tests(n, 0),
        }
        head = {"pkg/m.py": "def f(x):\n    return x + 0\n", "tests/test_new.py": _tests(n, n)}
        return base, head, "fix: f"

    table = _measure(tmp_path, "tests-present", ("bugfix",), [100, 200, 400], build)
    _linear(table)


def test_a_long_markdown_paragraph_is_read_once(git_repo, tmp_path):
    # Found by the fuzz test after the code-span reader came in: a paragraph without a
    # backtick was scanned to its end again from each of its lines (n² per paragraph).
    def build(n):
        page = "# Guide\n\n" + "".join(f"Line {i} of one long paragraph.\n" for i in range(n))
        return {"docs/index.md": "# Guide\n"}, {"docs/index.md": page}, "docs: guide"

    table = _measure(tmp_path, "docs-valid", ("docs",), [200, 400, 800], build)
    _linear(table)
