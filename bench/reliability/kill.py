#!/usr/bin/env python3
"""kill -9 at random moments during imports.

    kill.py ARCHIVE_BINARY [--trials 100] [--articles 2000] [--seed 1] [--folder DIR]

Each trial imports the same seeded corpus into a fresh database, kills the process with
SIGKILL after a random delay (somewhere in a clean import's duration), and checks the
database: SQLite's and FTS5's integrity checks, every article whole (its row, tags, index row
and story) or absent. Then it runs the import again, unkilled, and checks that it completes:
every article of the clean import stored, none twice. Prints one JSON line of figures; exits 1
if any trial found a problem.
"""
import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402



def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("archive")
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder")
    args = parser.parse_args()
    folder = args.folder or tempfile.mkdtemp(prefix="archive-kill-")
    rng = random.Random(args.seed)
    items = corpus.articles(args.articles, args.seed)
    by_guid = {item["guid"]: item for item in items}
    source = os.path.join(folder, "corpus.jsonl")
    corpus.write_jsonl(source, items)
    db = os.path.join(folder, "trial.db")

    # A clean import: how many articles it stores, and how long it takes.
    corpus.fresh(db)
    start = time.monotonic()
    clean = subprocess.run([args.archive, "add", "-q", "--db", db, source], capture_output=True, text=True)
    duration = time.monotonic() - start
    if clean.returncode != 0:
        print(f"kill: the clean import failed: {clean.stderr.strip()}", file=sys.stderr)
        return 1
    expected = corpus.stored(db)
    problems = corpus.check(db, by_guid)

    killed_while_running = 0
    stored_at_kill = []
    lost = 0
    for trial in range(args.trials):
        corpus.fresh(db)
        batch = rng.choice(["50", "500", "2000"])
        process = subprocess.Popen([args.archive, "add", "-q", "--batch-size", batch, "--db", db, source],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0, duration * 1.1))
        if process.poll() is None:
            killed_while_running += 1
        process.send_signal(signal.SIGKILL)
        process.wait()
        if os.path.exists(db):
            stored_at_kill.append(corpus.stored(db))
            problems += [f"trial {trial} after the kill: {p}" for p in corpus.check(db, by_guid)]
        again = subprocess.run([args.archive, "add", "-q", "--db", db, source], capture_output=True, text=True)
        if again.returncode != 0:
            problems.append(f"trial {trial}: the import after the kill failed: {again.stderr.strip()}")
            continue
        lost += max(0, expected - corpus.stored(db))
        if corpus.stored(db) != expected:
            problems.append(f"trial {trial}: {corpus.stored(db)} articles after completing the import, not {expected}")
        problems += [f"trial {trial} after completing: {p}" for p in corpus.check(db, by_guid)]

    figures = {
        "trials": args.trials,
        "killed_mid_import": killed_while_running,
        "articles_per_import": args.articles,
        "stored_by_a_clean_import": expected,
        "clean_import_seconds": round(duration, 2),
        "stored_when_killed_min": min(stored_at_kill, default=0),
        "stored_when_killed_max": max(stored_at_kill, default=0),
        "articles_lost": lost,
    }
    return corpus.finish(figures, problems)


if __name__ == "__main__":
    sys.exit(main())
