#!/usr/bin/env bash
# Search benchmark (issue 11), written to bench/RESULTS.md. On SIZE generated articles
# (gen-corpus --seed 1, default 200,000) plus CJK_COUNT synthetic Chinese, Japanese and Korean
# ones (bench/cjk_corpus.py, default 20,000), the first page of a search (whole process, median
# of RUNS):
#  1. field queries (`oil tag:sudan`) against the same search with flags (`oil --tag sudan`);
#  2. CJK queries against the plain FTS5 query of the same expression (bench/plain_query.py,
#     which ranks with FTS5 and snippets with its snippet());
#  3. searches matching one 50 MB article (inserted with plain SQL, as `add` refuses texts over
#     10 MB), before and after it is in the archive, and FTS5's own snippet() on it.
source "$(dirname "$0")/common.sh"
require_shared tools/gen-corpus
runs=${RUNS:-5}
size=${SIZE:-200000}
cjk_count=${CJK_COUNT:-20000}
build_archive

gen=$out/gen-$size.jsonl
[[ -s $gen ]] || "$shared/tools/gen-corpus" --count "$size" --seed 1 > "$gen"
db=$out/search-$size.db
if [[ ! -s $db ]]; then
    fresh "search-$size.db"
    "$archive" add -q --db "$db" "$gen"
    python3 bench/cjk_corpus.py "$cjk_count" > "$out/cjk-$cjk_count.jsonl"
    "$archive" add -q --db "$db" "$out/cjk-$cjk_count.jsonl"
fi

# timed COMMAND...: milliseconds of one whole run, output discarded.
timed() {
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
median_of() { for ((r = 0; r < runs; r++)); do "$@"; done | median; }
: > "$out/search-fields.tsv"; : > "$out/search-cjk.tsv"; : > "$out/search-big-after.tsv"

# 1. NAME|FIELD QUERY|THE SAME WITH FLAGS (a tab between the query and each flag argument).
fields=(
    "outlet|oil outlet:\"Taipei Times\"|oil	--outlet	Taipei Times"
    "tag|oil tag:sudan|oil	--tag	sudan"
    "month|oil date:2024-05|oil	--from	2024-05	--to	2024-05"
    "range|repatriation date:2024-03-01..2024-06-30|repatriation	--from	2024-03-01	--to	2024-06-30"
    "tag and outlet|said tag:china outlet:\"Taipei Times\"|said	--tag	china	--outlet	Taipei Times"
    "fields only|tag:sudan date:2024|list	--tag	sudan	--from	2024	--to	2024"
    "OR of tags, NOT outlet|(tag:sudan OR tag:china) oil -outlet:\"Taipei Times\"|"
)
for entry in "${fields[@]}"; do
    IFS='|' read -r name query flags <<< "$entry"
    field_ms=$(median_of timed "$archive" search --db "$db" "$query")
    field_count=$("$archive" search --db "$db" --count "$query")
    flag_ms=- flag_count=-
    if [[ -n $flags ]]; then
        IFS=$'\t' read -ra args <<< "$flags"
        if [[ ${args[0]} == list ]]; then command=(list "${args[@]:1}"); else command=(search "${args[@]}"); fi
        flag_ms=$(median_of timed "$archive" "${command[@]}" --db "$db")
        flag_count=$("$archive" "${command[@]}" --db "$db" --count)
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$query" "$field_ms" "$field_count" "${flags//	/ }" "$flag_ms" "$flag_count" >> "$out/search-fields.tsv"
    echo "fields $name: $field_ms ms ($field_count) vs flags $flag_ms ms ($flag_count)" >&2
done

# 2. NAME|QUERY|ITS FTS5 EXPRESSION as the archive writes it.
cjk=(
    "a two-character word in 12% of CJK articles|移民|{title_cjk body_cjk} : \"移民\""
    "a four-character word (phrase of pairs)|非法移民|{title_cjk body_cjk} : \"非法 法移 移民\""
    "a rare word|遣返|{title_cjk body_cjk} : \"遣返\""
    "CJK word AND Latin word|移民 AND Taiwan|({title_cjk body_cjk} : \"移民\" AND \"Taiwan\")"
    "one character (a prefix)|遣|{title_cjk body_cjk} : \"遣\"*"
    "Japanese|労働者|{title_cjk body_cjk} : \"労働 働者\""
    "Korean word with its particle|이민자들은|{title_cjk body_cjk} : \"이민 민자 자들 들은\""
)
for entry in "${cjk[@]}"; do
    IFS='|' read -r name query expression <<< "$entry"
    archive_ms=$(median_of timed "$archive" search --db "$db" "$query")
    newest_ms=$(median_of timed "$archive" search --db "$db" "$query" --sort newest)
    matches=$("$archive" search --db "$db" --count "$query" --all-copies)
    plain_ms=$(median_of timed python3 bench/plain_query.py "$db" "$expression")
    plain_count=$(python3 - "$db" "$expression" <<'PY'
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (sys.argv[2],)).fetchone()[0])
PY
)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$query" "$archive_ms" "$newest_ms" "$matches" "$plain_ms" "$plain_count" >> "$out/search-cjk.tsv"
    echo "cjk $name: $archive_ms ms (newest $newest_ms), $matches matches; plain $plain_ms ms ($plain_count)" >&2
