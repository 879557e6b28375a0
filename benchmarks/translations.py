"""Benchmark translation-consistent against dennis and translate-toolkit's pofilter.

Usage (from the repository root, after the README's set-up, with the two peers installed into
the same environment for the benchmark only):

    .venv/bin/pip install dennis translate-toolkit
    .venv/bin/python benchmarks/translations.py

It writes a French Django catalogue of 2,000 entries (plain, ``python-format``, brace-format,
HTML and plural entries) into a temporary git repository, commits it, then changes 20 entries
(five of them broken: a dropped ``%(name)s``, an added ``%s``, a lost ``{count}``, a lost
``<b>`` tag, a missing plural form). It times, over several runs (``BENCH_RUNS``, default 5),
``mergeready check --only translation-consistent --no-cache`` on that contribution, against
``dennis-cmd lint`` and ``pofilter`` on the same file as a maintainer would run them (whole
file: neither knows what the contribution changed), each a separate process. It prints a
Markdown report and writes it into benchmarks/README.md between the TRANSLATIONS markers.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import tempfile
import time
from pathlib import Path

from common import BIN, ENV, RUNS, measure, write_section

PO = "shop/locale/fr/LC_MESSAGES/django.po"
ENTRIES, CHANGED = 2000, 20
HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: shop\\n"\n"Language: fr\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)


def entry(i: int, broken: bool = False, edited: bool = False) -> str:
    """One entry of the catalogue; ``edited`` rewrites its translation, ``broken`` breaks it."""
    word = "modifié" if edited else "article"
    kind = i % 5
    refs = f"#: shop/views.py:{i}\n"
    if kind == 0:
        msgstr = f"Bonjour {'' if broken else '%(name)s'}, {word} {i}"
        return refs + f'#, python-format\nmsgid "Hello %(name)s, item {i}"\nmsgstr "{msgstr}"\n'
    if kind == 1:
        extra = " %s" if broken else ""
        return refs + f'msgid "Plain text number {i}"\nmsgstr "Texte {word} {i}{extra}"\n'
    if kind == 2:
        count = "" if broken else "{count} "
        return refs + (
            f'#, python-brace-format\nmsgid "{{count}} results in {i}"\n'
            f'msgstr "{count}résultats {word} {i}"\n'
        )
    if kind == 3:
        tag = "Gras" if broken else "<b>Gras</b>"
        return refs + f'msgid "<b>Bold</b> line {i}"\nmsgstr "{tag} {word} {i}"\n'
    forms = [f"%(count)d fichier {word} {i}", f"%(count)d fichiers {word} {i}"]
    body = "".join(f'msgstr[{n}] "{f}"\n' for n, f in enumerate(forms[: 1 if broken else 2]))
    return refs + (
        f'#, python-format\nmsgid "%(count)d file {i}"\nmsgid_plural "%(count)d files {i}"\n' + body
    )


def catalogue(changed: set[int], broken: set[int]) -> str:
    return HEADER + "\n".join(
        entry(i, broken=i in broken, edited=i in changed) for i in range(ENTRIES)
    )


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)


def build(root: Path) -> Path:
    repo = root / "repo"
    (repo / PO).parent.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / PO).write_text(catalogue(set(), set()), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-gpg-sign", "-m", "French catalogue")
    git(repo, "checkout", "-q", "-b", "topic")
    step = ENTRIES // CHANGED
    changed = {i * step + i % 5 for i in range(CHANGED)}  # every kind of entry
    broken = set(sorted(changed)[:5])
    (repo / PO).write_text(catalogue(changed, broken), encoding="utf-8")
    git(repo, "commit", "-q", "-a", "--no-gpg-sign", "-m", "Update French translation")
    return repo


def timed(argv: list[str], cwd: Path) -> tuple[float, float, str]:
    """Median wall and CPU seconds of a command over RUNS runs, and what it printed last."""
    result = measure(argv, cwd)
    return result["wall"], result["cpu"], result["out"] + result["err"]


def main() -> int:
    peers = {"dennis-cmd lint": BIN / "dennis-cmd", "pofilter": BIN / "pofilter"}
    missing = [name for name, path in peers.items() if not path.exists()]
    if missing:
        print(
            f"install the peers first: .venv/bin/pip install dennis translate-toolkit ({missing})"
        )
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        repo = build(Path(tmp))
        ours, ours_cpu, report = timed(
            [
                str(BIN / "mergeready"),
                "check",
                "--base",
                "main",
                "--only",
                "translation-consistent",
                "--no-cache",
                "--format",
                "compact",
            ],
            repo,
        )
        hits = re.findall(r":(\d+): MR5\d\d ", report)
        found = f"{len(hits)} findings on {len(set(hits))} entries"
        dennis, dennis_cpu, dennis_out = timed([str(peers["dennis-cmd lint"]), "lint", PO], repo)
        out = Path(tmp) / "out.po"
        pofilter, pofilter_cpu, _ = timed([str(peers["pofilter"]), PO, str(out)], repo)
        flagged = len(re.findall(r'^msgid "', out.read_text(encoding="utf-8"), re.M)) - 1
    both, both_cpu = dennis + pofilter, dennis_cpu + pofilter_cpu
    counts = re.findall(r"(Warnings|Errors):\s*(\d+)", dennis_out)
    dennis_found = ", ".join(f"{n} {k.lower()}" for k, n in counts) or "?"
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores "
        f"(shared), Python {platform.python_version()}; a {ENTRIES:,}-entry French catalogue, "
        f"{CHANGED} entries changed (5 broken); medians of {RUNS} runs; ratio = mergeready / "
        "the tool, wall (CPU), in the same run.",
        "",
        "| tool | what it reads | median wall | CPU | found (5 broken entries) | ratio |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| mergeready check --only translation-consistent | the {CHANGED} changed entries "
        f"(base and head parsed) | {ours:.2f} s | {ours_cpu:.2f} s | {found} | – |",
        f"| dennis-cmd lint | all {ENTRIES:,} entries | {dennis:.2f} s | {dennis_cpu:.2f} s | "
        f"{dennis_found} | **{ours / dennis:.2f}** "
        f"({ours_cpu / dennis_cpu:.2f}) |",
        f"| pofilter (translate-toolkit) | all {ENTRIES:,} entries | {pofilter:.2f} s | "
        f"{pofilter_cpu:.2f} s | {flagged} entries flagged | **{ours / pofilter:.2f}** "
        f"({ours_cpu / pofilter_cpu:.2f}) |",
        f"| both peers | | {both:.2f} s | {both_cpu:.2f} s | | **{ours / both:.2f}** "
        f"({ours_cpu / both_cpu:.2f}) |",
    ]
    text = "\n".join(lines)
    print(text)
    write_section("TRANSLATIONS", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
