SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY amount BIGINT NOT NULL;
