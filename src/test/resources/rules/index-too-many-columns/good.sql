CREATE INDEX CONCURRENTLY orders_lookup_idx ON orders (customer_id, created_at) INCLUDE (amount);
