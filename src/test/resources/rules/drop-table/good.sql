CREATE TABLE imports (
    id bigint PRIMARY KEY
);
DROP TABLE imports;
