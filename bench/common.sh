# Sourced by the bench scripts: the repository as working folder, ../shared, the release build
# and timing helpers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
shared=../shared
out=bench/out
mkdir -p "$out"

# Exits 0 with a message when ../shared/PATH is missing: benchmarks need its data.
require_shared() {
    if [[ ! -e $shared/$1 ]]; then
        echo "bench: ../shared/$1 is absent; nothing to measure" >&2
        exit 0
    fi
}

# Installs what is missing and builds the release binary into $archive.
build_archive() {
    scripts/setup
    swift build -c release --product archive 2>&1 | tail -n 1
    archive=$PWD/.build/release/archive
}

# Removes a database under bench/out with its WAL files.
fresh() { rm -f "$out/$1" "$out/$1-wal" "$out/$1-shm"; }

# Runs a command with its output discarded and prints the seconds it took.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    awk "BEGIN { print $end - $start }"
}

# The median of the numbers on standard input, one a line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
