-- 0003: the queue's default order (by deadline) over all events, served by an index instead of a sort.
CREATE INDEX events_by_due ON events (handle_due_at);
