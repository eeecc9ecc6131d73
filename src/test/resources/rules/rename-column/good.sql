ALTER TABLE orders ADD COLUMN comment text;
