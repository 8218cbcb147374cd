#!/usr/bin/env bash
# Coverage queries at scale (issue 15), appended to bench/RESULTS.md: COUNT generated articles
# (1,000,000 by default) imported once (kept in bench/out for later runs), then each query as a
# whole process, medians of RUNS runs. Targets: monthly timelines of a common word and of every
# article, and facets by outlet, under 1 s; terms and kwic under 2 s.
source "$(dirname "$0")/common.sh"
require_shared tools/gen-corpus
count=${COUNT:-1000000}
runs=${RUNS:-3}
build_archive
db=$out/analysis-$count.db
if [[ ! -s $db ]]; then
    "$shared/tools/gen-corpus" --count "$count" --seed 15 > "$out/analysis-$count.jsonl"
    start=$(date +%s)
    "$archive" add -q --db "$db" "$out/analysis-$count.jsonl"
    echo "imported $count in $(( $(date +%s) - start )) s" >&2
    "$archive" optimize --db "$db" >/dev/null
    rm -f "$out/analysis-$count.jsonl"
fi
time_of() { for ((i = 0; i < runs; i++)); do seconds "$archive" "$@" --db "$db"; done | median; }
common=$(time_of timeline said --by month)
all=$(time_of timeline --by month)
topical=$(time_of timeline oil --by month)
facets=$(time_of facets --by outlet)
facets_query=$(time_of facets oil --by tag)
terms=$(time_of terms oil)
kwic=$(time_of kwic oil --limit 50)
said=$("$archive" search said --count --db "$db")
oil=$("$archive" search oil --count --db "$db")
python3 - "$count" "$runs" "$common" "$all" "$topical" "$facets" "$facets_query" "$terms" "$kwic" "$said" "$oil" <<'PY'
import sys, datetime
count, runs, common, all_, topical, facets, facets_query, terms, kwic, said, oil = sys.argv[1:]
ms = lambda s: f"{float(s) * 1000:.0f} ms"
ok = lambda s, limit: "yes" if float(s) < limit else f"**no** ({float(s):.2f} s)"
text = f"""
## Coverage at scale (issue 15)

Measured {datetime.date.today()} by `bench/analysis.sh`: {int(count):,} generated articles ("said"
in {int(said):,} of them, "oil" in {int(oil):,}), each command a whole process, medians of {runs} runs.

| command | time | target | met |
|---|---|---|---|
| `timeline said --by month` (a common word) | {ms(common)} | < 1 s | {ok(common, 1)} |
| `timeline --by month` (every article) | {ms(all_)} | < 1 s | {ok(all_, 1)} |
| `timeline oil --by month` | {ms(topical)} | < 1 s | {ok(topical, 1)} |
| `facets --by outlet` | {ms(facets)} | < 1 s | {ok(facets, 1)} |
| `facets oil --by tag` | {ms(facets_query)} | < 1 s | {ok(facets_query, 1)} |
| `terms oil` | {ms(terms)} | < 2 s | {ok(terms, 2)} |
| `kwic oil --limit 50` | {ms(kwic)} | < 2 s | {ok(kwic, 2)} |
"""
open("bench/RESULTS.md", "a").write(text)
print(text)
PY
