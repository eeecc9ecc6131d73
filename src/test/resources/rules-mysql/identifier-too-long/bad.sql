SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX orders_customer_id_created_at_status_for_the_monthly_revenue_report (customer_id, created_at, status);
