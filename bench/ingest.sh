#!/usr/bin/env bash
# Ingest benchmark (issue 2's targets), written to bench/RESULTS.md:
#  1. the 19,043 Reuters articles: `archive add` against the plain Python loader (plain_loader.py),
#     RUNS alternating runs each on fresh databases, medians and their ratio (target: <= 1.3x);
#  2. peak memory of `archive add` on a ~500 MB JSON Lines file from gen-corpus (target: < 150 MB).
# Needs ../shared beside the repository; says so and exits 0 when it is absent.
source "$(dirname "$0")/common.sh"
require_shared data/reuters-21578.jsonl.gz
runs=${RUNS:-5}
big_count=${BIG_COUNT:-185000}   # about 500 MB of JSON Lines
build_archive

zcat "$shared/data/reuters-21578.jsonl.gz" > "$out/reuters.jsonl"

: > "$out/plain.txt"; : > "$out/archive.txt"; : > "$out/detect.txt"
for ((i = 1; i <= runs; i++)); do
    fresh plain.db
    seconds python3 bench/plain_loader.py "$out/plain.db" "$out/reuters.jsonl" >> "$out/plain.txt"
    fresh archive.db
    seconds "$archive" add -q --no-near-copies --db "$out/archive.db" "$out/reuters.jsonl" >> "$out/archive.txt"
    fresh detect.db
    seconds "$archive" add -q --db "$out/detect.db" "$out/reuters.jsonl" >> "$out/detect.txt"
    echo "run $i: plain $(tail -n 1 "$out/plain.txt") s, archive $(tail -n 1 "$out/archive.txt") s, with near copies $(tail -n 1 "$out/detect.txt") s" >&2
done
stored=$("$archive" stats --db "$out/archive.db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')

big=$out/big-$big_count.jsonl
if [[ ! -s $big ]]; then
    "$shared/tools/gen-corpus" --count "$big_count" --seed 1 > "$big"
fi
big_mb=$(( $(stat -c %s "$big") / 1000000 ))
fresh big.db
/usr/bin/time -v "$archive" add -q --db "$out/big.db" "$big" 2> "$out/big-time.txt"
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/big-time.txt")
big_seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/big-time.txt")

python3 - "$out" "$runs" "$stored" "$big_mb" "$peak_kb" "$big_seconds" "$big_count" <<'PY'
import statistics, sys, datetime, platform, os, re, subprocess
out, runs, stored, big_mb, peak_kb, big_seconds, big_count = sys.argv[1:]
plain = [float(x) for x in open(f"{out}/plain.txt")]
archive = [float(x) for x in open(f"{out}/archive.txt")]
detect = [float(x) for x in open(f"{out}/detect.txt")]
pm, am, dm = statistics.median(plain), statistics.median(archive), statistics.median(detect)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
text = f"""## Ingest (issue 2)

Measured {datetime.date.today()} on {os.cpu_count()} cores ({cpu}), SQLite {sqlite}, by `bench/ingest.sh`
({runs} alternating runs each, fresh databases, medians).

| what | plain Python loader | `archive add` | ratio | target |
|---|---|---|---|---|
| 19,043 Reuters articles (JSON Lines), `add --no-near-copies`: the yardstick's inserts | {pm:.2f} s | {am:.2f} s | {am / pm:.2f}x | <= 1.3x |
| the same, `add` with near-copy detection (the default) | {pm:.2f} s | {dm:.2f} s | {dm / pm:.2f}x | (issue 4: detection <= 1.3x of without) |

All runs, seconds: plain {', '.join(f'{x:.2f}' for x in plain)}; archive {', '.join(f'{x:.2f}' for x in archive)};
with detection {', '.join(f'{x:.2f}' for x in detect)}.
`archive add` stored {stored} articles: the {19043 - int(stored)} others are the same article again (same
text, headline, outlet and day) and are reported as already stored. The yardstick
(`bench/plain_loader.py`) inserts every row into the same schema with `INSERT OR IGNORE`, in one
transaction, with SQLite's default settings. Near-copy detection files each article under up to
10 keys (8 MinHash bands, 2 paragraphs) and compares candidates; the Reuters articles are full
of templated reports that share keys, which makes them its hardest case.

| what | size | time | peak memory (max RSS) | target |
|---|---|---|---|---|
| `archive add` of {int(big_count):,} generated articles (JSON Lines) | {big_mb} MB | {big_seconds} | {int(peak_kb) / 1024:.0f} MB | < 150 MB |
"""
path = "bench/RESULTS.md"
current = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
current = re.sub(r"\n## Ingest \(issue 2\).*?(?=\n## |\Z)", "", current, flags=re.S)
head, _, rest = current.partition("\n")
open(path, "w").write(head + "\n\n" + text.rstrip("\n") + "\n" + rest)
print(text)
PY
