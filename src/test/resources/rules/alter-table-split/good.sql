ALTER TABLE orders
    ADD COLUMN shipped_at timestamptz,
    ADD COLUMN delivered_at timestamptz;
