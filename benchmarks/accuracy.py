"""How often mergeready agrees with maintainers, on a labelled corpus of real contributions.

Usage (from the repository root, after the README's set-up):

    .venv/bin/python benchmarks/accuracy.py [--corpus DIR] [--mirrors DIR] [--clones DIR]
                                            [--repo OWNER/NAME] [--write] [--quiet]

Each ``benchmarks/corpus/<owner>__<name>.yaml`` lists merged contributions (a commit on the
default branch; its base is the first parent) with the labels a careful maintainer gave them
without seeing mergeready's verdict. For every repository whose git history is on this machine
(a bare mirror ``<mirrors>/<owner>+<name>*/repo`` or ``<mirrors>/<owner>+<name>``, or a clone
there; ``--mirrors`` or ``MERGEREADY_MIRRORS``, default ``/work/.mirror``) the script runs
mergeready's classification and its four checks on each contribution, exactly as
``mergeready check --base <sha>^1 --head <sha>`` would (configuration from the base), and
compares per dimension: types, tests needed/present, changelog needed/present, docstrings
complete, misspellings, ready. A repository that is not on this machine is skipped with a line.

The corpus has parts, scored and printed separately, per repository: the development part
(``<corpus>/*.yaml``), on which mergeready's rules may be tuned; every other folder of the
corpus (``<corpus>/round1-heldout/``: a former held-out part, published and since tuned on) is
development data too, printed as its own part and in the figure over all development parts; and
the held-out part (``<corpus>/heldout/*.yaml``, same format), labelled by someone else and
scored once, when the tuning is done. An absent or empty held-out folder prints "no held-out
data".

It prints agreement per dimension and per repository, and every disagreement with
mergeready's evidence. ``--write`` puts the tables into benchmarks/README.md between the
ACCURACY markers. Clones are made with ``git clone --shared --no-checkout`` under
``benchmarks/.accuracy/`` (git-ignored); nothing from the repositories is kept in this tree.
"""

from __future__ import annotations

import argparse
import ast
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CLONES = HERE / ".accuracy"
HELDOUT = "heldout"  # the held-out part: a folder of the corpus, scored apart
DIMENSIONS = (
    "types",
    "primary type",
    "tests needed",
    "tests present",
    "changelog needed",
    "changelog present",
    "docstrings complete",
    "misspellings",
    "ready",
)
# The dimensions the overall figure averages ("primary type" is reported, not averaged twice).
OVERALL = tuple(d for d in DIMENSIONS if d != "primary type")
CHECKED = ("tests-present", "changelog-updated", "docstrings-complete", "spelling-clean")
CODE_TYPES = ("bugfix", "feature", "performance", "code", "maintenance")
PRIMARY_ORDER = (
    "bugfix",
    "feature",
    "performance",
    "code",
    "docs",
    "example",
    "translation",
    "tests",
    "maintenance",
)


@dataclass
class Outcome:
    """One contribution: what the maintainer said, what mergeready said."""

    repo: str
    sha: str
    title: str
    expected: dict[str, Any]
    got: dict[str, Any]
    evidence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    why: str = ""

    def agrees(self, dimension: str) -> bool:
        return _normal(dimension, self.expected) == _normal(dimension, self.got)


def _normal(dimension: str, values: dict[str, Any]) -> Any:
    """The comparable value of one dimension."""
    if dimension == "types":
        return frozenset(values["types"])
    if dimension == "primary type":
        return values["types"][0] if values["types"] else None
    if dimension == "misspellings":
        return frozenset(w.lower() for w in values["misspellings"] or ())
    return bool(values[dimension.replace(" ", "_")])


def find_history(mirrors: Path, repo: str) -> Path | None:
    """Find a repository's git history among the fetched mirrors or clones.

    Args:
        mirrors: The directory of mirrors.
        repo: ``owner/name``.

    Returns:
        A git directory or work tree, or None when the repository is not on this machine.
    """
    stem = repo.replace("/", "+")
    for candidate in sorted(mirrors.glob(f"{stem}*")):
        for path in (candidate / "repo", candidate, candidate / ".git"):
            if (path / "HEAD").is_file() and (path / "objects").is_dir():
                return path
            if (path / ".git").exists():
                return path
    return None


