CREATE TABLE imports (
    id bigint PRIMARY KEY,
    loaded_at timestamptz
);
CREATE INDEX imports_loaded_idx ON imports (loaded_at);
CLUSTER imports USING imports_loaded_idx;
