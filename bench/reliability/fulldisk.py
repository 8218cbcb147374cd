#!/usr/bin/env python3
"""A full disk during `add` and `export`: a small tmpfs (when this user may mount one) and a
file-size limit (`ulimit -f`, everywhere).

    fulldisk.py ARCHIVE_BINARY [--folder DIR]

Each fault must give one `archive:` line on standard error and a non-zero exit (4 for the
database, 5 for the output); after it the database passes every check and holds exactly the
articles `add` said it stored. Prints one JSON line of figures; exits 1 on any problem.
"""
import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402



def limit_file_size(blocks):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (blocks * 1024, blocks * 1024))
    return apply


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("archive")
    parser.add_argument("--folder")
    args = parser.parse_args()
    folder = args.folder or tempfile.mkdtemp(prefix="archive-fulldisk-")
    items = corpus.articles(6000, 7)
    by_guid = {item["guid"]: item for item in items}
    source = os.path.join(folder, "corpus.jsonl")
    corpus.write_jsonl(source, items)
    problems, faults = [], []

    def expect_add_fault(name, db, **popen):
        result = subprocess.run([args.archive, "add", "-q", "--batch-size", "200", "--db", db, source],
                                capture_output=True, text=True, **popen)
        faults.append(name)
        errors = result.stderr.splitlines()
        if result.returncode != 4 or len(errors) != 1 or not errors[0].startswith("archive: "):
            problems.append(f"{name}: exit {result.returncode}, stderr {result.stderr!r}")
            return
        said = re.match(r"Stopped early\. Added (\d+) articles?", result.stdout.strip().splitlines()[-1])
        if not said:
            problems.append(f"{name}: no summary of what was stored: {result.stdout!r}")
        elif os.path.exists(db) and corpus.stored(db) != int(said.group(1)):
            problems.append(f"{name}: said {said.group(1)} stored, holds {corpus.stored(db)}")
        if os.path.exists(db):
            problems.extend(f"{name}: {p}" for p in corpus.check(db, by_guid))

    def expect_export_fault(name, db, target, **popen):
        with open(target, "w") as output:
            result = subprocess.run([args.archive, "export", "--db", db], stdout=output, stderr=subprocess.PIPE,
                                    text=True, **popen)
        faults.append(name)
        errors = result.stderr.splitlines()
        if result.returncode != 5 or len(errors) != 1 or not errors[0].startswith("archive: cannot write the output"):
            problems.append(f"{name}: exit {result.returncode}, stderr {result.stderr!r}")

    # A file-size limit.
    db = os.path.join(folder, "limited.db")
    expect_add_fault("add under ulimit -f", db, preexec_fn=limit_file_size(3000))
    full = os.path.join(folder, "full.db")
    subprocess.run([args.archive, "add", "-q", "--db", full, source], check=True)
    expect_export_fault("export under ulimit -f", full, os.path.join(folder, "out.jsonl"), preexec_fn=limit_file_size(500))
    expect_export_fault("export to /dev/full", full, "/dev/full")

    # A real full disk: a 4 MB tmpfs.
    mount = os.path.join(folder, "small")
    os.makedirs(mount, exist_ok=True)
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount], capture_output=True).returncode == 0
    try:
        if mounted:
            expect_add_fault("add on a full tmpfs", os.path.join(mount, "news.db"))
            for name in os.listdir(mount):
                os.remove(os.path.join(mount, name))
            expect_export_fault("export to a full tmpfs", full, os.path.join(mount, "out.jsonl"))
    finally:
        if mounted:
            subprocess.run(["umount", mount])
    shutil.rmtree(folder, ignore_errors=True) if not args.folder else None

    return corpus.finish({"faults_injected": len(faults), "tmpfs": mounted, "faults": faults}, problems)


if __name__ == "__main__":
    sys.exit(main())
