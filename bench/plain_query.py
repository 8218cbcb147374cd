#!/usr/bin/env python3
"""The query yardstick: the plainest first page of a search (or listing) over the archive's
schema, with Python's sqlite3: one SQL statement, FTS5's own ranking, no collapsing of copies.

  plain_query.py DB [FTS5-QUERY] [--from YYYY-MM] [--to YYYY-MM] [--outlet NAME] [--tag TAG]
                 [--sort newest] [--limit 20]

Without a query it lists newest first. Prints one line per article (id, date, title, snippet).
"""
import argparse, sqlite3, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("db")
parser.add_argument("query", nargs="?")
parser.add_argument("--from", dest="start")
parser.add_argument("--to", dest="end")
parser.add_argument("--outlet")
parser.add_argument("--tag")
parser.add_argument("--sort", default="relevance")
parser.add_argument("--limit", type=int, default=20)
parser.add_argument("--timing", action="store_true", help="print the milliseconds spent in SQLite on standard error")
args = parser.parse_args()


def month_after(month):
    year, number = map(int, month.split("-"))
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
conditions, values = [], []
if args.query:
    source = "articles_fts JOIN articles a ON a.id = articles_fts.rowid"
    columns = "a.id, a.published, a.title, snippet(articles_fts, -1, '[', ']', '…', 24)"
    conditions.append("articles_fts MATCH ?")
    values.append(args.query)
else:
    source, columns = "articles a", "a.id, a.published, a.title, ''"
if args.start:
    conditions.append("a.published >= ?")
    values.append(args.start)
if args.end:
    conditions.append("a.published < ? AND a.published <> ''")
    values.append(month_after(args.end))
if args.outlet:
    conditions.append("a.outlet_id = (SELECT id FROM outlets WHERE name = ?)")
    values.append(args.outlet)
if args.tag:
    conditions.append("a.id IN (SELECT article_id FROM article_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?))")
    values.append(args.tag)
order = "rank" if args.query and args.sort == "relevance" else "a.published DESC"
sql = (f"SELECT {columns} FROM {source}" + (" WHERE " + " AND ".join(conditions) if conditions else "")
       + f" ORDER BY {order} LIMIT ?")
start = time.perf_counter()
rows = db.execute(sql, values + [args.limit]).fetchall()
elapsed = time.perf_counter() - start
for row in rows:
    print(*row, sep="\t")
if args.timing:
    print(round(elapsed * 1000, 1), file=sys.stderr)
