"""The project's issue templates, read as data: GitHub issue forms and Markdown templates.

An issue form (``.github/ISSUE_TEMPLATE/*.yml``) names its fields: a ``textarea``, ``input``,
``dropdown`` or ``checkboxes`` with a ``label``, maybe a ``description``, ``placeholder`` or
pre-filled ``value``, and ``validations: required``. GitHub writes a submitted form as
``### <label>`` sections, and ``_No response_`` for an empty field. A Markdown template
(``*.md``, front matter ``name``/``about``/``title``/``labels``) is the text a reporter starts
from: its headings are the sections, the text under each is template text, its ``- [ ]`` boxes
are the checkboxes. The same reader serves the pull request template.

Nothing here reads a file: the command hands the texts in (read from the default branch).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from mergeready.checks.errors import MergereadyError
from mergeready.checks.issues.text import MAX_LINE, Section, Text, words
from mergeready.checks.text.bounds import MAX_TEMPLATE

FORM_SUFFIXES: Final = (".yml", ".yaml")
BOX: Final = re.compile(r"[ \t]{0,16}[-*+][ \t]{1,8}\[([ xX])\][ \t]*(.{0,1000})")
_FRONT: Final = re.compile(r"---[ \t]*\n(.{0,4000}?)\n---[ \t]*(?:\n|$)", re.S)
NO_RESPONSE: Final = "_No response_"


class TemplateError(ValueError):
    """A template in the repository that cannot be read; the message names the file."""


@dataclass(frozen=True)
class Field:
    """One field a template asks for: its label, whether it is required, its template text."""

    label: str
    required: bool = False
    defaults: tuple[str, ...] = ()  # text a reporter may leave untouched (value, placeholder)
    kind: str = "textarea"
    boxes: tuple[tuple[str, bool], ...] = ()  # checkboxes: (label, required)

    @property
    def key(self) -> str:
        """The label as words (how a section heading is matched to it)."""
        return words(self.label)


@dataclass(frozen=True)
class Template:
    """One template: where it is, its name, title prefix, labels and fields."""

    path: str
    name: str
    title: str = ""
    labels: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    form: bool = False
    text: str = ""  # a Markdown template's body, comments removed


def parse(path: str, text: str) -> Template:
    """Read one template, an issue form or a Markdown template by its file name.

    Args:
        path: The template's path in the repository.
        text: Its text.

    Returns:
        The template.

    Raises:
        TemplateError: If the file is not a template GitHub could use, naming the file.
        MergereadyError: If it cannot be read at all (too large, a NUL byte).
    """
    if len(text) > MAX_TEMPLATE or "\0" in text:  # unreadable is an error of the run, never
        why = "holds a NUL byte" if "\0" in text else f"is larger than {MAX_TEMPLATE} characters"
        raise MergereadyError(  # "no template matched": the base's template still holds (F27)
            f"{path} {why}, so it cannot be read as a template; shorten it or remove the byte"
        )
    if path.endswith(FORM_SUFFIXES):
        return _form(path, _yaml(path, text))
    return markdown(path, text)


def _yaml(path: str, text: str) -> Mapping[str, Any]:
    import yaml  # only when a form is read: the command's start-up does not pay for it

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise TemplateError(f"{path}:{where}: not valid YAML") from exc
    except (RecursionError, MemoryError) as exc:
        raise TemplateError(f"{path}: nested too deeply to read") from exc
    if not isinstance(data, dict):
        raise TemplateError(f"{path}: an issue form is a mapping with name and body")
    return data


def _form(path: str, data: Mapping[str, Any]) -> Template:
    body = data.get("body")
    if not isinstance(data.get("name"), str) or not isinstance(body, list) or not body:
        raise TemplateError(f"{path}: an issue form needs a name and a non-empty body list")
    fields = [f for n, item in enumerate(body, 1) if (f := _item(path, n, item)) is not None]
    return Template(
        path=path,
        name=str(data["name"]),
        title=str(data.get("title") or ""),
        labels=_labels(data.get("labels")),
        fields=tuple(fields),
        form=True,
    )


def _item(path: str, n: int, item: Any) -> Field | None:
    """One element of a form's body: a field, or None for a ``markdown`` element."""
    if not isinstance(item, dict) or not isinstance(item.get("type"), str):
        raise TemplateError(f"{path}: body item {n} has no type")
    if item["type"] == "markdown":
        return None
    attributes = item.get("attributes")
    if not isinstance(attributes, dict) or not isinstance(attributes.get("label"), str):
        raise TemplateError(f"{path}: body item {n} ({item['type']}) has no attributes.label")
    validations = item.get("validations")
    required = isinstance(validations, dict) and validations.get("required") is True
    return _field(item["type"], attributes, required, path, n)


def _labels(labels: Any) -> tuple[str, ...]:
    """A template's labels: a list, or one comma-separated string."""
    if isinstance(labels, str):
        return tuple(x.strip() for x in labels.split(",") if x.strip())
    if not isinstance(labels, list):
        return ()
    return tuple(str(x) for x in labels if isinstance(x, (str, int)))


