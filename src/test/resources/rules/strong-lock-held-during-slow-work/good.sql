CREATE INDEX customers_email_idx ON customers (email);
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
