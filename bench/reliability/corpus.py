"""Articles for the reliability trials, and the checks every trial ends with.

The corpus is generated here (seeded, self-contained): guids, outlets, tags, dates, and one
article in ten the same text as an earlier one from another outlet, so stories are made too.
"""
import json
import os
import random
import sqlite3
import sys

WORDS = ("migration repatriation border policy minister officials talks agreement flights "
         "deportation asylum province customs ministry statement week report court visa labour "
         "workers families province coast harbour inspection quota trade council embassy").split()
OUTLETS = ["Example Wire", "Harbour Times", "Valley Post", "Coast Daily"]
TAGS = ["policy", "asia", "courts", "labour", "trade"]


def articles(count, seed, prefix="r"):
    rng = random.Random(seed)
    result = []
    for i in range(count):
        if i >= 10 and rng.random() < 0.1:
            source = result[rng.randrange(len(result))]
            body = source["body"]
        else:
            body = " ".join(
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))).capitalize() + "."
                for _ in range(rng.randint(3, 12)))
        result.append({
            "guid": f"{prefix}-{i}",
            "title": f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} report {prefix}{i}",
            "body": body,
            "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "outlet": rng.choice(OUTLETS),
            "tags": rng.sample(TAGS, rng.randint(0, 2)),
        })
    return result


def write_jsonl(path, items):
    with open(path, "w") as f:
        for item in items:
            f.write(json.dumps(item) + "\n")


def unmigrated(db):
    """True when a kill came before the first migration committed: a file with no schema at all.
    A schema that is there in part (some tables, or a version without its tables) is not this."""
    tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return tables == 0 and db.execute("PRAGMA user_version").fetchone()[0] == 0


def check(db_path, by_guid):
    """Problems found in the database, as lines (none: every article is whole or absent)."""
    problems = []
    db = sqlite3.connect(db_path)
    try:
        if unmigrated(db):
            return problems
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("PRAGMA integrity_check failed")
        try:
            db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as error:
            problems.append(f"FTS5 integrity-check failed: {error}")
        ids = {row[0] for row in db.execute("SELECT id FROM articles")}
        indexed = {row[0] for row in db.execute("SELECT id FROM articles_fts_docsize")}
        if ids != indexed:
            problems.append(f"index rows differ from articles: {len(ids - indexed)} unindexed, {len(indexed - ids)} stray")
        guids = [row[0] for row in db.execute("SELECT guid FROM articles")]
        if len(guids) != len(set(guids)):
            problems.append(f"{len(guids) - len(set(guids))} articles stored twice")
        tags = {}
        for guid, name in db.execute(
                "SELECT a.guid, t.name FROM article_tags at JOIN articles a ON a.id = at.article_id JOIN tags t ON t.id = at.tag_id"):
            tags.setdefault(guid, set()).add(name)
        for guid, title, body, outlet in db.execute(
                "SELECT a.guid, a.title, a.body, o.name FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id"):
            given = by_guid.get(guid)
            if given is None:
                problems.append(f"{guid}: not in the input")
            elif (title, body, outlet) != (given["title"], given["body"], given["outlet"]):
                problems.append(f"{guid}: stored differently from its input")
            elif tags.get(guid, set()) != set(given["tags"]):
                problems.append(f"{guid}: tags {sorted(tags.get(guid, set()))}, given {sorted(given['tags'])}")
        orphans = db.execute("""
            SELECT count(*) FROM articles a WHERE a.story_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)""").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} articles name a story that is not there")
        lost = db.execute("""
            SELECT count(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.representative_id)
            """).fetchone()[0]
        if lost:
            problems.append(f"{lost} stories whose representative is not there")
    finally:
        db.close()
    return problems


def stored(db_path):
    """How many articles the database holds."""
    db = sqlite3.connect(db_path)
    try:
        if unmigrated(db):
            return 0
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        db.close()


def fresh(db_path):
    """Removes a database with its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)


def finish(figures, problems):
    """Prints the figures as one JSON line and the first problems; the exit status."""
    figures["problems"] = len(problems)
    print(json.dumps(figures))
    for problem in problems[:20]:
        print(problem, file=sys.stderr)
    return 1 if problems else 0
