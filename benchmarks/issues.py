"""Score ``mergeready issue`` against real issue reports labelled by people who never ran it.

Each report is one JSON file (``url``, ``project``, ``title``, ``body`` as first written,
``labels``, and ``label``: ``type``, ``verdict`` ``complete``/``needs-info``, ``asked`` — what the
maintainers asked for — and ``private_data``). The texts stay outside the repository: give
their directory on the command line. Only links and labels are committed
(``--write-labels benchmarks/issues/dev.yaml``).

    python benchmarks/issues.py /work/issue-corpus/dev
    python benchmarks/issues.py /work/issue-corpus/dev --write-labels benchmarks/issues/dev.yaml

Scored per project and overall: agreement on the verdict; for each needs-info report, whether
mergeready names every thing asked (``code``, ``versions``, ``traceback``, ``expected-actual``,
``steps``, ``template``, and from an ``other: …`` ask's words ``description``, ``output``,
``place``, ``data``, ``environment``, ``config``; an ask no check can name counts as not
named); false alarms (needs-info said of a complete report); reports with private data that
passed.
Keras's repositories are judged with the ``keras`` profile, the rest with ``default``; no
repository is read (no templates, no tags): each project is named by its repository's name,
and the diagnostic command its issue template asks for is given as ``versions``' options
(``CONFIG``), as the project's ``.mergeready.yaml`` would.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mergeready.checks.issues.report import IssueReport, Project
from mergeready.checks.issues.runner import evaluate
from mergeready.checks.model import Result
from mergeready.rules.loader import load

NAMES = {  # how reporters name a project that its repository's name does not give
    "pytorch/pytorch": ("torch", "pytorch"),
    "keras-team/keras-tuner": ("keras-tuner", "keras_tuner", "kerastuner"),
    "keras-team/keras-io": (),
    "huggingface/transformers": ("transformers",),
}
CONFIG: dict[
    str, dict[str, Any]
] = {  # what each project's own issue template asks to paste (its diagnostic command)
    "pandas-dev/pandas": {"diagnostic": "pd.show_versions()", "output": ["INSTALLED VERSIONS"]},
    "huggingface/transformers": {
        "diagnostic": "transformers-cli env",
        "output": ["`transformers` version:", "transformers version:"],
    },
    "pytorch/pytorch": {
        "diagnostic": "python -m torch.utils.collect_env",
        "output": ["Collecting environment information", "Is debug build:"],
    },
    "scipy/scipy": {
        "diagnostic": "print(scipy.__version__, numpy.__version__, sys.version_info)",
        "output": ["sys.version_info(", "Build Dependencies:"],
    },
}
ASKED = {  # what maintainers asked for → the codes that name it
    "code": (
        "IR201",
        "IR202",
        "IR203",
        "IR204",
        "IR205",
        "IR206",
        "IR207",
    ),  # 203–205, 207: not standalone
    "steps": ("IR201", "IR202", "IR206"),
    "versions": ("IR301", "IR302", "IR303", "IR304", "IR306", "IR307", "IR308", "IR310"),
    "traceback": ("IR401", "IR402", "IR403", "IR404"),  # IR403/IR404: said, never shown
    "expected-actual": ("IR501", "IR502"),
    "template": ("IR101", "IR102", "IR103", "IR104", "IR105", "IR106"),
    "description": ("IR101", "IR103", "IR105", "IR106"),  # what the report is about, said at all
    "output": ("IR206", "IR306", "IR307", "IR401", "IR402", "IR403", "IR404"),  # as text; a log
    "place": ("IR107",),  # which page, which part of it (a docs report)
    "data": ("IR201", "IR205", "IR207"),  # the files the code reads; IR201's hint asks for the data
    "environment": ("IR307", "IR309"),  # where and how the code runs: the diagnostic's output
    "config": ("IR208",),  # the configuration file the report speaks of
}
WORDS = (  # how a labeller's free-text ask ("other: …") names a key, checked in this order
    ("template", ("template",)),
    ("traceback", ("traceback", "stack trace", "backtrace")),
    ("versions", ("version", "upgrade", "latest release")),  # IR301/IR304 ask for the latest
    (
        "description",
        (
            "description of the",
            "the actual question",
            "describe the",
            "more detail",
            "actionable",
            "trying to do",
            "actually is",
        ),
    ),
    ("config", ("config",)),
    ("output", ("output", " log", "logs", "crashlog")),  # a log is the run's output
    ("data", ("the data", "data file", "example data", "input file", "csv data")),
    ("environment", ("environment", "local setup", "how the code is run", "is installed")),
    ("place", ("which part", "which specific", "concrete examples")),
    ("code", ("reproducible example", "minimal example", "code snippet", "standalone code")),
)


def asked_key(asked: str) -> str:
    """Map a labeller's ask onto the vocabulary the checks can name.

    Args:
        asked: One entry of ``asked``.

    Returns:
        A key of ``ASKED``, or ``other``.
    """
    text = asked.lower()
    if text in ASKED:
        return text
    return next((key for key, said in WORDS if any(w in text for w in said)), "other")


def judge(data: Mapping[str, Any]) -> Result:
    """Run the issue engine on one labelled report (no repository: the project by name).

    Args:
        data: The report's JSON.

    Returns:
        The result.
    """
    project = str(data.get("project", ""))
    names = NAMES.get(project, (project.rsplit("/", 1)[-1],))
    profile = "keras" if project.startswith("keras-team/") else "default"
    asks = CONFIG.get(project)
    versions = (
        {"diagnostic": asks["diagnostic"], "diagnostic-output": asks["output"]} if asks else {}
    )
    config = {"checks": {"versions": versions}} if asks else None
    policy = load(config, f"{project}'s issue template (benchmarks/issues.py)", profile=profile)
    labels = [x if isinstance(x, str) else str(x.get("name", "")) for x in data.get("labels") or ()]
    report = IssueReport.of(data.get("title"), data.get("body"), labels, (), Project(names=names))
    return evaluate(report, policy)


def score(files: Iterable[Path]) -> dict[str, dict[str, Any]]:
    """Score every report; per project and ``all``.

    Args:
        files: The JSON files.

    Returns:
        For each project: counts of reports, agreements, needs-info reports and those named,
        complete reports and false alarms, private-data reports that passed, and misses.
    """
    table: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        label = data["label"]
        result = judge(data)
        codes = {f.code for c in result.checks for f in c.findings}  # a warning names it too
        said = "complete" if result.passed else "needs-info"
        for key in (str(data.get("project")), "all"):
            row = table[key]
            row["reports"] += 1
            row["agree"] += said == label["verdict"]
            if label["verdict"] == "complete":
                row["complete"] += 1
                row["false_alarms"] += said != "complete"
            else:
                asks = [asked_key(a) for a in label.get("asked") or ()]
                named = all(k != "other" and codes & set(ASKED[k]) for k in asks)
                row["needs_info"] += 1
                row["named"] += bool(asks) and named
                nameable = [k for k in asks if k != "other"]
                row["nameable"] += bool(nameable)
                row["nameable_named"] += bool(nameable) and all(
                    codes & set(ASKED[k]) for k in nameable
                )
                row["only_other"] += bool(asks) and all(k == "other" for k in asks)
            if label.get("private_data"):
                row["private"] += 1
                row["private_passed"] += not codes & {"IR601", "IR602", "IR603", "IR605"}
            if said != label["verdict"] and key == "all":
                row.setdefault("misses", []).append(
                    f"{data['url']} said {said} ({', '.join(sorted(codes))})"
                )
    return table


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f} %" if b else "    – "


def render(table: Mapping[str, Mapping[str, Any]]) -> str:
    """Print the figures, one project a row and ``all`` last.

    Args:
        table: What ``score`` returned.

    Returns:
        The table as text.
    """
    out = [
        f"{'project':<28} {'reports':>7} {'agree':>8} {'named':>8} {'named¹':>9} {'false al.':>9} "
        f"{'leaks passed':>12}"
    ]
    for key in [*sorted(k for k in table if k != "all"), "all"]:
        r = table[key]
        out.append(
            f"{key:<28} {r['reports']:>7} {_pct(r['agree'], r['reports']):>8} "
            f"{_pct(r['named'], r['needs_info']):>8} "
            f"{_pct(r['nameable_named'], r['nameable']):>9} "
            f"{_pct(r['false_alarms'], r['complete']):>9} "
            f"{r['private_passed']:>6} of {r['private']:<3}"
        )
    r = table["all"]
    out.append(
        f"\nneeds-info reports: {r['needs_info']}, of which {r['only_other']} asked only for "
        "something no check can name (counted as not named in 'named'); ¹ over the "
        f"{r['nameable']} reports with an ask in the checks' vocabulary ({', '.join(ASKED)}), "
        "those asks only"
    )
    return "\n".join(out) + "\n"


def write_labels(files: Iterable[Path], target: Path) -> None:
    """Write the links and labels (never the report's text) as YAML.

    Args:
        files: The JSON files.
        target: The YAML file.
    """
    import yaml

    rows = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        label = data["label"]
        rows.append(
            {
                "url": data["url"],
                "project": data["project"],
                "type": label.get("type"),
                "verdict": label["verdict"],
                "asked": list(label.get("asked") or ()),
            }
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    head = "# Links and labels only; the reports' texts are not committed (benchmarks/issues.py)\n"
    target.write_text(head + yaml.safe_dump(rows, sort_keys=False, allow_unicode=True))


def main(argv: list[str] | None = None) -> int:
    """Score a directory of labelled reports and print the figures.

    Args:
        argv: The arguments.

    Returns:
        0.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("directory", type=Path, help="the labelled reports (*.json)")
    parser.add_argument("--write-labels", type=Path, help="write links and labels to this YAML")
    parser.add_argument("--misses", action="store_true", help="list the disagreements")
    args = parser.parse_args(argv)
    files = sorted(args.directory.glob("*.json"))
    if not files:
        print(f"no *.json in {args.directory}", file=sys.stderr)
        return 2
    if args.write_labels:
        write_labels(files, args.write_labels)
    table = score(files)
    sys.stdout.write(render(table))
    if args.misses:
        sys.stdout.write("\n".join(table["all"].get("misses", [])) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
