CREATE TABLE customers (
    id bigint PRIMARY KEY,
    email text
);
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint,
    amount integer,
    note varchar(200),
    created_at timestamptz
);
CREATE INDEX orders_created_idx ON orders (created_at);
CREATE MATERIALIZED VIEW customer_totals AS SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id;
CREATE UNIQUE INDEX customer_totals_customer_idx ON customer_totals (customer_id);
