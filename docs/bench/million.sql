-- 1,000,000 published comments over 10,000 threads (/bench/0 … /bench/9999,
-- 100 each, every fifth a reply to the one before), with short texts of a
-- few kinds, in about 20 seconds. Start natter once on the empty file so
-- its migrations create the schema, stop it, then:
--   sqlite3 FILE < docs/bench/million.sql
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < 9999)
INSERT INTO threads (id, uri, title) SELECT i + 1, '/bench/' || i, 'Bench /bench/' || i FROM t;
WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 999999)
INSERT INTO comments (tid, id, parent, created, modified, mode, remote_addr, text,
                      author, email, website, likes, dislikes, voters, notification)
SELECT n / 100 + 1, n + 1,
  CASE WHEN n % 100 > 0 AND n % 5 = 3 THEN n END,
  1700000000.0 + n * 3.7, NULL, 1,
  '10.' || (n % 200) || '.' || ((n / 100) % 200) || '.0',
  CASE n % 6
    WHEN 0 THEN 'Great post, thanks for writing this up! Comment ' || n || '.'
    WHEN 1 THEN 'I disagree with the second point: **caching** is not free. See `' || n || '`.'
    WHEN 2 THEN 'Has anyone tried this with PostgreSQL? It worked for me on SQLite.'
    WHEN 3 THEN 'Thanks, this fixed my build. Number ' || n || ' in the queue.'
    WHEN 4 THEN 'A longer remark about the topic, with a link to https://example.org/page/' || n || ' and some *emphasis*.'
    ELSE 'Nice.'
  END,
  CASE WHEN n % 4 = 0 THEN NULL ELSE 'reader' || (n % 997) END,
  NULL, NULL, n % 3, 0, zeroblob(256), 0
FROM c;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
