#!/usr/bin/env python3
"""Random command lines through the `archive` binary: queries, options and values.

    clifuzz.py ARCHIVE_BINARY [--runs 2000] [--seed 1] [--folder DIR]

Every run must exit 0, 1, 2, 3 or 4 (never a signal), within 5 seconds, and say anything on
standard error as whole lines each starting `archive: ` or `note: `. Prints one JSON line of
figures; exits 1 on any problem.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

PIECES = ["oil", "repatriation", "policy", "AND", "OR", "NOT", "NEAR(", ")", "(", '"', "-", "*", "a*", "title:",
          "outlet:", 'outlet:"Example Wire"', "tag:asia", "date:2024-05", "date:2024-13", "foo:bar", "移民", "\n", "\t",
          "\x1b[31m", "'", "\\", "%", "é", "🙂", ":", ",", "10:30", "-(", "--", "NOT NOT"]
OPTIONS = [["--sort", "oldest"], ["--sort", "newest"], ["--sort", "relevance"], ["--sort", "bogus"], ["--from", "2024-05"],
           ["--to", "2024-05-15"], ["--from", "2030"], ["--from", "1987-13"], ["--to", ""], ["--limit", "-1"],
           ["--limit", "0"], ["--limit", "3"], ["--limit", "x"], ["--offset", "2"], ["--offset", "-5"], ["--count"],
           ["--all-copies"], ["--format", "json"], ["--format", "csv"], ["--format", "ndjson"], ["--format", "xml"],
           ["--outlet", "Example Wire"], ["--tag", "asia"], ["--rank-all"], ["--bogus"], ["-x"], ["--db"]]
COMMANDS = ["search", "search", "search", "list", "show", "tag", "stats", "dups", "export", "rm", "nonsense"]


def query(rng):
    return "".join(rng.choice(PIECES) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, 10)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("archive")
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder")
    args = parser.parse_args()
    folder = args.folder or tempfile.mkdtemp(prefix="archive-clifuzz-")
    db = os.path.join(folder, "fuzz.db")
    source = os.path.join(folder, "corpus.jsonl")
    corpus.write_jsonl(source, corpus.articles(300, args.seed))
    subprocess.run([args.archive, "add", "-q", "--db", db, source], check=True)
    rng = random.Random(args.seed)
    problems, slowest, statuses = [], 0.0, {}
    for run in range(args.runs):
        command = rng.choice(COMMANDS)
        argv = [command]
        if command in ("search", "show", "rm"):
            argv.append(query(rng) if command == "search" else rng.choice(["1", "#2", "-1", "99999", "x", "", "\n"]))
        if command == "tag":
            argv += [rng.choice(["+x", "-asia", "+", "1", "--query", query(rng)]) for _ in range(rng.randint(1, 4))]
        for _ in range(rng.randint(0, 3)):
            argv += rng.choice(OPTIONS)
        start = time.monotonic()
        try:
            result = subprocess.run([args.archive] + argv + ["--db", db], capture_output=True, timeout=5)
        except subprocess.TimeoutExpired:
            problems.append(f"{argv!r}: over 5 s")
            continue
        took = time.monotonic() - start
        slowest = max(slowest, took)
        statuses[result.returncode] = statuses.get(result.returncode, 0) + 1
        if result.returncode not in (0, 1, 2, 3, 4):
            problems.append(f"{argv!r}: exit {result.returncode}")
        stderr = result.stderr.decode("utf-8", "replace")
        if stderr and not stderr.endswith("\n"):
            problems.append(f"{argv!r}: standard error does not end in a line break: {stderr!r}")
        for line in stderr.splitlines():
            if not (line.startswith("archive: ") or line.startswith("note: ")):
                problems.append(f"{argv!r}: {line!r}")
                break
    figures = {"runs": args.runs, "exit_statuses": {str(k): v for k, v in sorted(statuses.items())},
               "slowest_ms": round(slowest * 1000)}
    return corpus.finish(figures, problems)


if __name__ == "__main__":
    sys.exit(main())
