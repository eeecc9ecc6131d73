-- migrate:up transaction:false
BEGIN;
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
