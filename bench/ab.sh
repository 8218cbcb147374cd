#!/usr/bin/env bash
# Import speed of this tree against an earlier revision, in one run on the same machine:
#   bench/ab.sh [REVISION]      (default: the previous commit that landed, origin/main or HEAD~1)
# Builds REVISION's release binary in a worktree under bench/out/base, then alternates the two
# binaries (RUNS rounds, fresh databases) on the 19,043 Reuters articles with and without
# near-copy detection and on GEN_COUNT generated articles; prints medians and their ratios and
# writes them to bench/RESULTS.md. Target for a change that must not slow import: ratio <= 1.05.
# NEW_BINARY=PATH times that binary as this tree's instead of building it (NEW_LABEL names it). GEN_COUNT=0 leaves the generated corpus out (the Reuters cases take a minute a round).
source "$(dirname "$0")/common.sh"
require_shared data/reuters-21578.jsonl.gz
runs=${RUNS:-5}
gen_count=${GEN_COUNT:-200000}
base_rev=${1:-$(git rev-parse --verify -q origin/main || git rev-parse HEAD~1)}
base_rev=$(git rev-parse --short "$base_rev")
if [[ -n ${NEW_BINARY:-} ]]; then new=$NEW_BINARY; else build_archive; new=$archive; fi

base_dir=$PWD/$out/base
if [[ ! -d $base_dir ]]; then
    git worktree add --detach "$base_dir" "$base_rev" >/dev/null
else
    git -C "$base_dir" checkout -q --detach "$base_rev"
fi
(cd "$base_dir" && swift build -c release --product archive 2>&1 | tail -n 1)
old=$base_dir/.build/release/archive

zcat "$shared/data/reuters-21578.jsonl.gz" > "$out/reuters.jsonl"
gen=$out/gen-$gen_count.jsonl
if (( gen_count > 0 )) && [[ ! -s $gen ]]; then
    "$shared/tools/gen-corpus" --count "$gen_count" --seed 1 > "$gen"
fi

# time_add BINARY NAME ARGS...: one import into a fresh database; its wall-clock seconds and
# CPU seconds (user + system: less disturbed by other work on the machine) appended to NAME.txt.
time_add() {
    local binary=$1 name=$2; shift 2
    fresh "ab-$name.db"
    /usr/bin/time -f "%e %U %S" -o "$out/ab-time.txt" "$binary" add -q --db "$out/ab-$name.db" "$@" > /dev/null
    awk '{ print $1, $2 + $3 }' "$out/ab-time.txt" >> "$out/ab-$name.txt"
}

cases=(reuters-plain reuters-detect)
(( gen_count > 0 )) && cases+=(gen-detect)
for c in "${cases[@]}"; do : > "$out/ab-old-$c.txt"; : > "$out/ab-new-$c.txt"; done
for ((i = 1; i <= runs; i++)); do
    for side in old new; do
        binary=$old; [[ $side == new ]] && binary=$new
        time_add "$binary" "$side-reuters-plain" --no-near-copies "$out/reuters.jsonl"
        time_add "$binary" "$side-reuters-detect" "$out/reuters.jsonl"
        (( gen_count > 0 )) && time_add "$binary" "$side-gen-detect" "$gen"
    done
    echo "round $i done" >&2
done

python3 - "$out" "$runs" "$base_rev" "${NEW_LABEL:-$(git rev-parse --short HEAD) (this tree)}" "$gen_count" <<'PY'
import statistics, sys, datetime, os, re
out, runs, base, head, gen_count = sys.argv[1:]
names = {
    "reuters-plain": "19,043 Reuters articles, `add --no-near-copies`",
    "reuters-detect": "19,043 Reuters articles, `add` (near-copy detection)",
    "gen-detect": f"{int(gen_count):,} generated articles, `add`",
}
rows = []
def read(path):
    runs = [line.split() for line in open(path)]
    return [float(r[0]) for r in runs], [float(r[1]) for r in runs]
for case, label in names.items():
    if not os.path.exists(f"{out}/ab-new-{case}.txt") or (case == "gen-detect" and gen_count == "0"):
        continue
    (old_wall, old_cpu), (new_wall, new_cpu) = read(f"{out}/ab-old-{case}.txt"), read(f"{out}/ab-new-{case}.txt")
    mo, mn = statistics.median(old_wall), statistics.median(new_wall)
    co, cn = statistics.median(old_cpu), statistics.median(new_cpu)
    rows.append(f"| {label} | {mo:.2f} s ({co:.2f} s CPU) | {mn:.2f} s ({cn:.2f} s CPU) | {mn / mo:.3f}x ({cn / co:.3f}x) | "
                f"{', '.join(f'{x:.2f}' for x in old_wall)} / {', '.join(f'{x:.2f}' for x in new_wall)} |")
text = f"""## Import against an earlier revision

Measured {datetime.date.today()} by `bench/ab.sh {base}` on {os.cpu_count()} cores: {runs} rounds,
the two release binaries alternating, fresh databases, medians of wall-clock time (and of CPU time,
user + system). Target: ratio <= 1.05.

| what | {base} | {head} | ratio | all runs (old / new), seconds |
|---|---|---|---|---|
""" + "\n".join(rows) + "\n"
path = "bench/RESULTS.md"
current = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
current = re.sub(r"\n## Import against an earlier revision.*?(?=\n## |\Z)", "", current, flags=re.S)
head_line, _, rest = current.partition("\n")
open(path, "w").write(head_line + "\n\n" + text.rstrip("\n") + "\n" + rest)
print(text)
PY
