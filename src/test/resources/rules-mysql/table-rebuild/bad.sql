SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN shipped_at DATETIME NULL AFTER amount;
