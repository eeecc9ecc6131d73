SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders DROP COLUMN note;
