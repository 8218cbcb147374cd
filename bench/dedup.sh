#!/usr/bin/env bash
# Near-copy detection benchmark (issue 4's target), appended to bench/RESULTS.md: `archive add`
# of COUNT generated articles (../shared/tools/gen-corpus) with detection on and with
# --no-near-copies, RUNS alternating runs each on fresh databases, medians and their ratio
# (target: at most 1.3x). Also what detection finds in the real Reuters articles.
source "$(dirname "$0")/common.sh"
require_shared tools/gen-corpus
count=${COUNT:-200000}
runs=${RUNS:-2}
build_archive
corpus=$out/gen-$count.jsonl
[[ -s $corpus ]] || "$shared/tools/gen-corpus" --count "$count" --seed 1 > "$corpus"
: > "$out/with.txt"; : > "$out/without.txt"
for ((i = 1; i <= runs; i++)); do
    fresh without.db
    seconds "$archive" add -q --no-near-copies --db "$out/without.db" "$corpus" >> "$out/without.txt"
    fresh with.db
    seconds "$archive" add -q --db "$out/with.db" "$corpus" >> "$out/with.txt"
    echo "run $i: without $(tail -n 1 "$out/without.txt") s, with $(tail -n 1 "$out/with.txt") s" >&2
done
generated_stories=$("$archive" dups --db "$out/with.db" --format ndjson --limit 1000000 | wc -l)
zcat "$shared/data/reuters-21578.jsonl.gz" > "$out/reuters.jsonl"
fresh reuters-dups.db
"$archive" add -q --db "$out/reuters-dups.db" "$out/reuters.jsonl"
reuters_stories=$("$archive" dups --db "$out/reuters-dups.db" --format ndjson --limit 1000000 | wc -l)
reuters_articles=$("$archive" list --db "$out/reuters-dups.db" --count --all-copies)
reuters_rows=$("$archive" list --db "$out/reuters-dups.db" --count)
python3 - "$out" "$runs" "$count" "$generated_stories" "$reuters_stories" "$reuters_articles" "$reuters_rows" <<'PY'
import statistics, sys, datetime, re, os
out, runs, count, generated, reuters, articles, rows = sys.argv[1:]
with_ = [float(x) for x in open(f"{out}/with.txt")]
without = [float(x) for x in open(f"{out}/without.txt")]
w, wo = statistics.median(with_), statistics.median(without)
text = f"""
## Near copies (issue 4)

Measured {datetime.date.today()} by `bench/dedup.sh` ({runs} alternating runs each, fresh databases, medians).

| what | without detection (`--no-near-copies`) | with detection | ratio | target |
|---|---|---|---|---|
| `archive add` of {int(count):,} generated articles | {wo:.1f} s | {w:.1f} s | {w / wo:.2f}x | <= 1.3x |

All runs, seconds: without {', '.join(f'{x:.1f}' for x in without)}; with {', '.join(f'{x:.1f}' for x in with_)}.
Stories found among the generated articles (all unique by construction): {generated}.
In the 19,043 Reuters articles: {reuters} stories with more than one copy; {articles} articles stored
show as {rows} rows in `list` and `search`.
"""
path = "bench/RESULTS.md"
current = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
current = re.sub(r"\n## Near copies \(issue 4\).*?(?=\n## |\Z)", "", current, flags=re.S)
open(path, "w").write(current.rstrip("\n") + "\n" + text)
print(text)
PY
