-- Subscriptions (issue 14): the feeds `archive sync` fetches, one row per feed url.
--
--   url            the feed's address as subscribed
--   title          the feed's own title, as its last fetch gave it
--   outlet         given at subscription: each entry's outlet instead of the feed's title
--   tags           JSON list of tags added to every entry (`["world", "wire"]`)
--   fetch_pages    1: each entry's page is fetched and its article stored
--   added          when it was subscribed (UTC, `YYYY-MM-DDTHH:MM:SSZ`)
--   last_checked   when a sync last asked for it
--   last_status    what that answer was: `ok`, `not modified`, or the failure (`HTTP 404`)
--   last_new       how many articles that sync stored
--   etag, last_modified   the validators of the last answer, for conditional requests
--   claimed_until  unix seconds: a sync at work on the feed holds it until then, so two syncs
--                  at once never fetch it twice; a sync that died frees it when that passes
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    outlet TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    fetch_pages INTEGER NOT NULL DEFAULT 0,
    added TEXT NOT NULL,
    last_checked TEXT,
    last_status TEXT,
    last_new INTEGER,
    etag TEXT,
    last_modified TEXT,
    claimed_until INTEGER
);

-- Which stored articles each feed brought (new ones, and entries it carried that were already
-- stored). Kept in step by triggers, whatever SQL client deletes an article or a feed.
CREATE TABLE feed_articles (
    feed_url TEXT NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (feed_url, article_id)
) WITHOUT ROWID;
CREATE INDEX feed_articles_article ON feed_articles (article_id);

CREATE TRIGGER feed_articles_article_deleted AFTER DELETE ON articles BEGIN
    DELETE FROM feed_articles WHERE article_id = old.id;
END;
CREATE TRIGGER feed_articles_feed_deleted AFTER DELETE ON feeds BEGIN
    DELETE FROM feed_articles WHERE feed_url = old.url;
END;
