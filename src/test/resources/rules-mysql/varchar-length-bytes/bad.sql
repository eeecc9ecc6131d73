SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY note VARCHAR(100) NULL;