def clone(history: Path, repo: str, clones: Path = CLONES) -> Path:
    """Make (once) a shared, checkout-less clone the checks can read commits from.

    Args:
        history: The mirror's git directory.
        repo: ``owner/name``.
        clones: Where clones are kept.

    Returns:
        The clone's work tree.
    """
    target = clones / repo.replace("/", "+")
    if (target / ".git").exists() and _git(target, "config", "remote.origin.url") != str(history):
        shutil.rmtree(target)  # a clone of another history under the same name
    if not (target / ".git").exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["git", "clone", "-q", "--shared", "--no-checkout", str(history), str(target)],
            check=True,
        )
    return target


def _git(root: Path, *args: str) -> str:
    out = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    return out.stdout.strip() if out.returncode == 0 else ""


def _changed_tests(contribution: Any, globs: Sequence[str]) -> bool:
    """True when the contribution adds or changes a test function (for a tests-only change).

    A test file whose change is only comments, docstrings or string literals (a typo fix)
    changes no test.
    """
    from mergeready.checks.diffkind import kind
    from mergeready.checks.paths import first_match

    for f in contribution.files:
        if not f.exists or not first_match(f.path, globs):
            continue
        if f.path.endswith(".py") and kind(contribution, f) not in ("exports", "code"):
            continue
        tree, _ = contribution.python(f)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith(
                "test"
            ):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if f.touches_range(first, node.end_lineno or node.lineno):
                    return True
    return False


def judge(
    root: Path, sha: str
) -> tuple[dict[str, Any], dict[str, tuple[str, ...]], dict[str, str]]:
    """Run mergeready on one merged commit against its first parent.

    Args:
        root: The clone.
        sha: The merged commit.

    Returns:
        mergeready's answer per dimension, the evidence of each type, and each check's summary.
    """
    from mergeready.checks.changelog.changelog_updated import configured_mechanism
    from mergeready.checks.changelog.mechanism import file_entries, fragments
    from mergeready.checks.changes import Commit
    from mergeready.checks.classify import classify
    from mergeready.checks.contribution import Contribution
    from mergeready.checks.registry import CHECKS
    from mergeready.rules.loader import load_policy

    parent = _git(root, "rev-parse", f"{sha}^1")
    full = _git(root, "rev-parse", sha)
    message = _git(root, "log", "-1", "--format=%B", full)
    c = Contribution.from_commit(root, Commit(full, message), parent)
    try:
        policy = load_policy(c.config_text, where=c.config_source)
        cl_options = policy.options["changelog-updated"]
        types = classify(
            c,
            policy.types,
            policy.source,
            policy.changelog,
            policy.changelog_places,
            policy.attributes,
        )
        typed = c.with_types(t.type for t in types)
        required = {x for t in types for x in policy.required.get(t.type, ())}
        results = {i: CHECKS[i].function(typed, policy.options[i]) for i in CHECKED}
        mech = configured_mechanism(c, cl_options)
        added, _ = fragments(c, mech)
        where = [e.path for e in added]
        for path in mech.files:
            f = c.file(path)
            if f is not None and f.exists:
                entries, _, _ = file_entries(c, f)
                where += [e.path for e in entries[:1]]
        tp, cl = results["tests-present"], results["changelog-updated"]
        tests_globs = policy.options["tests-present"].tests
        words = sorted(
            {
                m.group(1)
                for x in results["spelling-clean"].findings
                if x.code in ("MR401", "MR402") and (m := re.match(r"'([^']+)'", x.message))
            }
        )
        got = {
            "types": _ordered([t.type for t in types]),
            "tests_needed": "tests-present" in required and tp.status != "skip",
            "tests_present": tp.status == "pass" or _changed_tests(typed, tests_globs),
            "changelog_needed": "changelog-updated" in required and cl.status != "skip",
            "changelog_present": bool(where),
            "changelog_where": where[0] if where else None,
            "docstrings_complete": results["docstrings-complete"].status != "fail",
            "misspellings": words,
            "ready": not any(results[i].status == "fail" for i in CHECKED if i in required),
        }
        evidence = {t.type: tuple(map(str, t.evidence)) for t in types}
        summaries = {i: f"{r.status}: {r.summary}" for i, r in results.items()}
        return got, evidence, summaries
    finally:
        c.close()


def _ordered(types: list[str]) -> list[str]:
    return sorted(types, key=lambda t: PRIMARY_ORDER.index(t) if t in PRIMARY_ORDER else 99)


