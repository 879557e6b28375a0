"""The keras-io example header: ``Title:``, ``Author:``, dates and ``Description:``.

keras.io's examples open with a module docstring of ``Field: value`` lines::

    Title: Simple MNIST convnet
    Author: [fchollet](https://twitter.com/fchollet)
    Date created: 2015/06/19
    Last modified: 2020/04/21
    Description: A simple convnet that achieves ~99% test accuracy on MNIST.
    Accelerator: GPU

This module reads that header from the text (no import), and says what is wrong with it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Final

FIELDS: Final = (
    "Title",
    "Author",
    "Authors",
    "Date created",
    "Last modified",
    "Description",
    "Accelerator",
)
REQUIRED: Final = ("Title", "Author", "Date created", "Last modified", "Description")
ACCELERATORS: Final = ("GPU", "TPU", "CPU", "None")
_FIELD: Final = re.compile(r"[ \t]*(" + "|".join(FIELDS) + r")[ \t]*:[ \t]*(.*)$")
_DATE: Final = re.compile(r"\d{4}/\d{2}/\d{2}")
_SENTENCE_BREAK: Final = re.compile(r"[.!?][ \t]+[A-Z]")
MAX_DESCRIPTION: Final = 100


@dataclass(frozen=True)
class Header:
    """The header's fields: name → (line, value); ``Authors`` is stored as ``Author``."""

    line: int
    fields: dict[str, tuple[int, str]]


def read(text: str, limit: int = 40) -> Header | None:
    """Read the keras-io header from the start of an example.

    Args:
        text: The example's source.
        limit: How many lines to look at.

    Returns:
        The header when the module docstring opens with a ``Title:`` line, else None.
    """
    lines = text.split("\n", limit)[:limit]
    start = next((n for n, x in enumerate(lines) if x.strip()), None)
    if start is None or not lines[start].lstrip().startswith(('"""', "'''", 'r"""')):
        return None
    first = lines[start].lstrip()
    prefix = 4 if first.startswith("r") else 3
    quote = first[prefix - 3 : prefix]
    fields: dict[str, tuple[int, str]] = {}
    last = name = ""
    for number in range(start, len(lines)):
        body = first[prefix:] if number == start else lines[number].rstrip("\r")
        closing = quote in body
        content = body.split(quote, 1)[0]
        m = _FIELD.match(content)
        if m:
            name = "Author" if m.group(1) == "Authors" else m.group(1)
            fields.setdefault(name, (number + 1, m.group(2).strip()))
        elif content.strip() and fields and last in fields:
            line, value = fields[last]  # a value continued on the next line
            fields[last] = (line, f"{value} {content.strip()}".strip())
        last = name if m else ("" if not content.strip() else last)
        if closing:
            break
    if "Title" not in fields:
        return None
    return Header(start + 1, fields)


def date(value: str) -> datetime.date | None:
    """Parse a header date.

    Args:
        value: ``YYYY/MM/DD``.

    Returns:
        The date, or None when it is not a real date in that form.
    """
    if not _DATE.fullmatch(value):
        return None
    try:
        return datetime.date(*(int(x) for x in value.split("/")))
    except ValueError:
        return None


def problems(header: Header) -> list[tuple[str, int, str, str]]:
    """Say what is wrong with a header on its own.

    Args:
        header: The header.

    Returns:
        ``(code, line, message, hint)`` for each problem.
    """
    out: list[tuple[str, int, str, str]] = []
    f = header.fields
    for name in REQUIRED:
        if name not in f:
            label = "Author:/Authors:" if name == "Author" else f"{name}:"
            out.append(("MR708", header.line, f"header has no {label} line", f"add {label}"))
        elif not f[name][1]:
            out.append(("MR708", f[name][0], f"header field {name}: is empty", "fill it in"))
    dates = {}
    for name in ("Date created", "Last modified"):
        if name in f and f[name][1]:
            parsed = date(f[name][1])
            if parsed is None:
                out.append(
                    (
                        "MR709",
                        f[name][0],
                        f"{name}: {f[name][1]!r} is not a date as YYYY/MM/DD",
                        "write the date as YYYY/MM/DD, e.g. 2024/05/31",
                    )
                )
            dates[name] = parsed
    created, modified = dates.get("Date created"), dates.get("Last modified")
    if created and modified and modified < created:
        out.append(
            (
                "MR710",
                f["Last modified"][0],
                "Last modified is before Date created",
                "set Last modified to the date of this change",
            )
        )
    if "Description" in f and f["Description"][1]:
        out += _description(f["Description"])
    if "Accelerator" in f and f["Accelerator"][1] not in ACCELERATORS:
        out.append(
            (
                "MR708",
                f["Accelerator"][0],
                f"Accelerator: {f['Accelerator'][1]!r} is not one of " + ", ".join(ACCELERATORS),
                "use GPU, TPU or None",
            )
        )
    return out


def _description(field: tuple[int, str]) -> list[tuple[str, int, str, str]]:
    line, text = field
    out = []
    if not text[0].isupper() and not text[0].isdigit():
        out.append(
            (
                "MR712",
                line,
                "Description does not start with a capital letter",
                "capitalise the first word",
            )
        )
    if not text.endswith("."):
        out.append(("MR712", line, "Description does not end with a period", "end it with ."))
    if _SENTENCE_BREAK.search(text.rstrip(".")):
        out.append(
            ("MR712", line, "Description is more than one sentence", "keep it to one sentence")
        )
    if len(text) >= MAX_DESCRIPTION:
        out.append(
            (
                "MR712",
                line,
                f"Description is {len(text)} characters (under {MAX_DESCRIPTION} expected)",
                "shorten it",
            )
        )
    return out
