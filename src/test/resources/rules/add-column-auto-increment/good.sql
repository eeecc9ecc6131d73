ALTER TABLE orders ADD COLUMN position bigint;
