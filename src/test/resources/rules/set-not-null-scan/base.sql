CREATE TABLE orders (
    id bigint PRIMARY KEY,
    note text,
    reference text,
    CONSTRAINT orders_reference_not_null CHECK (reference IS NOT NULL)
);
