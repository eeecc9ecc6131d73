SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN comment VARCHAR(50) NULL;
