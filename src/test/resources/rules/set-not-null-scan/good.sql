-- a validated CHECK (reference IS NOT NULL) exists: PostgreSQL 12+ skips the scan
ALTER TABLE orders ALTER COLUMN reference SET NOT NULL;
