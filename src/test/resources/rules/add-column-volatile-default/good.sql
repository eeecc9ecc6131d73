-- now() is stable: stored once in the catalog, no rewrite on PostgreSQL 11+
ALTER TABLE orders ADD COLUMN imported_at timestamptz DEFAULT now();
