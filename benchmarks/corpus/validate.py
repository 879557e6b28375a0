"""Check the labelled corpus files against the format benchmarks/accuracy.py reads.

Usage: python benchmarks/corpus/validate.py [--mirrors DIR] [FILE.yaml ...]

Without FILE arguments every ``*.yaml`` beside this script is checked. Each file must parse
with PyYAML, name its repository as the file name does (``owner__name.yaml`` holds
``repo: owner/name``), and give every contribution a 40-hex ``commit``, a ``title``, a ``why``
and a complete ``expect`` block whose values have the right types (``changelog_where`` is set
exactly when ``changelog_present`` is true; ``types`` come from the contribution types of
DESIGN.md section 2). With ``--mirrors DIR`` (a directory holding one bare git directory per
repository, as ``owner+name/repo`` or ``owner+name``) every commit must also exist there and
have a first parent, the base the benchmark diffs against.

Prints one line per problem and exits 1 when there is any, 2 on a usage error, else 0.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from mergeready.checks.vocabulary import TYPES as CONTRIBUTION_TYPES

HERE = Path(__file__).resolve().parent
TYPES = frozenset(CONTRIBUTION_TYPES)  # the one list, in checks/vocabulary.py
BOOL_FIELDS = (
    "tests_needed",
    "tests_present",
    "changelog_needed",
    "changelog_present",
    "docstrings_complete",
    "ready",
)
EXPECT_FIELDS = frozenset((*BOOL_FIELDS, "types", "changelog_where", "misspellings"))
SHA = re.compile(r"[0-9a-f]{40}")


def check_expect(where: str, expect: Any) -> list[str]:
    """Check one ``expect`` block.

    Args:
        where: The location used as the prefix of every problem line.
        expect: The parsed value of the block.

    Returns:
        One message per problem; empty when the block is well formed.
    """
    if not isinstance(expect, dict):
        return [f"{where}: expect is not a mapping"]
    problems = [f"{where}: expect lacks {key}" for key in sorted(EXPECT_FIELDS - set(expect))]
    unknown = sorted(set(expect) - EXPECT_FIELDS)
    problems += [f"{where}: unknown expect key {key}" for key in unknown]
    types = expect.get("types")
    if not isinstance(types, list) or not types:
        problems.append(f"{where}: types must be a non-empty list")
    else:
        problems += [f"{where}: unknown type {kind!r}" for kind in types if kind not in TYPES]
        if len(set(map(str, types))) != len(types):
            problems.append(f"{where}: a type is listed twice")
    for key in BOOL_FIELDS:
        if key in expect and not isinstance(expect[key], bool):
            problems.append(f"{where}: {key} must be true or false")
    present = expect.get("changelog_present")
    path = expect.get("changelog_where")
    if present is True and not (isinstance(path, str) and path):
        problems.append(f"{where}: changelog_present is true but changelog_where is not a path")
    if present is False and path is not None:
        problems.append(f"{where}: changelog_where is set but changelog_present is false")
    words = expect.get("misspellings")
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        problems.append(f"{where}: misspellings must be a list of words")
    return problems


def find_mirror(mirrors: Path, repo: str) -> Path | None:
    """Find the bare git directory of a repository among the fetched mirrors.

    Args:
        mirrors: The directory holding one mirror per repository.
        repo: The repository as ``owner/name``.

    Returns:
        The git directory, or None when the repository was not fetched.
    """
    base = mirrors / repo.replace("/", "+")
    for candidate in (base / "repo", base):
        if (candidate / "HEAD").is_file():
            return candidate
    return None


def has_base(git_dir: Path, sha: str) -> bool:
    """Tell whether a commit and its first parent exist in a git directory.

    Args:
        git_dir: The bare git directory to look in.
        sha: The full commit id.

    Returns:
        True when ``sha^1`` resolves to a commit.
    """
    result = subprocess.run(
        ["git", "-C", str(git_dir), "rev-parse", "--quiet", "--verify", f"{sha}^1^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0


def check_contribution(where: str, item: Any, seen: set[str], git_dir: Path | None) -> list[str]:
    """Check one contribution entry.

    Args:
        where: The location used as the prefix of every problem line.
        item: The parsed entry.
        seen: The commits of the file's earlier entries; this entry's commit is added.
        git_dir: The repository's mirror, or None to skip the commit look-up.

    Returns:
        One message per problem; empty when the entry is well formed.
    """
    if not isinstance(item, dict):
        return [f"{where}: not a mapping"]
    problems: list[str] = []
    sha = item.get("commit")
    if not isinstance(sha, str) or not SHA.fullmatch(sha):
        problems.append(f"{where}: commit is not a 40-hex sha")
    elif sha in seen:
        problems.append(f"{where}: commit {sha} is listed twice")
    else:
        seen.add(sha)
        if git_dir is not None and not has_base(git_dir, sha):
            problems.append(f"{where}: {sha} or its first parent is not in {git_dir}")
    for key in ("title", "why"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            problems.append(f"{where}: {key} must be non-empty text")
    if "body" in item and not isinstance(item["body"], str):
        problems.append(f"{where}: body must be text")
    return problems + check_expect(where, item.get("expect"))


def check_file(path: Path, mirrors: Path | None) -> tuple[list[str], int]:
    """Check one corpus file.

    Args:
        path: The YAML file.
        mirrors: The mirrors directory, or None to skip the commit look-ups.

    Returns:
        The problems found and the number of contributions the file holds.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return [f"{path.name}: cannot be read as YAML: {error}"], 0
    if not isinstance(data, dict):
        return [f"{path.name}: top level is not a mapping"], 0
    problems: list[str] = []
    repo = data.get("repo")
    if not isinstance(repo, str) or repo.replace("/", "__") + ".yaml" != path.name:
        problems.append(f"{path.name}: repo {repo!r} does not match the file name")
    if not isinstance(data.get("rules"), str) or not data["rules"].strip():
        problems.append(f"{path.name}: rules must be a non-empty paragraph")
    contributions = data.get("contributions")
    if not isinstance(contributions, list) or not contributions:
        return [*problems, f"{path.name}: contributions must be a non-empty list"], 0
    git_dir = find_mirror(mirrors, repo) if mirrors and isinstance(repo, str) else None
    if mirrors and git_dir is None:
        problems.append(f"{path.name}: no mirror of {repo} under {mirrors}")
    seen: set[str] = set()
    for index, item in enumerate(contributions):
        problems += check_contribution(f"{path.name}[{index}]", item, seen, git_dir)
    return problems, len(contributions)


def main(argv: list[str] | None = None) -> int:
    """Run the checks from the command line.

    Args:
        argv: The arguments after the program name; None reads ``sys.argv``.

    Returns:
        0 when every file is well formed, 1 when a problem was printed.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, help="directory of fetched bare git mirrors")
    parser.add_argument("files", nargs="*", type=Path, help="corpus files (default: all)")
    args = parser.parse_args(argv)
    if args.mirrors is not None and not args.mirrors.is_dir():
        parser.error(f"--mirrors {args.mirrors} is not a directory")
    files = args.files or sorted(HERE.glob("*.yaml"))
    if not files:
        parser.error(f"no corpus files in {HERE}")
    problems: list[str] = []
    total = 0
    for path in files:
        found, count = check_file(path, args.mirrors)
        problems += found
        total += count
    for line in problems:
        print(line)
    print(f"{len(files)} files, {total} contributions, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
