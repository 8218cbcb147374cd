#!/usr/bin/env python3
"""Turns the measurements of bench/scale.sh into the "Speed at scale" section of bench/RESULTS.md.

  scale_report.py RESULTS-FOLDER SIZE...
"""
import datetime, os, platform, re, statistics, subprocess, sys

folder, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
ingest = {}
for line in open(f"{folder}/ingest.tsv"):
    name, wall, peak = line.rstrip("\n").split("\t")
    ingest[name] = (float(wall), int(peak) / 1024)
queries = [line.rstrip("\n").split("\t") for line in open(f"{folder}/queries.tsv")]
other = {int(l.split("\t")[0]): l.rstrip("\n").split("\t")[1:] for l in open(f"{folder}/other.tsv")}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
utils = subprocess.run(["bench/.venv/bin/sqlite-utils", "--version"], capture_output=True, text=True).stdout.split()[-1]
memory = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) // 1024 // 1024


def row(label, name, yardstick=None, target=""):
    if name not in ingest:
        return ""
    wall, peak = ingest[name]
    ratio = f"{wall / ingest[yardstick][0]:.2f}x" if yardstick in ingest else ""
    return f"| {label} | {wall:.1f} s | {ratio} | {peak:.0f} MB | {target} |\n"


text = f"""## Speed at scale (issue 5)

Measured {datetime.date.today()} on {os.cpu_count()} cores ({cpu}), {memory} GB, SQLite {sqlite}, sqlite-utils {utils},
by one run of `bench/scale.sh`. Corpora from `../shared/tools/gen-corpus --seed 1`.

### Ingest

One run each (a million-article import takes about 25 minutes); ratios against the plain
Python loader of the same size, run just before. sqlite-utils loads rows into a plain table and
builds its index afterwards in one pass: its two steps together are its import time. Peak memory is the maximum resident set size.

| what | time | vs plain loader | peak memory | target |
|---|---|---|---|---|
"""
first = sizes[0]
for size in sizes:
    text += row(f"plain Python loader, {size:,} articles (yardstick)", f"plain-{size}")
    text += row(f"`archive add`, {size:,} articles (near-copy detection on, the default)", f"archive-{size}", f"plain-{size}",
                "<= 1.15x, < 200 MB" if size >= 1_000_000 else "")
    text += row(f"`archive add --no-near-copies`, {size:,} articles", f"nodetect-{size}", f"plain-{size}")
    text += row(f"sqlite-utils `insert --nl`, {size:,} articles", f"sqlite-utils-insert-{size}", f"plain-{size}")
    text += row(f"sqlite-utils `enable-fts --fts5 --create-triggers` afterwards", f"sqlite-utils-fts-{size}")
    text += row(f"`archive optimize` afterwards, {size:,} articles", f"optimize-{size}")
text += row("`archive add`, folder of 10,000 `.txt` files", "txt", "plain-txt")
text += row("plain Python loader, the same 10,000 `.txt` files", "plain-txt")
text += row("`archive add`, 5,000 saved HTML pages (the 60 dev pages repeated; extraction on 2 cores)", "html")
text += """
The 5,000 pages are 60 pages repeated, so `add` extracts all 5,000 and stores 60: the rest are
reported as already stored.

### Queries

First page (20 results) of `archive search` as a whole process, median of RUNS runs, on the
database `archive add` made (after `archive optimize`). Peers: the plain Python query
(`bench/plain_query.py`: one SQL statement, FTS5's ranking, on the same database; whole process,
and the time spent in SQLite alone) and `sqlite-utils search` on its own database, for the
queries it can express (it has no date, outlet or tag filters). A Python process takes about
150 ms to start on this machine, so the time in SQLite is the plain query's fair figure. "note"
is what `archive` printed about a shortcut (README: Speed at scale).

""".replace("RUNS", os.environ.get("RUNS", "5"))
for size in sizes:
    target = 150 if size <= 200_000 else 300
    rows = [q for q in queries if int(q[0]) == size]
    worst = max(int(q[4]) for q in rows)
    text += f"""#### {size:,} articles: slowest `archive` query {worst} ms (target: under {target} ms)

| query | filters | `archive` | plain query (whole / in SQLite) | `archive` / plain (whole) | sqlite-utils | note |
|---|---|---|---|---|---|---|
"""
    for _, name, query, variant, archive, plain, sql, utils, note in rows:
        flag = "" if int(archive) < target else " (over)"
        text += (f"| {name}: `{query}` | {variant or '-'} | {archive} ms{flag} | {plain} / {float(sql):.0f} ms | "
                 f"{int(archive) / max(1, int(plain)):.2f}x | {utils + ' ms' if utils != '-' else '-'} | {note} |\n")
    if size in other:
        list_ms, list_plain, stats_ms = other[size]
        text += f"\n`archive list --from 2024-05 --to 2024-05`: {list_ms} ms (plain query: {list_plain} ms). `archive stats`: {stats_ms} ms.\n\n"

path = "bench/RESULTS.md"
current = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
current = re.sub(r"\n## Speed at scale \(issue 5\).*?(?=\n## |\Z)", "", current, flags=re.S)
open(path, "w").write(current.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n")
print(text)
