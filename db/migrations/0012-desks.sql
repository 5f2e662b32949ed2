-- 0012: many desks on one room server. A session remembers the address it
-- signed in from, so the administrator's list of active sessions can say where
-- each desk is.
ALTER TABLE sessions ADD COLUMN address TEXT;
