#!/usr/bin/env python3
"""Four writers and two readers on one new database at once.

    writers.py ARCHIVE_BINARY [--rounds 5] [--articles 1000] [--seed 1] [--folder DIR]

Each round starts from no database: four `archive add` processes, each with its own file of
ARTICLES articles, start together, while two readers run `archive search` and `archive list`
in a loop until the writers finish. Checks: every process exits 0 with nothing on standard
error but notes, every article stored once and whole, and how long any reader call took.
Prints one JSON line of figures; exits 1 on any problem.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("archive")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder")
    args = parser.parse_args()
    folder = args.folder or tempfile.mkdtemp(prefix="archive-writers-")
    db = os.path.join(folder, "shared.db")
    files, by_guid = [], {}
    for writer in range(4):
        items = corpus.articles(args.articles, args.seed + writer, prefix=f"w{writer}-")
        by_guid.update({item["guid"]: item for item in items})
        path = os.path.join(folder, f"writer{writer}.jsonl")
        corpus.write_jsonl(path, items)
        files.append(path)

    problems, latencies = [], []
    for round_ in range(args.rounds):
        corpus.fresh(db)
        writers = [subprocess.Popen([args.archive, "add", "-q", "--db", db, path],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for path in files]
        done = threading.Event()

        def read(command):
            while not done.is_set():
                start = time.monotonic()
                result = subprocess.run([args.archive] + command + ["--db", db], capture_output=True, text=True)
                latencies.append(time.monotonic() - start)
                errors = [line for line in result.stderr.splitlines() if not line.startswith("note: ")]
                # Before the first writer has created the archive, a reader finds none: that is its answer.
                if result.returncode != 0 and "no archive at" not in result.stderr:
                    problems.append(f"round {round_}: {' '.join(command)} exited {result.returncode}: {result.stderr.strip()}")
                elif result.returncode == 0 and errors:
                    problems.append(f"round {round_}: {' '.join(command)} said: {errors[0]}")

        readers = [threading.Thread(target=read, args=(command,))
                   for command in (["search", "repatriation", "--limit", "5"], ["list", "--limit", "5"])]
        for reader in readers:
            reader.start()
        for writer in writers:
            _, errors = writer.communicate()
            if writer.returncode != 0 or errors:
                problems.append(f"round {round_}: a writer exited {writer.returncode}: {errors.strip()}")
        done.set()
        for reader in readers:
            reader.join()
        problems += [f"round {round_}: {p}" for p in corpus.check(db, by_guid)]
        stored = corpus.stored(db)
        if stored != 4 * args.articles:
            problems.append(f"round {round_}: {stored} articles stored, not {4 * args.articles}")

    figures = {
        "rounds": args.rounds,
        "writers": 4,
        "readers": 2,
        "articles_per_writer": args.articles,
        "reader_calls": len(latencies),
        "reader_median_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "reader_max_ms": round(max(latencies) * 1000) if latencies else None,
    }
    return corpus.finish(figures, problems)


if __name__ == "__main__":
    sys.exit(main())
