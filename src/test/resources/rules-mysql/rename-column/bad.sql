SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders RENAME COLUMN note TO comment;
