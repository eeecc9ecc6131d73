ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
ALTER TABLE customers ADD COLUMN phone text;
