"""``mergeready org`` and ``history --format jsonl`` on small organisations of real repositories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import Repo
from mergeready.hooks import __version__, org, org_plan
from mergeready.hooks.formats import shard_jsonl

MOD = '"""Mod."""\n\n\ndef legacy(x):\n    return x\n'
TEST = "from pkg.mod import legacy\n\n\ndef test_legacy():\n    assert legacy(1) == 1\n"
LOG = "# Changelog\n\n## Unreleased\n\n## 1.0 (2023-12-01)\n\n- first\n"
LAUNCHERS = Path(org.__file__).parent / "launchers"
BIN = Path(sys.executable).parent
NAMES = ("alpha", "beta", "gamma")


def _repository(path: Path, monkeypatch, docs: bool = True) -> Repo:
    """Four contributions a month apart: a fix with its test, a feature without, a typo."""
    path.mkdir(parents=True)
    repo = Repo(path)

    def commit(date: str, message: str, files: dict[str, str]) -> None:
        for name, text in files.items():
            repo.write(name, text)
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"{date}T12:00:00+00:00")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{date}T12:00:00+00:00")
        repo.commit(message)

    files = {"pkg/__init__.py": "", "pkg/mod.py": MOD, "tests/test_mod.py": TEST}
    commit("2024-01-05", "Initial", {**files, "CHANGELOG.md": LOG})
    fixed = MOD.replace("return x", "return round(x)")
    commit(
        "2024-01-10",
        "Fix rounding in legacy",
        {
            "pkg/mod.py": fixed,
            "tests/test_mod.py": TEST + "\n\ndef test_round():\n    assert legacy(1.4) == 1\n",
            "CHANGELOG.md": LOG.replace("## Unreleased\n", "## Unreleased\n\n- Fix.\n"),
        },
    )
    scale = '\n\ndef scale(x, factor):\n    """Scale x."""\n    return x * factor\n'
    commit("2024-02-10", "Add scale", {"pkg/mod.py": fixed + scale})
    if docs:
        commit("2024-03-10", "docs: usage", {"docs/usage.md": "How to use teh module.\n"})
    return repo


@pytest.fixture
def clones(git_repo, tmp_path, monkeypatch):
    """Three repositories under one folder (beta has no docs contribution)."""
    folder = tmp_path / "clones"
    for name in ("alpha", "beta", "gamma"):
        _repository(folder / name, monkeypatch, docs=name != "beta")
    return folder


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines()]


def _shard(run_cli, repo: Path, out: Path, *more: str) -> str:
    code, stdout, err = run_cli(
        "history", "--repo", str(repo), "--format", "jsonl", "--output", str(out), "--jobs", "1",
        "--no-cache", *more,
    )  # fmt: skip
    assert code == 0, err
    return stdout


def test_a_shard_holds_one_record_per_contribution_and_a_manifest(clones, run_cli, tmp_path):
    out = tmp_path / "alpha.jsonl"
    said = _shard(run_cli, clones / "alpha", out)
    assert said == f"{out}: 3 contributions (3 checked, 0 kept from the last run)\n"
    *records, manifest = _lines(out)
    assert [r["subject"] for r in records] == ["docs: usage", "Add scale", "Fix rounding in legacy"]
    fix = records[2]
    assert fix["kind"] == "contribution" and fix["repository"] == "alpha"
    assert fix["parent"] == Repo(clones / "alpha").git("rev-parse", "HEAD~3")
    assert fix["date"] == "2024-01-10" and fix["author_association"] is None
    assert fix["error"] is None and fix["mergeready"] == __version__
    assert fix["config_digest"] == org.config_digest(None, None)
    assert {"type": "bugfix", "evidence": ["title: Fix rounding in legacy"]} in fix["types"]
    verdicts = {b["type"]: b["passed"] for b in records[1]["by_type"]}
    assert verdicts["feature"] is False
    checks = {c["id"]: (c["status"], c["codes"]) for c in records[1]["checks"]}
    assert checks["tests-present"][0] == "fail" and checks["tests-present"][1][0] == "MR101"
    assert checks["docstrings-complete"] == ("fail", ["MR202"])
    assert {c["id"]: c["status"] for c in records[0]["checks"]}["spelling-clean"] == "fail"
    assert {k: manifest[k] for k in ("kind", "repository", "range", "contributions")} == {
        "kind": "manifest",
        "repository": "alpha",
        "range": "last 100",
        "contributions": 3,
    }
    assert (manifest["evaluated"], manifest["reused"], manifest["errors"]) == (3, 0, 0)
    first, head = Repo(clones / "alpha").git("rev-parse", "HEAD~3", "HEAD").split()
    assert manifest["resolved"] == f"{first}..{head}"


def test_shard_statuses_are_what_history_reports(clones, run_cli, tmp_path):
    out = tmp_path / "alpha.jsonl"
    _shard(run_cli, clones / "alpha", out)
    code, report, _ = run_cli("history", "--repo", str(clones / "alpha"), "--format", "json")
    history = {e["commit"]: e["checks"] for e in json.loads(report)["entries"]}
    shard = {r["commit"]: {c["id"]: c["status"] for c in r["checks"]} for r in _lines(out)[:-1]}
    assert code == 0 and shard == history


def test_an_unchanged_rerun_checks_nothing(clones, run_cli, tmp_path):
    out = tmp_path / "alpha.jsonl"
    _shard(run_cli, clones / "alpha", out)
    before = _lines(out)
    said = _shard(run_cli, clones / "alpha", out)
    assert said.endswith("3 contributions (0 checked, 3 kept from the last run)\n")
    after = _lines(out)
    assert after[:-1] == before[:-1]
    assert (after[-1]["evaluated"], after[-1]["reused"]) == (0, 3)


def test_a_new_version_or_configuration_redoes_every_record(clones, run_cli, tmp_path, monkeypatch):
    out = tmp_path / "alpha.jsonl"
    _shard(run_cli, clones / "alpha", out)
    assert _shard(run_cli, clones / "alpha", out, "--profile", "strict").endswith(
        "(3 checked, 0 kept from the last run)\n"
    )
    monkeypatch.setattr(org, "__version__", "99.0")
    assert _shard(run_cli, clones / "alpha", out, "--profile", "strict").endswith(
        "(3 checked, 0 kept from the last run)\n"
    )
    assert {r["mergeready"] for r in _lines(out)[:-1]} == {"99.0"}
    assert _shard(run_cli, clones / "alpha", out, "--profile", "strict").endswith(
        "(0 checked, 3 kept from the last run)\n"
    )


def test_a_shard_cut_short_resumes_without_duplicate_or_gap(clones, run_cli, tmp_path):
    complete = tmp_path / "complete.jsonl"
    _shard(run_cli, clones / "alpha", complete)
    lines = complete.read_text().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    # what a killed writer leaves: the first record, half of the second, no manifest
    cut.write_text(lines[0] + lines[1][: len(lines[1]) // 2])
    assert shard_jsonl.read(cut) == ([json.loads(lines[0])], None)
    said = _shard(run_cli, clones / "alpha", cut)
    assert said.endswith("3 contributions (2 checked, 1 kept from the last run)\n")
    assert _lines(cut)[:-1] == _lines(complete)[:-1]


def test_records_of_commits_outside_the_range_are_dropped(clones, run_cli, tmp_path):
    out = tmp_path / "alpha.jsonl"
    _shard(run_cli, clones / "alpha", out)
    said = _shard(run_cli, clones / "alpha", out, "--last", "1")
    assert said.endswith("1 contributions (0 checked, 1 kept from the last run)\n")
    assert [r["subject"] for r in _lines(out)[:-1]] == ["docs: usage"]


def _merged(run_cli, folder: Path, output: Path) -> list[dict]:
    code, _, err = run_cli("org", "merge", str(folder), "--output", str(output))
    assert code == 0, err
    return _lines(output)


def test_a_job_array_gives_the_records_of_one_run(clones, run_cli, tmp_path, monkeypatch):
    code, out, err = run_cli(
        "org", "run", "--repos", str(clones), "--out", str(tmp_path / "one"), "--jobs", "1"
    )
    assert (code, err) == (0, "")
    assert out == (
        "alpha.jsonl: 3 contributions (3 checked, 0 kept)\n"
        "beta.jsonl: 2 contributions (2 checked, 0 kept)\n"
        "gamma.jsonl: 3 contributions (3 checked, 0 kept)\n"
    )
    for index in ("2", "0", "1"):
        monkeypatch.setenv("JOB_COMPLETION_INDEX", index)
        code, out, err = run_cli(
            "org", "run", "--repos", str(clones), "--out", str(tmp_path / "array"), "--jobs", "1"
        )
        assert code == 0 and out.count("\n") == 1, err
    one = _merged(run_cli, tmp_path / "one", tmp_path / "one.jsonl")
    array = _merged(run_cli, tmp_path / "array", tmp_path / "array.jsonl")
    assert one == array and len(one) == 8
    assert [r["repository"] for r in one] == ["alpha"] * 3 + ["beta"] * 2 + ["gamma"] * 3


@pytest.mark.slow
def test_local_org_run_in_a_process_pool_equals_one_process(clones, run_cli, tmp_path):
    for jobs in ("1", "2"):
        code, _, err = run_cli(
            "org", "run", "--repos", str(clones), "--out", str(tmp_path / jobs), "--jobs", jobs
        )
        assert code == 0, err
    for index in range(3):  # one shard alone: its commits share the two processes
        code, _, err = run_cli(
            "org", "run", "--repos", str(clones), "--out", str(tmp_path / "alone"),
            "--jobs", "2", "--index", str(index),
        )  # fmt: skip
        assert code == 0, err
    one = _merged(run_cli, tmp_path / "1", tmp_path / "1.jsonl")
    assert one == _merged(run_cli, tmp_path / "2", tmp_path / "2.jsonl")
    assert one == _merged(run_cli, tmp_path / "alone", tmp_path / "alone.jsonl")


# A worker killed as the 4th record is made (after 3 are written): SIGKILL, as a node loss does.
_KILLED_AT_THE_FOURTH_RECORD = """
import os, signal, sys
from mergeready.hooks import cli
from mergeready.hooks.formats import shard_jsonl

