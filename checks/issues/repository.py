"""What the default branch says about the project: its templates, names and versions.

Read offline, through ``checks.git`` (the only subprocess door), at one revision: the default
branch's tip (``origin/HEAD``, ``main``, ``master``; ``HEAD`` when it has none) — never the
working tree a reporter may have edited, and never the network. Released versions are the
repository's tags that read as versions (``v3.4.1``, ``3.4.1``, ``keras-3.4.1``); the
development version is what ``pyproject.toml``, ``setup.cfg`` or a ``version.py`` /
``__init__.py`` declares; the names are the distribution's and its top-level package's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from mergeready.checks import git
from mergeready.checks.errors import MergereadyError
from mergeready.checks.issues.report import Project
from mergeready.checks.issues.templates import Template, TemplateError, parse
from mergeready.checks.paths import TEMPLATE_DIR
from mergeready.checks.span import default_branch

_TAG_VERSION: Final = re.compile(
    r"(?:[A-Za-z][\w.-]{0,40}?[-_])?[vV]?(\d{1,4}(?:\.\d{1,6}){1,3}(?:(?:a|b|rc|\.dev|\.post)\d{0,6})?)"
)
_DECLARED: Final = re.compile(
    r"^[ \t]{0,8}(?:__version__|version|VERSION|_version)[ \t]{0,4}[=:][ \t]{0,4}"
    r"[\"']([^\"'\n]{1,40})[\"']",
    re.M,
)
_NAME: Final = re.compile(
    r"^[ \t]{0,8}name[ \t]{0,4}[=:][ \t]{0,4}[\"']?([A-Za-z0-9_.-]{1,100})", re.M
)
_PYTHON: Final = re.compile(r"Programming Language :: Python :: 3\.(\d{1,2})\b")
VERSION_FILES: Final = (
    "{}/version.py",
    "{}/_version.py",
    "{}/__init__.py",
    "{}/src/version.py",
    "src/{}/version.py",
    "src/{}/__init__.py",
)


@dataclass(frozen=True)
class Repository:
    """A repository read at one revision (None: the working tree, for ``rules`` without a base)."""

    root: Path
    revision: str | None

    @classmethod
    def at_default_branch(cls, path: Path) -> Repository:
        """Open the repository that holds ``path`` at its default branch's tip.

        Args:
            path: A directory inside the work tree.

        Returns:
            The repository.

        Raises:
            MergereadyError: If ``path`` is not in a git work tree, or it has no commit.
        """
        root = git.toplevel(path)
        tip = default_branch(root) or git.resolve(root, "HEAD")
        if tip is None:
            raise MergereadyError(f"{root} has no commit yet; commit the project first")
        return cls(root, tip)

    @property
    def where(self) -> str:
        """The revision, for messages."""
        return self.revision[:12] if self.revision else "working tree"

    def read(self, path: str) -> str | None:
        """Read one file's text at the revision.

        Args:
            path: A path relative to the root.

        Returns:
            The text, or None when it does not exist (or is not text).
        """
        if self.revision is None:
            try:
                return (self.root / path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
        data = git.run(self.root, "cat-file", "blob", f"{self.revision}:{path}", check=False)
        try:
            return data.decode("utf-8") if data else None
        except UnicodeDecodeError:
            return None

    def listing(self, folder: str) -> list[str]:
        """List the files directly in one folder at the revision.

        Args:
            folder: A folder relative to the root.

        Returns:
            Their paths, sorted.
        """
        if self.revision is None:
            where = self.root / folder
            return sorted(f"{folder}/{p.name}" for p in where.glob("*") if p.is_file())
        out = git.run(
            self.root, "ls-tree", "-z", "--name-only", f"{self.revision}:{folder}", check=False
        )
        return sorted(f"{folder}/{name}" for name in git.split_z(out) if name)

    def templates(self) -> tuple[list[Template], list[str]]:
        """Read the issue templates, forms and Markdown, of ``.github/ISSUE_TEMPLATE/``.

        Returns:
            The templates that could be read, and one line per template that could not.

        Raises:
            MergereadyError: If a template cannot be read at all (not UTF-8, too large, NUL).
        """
        found, problems = [], []
        for path in self.listing(TEMPLATE_DIR):
            name = path.rsplit("/", 1)[-1]
            if name == "config.yml" or not name.endswith((".md", ".yml", ".yaml")):
                continue
            text = self.read(path)
            if text is None:
                if self._filled(path):  # listed and not empty, yet not text: never "no template"
                    raise MergereadyError(
                        f"{path} (@ {self.where}) is not UTF-8 text, so it cannot be read as a "
                        "template; save it as UTF-8"
                    )
                continue
            try:
                found.append(parse(path, text))
            except TemplateError as exc:
                problems.append(f"{exc} (@ {self.where})")
        return found, problems

    def _filled(self, path: str) -> bool:
        """Whether a listed file holds any bytes (an empty template is no template)."""
        if self.revision is None:
            try:
                return (self.root / path).stat().st_size > 0
            except OSError:
                return False
        size = git.run(self.root, "cat-file", "-s", f"{self.revision}:{path}", check=False)
        return size.strip() not in (b"", b"0")

    def project(self, names: tuple[str, ...] = ()) -> Project:
        """Read the project's names, released versions, development version and newest Python.

        Args:
            names: Names the rules give, used before the ones the metadata declares.

        Returns:
            What the revision says.
        """
        metadata = "\n".join(t for t in (self.read("pyproject.toml"), self.read("setup.cfg")) if t)
        declared = _NAME.search(metadata)
        own = [declared.group(1)] if declared else []
        own += [n.replace("-", "_") for n in own]
        tags = git.run(self.root, "tag", "--list", check=False).decode("utf-8", "replace")
        releases = frozenset(
            m.group(1) for t in tags.split("\n") if (m := _TAG_VERSION.fullmatch(t.strip()))
        )
        pythons = [int(m.group(1)) for m in _PYTHON.finditer(metadata)]
        return Project(
            names=tuple(dict.fromkeys(n.lower() for n in (*names, *own))),
            releases=releases,
            development=self._development(metadata, own),
            newest_python=(3, max(pythons)) if pythons else None,
        )

    def _development(self, metadata: str, names: list[str]) -> str | None:
        found = _DECLARED.search(metadata)
        if found and found.group(1)[:1].isdigit():
            return found.group(1)
        for name in dict.fromkeys(n.replace("-", "_") for n in names):
            for template in VERSION_FILES:
                text = self.read(template.format(name))
                found = _DECLARED.search(text or "")
                if found and found.group(1)[:1].isdigit():
                    return found.group(1)
        return None
