ALTER TABLE orders ADD COLUMN amount_cents bigint GENERATED ALWAYS AS (amount * 100) STORED;
