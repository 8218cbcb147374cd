-- The archive's first schema. Each article is one row of `articles`; outlets and tags are
-- normalised into their own tables; `articles_fts` is an FTS5 index over title and body
-- that reads its text from `articles` (external content) and is kept in step by triggers,
-- so rows inserted, edited or deleted with plain SQL stay searchable.

CREATE TABLE outlets (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> '')
);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> '')
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    guid         TEXT UNIQUE,                      -- the source's own identifier; NULL when none
    url          TEXT UNIQUE,                      -- NULL when none
    title        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL CHECK (body <> ''),
    published    TEXT NOT NULL DEFAULT '',         -- UTC: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; '' when unknown
    outlet_id    INTEGER REFERENCES outlets (id),
    author       TEXT NOT NULL DEFAULT '',
    language     TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL UNIQUE,             -- sha256 hex of the body, lower-cased, white space folded
    source       TEXT NOT NULL DEFAULT '',         -- the file (and line) it was added from, or '-' for stdin
    added_at     TEXT NOT NULL                     -- UTC, YYYY-MM-DDTHH:MM:SSZ
);

CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet_id, published);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;

CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Relevance: BM25 with a title match worth five body matches.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
