-- 0021: county notices are listed and paged in the order received (their rowid), not by their
-- time: the notices of one county batch share a time, and a page cursor on it skipped those of
-- a page's last instant. The index on the time served only that listing; every catch-up paid
-- for it, one entry per notice.
DROP INDEX notices_by_at;
