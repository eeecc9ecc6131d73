SET SESSION lock_wait_timeout = 5;
SET foreign_key_checks = 0;
ALTER TABLE orders ADD INDEX orders_customer_id_idx (customer_id), ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
SET foreign_key_checks = 1;
