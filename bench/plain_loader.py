#!/usr/bin/env python3
"""The yardstick: the plainest loader of the same data into the same schema (migrations/*.sql:
articles, outlets, tags, the FTS5 table and its triggers), in one transaction, with Python's
sqlite3. It does the inserts `archive add` does and nothing else: no date reading, no
duplicate checks, no hashing beyond what the schema needs.

  plain_loader.py DB FILE.jsonl[.gz]
  plain_loader.py DB FOLDER        # .txt files: title, date and body lines, as gen-corpus writes them
"""
import glob, gzip, hashlib, json, os, sqlite3, sys

db_path, source = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
db = sqlite3.connect(db_path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL"); db.execute("PRAGMA synchronous = NORMAL")
for path in sorted(glob.glob(os.path.join(here, "..", "migrations", "*.sql"))):
    db.executescript(open(path).read())
opener = gzip.open if source.endswith(".gz") else open


def articles():
    if os.path.isdir(source):
        for path in sorted(glob.glob(os.path.join(source, "**", "*.txt"), recursive=True)):
            title, _, rest = open(path, encoding="utf-8").read().strip().partition("\n\n")
            date, _, body = rest.partition("\n\n")
            yield {"title": title, "date": date, "body": body, "outlet": "", "guid": None, "url": None}
        return
    with opener(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


outlets, tags = {}, {}
def name_id(table, cache, name):
    if name not in cache:
        db.execute(f"INSERT OR IGNORE INTO {table} (name) VALUES (?)", (name,))
        cache[name] = db.execute(f"SELECT id FROM {table} WHERE name = ?", (name,)).fetchone()[0]
    return cache[name]


db.execute("BEGIN")
for a in articles():
    digest = hashlib.sha256(a["body"].encode()).hexdigest()
    cur = db.execute("INSERT OR IGNORE INTO articles (guid, url, title, body, published, outlet_id, content_hash, added_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, '')", (a.get("guid"), a.get("url"), a["title"], a["body"], a["date"],
                                                          name_id("outlets", outlets, a["outlet"]) if a["outlet"] else None, digest))
    for tag in a.get("tags") or [] if cur.rowcount else []:
        db.execute("INSERT OR IGNORE INTO article_tags VALUES (?, ?)", (cur.lastrowid, name_id("tags", tags, tag)))
db.execute("COMMIT")