made = []
record = shard_jsonl.record


def dying(*args, **kwargs):
    made.append(1)
    if len(made) == 4:
        os.kill(os.getpid(), signal.SIGKILL)
    return record(*args, **kwargs)


shard_jsonl.record = dying
raise SystemExit(cli.main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_killed_worker_rerun_leaves_no_duplicate_and_no_gap(git_repo, run_cli, tmp_path):
    git_repo.write("README.md", "# R\n")
    git_repo.commit("initial")
    for n in range(60):
        git_repo.write(f"docs/page{n}.md", f"Page {n}.\n")
        git_repo.commit(f"docs: page {n}")
    listing = tmp_path / "repos.txt"
    listing.write_text(f"{git_repo.path} name=acme/docs\n")
    argv = [str(BIN / "mergeready"), "org", "run", "--repos", str(listing), "--out"]
    shard = tmp_path / "out" / "acme__docs.jsonl"
    env = {**os.environ, "JOB_COMPLETION_INDEX": "0"}
    killed = subprocess.run(  # SIGKILLed at a fixed point: never a race with the run
        [
            sys.executable,
            "-c",
            _KILLED_AT_THE_FOURTH_RECORD,
            *argv[1:],
            str(tmp_path / "out"),
            "--jobs",
            "1",
        ],
        env={**env, "PYTHONUNBUFFERED": "1"},
        capture_output=True,
        text=True,
    )
    assert killed.returncode == -9, killed.stderr
    records, manifest = shard_jsonl.read(shard)
    assert manifest is None and len(records) == 3  # killed mid-shard
    code, _, err = run_cli("org", "merge", str(shard), "--output", str(tmp_path / "m.jsonl"))
    assert code == 2 and "the shard is incomplete (no manifest line); run its index again" in err
    rerun = subprocess.run(
        [*argv, str(tmp_path / "out")], env=env, capture_output=True, text=True, check=True
    )
    assert f"({60 - len(records)} checked, {len(records)} kept)" in rerun.stdout
    merged = _merged(run_cli, tmp_path / "out", tmp_path / "m.jsonl")
    assert sorted(r["subject"] for r in merged) == sorted(f"docs: page {n}" for n in range(60))


def test_merge_refuses_a_record_in_two_shards(clones, run_cli, tmp_path):
    _shard(run_cli, clones / "alpha", tmp_path / "s" / "a.jsonl")
    shutil.copy(tmp_path / "s" / "a.jsonl", tmp_path / "s" / "b.jsonl")
    code, _, err = run_cli("org", "merge", str(tmp_path / "s"), "--output", str(tmp_path / "m"))
    assert code == 2 and "is in two shards" in err and err.count("\n") == 1


def test_plan_reads_a_list_with_names_and_overrides(clones, run_cli, tmp_path):
    listing = tmp_path / "repos.txt"
    listing.write_text(
        "# the organisation\n"
        "clones/alpha name=acme/alpha url=https://example.org/acme/alpha.git\n"
        "\n"
        "clones/beta profile=strict  # beta asks for more\n"
    )
    code, out, _ = run_cli("org", "plan", "--repos", str(listing))
    assert code == 0
    assert [json.loads(x) for x in out.splitlines()] == [
        {
            "index": 0,
            "name": "acme/alpha",
            "path": str(tmp_path / "clones/alpha"),
            "profile": None,
            "config": None,
            "url": "https://example.org/acme/alpha.git",
            "filename": "acme__alpha.jsonl",
        },
        {
            "index": 1,
            "name": "beta",
            "path": str(tmp_path / "clones/beta"),
            "profile": "strict",
            "config": None,
            "url": None,
            "filename": "beta.jsonl",
        },
    ]
    code, out, _ = run_cli("org", "plan", "--repos", str(listing), "--index", "0", "--field", "url")
    assert out == "https://example.org/acme/alpha.git\n"
    # the default pool: its processes create the new --out folder at once (tests/hooks/
    # test_shared_folders.py provokes that race every time)
    code, out, err = run_cli("org", "run", "--repos", str(listing), "--out", str(tmp_path / "o"))
    assert code == 0, err
    digests = {
        r["repository"]: r["config_digest"] for r in _lines(tmp_path / "o" / "beta.jsonl")[:-1]
    }
    assert digests == {"beta": org.config_digest("strict", None)}


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "no repository listed; one path a line"),
        ("a\nb/a\n", "a is listed twice; give each a name="),
        ("a colour=blue\n", "'colour=blue' on the line of a: write name=, profile=, config= or"),
    ],
)
def test_a_bad_list_is_one_line_and_status_2(git_repo, run_cli, tmp_path, text, message):
    listing = tmp_path / "repos.txt"
    listing.write_text(text)
    code, _, err = run_cli("org", "plan", "--repos", str(listing))
    assert code == 2 and message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "argv, message",
    [
        ("org run --repos {c} --out {t} --index 3", "is not one of 0..2"),
        ("org run --repos {c} --out {t} --index -1", "is not one of 0..2"),
        ("org run --repos {t}/nope.txt --out {t}", "cannot read it"),
        ("history --repo {c}/alpha --format jsonl", "name it with --output FILE"),
        ("org merge {t}/none --output {t}/m", "no such file or folder"),
        (
            "history --repo {c}/alpha --format jsonl --output {c}/alpha/.git/HEAD/x",
            "Not a directory; name a shard file",
        ),
        ("org", "say which step: org plan, run, merge, report or launcher"),
        ("org plan --repos {c} --matrix --max-jobs 0", "at least 1"),
        ("org run --repos {c} --out {t} --last 0", "at least 1"),
        (
            "history --repo {c}/alpha --format jsonl --output {t}/s.jsonl --no-first-parent",
            "walks first parents only",
        ),
    ],
)
def test_bad_arguments(clones, run_cli, tmp_path, argv, message):
    code, _, err = run_cli(*argv.format(c=clones, t=tmp_path).split())
    assert code == 2 and message in err and err.count("\n") == 1


