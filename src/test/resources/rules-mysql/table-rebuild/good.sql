SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX orders_amount_idx (amount), ALGORITHM=INPLACE, LOCK=NONE;