done

# 3. The 50 MB article: words of the generated articles at random, 8 million of them.
big_queries=("oil" "said" "\"interest rates\"" "repatriation" "oil --sort newest")
time_big() {
    local label=$1
    for query in "${big_queries[@]}"; do
        local text=${query%% --sort*} args=()
        [[ $query == *--sort* ]] && args=(--sort newest)
        ms=$(median_of timed "$archive" search --db "$db" "$text" "${args[@]}")
        printf '%s\t%s\t%s\n' "$label" "$query" "$ms" >> "$out/search-big-$label.tsv"
        echo "big [$label] $query: $ms ms" >&2
    done
}
if ! sqlite3 "$db" "SELECT 1 FROM articles WHERE guid = 'bench-50mb'" | grep -q 1; then
    : > "$out/search-big-before.tsv"
    time_big before
    python3 - "$db" <<'PY'
import random, sqlite3, sys
rng = random.Random(50)
words = ("oil said the interest rates repatriation officials market prices trade border report "
         "government minister week year percent company shares bank policy").split()
body = " ".join(rng.choice(words) for _ in range(8_000_000))
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO articles (guid, title, body, published, content_hash, added_at) "
           "VALUES ('bench-50mb', 'Fifty megabytes', ?, '2024-05-15', '', '')", (body,))
db.commit()
print(f"inserted {len(body) / 1e6:.1f} MB", file=sys.stderr)
PY
fi
time_big after
snippet_s=$( { /usr/bin/time -f "%e" timeout 120 python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("SELECT snippet(articles_fts, 1, '[', ']', '…', 24) FROM articles_fts WHERE articles_fts MATCH 'oil' "
           "AND rowid = (SELECT id FROM articles WHERE guid = 'bench-50mb')").fetchall()
PY
} 2>&1 | tail -n 1 || true)
[[ $snippet_s =~ ^[0-9.]+$ ]] || snippet_s="over 120 (stopped)"

python3 - "$out" "$runs" "$size" "$cjk_count" "$snippet_s" <<'PY'
import datetime, os, re, sys
out, runs, size, cjk_count, snippet_s = sys.argv[1:]
rows = lambda name: [line.rstrip("\n").split("\t") for line in open(f"{out}/{name}")]
fields = "\n".join(
    f"| {n} | `{q}` | {fm} ms | {fc} | `{fl}` | {m} ms | {c} | {int(fm) / int(m):.2f}x |" if m != "-" else
    f"| {n} | `{q}` | {fm} ms | {fc} | (no flags say it) | - | - | - |"
    for n, q, fm, fc, fl, m, c in rows("search-fields.tsv"))
cjk = "\n".join(f"| {n} | `{q}` | {a} ms | {w} ms | {m} | {p} ms | {pc} | {int(a) / int(p):.2f}x |"
                for n, q, a, w, m, p, pc in rows("search-cjk.tsv"))
big = {}
for label, query, ms in rows("search-big-before.tsv") + rows("search-big-after.tsv"):
    big.setdefault(query, {})[label] = ms
bigs = "\n".join(f"| `{q}` | {v.get('before', '-')} ms | {v.get('after', '-')} ms |" for q, v in big.items())
text = f"""## Search (issue 11)

Measured {datetime.date.today()} by `bench/search.sh` on {os.cpu_count()} cores: {int(size):,} generated articles
and {int(cjk_count):,} synthetic CJK ones (`bench/cjk_corpus.py`), the first page of 20, whole
process, medians of {runs} runs. Target: field queries as fast as the flags; the first page of any
search under 1 s with a 50 MB article in the archive.

| field query | query | time | count | the same with flags | time | count | ratio |
|---|---|---|---|---|---|---|---|
{fields}

| CJK query | query | relevance | newest first | matches | plain FTS5 (`plain_query.py`) | its matches | ratio |
|---|---|---|---|---|---|---|---|
{cjk}

| a search matching the 50 MB article | before it was added | after |
|---|---|---|
{bigs}

FTS5's own `snippet()` of that article for `oil`, alone: {snippet_s} s.
"""
path = "bench/RESULTS.md"
current = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
current = re.sub(r"\n## Search \(issue 11\).*?(?=\n## |\Z)", "", current, flags=re.S)
head, _, rest = current.partition("\n")
open(path, "w").write(head + "\n\n" + text.rstrip("\n") + "\n" + rest)
print(text)
PY
