-- Nothing lost, nothing mixed up (issue 10).
--
-- 1. Copies and versions are stored: the same text from another outlet, url or day, and a page
--    whose text changed, are articles of their own, grouped into a story. So `guid`, `url`,
--    `url_key` and `content_hash` are no longer UNIQUE (the archive decides what is "the same
--    article", see the README); they keep plain indexes.
-- 2. Ids are never reused (AUTOINCREMENT): a deleted article's id never names another one.
-- 3. The full-text index numbers its rows by article id again, so any SQL tool joins it to
--    `articles` on rowid (sqlite-utils search, Datasette), and it is declared
--    content="articles" so those tools find it. Publication order comes from the
--    `published_unix` column and its index instead of packed row numbers (0003's date_key,
--    which exceeded 2^53 and limited ids to 2^31).
-- 4. Rows that depend on an article, a tag, an outlet or a story are cleaned by triggers, which
--    work whatever `PRAGMA foreign_keys` says (sqlite3, Datasette and sqlite-utils leave it off).
-- 5. Small columns first and the body last, so reading an article's metadata never reads
--    through its body.
--
-- The migrator runs this step with foreign keys off (dropping the old table must not cascade),
-- and repairs what plain-SQL deletes left behind before the step commits.

DROP TRIGGER IF EXISTS articles_fts_insert;
DROP TRIGGER IF EXISTS articles_fts_delete;
DROP TRIGGER IF EXISTS articles_fts_update;
DROP TRIGGER IF EXISTS articles_story_delete;
DROP TABLE IF EXISTS articles_fts;

CREATE TABLE articles_new (
    -- Below 2^53, so every JSON client reads ids exactly.
    id             INTEGER PRIMARY KEY AUTOINCREMENT CHECK (id < 9007199254740992),
    guid           TEXT,                              -- the source's own identifier; NULL when none
    url            TEXT,                              -- NULL when none
    url_key        TEXT,                              -- the url without what does not name the page (README)
    title          TEXT NOT NULL DEFAULT '',
    published      TEXT NOT NULL DEFAULT '',          -- UTC: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; '' when unknown
    -- Seconds since 1970-01-01 UTC of `published` (midnight for a day); NULL when undated.
    published_unix INTEGER GENERATED ALWAYS AS (
        CAST(round((julianday(nullif(published, '')) - 2440587.5) * 86400) AS INTEGER)
    ) VIRTUAL,
    outlet_id      INTEGER REFERENCES outlets (id),
    author         TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL DEFAULT '',
    story_id       INTEGER REFERENCES stories (id),   -- NULL: a story of its own
    content_hash   TEXT NOT NULL DEFAULT '',          -- sha256 hex of the body, ASCII lower-cased, white space folded
    clean_length   INTEGER,                           -- bytes of prose less bytes of page furniture (README); NULL: unknown
    source         TEXT NOT NULL DEFAULT '',          -- the file (and line) it was added from, or '-' for stdin
    added_at       TEXT NOT NULL DEFAULT '',          -- UTC, YYYY-MM-DDTHH:MM:SSZ
    body           TEXT NOT NULL CHECK (body <> '')
);

INSERT INTO articles_new (id, guid, url, url_key, title, published, outlet_id, author, language, story_id,
                          content_hash, source, added_at, body)
SELECT id, guid, url, url_key, title, published, outlet_id, author, language, story_id,
       content_hash, source, added_at, body
FROM articles ORDER BY id;

DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;

CREATE INDEX articles_guid ON articles (guid) WHERE guid IS NOT NULL;
CREATE INDEX articles_url_key ON articles (url_key) WHERE url_key IS NOT NULL;
CREATE INDEX articles_content_hash ON articles (content_hash, published_unix);
CREATE INDEX articles_published ON articles (published_unix);
CREATE INDEX articles_outlet ON articles (outlet_id, published_unix);
CREATE INDEX articles_story ON articles (story_id) WHERE story_id IS NOT NULL;

-- The index over title and body, numbered by article id.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body,
    content="articles", content_rowid="id",
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Relevance: BM25 with a title match worth five body matches.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');
INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM articles ORDER BY id;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Deleting an article, with any SQL client: out of the index, its tags and buckets gone, and its
-- story kept right (a new representative if it was the representative, no story left with
-- fewer than two copies).
CREATE TRIGGER articles_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    DELETE FROM article_tags WHERE article_id = old.id;
    DELETE FROM article_buckets WHERE article_id = old.id;
    UPDATE stories SET representative_id = (
        SELECT id FROM articles WHERE story_id = old.story_id
        ORDER BY coalesce(clean_length, length(body)) DESC, id LIMIT 1
    ) WHERE id = old.story_id AND representative_id = old.id;
    UPDATE articles SET story_id = NULL
    WHERE story_id = old.story_id AND (SELECT count(*) FROM articles WHERE story_id = old.story_id) < 2;
    DELETE FROM stories WHERE id = old.story_id AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = old.story_id);
END;

CREATE TRIGGER tags_delete AFTER DELETE ON tags BEGIN
    DELETE FROM article_tags WHERE tag_id = old.id;
END;

CREATE TRIGGER outlets_delete AFTER DELETE ON outlets BEGIN
    UPDATE articles SET outlet_id = NULL WHERE outlet_id = old.id;
END;

CREATE TRIGGER stories_delete AFTER DELETE ON stories BEGIN
    UPDATE articles SET story_id = NULL WHERE story_id = old.id;
END;

-- Ids are never reused: AUTOINCREMENT counts on from the highest id still present, so an id
-- freed by a plain-SQL delete before this step (which may still hold tags, keys or a story) is
-- counted as used.
INSERT INTO sqlite_sequence (name, seq)
SELECT 'articles', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'articles');
UPDATE sqlite_sequence SET seq = max(seq,
    coalesce((SELECT max(id) FROM articles), 0),
    coalesce((SELECT max(article_id) FROM article_tags), 0),
    coalesce((SELECT max(article_id) FROM article_buckets), 0),
    coalesce((SELECT max(representative_id) FROM stories), 0))
WHERE name = 'articles';

-- Repairs: what plain-SQL deletes with foreign keys off left behind.
DELETE FROM article_tags WHERE article_id NOT IN (SELECT id FROM articles) OR tag_id NOT IN (SELECT id FROM tags);
DELETE FROM article_buckets WHERE article_id NOT IN (SELECT id FROM articles);
UPDATE articles SET outlet_id = NULL WHERE outlet_id IS NOT NULL AND outlet_id NOT IN (SELECT id FROM outlets);
UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL AND story_id NOT IN (SELECT id FROM stories);
-- Outlets and tags no article uses any more, as `archive rm` leaves none.
DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM article_tags);
DELETE FROM outlets WHERE id NOT IN (SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL);
-- A story left with one copy is dissolved (stories_delete frees that copy).
DELETE FROM stories WHERE (SELECT count(*) FROM articles WHERE story_id = stories.id) < 2;
-- Representatives are chosen again by the step's Swift follow-up, which also computes
-- clean_length and the new url keys.