def test_a_folder_that_is_not_a_repository_is_a_shard_error(clones, run_cli, tmp_path):
    listing = tmp_path / "repos.txt"
    listing.write_text("clones/alpha\nnowhere\n")
    code, out, err = run_cli("org", "run", "--repos", str(listing), "--out", str(tmp_path / "o"))
    assert code == 2 and out.startswith("alpha.jsonl: 3 contributions")
    assert err.startswith("mergeready: error: nowhere: ") and err.count("\n") == 1


@pytest.mark.parametrize("count", [1, 2, 10, 255, 256, 257, 600, 1000])
def test_the_matrix_takes_every_shard_once_within_256_jobs(count):
    jobs = org_plan.chunks(count)
    assert len(jobs) == min(count, 256)
    assert sorted(i for job in jobs for i in job) == list(range(count))
    sizes = [len(job) for job in jobs]
    assert max(sizes) - min(sizes) <= 1 and max(sizes) == -(-count // 256)


def test_plan_prints_the_actions_matrix(git_repo, run_cli, tmp_path):
    listing = tmp_path / "repos.txt"
    listing.write_text("".join(f"r{n}\n" for n in range(300)))
    code, out, _ = run_cli("org", "plan", "--repos", str(listing), "--matrix")
    matrix = json.loads(out)
    assert code == 0 and len(matrix["include"]) == 256
    assert matrix["include"][0] == {"job": 0, "indices": "0 256"}
    assert matrix["include"][255] == {"job": 255, "indices": "255"}
    code, out, _ = run_cli("org", "plan", "--repos", str(listing), "--matrix", "--max-jobs", "7")
    assert [len(j["indices"].split()) for j in json.loads(out)["include"]] == [43] * 6 + [42]


def _workflow() -> dict:
    return yaml.safe_load((LAUNCHERS / "github-workflow.yml").read_text())


@pytest.mark.parametrize(
    "launcher, validator, breakage",
    [
        (  # a job key GitHub does not know
            "github-workflow.yml",
            ["check-jsonschema", "--builtin-schema", "vendor.github-workflows"],
            ("    runs-on: ubuntu-latest\n", "    runs_on: ubuntu\n"),
        ),
        (  # a count that is not a number
            "kubernetes-job.yaml",
            ["kubernetes-validate", "--strict", "--quiet"],
            ("  completions: 2\n", "  completions: two\n"),
        ),
    ],
)
@pytest.mark.parametrize("broken", [False, True])
def test_the_launchers_validate_offline(tmp_path, launcher, validator, breakage, broken):
    text = (LAUNCHERS / launcher).read_text()
    if broken:  # a broken copy must fail, or the validation proves nothing
        assert breakage[0] in text
        text = text.replace(*breakage, 1)
    path = tmp_path / launcher
    path.write_text(text)
    done = subprocess.run(
        [str(BIN / validator[0]), *validator[1:], str(path)], capture_output=True, text=True
    )
    assert (done.returncode != 0) == broken, done.stdout + done.stderr


def test_the_workflow_plans_a_matrix_uploads_shards_and_merges():
    jobs = _workflow()["jobs"]
    assert jobs["shard"]["strategy"]["matrix"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    assert "--matrix --max-jobs 256" in jobs["plan"]["steps"][-1]["run"]
    upload = jobs["shard"]["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["name"] == "shard-${{ matrix.job }}"
    download = jobs["merge"]["steps"][2]
    assert download["with"] == {"pattern": "shard-*", "path": "shards", "merge-multiple": True}
    assert jobs["merge"]["needs"] == "shard"


def _bare(clones: Path, tmp_path: Path) -> Path:
    """Bare copies to clone from, as a launcher clones from the forge."""
    forge = tmp_path / "forge"
    for repo in sorted(clones.iterdir()):
        subprocess.run(
            ["git", "clone", "-q", "--bare", str(repo), str(forge / f"{repo.name}.git")],
            check=True,
        )
    return forge


def _script_env(**more: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **more}


@pytest.mark.slow
def test_the_workflow_jobs_shell_runs_its_shards_and_the_merge_job_reads_them(
    clones, run_cli, tmp_path
):
    forge = _bare(clones, tmp_path)
    work = tmp_path / "checkout"
    work.mkdir()
    (work / "repos.txt").write_text(
        "".join(f"repos/{n} name=acme/{n} url={forge / n}.git\n" for n in NAMES)
    )
    jobs = _workflow()["jobs"]
    plan = subprocess.run(
        ["bash", "-c", jobs["plan"]["steps"][-1]["run"]],
        cwd=work,
        env=_script_env(GITHUB_OUTPUT=str(tmp_path / "output")),
        check=True,
    )
    matrix = json.loads((tmp_path / "output").read_text().split("=", 1)[1])
    assert plan.returncode == 0 and len(matrix["include"]) == 3
    walk = next(s for s in jobs["shard"]["steps"] if s.get("name") == "Walk this job's shards")
    for job in matrix["include"]:
        env = _script_env(INDICES=job["indices"], LAST="2", PROFILE="")
        subprocess.run(["bash", "-c", walk["run"]], cwd=work, env=env, check=True)
    assert sorted(p.name for p in (work / "shards").iterdir()) == [
        "acme__alpha.jsonl",
        "acme__beta.jsonl",
        "acme__gamma.jsonl",
    ]
    merge = next(s for s in jobs["merge"]["steps"] if s.get("name", "").startswith("Merge"))
    subprocess.run(["bash", "-c", merge["run"]], cwd=work, env=_script_env(), check=True)
    assert (work / "org-report.html").read_text().startswith("<!doctype html>")
    code, out, _ = run_cli("org", "report", str(work / "org-history.parquet"), "--format", "json")
    assert json.loads(out)["totals"]["contributions"] == 6


def _manifest() -> list[dict]:
    return list(yaml.safe_load_all((LAUNCHERS / "kubernetes-job.yaml").read_text()))


def test_the_kubernetes_job_is_indexed_one_pod_a_shard(run_cli, tmp_path):
    config, _, job = _manifest()
    spec = job["spec"]
    assert spec["completionMode"] == "Indexed" and spec["template"]["spec"]["restartPolicy"] == (
        "Never"
    )
    assert spec["backoffLimitPerIndex"] >= 1  # a retried pod redoes only its own index
    listing = tmp_path / "repos.txt"
    listing.write_text(config["data"]["repos.txt"])
    code, out, _ = run_cli("org", "plan", "--repos", str(listing))
    assert code == 0 and out.count("\n") == spec["completions"]


@pytest.mark.slow
def test_kubernetes_pods_as_local_processes_give_the_records_of_one_run(clones, run_cli, tmp_path):
    forge = _bare(clones, tmp_path)
    _, _, job = _manifest()
    script = job["spec"]["template"]["spec"]["containers"][0]["args"][0]
    for mount in ("/config", "/work", "/shards"):
        (tmp_path / mount.strip("/")).mkdir()
        script = script.replace(mount, str(tmp_path / mount.strip("/")))
    names = ("alpha", "beta", "gamma")
    (tmp_path / "config" / "repos.txt").write_text(
        "".join(f"{n} url={forge / n}.git\n" for n in names)
    )
    for index in range(len(names)):
        env = _script_env(JOB_COMPLETION_INDEX=str(index), LAST="100", PROFILE="")
        subprocess.run(["sh", "-c", script], env=env, check=True, capture_output=True)
    code, _, err = run_cli("org", "run", "--repos", str(clones), "--out", str(tmp_path / "one"))
    assert code == 0, err
    pods = _merged(run_cli, tmp_path / "shards", tmp_path / "pods.jsonl")
    assert pods == _merged(run_cli, tmp_path / "one", tmp_path / "one.jsonl") and len(pods) == 8


@pytest.fixture
def shards(clones, run_cli, tmp_path):
    code, _, err = run_cli(
        "org", "run", "--repos", str(clones), "--out", str(tmp_path / "shards"), "--jobs", "1"
    )
    assert code == 0, err
    return tmp_path / "shards"


def test_report_pass_rates_per_repository_type_and_month(shards, run_cli):
    code, out, err = run_cli("org", "report", str(shards), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["totals"] == {
        "contributions": 8,
        "repositories": 3,
        "first": "2024-01-10",
        "last": "2024-03-10",
        "errors": 0,
    }
    rates = {(r["repository"], r["month"], r["type"]): r["pass_rate"] for r in data["pass_rates"]}
    assert rates[("alpha", "2024-01", "bugfix")] == 1.0
    assert rates[("alpha", "2024-02", "feature")] == 0.0
    assert rates[("alpha", "2024-03", "docs")] == 0.0
    assert ("beta", "2024-03", "docs") not in rates
    failed = {r["check_id"]: (r["contributions"], r["repositories"]) for r in data["most_failed"]}
    assert failed["docstrings-complete"] == (3, 3)  # scale() documents no parameter
    assert failed["spelling-clean"] == (2, 2)  # "teh" in alpha's and gamma's docs
    assert data["most_failed"][0]["contributions"] >= data["most_failed"][-1]["contributions"]
    assert all(r["contributions"] > 0 for r in data["most_skipped"])


def test_report_text_reads_as_a_summary(shards, run_cli):
    code, out, _ = run_cli("org", "report", str(shards))
    assert code == 0
    assert (
        out
        == """\
mergeready org report · 8 contributions in 3 repositories (2024-01-10 … 2024-03-10)

pass rate per type (every required check passed), per repository:
  alpha                          bugfix       100% of 1
  alpha                          docs         0% of 1
  alpha                          feature      0% of 1
  alpha                          tests        100% of 1
  beta                           bugfix       100% of 1
  beta                           feature      0% of 1
  beta                           tests        100% of 1
  gamma                          bugfix       100% of 1
  gamma                          docs         0% of 1
  gamma                          feature      0% of 1
  gamma                          tests        100% of 1

per month, all repositories:
  2024-01  bugfix       100% of 3
  2024-01  tests        100% of 3
  2024-02  feature      0% of 3
  2024-03  docs         0% of 2

most failed required checks:
  changelog-updated      3 contributions in 3 repositories
  docstrings-complete    3 contributions in 3 repositories
  tests-present          3 contributions in 3 repositories
  spelling-clean         2 contributions in 2 repositories

most skipped required checks:
  claims                 8 contributions in 3 repositories
  docstrings-complete    3 contributions in 3 repositories
  tests-meaningful       3 contributions in 3 repositories
"""
    )


def test_parquet_holds_the_same_records_as_the_shards(shards, run_cli, tmp_path):
    parquet = tmp_path / "org.parquet"
    code, out, err = run_cli("org", "merge", str(shards), "--output", str(parquet))
    assert (code, out) == (0, f"8 contributions from 3 shards written to {parquet}\n"), err
    reports = [run_cli("org", "report", str(p), "--format", "json")[1] for p in (shards, parquet)]
    assert json.loads(reports[0]) == json.loads(reports[1])


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _console(page: Path, tmp_path: Path) -> list[str]:
    """Open a page in headless Chromium without network; return what its console said."""
    done = subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "mergeready org report" in done.stdout
    return [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_report_html_opens_in_headless_chromium_without_a_console_error(shards, run_cli, tmp_path):
    page = tmp_path / "report.html"
    code, out, _ = run_cli("org", "report", str(shards), "--format", "html", "--output", str(page))
    html = page.read_text()
    assert code == 0 and out.endswith(f"report written to {page}\n")
    assert "<script" not in html and html.count("<svg") == 3
    assert _console(page, tmp_path) == []
    # the same page loading one outside image: the console says so, so the check above can fail
    loading = tmp_path / "loading.html"
    loading.write_text(html.replace("<h1>", '<img src="https://example.org/x.png"><h1>', 1))
    assert len(_console(loading, tmp_path)) == 1


def test_the_readme_shows_the_reports_queries_for_bigquery():
    import re

    from mergeready.hooks.org_report import QUERIES

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    for name in ("pass_rates", "most_failed"):  # DuckDB's UNNEST(x) AS t(c) is BigQuery's AS c
        bigquery = re.sub(r"UNNEST\(([\w.]+)\) AS \w+\((\w+)\)", r"UNNEST(\1) AS \2", QUERIES[name])
        assert bigquery.strip() + ";" in readme, name
    assert QUERIES["most_skipped"] == QUERIES["most_failed"].replace("'fail'", "'skip'")
    assert "mergeready org launcher github > .github/workflows/org-history.yml" in readme


@pytest.mark.parametrize("engine", ["github", "kubernetes"])
def test_org_launcher_prints_the_shipped_file(git_repo, run_cli, engine):
    code, out, _ = run_cli("org", "launcher", engine)
    name = {"github": "github-workflow.yml", "kubernetes": "kubernetes-job.yaml"}[engine]
    assert code == 0 and out == (LAUNCHERS / name).read_text()


@pytest.mark.parametrize(
    "name, filename",
    [
        ("keras-team/keras", "keras-team__keras.jsonl"),
        ("../../evil", "..__..__evil.jsonl"),
        ("a b\nc", "a_b_c.jsonl"),
        ("..", "...jsonl"),
    ],
)
def test_a_shard_file_name_never_leaves_the_output_folder(tmp_path, name, filename):
    shard = org_plan.Shard(0, name, str(tmp_path))
    assert shard.filename == filename
    assert (tmp_path / shard.filename).resolve().parent == tmp_path.resolve()


def test_report_without_duckdb_says_how_to_install_it(clones, run_cli, tmp_path, monkeypatch):
    _shard(run_cli, clones / "alpha", tmp_path / "alpha.jsonl")
    monkeypatch.setitem(sys.modules, "duckdb", None)  # as if the org extra were not installed
    code, _, err = run_cli("org", "report", str(tmp_path / "alpha.jsonl"))
    assert (code, err) == (
        2,
        "mergeready: error: org report needs DuckDB: pip install 'mergeready[org]' "
        "(or pip install duckdb)\n",
    )


def test_a_file_that_is_not_a_shard_is_one_line_and_status_2(git_repo, run_cli, tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_text("not parquet")
    code, _, err = run_cli("org", "report", str(bad))
    assert code == 2 and err.startswith("mergeready: error: cannot read the shard files: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize("launcher", ["github-workflow.yml", "kubernetes-job.yaml"])
def test_the_launchers_install_what_exists(launcher):
    """No release exists yet: a launcher installs from the repository, never from PyPI."""
    import re

    text = (LAUNCHERS / launcher).read_text()
    assert not re.search(r"pip install (--quiet )?['\"]?mergeready\b(?!\[org\] @ git)", text)
    assert "git+https://github.com/mergeready/mergeready@main" in text