def _field(kind: str, attributes: Mapping[str, Any], required: bool, path: str, n: int) -> Field:
    defaults = tuple(
        str(attributes[k]).strip()
        for k in ("value", "placeholder")
        if isinstance(attributes.get(k), (str, int, float)) and str(attributes[k]).strip()
    )
    boxes: list[tuple[str, bool]] = []
    if kind == "checkboxes":
        options = attributes.get("options")
        if not isinstance(options, list):
            raise TemplateError(f"{path}: body item {n} (checkboxes) has no options list")
        for option in options:
            if isinstance(option, dict) and isinstance(option.get("label"), str):
                boxes.append((option["label"], option.get("required") is True))
    return Field(str(attributes["label"]), required, defaults, kind, tuple(boxes))


def markdown(path: str, text: str) -> Template:
    """Read a Markdown template (an issue template or the pull request template).

    Args:
        path: The template's path.
        text: Its text, maybe with front matter.

    Returns:
        The template: each heading a field (required: a reporter is meant to fill it), the
        text under it its template text, its boxes the checkboxes (required when the box says
        "I have read", "I agree", "I confirm" or similar).
    """
    text = text[:MAX_TEMPLATE].replace("\r\n", "\n")
    front: Mapping[str, Any] = {}
    match = _FRONT.match(text)
    if match:
        try:
            front = _yaml(path, match.group(1))
        except TemplateError:
            front = {}
        text = text[match.end() :]
    body = strip_comments(text)
    fields = [_section_field(section) for section in Text(body).sections]
    boxes = [
        _box(m.group(2).strip()) for line in body.split("\n") if (m := BOX.match(line[:MAX_LINE]))
    ]
    if boxes:
        fields.append(Field("checkboxes", False, (), "checkboxes", tuple(boxes)))
    name = front.get("name")
    return Template(
        path=path,
        name=str(name) if isinstance(name, str) else path.rsplit("/", 1)[-1],
        title=str(front.get("title") or "").strip("'\""),
        labels=_labels(front.get("labels")),
        fields=tuple(fields),
        text=body.strip(),
    )


def _section_field(section: Section) -> Field:
    """A Markdown template's section: required, its text (boxes aside) the template's text."""
    content = tuple(line.strip() for line in section.lines if line.strip() and not BOX.match(line))
    return Field(section.heading, True, ("\n".join(content),) if content else ())


def unticked(lines: Sequence[str], field: Field) -> list[str]:
    """The boxes a template requires that the text leaves unticked.

    Args:
        lines: The report's (or the description's) lines.
        field: A checkboxes field of the template.

    Returns:
        The labels of the required boxes no ``- [x]`` line ticks.
    """
    ticked = {words(m.group(2)) for line in lines if (m := BOX.match(line)) and m.group(1) in "xX"}
    return [label for label, required in field.boxes if required and words(label) not in ticked]


def _box(label: str) -> tuple[str, bool]:
    return label, _pledge(label)


_PLEDGES: Final = ("i have read", "i ve read", "i agree", "i confirm", "i have searched")


def strip_comments(text: str) -> str:
    """Remove HTML comments (``<!-- … -->``), as GitHub hides them; linear, no pattern.

    Args:
        text: Markdown.

    Returns:
        The text without its comments (an unclosed one runs to the end, as GitHub shows it).
    """
    out, start = [], 0
    while True:
        opened = text.find("<!--", start)
        if opened < 0:
            out.append(text[start:])
            return "".join(out)
        out.append(text[start:opened])
        closed = text.find("-->", opened + 4)
        if closed < 0:
            return "".join(out)
        start = closed + 3


def _pledge(label: str) -> bool:
    said = words(label)
    return any(said.startswith(p) or f" {p}" in f" {said}" for p in _PLEDGES)


def matching(templates: Sequence[Template], labels: Sequence[str], body: Text) -> Template | None:
    """Find the template a report was written from.

    A form's submission has a ``### <label>`` section for most of its fields; a Markdown
    template's report keeps most of its headings. The template whose fields the report's
    headings cover best wins (at least half of them); its labels break ties.

    Args:
        templates: The project's templates.
        labels: The report's labels.
        body: The report's body.

    Returns:
        The template, or None when the report follows none.
    """
    keys = {s.key for s in body.sections}
    scored = [(_coverage(t, keys), len(set(t.labels) & set(labels)), t) for t in templates]
    best = max(((s, tie, n) for n, (s, tie, _) in enumerate(scored) if s >= 0.5), default=None)
    return scored[best[2]][2] if best else None


def _coverage(template: Template, keys: set[str]) -> float:
    """How many of a template's fields (its boxes aside) are among the report's headings."""
    wanted = [f.key for f in template.fields if f.kind != "checkboxes"]
    return sum(k in keys for k in wanted) / len(wanted) if wanted else 0.0
