#!/usr/bin/env python3
"""Helpers of bench/feeds.sh (issue 14):

  feed_tools.py rss CORPUS.jsonl OUT.xml              an RSS 2.0 feed of every article (content:encoded)
  feed_tools.py site CORPUS.jsonl DIR BASE            one HTML page per article under DIR, and DIR/links.csv of BASE/... urls
  feed_tools.py feedparser FEED.xml                   entries per second of feedparser (the mature parser), parse only
  feed_tools.py etree FEED.xml                        entries per second of ElementTree's iterparse (the fastest plain parse)
  feed_tools.py fetch LINKS.csv WORKERS               pages per second of plain urllib with WORKERS threads (fetch only)
  feed_tools.py agree FEED... --archive BIN           per field, the share of entries where archive and feedparser agree
"""
import concurrent.futures, csv, html, json, os, subprocess, sys, time, urllib.request
from email.utils import format_datetime
from datetime import datetime


def rss(corpus, out):
    with open(corpus) as source, open(out, "w") as feed:
        feed.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
                   'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                   "<title>Bench Wire</title><link>https://bench.example/</link><description>bench</description>\n")
        for line in source:
            a = json.loads(line)
            when = datetime.fromisoformat(a["date"].replace("Z", "+00:00"))
            body = "".join(f"<p>{html.escape(p)}</p>" for p in a["body"].split("\n\n"))
            cats = "".join(f"<category>{html.escape(t)}</category>" for t in a["tags"])
            feed.write(f"<item><title>{html.escape(a['title'])}</title><link>{html.escape(a['url'])}</link>"
                       f"<guid isPermaLink=\"false\">{a['guid']}</guid><pubDate>{format_datetime(when)}</pubDate>{cats}"
                       f"<content:encoded><![CDATA[{body}]]></content:encoded></item>\n")
        feed.write("</channel></rss>\n")


def site(corpus, folder, base):
    os.makedirs(folder, exist_ok=True)
    with open(corpus) as source, open(os.path.join(folder, "links.csv"), "w", newline="") as links:
        writer = csv.writer(links)
        writer.writerow(["url", "media_name", "publish_date"])
        for number, line in enumerate(source):
            a = json.loads(line)
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a["body"].split("\n\n"))
            page = (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(a['title'])}</title>"
                    f"<meta property=og:site_name content=\"{html.escape(a['outlet'])}\"></head><body><nav>Home</nav>"
                    f"<article><h1>{html.escape(a['title'])}</h1>{paragraphs}</article><footer>(c)</footer></body></html>")
            with open(os.path.join(folder, f"{number}.html"), "w") as out:
                out.write(page)
            writer.writerow([f"{base}/{number}.html", a["outlet"], a["date"]])


def rate(count, seconds):
    print(f"{count} {seconds:.3f} {count / seconds:.0f}")


def parse_feedparser(path):
    import feedparser
    start = time.perf_counter()
    entries = len(feedparser.parse(path).entries)
    rate(entries, time.perf_counter() - start)


def parse_etree(path):
    import xml.etree.ElementTree as ET
    start = time.perf_counter()
    entries = 0
    for _, element in ET.iterparse(path):
        if element.tag == "item":
            entries += 1
            element.clear()
    rate(entries, time.perf_counter() - start)


def fetch(links, workers):
    with open(links) as source:
        urls = [row["url"] for row in csv.DictReader(source)]
    def get(url):
        with urllib.request.urlopen(url, timeout=30) as answer:
            return len(answer.read())
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(int(workers)) as pool:
        list(pool.map(get, urls))
    rate(len(urls), time.perf_counter() - start)


def agree(feeds, archive):
    """Fields compared as a reader would: titles and authors as text, dates as the instant,
    urls as given, tags as sets, bodies by their words."""
    import feedparser, re
    from email.utils import parsedate_to_datetime
    fields = ["title", "url", "date", "author", "tags", "body"]
    agree, total = {f: 0 for f in fields}, {f: 0 for f in fields}
    words = lambda s: re.findall(r"\w+", (s or "").lower())
    for path in feeds:
        ours = [json.loads(l) for l in subprocess.run([archive, "extract", path, "--format", "json"], capture_output=True,
                                                         text=True).stdout.splitlines() if l.startswith("{")]
        theirs = feedparser.parse(path).entries
        # feedparser keeps a title's markup and second escaping; the archive stores plain text.
        plain = lambda t: " ".join(html.unescape(re.sub(r"<[^>]+>", "", html.unescape(t or ""))).split())
        by_title = {plain(e.get("title")): e for e in theirs}
        for a in ours:
            e = by_title.get(a["title"] or "")
            if e is None:
                continue
            def instant(text):
                if not text: return None
                try: return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
                except ValueError: return datetime.fromisoformat(text + "T00:00:00+00:00").timestamp()
            their_date = None
            for key in ["published_parsed", "updated_parsed"]:
                if e.get(key): their_date = time.mktime(e[key]) - time.timezone; break
            body = e.get("content", [{}])[0].get("value") if e.get("content") else e.get("summary")
            their_body = re.sub(r"<[^>]+>", " ", html.unescape(body or ""))
            pairs = {
                "title": (a["title"], plain(e.get("title"))),
                "url": (a["url"], e.get("link")),
                "date": (instant(a["date"]), their_date),
                "author": (a["author"], e.get("author")),
                "tags": (set(a["tags"]), {t["term"] if not t.get("label") else t["label"] for t in e.get("tags", [])}),
                "body": (words(a["body"]), words(their_body)),
            }
            for field, (x, y) in pairs.items():
                if not x and not y: continue
                total[field] += 1
                if field == "date":
                    agree[field] += x is not None and y is not None and abs(x - y) < 1
                elif field == "author":
                    agree[field] += bool(x) and bool(y) and (x in y or y in x)
                else:
                    agree[field] += x == y
    print("  ".join(f"{f} {agree[f]}/{total[f]}" for f in fields))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "agree":
        archive = args[args.index("--archive") + 1]
        agree([a for a in args[:args.index("--archive")]], archive)
    else:
        {"rss": rss, "site": site, "feedparser": parse_feedparser, "etree": parse_etree, "fetch": fetch}[command](*args)
