ALTER TABLE orders ADD COLUMN position bigserial;
