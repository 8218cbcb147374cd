-- Chinese, Japanese and Korean searched by word. Their text has no spaces between words, so
-- FTS5's unicode61 tokenizer makes one index term of a whole run of characters (中国移民问题)
-- and a word inside it (移民) was never found. No tokenizer that segments it ships with SQLite,
-- and a custom one would leave the database unreadable to every other SQL client. Instead the
-- archive writes, beside the title and body, the same words cut into overlapping pairs of
-- characters, which the same tokenizer indexes as terms:
--
--     body:      中国移民问题
--     body_cjk:  中国 国移 移民 民问 问题 题
--
-- (every pair, then the run's last character alone, so each character starts one term; the
-- parts of a term that are not CJK are written as they are: `covid疫苗` gives `covid 疫苗 苗`).
-- A query for 移民 searches the pair; 非法移民 the phrase "非法 法移 移民". Both columns are
-- NULL for articles without such text. They are derived data: rows written by other SQL clients
-- without them are found by whole runs only, as before.

ALTER TABLE articles ADD COLUMN title_cjk TEXT;
ALTER TABLE articles ADD COLUMN body_cjk TEXT;

DROP TRIGGER IF EXISTS articles_fts_insert;
DROP TRIGGER IF EXISTS articles_fts_update;
DROP TRIGGER IF EXISTS articles_delete;
DROP TABLE IF EXISTS articles_fts;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body, title_cjk, body_cjk,
    content="articles", content_rowid="id",
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Relevance: BM25 with a title match worth five body matches, in either form.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0, 5.0, 1.0)');
INSERT INTO articles_fts (rowid, title, body, title_cjk, body_cjk)
SELECT id, title, body, title_cjk, body_cjk FROM articles ORDER BY id;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body, title_cjk, body_cjk)
    VALUES (new.id, new.title, new.body, new.title_cjk, new.body_cjk);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF id, title, body, title_cjk, body_cjk ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body, title_cjk, body_cjk)
    VALUES ('delete', old.id, old.title, old.body, old.title_cjk, old.body_cjk);
    INSERT INTO articles_fts (rowid, title, body, title_cjk, body_cjk)
    VALUES (new.id, new.title, new.body, new.title_cjk, new.body_cjk);
END;

-- As in 0004, with the index's new columns.
CREATE TRIGGER articles_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body, title_cjk, body_cjk)
    VALUES ('delete', old.id, old.title, old.body, old.title_cjk, old.body_cjk);
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
-- The step's Swift follow-up writes title_cjk and body_cjk of the articles that have such text
-- (the update trigger indexes them).
