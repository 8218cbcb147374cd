#!/usr/bin/env bash
# Extraction benchmark (issue 3's targets), appended to bench/RESULTS.md: the 60 real pages of
# ../shared/data/extraction-dev copied COPIES times into one folder; `archive extract` on one core
# (taskset) and on all cores, and `archive add` of the folder (extraction on every core, one writer).
# Target: at least 100 pages per second per core. Also the F1 of score-extraction.
source "$(dirname "$0")/common.sh"
require_shared data/extraction-dev
copies=${COPIES:-10}
runs=${RUNS:-3}
pages=$out/pages
build_archive
rm -rf "$pages"; mkdir -p "$pages"
for ((c = 1; c <= copies; c++)); do
    for f in "$shared"/data/extraction-dev/html/*.html.gz; do
        name=$(basename "$f" .html.gz)
        # Each copy differs by a comment so that `add` stores every one (no duplicate bodies).
        { zcat "$f"; echo "<!-- copy $c -->"; } > "$pages/$name-$c.html"
    done
done
count=$(ls "$pages" | wc -l)
one=$(for ((i = 0; i < runs; i++)); do seconds taskset -c 0 "$archive" extract "$pages" --format json; done | median)
all=$(for ((i = 0; i < runs; i++)); do seconds "$archive" extract "$pages" --format json; done | median)
add=$(for ((i = 0; i < runs; i++)); do fresh pages.db; seconds "$archive" add -q --db "$out/pages.db" "$pages"; done | median)
f1=$("$shared/tools/score-extraction" --archive "$archive" | tail -n 1)
cores=$(nproc)
python3 - "$count" "$one" "$all" "$add" "$cores" "$f1" "$runs" <<'PY'
import sys, datetime, re
count, one, all_, add, cores, f1, runs = sys.argv[1:]
count, one, all_, add, cores = int(count), float(one), float(all_), float(add), int(cores)
text = f"""
## Extraction (issue 3)

Measured {datetime.date.today()} by `bench/extract.sh`: {count} saved pages (the 60 dev pages, each
copied {count // 60} times), medians of {runs} runs.

| what | time | pages per second | per core | target |
|---|---|---|---|---|
| `archive extract` on 1 core (`taskset -c 0`) | {one:.2f} s | {count / one:.0f} | {count / one:.0f} | >= 100 per core |
| `archive extract` on {cores} cores | {all_:.2f} s | {count / all_:.0f} | {count / all_ / cores:.0f} | both cores busy |
| `archive add` (extraction on {cores} cores, one writer) | {add:.2f} s | {count / add:.0f} | | |

Body extraction on the 60 dev pages (`score-extraction`, 4-word shingles): {f1.strip()}
"""
path = "bench/RESULTS.md"
current = open(path).read() if __import__("os").path.exists(path) else "# Benchmark results\n"
current = re.sub(r"\n## Extraction \(issue 3\).*?(?=\n## |\Z)", "", current, flags=re.S)
open(path, "w").write(current.rstrip("\n") + "\n" + text)
print(text)
PY
