SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX orders_customer_created_status_idx (customer_id, created_at, status);
