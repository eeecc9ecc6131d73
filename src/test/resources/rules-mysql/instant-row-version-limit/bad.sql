SET SESSION lock_wait_timeout = 5;
ALTER TABLE events ADD COLUMN c65 INT NULL;
