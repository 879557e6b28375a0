"""The ``mergeready org`` command line: ``plan``, ``run``, ``merge``, ``report``, ``launcher``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mergeready.checks.errors import MergereadyError
from mergeready.hooks import arguments, org_plan
from mergeready.hooks.formats.escape import json_text, visible
from mergeready.hooks.output import EXIT_ERROR, EXIT_PASS, emit, write

LAUNCHERS: Mapping[str, str] = {
    "github": "github-workflow.yml",
    "kubernetes": "kubernetes-job.yaml",
}
"""The shipped launchers, under ``hooks/launchers/``."""


def add_parser(sub: Any) -> None:
    """Add ``org`` and its subcommands.

    Args:
        sub: The subparsers of the ``mergeready`` parser.
    """
    o = sub.add_parser("org", help="history across many repositories, one shard each")
    steps = o.add_subparsers(dest="step", parser_class=type(o))
    p = steps.add_parser("plan", help="list the shards (JSON lines), or an Actions matrix")
    _repos(p)
    p.add_argument("--matrix", action="store_true", help="print the Actions matrix instead")
    p.add_argument("--max-jobs", type=int, default=256, help="jobs of one matrix (default 256)")
    p.add_argument("--index", help="only this shard")
    p.add_argument("--field", choices=arguments.ORG_FIELDS, help="only this value")
    r = steps.add_parser("run", help="write the shard files (all, or the job array's index)")
    _repos(r)
    r.add_argument("--out", required=True, help="the folder of shard files")
    r.add_argument("--index", help="run only this shard (default: $JOB_COMPLETION_INDEX if set)")
    arguments.add_range(r, "each repository's default branch")
    r.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes: shards at once, or one shard's commits at once when it runs alone",
    )
    r.add_argument("--profile", help="the organisation's default profile")
    r.add_argument("--config", help="the organisation's default rules file (in each repository)")
    r.add_argument("--cache-dir", help="keep per-commit results here too")
    r.add_argument("--quiet", action="store_true", help="no progress bar on a terminal")
    m = steps.add_parser("merge", help="merge complete shard files into one file")
    m.add_argument("paths", nargs="+", metavar="PATH", help="shard files or folders of them")
    m.add_argument("--output", required=True, help="FILE.jsonl, or FILE.parquet (needs duckdb)")
    q = steps.add_parser("report", help="pass rates per repository, type and month (DuckDB)")
    q.add_argument("paths", nargs="+", metavar="PATH", help="shards, folders, or .parquet files")
    q.add_argument("--format", default="text", choices=arguments.ORG_REPORT_FORMATS)
    q.add_argument("--output", help="write the report to this file")
    launcher = steps.add_parser("launcher", help="print a shipped launcher to adapt")
    launcher.add_argument("engine", choices=sorted(LAUNCHERS))


def _repos(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repos", required=True, help="a list file (one path a line) or a folder")
    p.add_argument("--root", help="where the list's relative paths start (default: its folder)")


def run(args: argparse.Namespace) -> int:
    """Run ``mergeready org``.

    Args:
        args: The parsed arguments.

    Returns:
        0, or 2 when a shard could not be run.

    Raises:
        MergereadyError: On a usage error.
    """
    if args.step is None:
        raise MergereadyError("say which step: org plan, run, merge, report or launcher")
    step = {"plan": _plan, "run": _run, "merge": _merge, "report": _report}.get(args.step)
    if step is None:
        name = LAUNCHERS[args.engine]
        emit((Path(__file__).parent / "launchers" / name).read_text("utf-8"))
        return EXIT_PASS
    return step(args)


def _shards(args: argparse.Namespace) -> list[org_plan.Shard]:
    return org_plan.plan(Path(args.repos), Path(args.root) if args.root else None)


def _plan(args: argparse.Namespace) -> int:
    shards = org_plan.pick(_shards(args), args.index)
    if args.matrix:
        if args.max_jobs < 1:
            raise MergereadyError("--max-jobs takes a whole number of at least 1")
        emit(json.dumps(org_plan.matrix(shards, args.max_jobs), separators=(",", ":")) + "\n")
    elif args.field:
        emit("".join(f"{getattr(s, args.field) or ''}\n" for s in shards))
    else:
        emit("".join(json.dumps({**s.__dict__, "filename": s.filename}) + "\n" for s in shards))
    return EXIT_PASS


def _run(args: argparse.Namespace) -> int:
    # start-up: the engine, the rules and YAML load when the command runs, not for --version
    from mergeready.hooks import org, progress

    if args.jobs < 1 or (args.last is not None and args.last < 1):
        raise MergereadyError("--jobs and --last take a whole number of at least 1")
    index = args.index if args.index is not None else os.environ.get("JOB_COMPLETION_INDEX")
    shards = org_plan.pick(_shards(args), index)
    last = args.last if args.last or args.range or args.since else 100
    # one shard (a job array's worker): its commits share the processes; else the shards do
    per_shard = args.jobs if len(shards) == 1 else 1
    walk = org.Walk(
        args.range, args.since, last, args.profile, args.config, args.cache_dir, per_shard
    )
    bar = progress.start(os.environ, args.quiet)
    try:
        results = org.run_many(shards, Path(args.out), walk, args.jobs, bar)
    finally:
        if bar is not None:
            bar.close()
    return _said(shards, results)


def _said(shards: Sequence[org_plan.Shard], results: Sequence[dict[str, Any] | str]) -> int:
    """Print a line per shard (an error on stderr); 2 when a shard could not run."""
    failed = 0
    for shard, done in zip(shards, results):
        if isinstance(done, str):
            print(f"mergeready: error: {visible(done)}", file=sys.stderr)
            failed += 1
            continue
        emit(
            f"{shard.filename}: {done['contributions']} contributions "
            f"({done['evaluated']} checked, {done['reused']} kept)\n"
        )
    return EXIT_ERROR if failed else EXIT_PASS


def _merge(args: argparse.Namespace) -> int:
    # start-up: the engine, the rules and YAML load when the command runs, not for --version
    from mergeready.hooks import org
    from mergeready.hooks.formats import shard_jsonl

    files = org.shard_files(args.paths)
    records = org.merge(files)  # refuses an incomplete shard and a duplicate first
    out = Path(args.output)
    if out.suffix == ".parquet":
        # start-up: DuckDB loads only for Parquet
        from mergeready.hooks import org_report

        org_report.to_parquet(files, out)
    else:
        shard_jsonl.write(out, records)
    emit(f"{len(records)} contributions from {len(files)} shards written to {out}\n")
    return EXIT_PASS


def _report(args: argparse.Namespace) -> int:
    # start-up: DuckDB and the engine load only when a report is asked
    from mergeready.hooks import org, org_report
    from mergeready.hooks.formats import org_html, org_text

    files = org.shard_files(args.paths)
    data = org_report.report(files)
    text = org_text.render(data)
    rendered = {
        "text": text,
        "json": json_text(data),  # subjects and names: no raw control or CI log command
        "html": org_html.render(data) if args.format == "html" else "",
    }[args.format]
    if args.output:
        write(args.output, rendered, None)  # no repository: the user names the place
        emit(text + f"report written to {args.output}\n")
    else:
        emit(rendered)
    return EXIT_PASS
