-- Copies of one story (issue 4). Exact copies are refused at ingest (same guid, same url key,
-- same content hash); near copies are stored and grouped into stories.
--
-- url_key: the url without scheme, www., amp parts, tracking parameters, fragment or trailing
-- slash, so two addresses of one page collide. Filled by the archive (and, for articles stored
-- before this step, by the step's backfill).
ALTER TABLE articles ADD COLUMN url_key TEXT;
CREATE UNIQUE INDEX articles_url_key ON articles (url_key);

-- A story groups two or more copies; an article in no story (story_id NULL) is a story of its
-- own. The representative is the most complete copy (the longest body).
CREATE TABLE stories (
    id                INTEGER PRIMARY KEY,
    representative_id INTEGER NOT NULL
);
ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories (id);
CREATE INDEX articles_story ON articles (story_id) WHERE story_id IS NOT NULL;

-- Locality-sensitive hashing buckets: 8 keys per article, each from 3 MinHash values over the
-- body's 5-word shingles. Articles that share a bucket are candidates to compare.
CREATE TABLE article_buckets (
    bucket     INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, article_id)
) WITHOUT ROWID;
CREATE INDEX article_buckets_article ON article_buckets (article_id);

-- Deleting a copy, even with plain SQL, keeps its story right: a new representative if it was
-- the representative, and no story left with fewer than two copies.
CREATE TRIGGER articles_story_delete AFTER DELETE ON articles WHEN old.story_id IS NOT NULL BEGIN
    UPDATE stories SET representative_id = (
        SELECT id FROM articles WHERE story_id = old.story_id ORDER BY length(body) DESC, id LIMIT 1
    ) WHERE id = old.story_id AND representative_id = old.id;
    UPDATE articles SET story_id = NULL
    WHERE story_id = old.story_id AND (SELECT count(*) FROM articles WHERE story_id = old.story_id) < 2;
    DELETE FROM stories WHERE id = old.story_id AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = old.story_id);
END;
