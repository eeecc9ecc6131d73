CREATE TABLE imports (
    id bigint PRIMARY KEY
);
ALTER TABLE imports RENAME TO staged_imports;
