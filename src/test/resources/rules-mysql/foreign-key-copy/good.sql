SET SESSION lock_wait_timeout = 5;
SET foreign_key_checks = 0;
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id), ALGORITHM=INPLACE, LOCK=NONE;
SET foreign_key_checks = 1;