def run(
    corpus: Path, mirrors: Path, only: str | None, quiet: bool, clones: Path = CLONES
) -> list[Outcome]:
    """Judge every contribution of every corpus file whose repository is on this machine.

    Args:
        corpus: The directory of corpus YAML files.
        mirrors: Where fetched repositories are.
        only: One ``owner/name`` to run, or None for all.
        quiet: Print no progress.
        clones: Where clones are kept.

    Returns:
        The outcomes.
    """
    outcomes: list[Outcome] = []
    for path in sorted(corpus.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        repo = data.get("repo", "")
        if only and repo != only:
            continue
        history = find_history(mirrors, repo)
        if history is None:
            print(f"skip {repo}: not fetched (no {mirrors}/{repo.replace('/', '+')}*)")
            continue
        root = clone(history, repo, clones)
        for item in data.get("contributions") or ():
            sha = str(item["commit"])
            if not _git(root, "rev-parse", "--verify", "-q", f"{sha}^{{commit}}"):
                print(f"skip {repo} {sha[:10]}: commit not in the fetched history")
                continue
            start = time.perf_counter()
            try:
                got, evidence, notes = judge(root, sha)
            except Exception as exc:  # a crash is a finding of this benchmark, not a stop
                print(f"error {repo} {sha[:10]}: {type(exc).__name__}: {exc}")
                continue
            if not quiet:
                print(f"{repo} {sha[:10]} {time.perf_counter() - start:.1f}s", file=sys.stderr)
            outcomes.append(
                Outcome(
                    repo,
                    sha,
                    str(item.get("title", "")),
                    item["expect"],
                    got,
                    evidence,
                    notes,
                    " ".join(str(item.get("why", "")).split()),
                )
            )
    return outcomes


def _pct(agree: int, total: int) -> str:
    return f"{100 * agree / total:.1f} % ({agree}/{total})" if total else "–"


def silent_passes(outcomes: Sequence[Outcome]) -> list[Outcome]:
    """Contributions a maintainer would send back for a missing changelog or test, passed.

    Args:
        outcomes: The outcomes.

    Returns:
        Those mergeready calls ready.
    """
    out = []
    for o in outcomes:
        e = o.expected
        missing = (e["changelog_needed"] and not e["changelog_present"]) or (
            e["tests_needed"] and not e["tests_present"]
        )
        if missing and o.got["ready"]:
            out.append(o)
    return out


def report(outcomes: Sequence[Outcome], disagreements: bool = True) -> str:
    """Render the agreement tables and every disagreement as Markdown.

    Args:
        outcomes: The outcomes.
        disagreements: Whether to list every disagreement after the tables.

    Returns:
        The report.
    """
    repos = sorted({o.repo for o in outcomes})
    n = len(outcomes)
    pairs = [(o, d) for o in outcomes for d in OVERALL]
    overall = sum(o.agrees(d) for o, d in pairs)
    complete = sum(all(o.agrees(d) for d in OVERALL) for o in outcomes)
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} with Python {platform.python_version()} on "
        f"{n} contributions from {len(repos)} repositories.",
        "",
        f"**Overall agreement: {_pct(overall, len(pairs))}** of (contribution, dimension) pairs "
        f"over {len(OVERALL)} dimensions; every dimension agrees on {_pct(complete, n)} of the "
        "contributions.",
        "",
        "| dimension | agreement |",
        "| --- | --- |",
    ]
    for d in DIMENSIONS:
        lines.append(f"| {d} | {_pct(sum(o.agrees(d) for o in outcomes), n)} |")
    lines += ["", "| repository | n | " + " | ".join(OVERALL) + " | overall |"]
    lines.append("| --- | --- |" + " --- |" * (len(OVERALL) + 1))
    for repo in repos:
        mine = [o for o in outcomes if o.repo == repo]
        cells = [f"{100 * sum(o.agrees(d) for o in mine) / len(mine):.0f} %" for d in OVERALL]
        total = sum(o.agrees(d) for o in mine for d in OVERALL)
        lines.append(
            f"| {repo} | {len(mine)} | "
            + " | ".join(cells)
            + f" | {100 * total / (len(mine) * len(OVERALL)):.1f} % |"
        )
    silent = silent_passes(outcomes)
    lines += [
        "",
        f"Silent passes (a maintainer would send it back for a missing changelog or test, "
        f"mergeready says ready): **{len(silent)}**"
        + "".join(f"\n- {o.repo} {o.sha[:10]} {o.title}" for o in silent),
        "",
    ]
    if disagreements:
        lines += ["### Disagreements", "", *_disagreements(outcomes)]
    return "\n".join(lines) + "\n"


