-- now() is stable: stored once in the catalog, no rewrite on PostgreSQL 11+
ALTER TABLE orders ADD COLUMN imported_at timestamptz DEFAULT now();
-- the rewrite comes from the type change, not from the constant default (alter-column-type-rewrite reports it)
ALTER TABLE orders ADD COLUMN archived boolean DEFAULT false, ALTER COLUMN amount TYPE bigint;
