#!/usr/bin/env bash
# Speed at scale (issue 5), written into bench/RESULTS.md: `archive` against its peers on the same
# data in the same run.
#  - Corpora from ../shared/tools/gen-corpus: SIZES JSON Lines articles (default 200,000 and
#    1,000,000), a folder of 10,000 .txt files, and the extraction-dev pages copied to 5,000 files.
#  - Ingest: `archive add` (with near-copy detection, the default), the plain Python loader
#    (bench/plain_loader.py, the yardstick) and, at the first size, `archive add --no-near-copies`
#    and sqlite-utils (`insert --nl`, then `enable-fts`). Wall time and peak memory from
#    /usr/bin/time -v, one run each: a million-article import takes a quarter of an hour.
#  - Queries: a fixed set, each alone and with --from/--to, --outlet, --tag and --sort newest,
#    as whole processes, median of RUNS runs: `archive search` (after `archive optimize`), the
#    plain Python query (bench/plain_query.py, same database, whole process and time in SQLite)
#    and `sqlite-utils search` on its own database where it can express the query.
# sqlite-utils goes into bench/.venv (from PyPI) the first time. Needs ../shared beside the repository.
source "$(dirname "$0")/common.sh"
require_shared tools/gen-corpus
read -ra sizes <<< "${SIZES:-200000 1000000}"
runs=${RUNS:-5}
build_archive
if [[ ! -x bench/.venv/bin/sqlite-utils ]]; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install --quiet sqlite-utils
fi
sqlite_utils=bench/.venv/bin/sqlite-utils
results=$out/scale
rm -rf "$results"; mkdir -p "$results"

# measure NAME COMMAND...: wall seconds and peak RSS (KB) of one run, appended to $results/ingest.tsv.
measure() {
    local name=$1; shift
    /usr/bin/time -v "$@" > /dev/null 2> "$results/$name.time"
    local wall peak
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$results/$name.time")
    peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$results/$name.time")
    printf '%s\t%s\t%s\n' "$name" "$wall" "$peak" >> "$results/ingest.tsv"
    echo "$name: $wall s, $((peak / 1024)) MB" >&2
}

for size in "${sizes[@]}"; do
    corpus=$out/gen-$size.jsonl
    [[ -s $corpus ]] || "$shared/tools/gen-corpus" --count "$size" --seed 1 > "$corpus"
    fresh "plain-$size.db"
    measure "plain-$size" python3 bench/plain_loader.py "$out/plain-$size.db" "$corpus"
    rm -f "$out/plain-$size.db"*
    fresh "archive-$size.db"
    measure "archive-$size" "$archive" add -q --db "$out/archive-$size.db" "$corpus"
    measure "optimize-$size" "$archive" optimize --db "$out/archive-$size.db"
    if [[ $size == "${sizes[0]}" ]]; then
        fresh "nodetect-$size.db"
        measure "nodetect-$size" "$archive" add -q --no-near-copies --db "$out/nodetect-$size.db" "$corpus"
        rm -f "$out/nodetect-$size.db"*
        fresh "sqlite-utils-$size.db"
        measure "sqlite-utils-insert-$size" "$sqlite_utils" insert "$out/sqlite-utils-$size.db" articles "$corpus" --nl
        measure "sqlite-utils-fts-$size" "$sqlite_utils" enable-fts "$out/sqlite-utils-$size.db" articles title body --fts5 --create-triggers
    fi
done

# The .txt folder and the saved pages.
txt_count=${TXT_COUNT:-10000}
txt=$out/txt-$txt_count
[[ -d $txt ]] || "$shared/tools/gen-corpus" --count "$txt_count" --seed 2 --format txt --out "$txt"
fresh txt.db
measure txt "$archive" add -q --db "$out/txt.db" "$txt"
fresh plain-txt.db
measure plain-txt python3 bench/plain_loader.py "$out/plain-txt.db" "$txt"
page_count=${PAGE_COUNT:-5000}
pages=$out/pages-$page_count
if [[ ! -d $pages ]]; then
    mkdir -p "$pages"
    html=("$shared"/data/extraction-dev/html/*.html.gz)
    for ((i = 0; i < page_count; i++)); do
        zcat "${html[i % ${#html[@]}]}" > "$pages/page-$i.html"
    done
fi
fresh html.db
measure html "$archive" add -q --db "$out/html.db" "$pages"

# Queries: NAME|QUERY, each with every variant. Words picked by their share of the generated
# articles: repatriation ~0.1%, oil ~38%, said ~99%.
queries=(
    "rare word|repatriation"
    "common word|oil"
    "word in nearly every article|said"
    "phrase|\"interest rates\""
    "prefix|export*"
    "boolean|(coffee OR cocoa) NOT brazil"
)
variants=("" "--from 2024-05 --to 2024-05" "--outlet Taipei Times" "--tag sudan" "--sort newest")

# timed COMMAND...: milliseconds of one whole run, output discarded.
timed() {
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>> "$results/stderr.txt"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
median_of() { for ((r = 0; r < runs; r++)); do "$@"; done | median; }

: > "$results/queries.tsv"; : > "$results/other.tsv"
for size in "${sizes[@]}"; do
    db=$out/archive-$size.db
    for entry in "${queries[@]}"; do
        name=${entry%%|*}; query=${entry#*|}
        for variant in "${variants[@]}"; do
            case $variant in
                --outlet*) args=(--outlet "Taipei Times") ;;
                *) read -ra args <<< "$variant" ;;
            esac
            archive_ms=$(median_of timed "$archive" search --db "$db" "$query" "${args[@]}")
            note=$("$archive" search --db "$db" "$query" "${args[@]}" 2>&1 > /dev/null | sed -n 's/^note: //p' | cut -d: -f1)
            plain_ms=$(median_of timed python3 bench/plain_query.py "$db" "$query" "${args[@]}")
            sql_ms=$(for ((r = 0; r < runs; r++)); do python3 bench/plain_query.py "$db" "$query" "${args[@]}" --timing 2>&1 > /dev/null; done | median)
            utils_ms=-
            if [[ $size == "${sizes[0]}" && ( -z $variant || $variant == "--sort newest" ) ]]; then
                order=(); [[ -n $variant ]] && order=(-o "date desc")
                utils_ms=$(median_of timed "$sqlite_utils" search "$out/sqlite-utils-$size.db" articles "$query" --limit 20 "${order[@]}")
            fi
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$query" "$variant" "$archive_ms" "$plain_ms" "$sql_ms" "$utils_ms" "$note" >> "$results/queries.tsv"
            echo "$size $name [$variant]: archive $archive_ms ms, plain $plain_ms ms ($sql_ms in SQL), sqlite-utils $utils_ms ms ${note:+($note)}" >&2
        done
    done
    list_ms=$(median_of timed "$archive" list --db "$db" --from 2024-05 --to 2024-05)
    list_plain=$(median_of timed python3 bench/plain_query.py "$db" --from 2024-05 --to 2024-05)
    stats_ms=$(median_of timed "$archive" stats --db "$db")
    printf '%s\t%s\t%s\t%s\n' "$size" "$list_ms" "$list_plain" "$stats_ms" >> "$results/other.tsv"
done

RUNS=$runs python3 bench/scale_report.py "$results" "${sizes[@]}"