def _disagreements(outcomes: Sequence[Outcome]) -> list[str]:
    """Each disagreement: the dimensions, the maintainer's reading and mergeready's evidence."""
    lines: list[str] = []
    for o in outcomes:
        wrong = [d for d in OVERALL if not o.agrees(d)]
        if not wrong:
            continue
        start = len(lines)
        lines.append(f"- **{o.repo} {o.sha[:10]}** {o.title}")
        if o.why:
            lines.append(f"  - the maintainer's reading: {o.why[:300]}")
        for d in wrong:
            key = d.replace(" ", "_")
            exp = o.expected["types" if d == "types" else key]
            got = o.got["types" if d == "types" else key]
            lines.append(f"  - {d}: maintainer `{exp}`, mergeready `{got}`")
        if "types" in wrong:
            for t, ev in o.evidence.items():
                lines.append(f"    - {t}: {'; '.join(ev)[:200]}")
        for d in wrong:
            check = {
                "tests": "tests-present",
                "chang": "changelog-updated",
                "docst": "docstrings-complete",
                "missp": "spelling-clean",
            }.get(d[:5])
            if check:
                lines.append(f"    - {check}: {o.notes.get(check, '')[:200]}")
        # The corpus quotes real misspellings: keep mergeready's own spelling check quiet on them.
        words = {*(o.expected["misspellings"] or ()), *o.got["misspellings"]}
        for n in range(start, len(lines)):
            if any(w in lines[n] for w in words):
                lines[n] += " <!-- codespell:ignore -->"
    return lines


def write_readme(text: str) -> None:
    """Put the report into benchmarks/README.md between the ACCURACY markers.

    Args:
        text: The report.
    """
    readme = HERE / "README.md"
    text = re.sub(r"(?m)^(#{2,3}) ", r"##\1 ", text)  # nested under the README's "### Results"
    current = readme.read_text(encoding="utf-8")
    start, end = "<!-- ACCURACY -->", "<!-- /ACCURACY -->"
    if start not in current:
        current += f"\n{start}\n{end}\n"
    head, rest = current.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{text}{end}{tail}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark.

    Args:
        argv: The arguments.

    Returns:
        0, or 2 when no corpus file or no repository was found.
    """
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument(
        "--corpus",
        default=str(HERE / "corpus"),
        help="the development part's directory (the held-out part is its heldout/ folder)",
    )
    p.add_argument(
        "--mirrors",
        default=os.environ.get("MERGEREADY_MIRRORS", "/work/.mirror"),
        help="where fetched repositories are (owner+name*/repo, or clones)",
    )
    p.add_argument("--clones", default=str(CLONES), help="where the working clones are kept")
    p.add_argument("--repo", help="run only this owner/name")
    p.add_argument("--write", action="store_true", help="update benchmarks/README.md")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    args = p.parse_args(argv)
    corpus = Path(args.corpus)
    if not any(corpus.glob("*.yaml")):
        print(f"accuracy: no corpus files in {corpus}", file=sys.stderr)
        return 2
    mirrors, clones = Path(args.mirrors), Path(args.clones)
    extra = sorted(d for d in corpus.iterdir() if d.is_dir() and d.name != HELDOUT)
    folders = [("Development part", corpus)]
    folders += [("Development part", d) for d in extra if any(d.glob("*.yaml"))]
    parts, development = [], []
    for name, folder in (*folders, ("Held-out part", corpus / HELDOUT)):
        if not any(folder.glob("*.yaml")):
            parts.append(f"## {name}\n\nno held-out data (no {folder}/*.yaml)\n")
            continue
        outcomes = run(folder, mirrors, args.repo, args.quiet, clones)
        if not outcomes and args.repo:  # the repository is in another part
            parts.append(f"## {name} ({folder.name}/)\n\nno contribution of {args.repo}\n")
            continue
        if not outcomes:
            print(f"accuracy: no contribution of {folder} could be judged", file=sys.stderr)
            return 2
        if name.startswith("Development"):
            development += outcomes
        parts.append(f"## {name} ({folder.name}/)\n\n{report(outcomes)}")
    if len(folders) > 1:
        summary = report(development, disagreements=False)
        parts.insert(0, f"## Development, all parts together\n\n{summary}")
    text = "\n".join(parts)
    sys.stdout.write(text)
    if args.write:
        write_readme(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
