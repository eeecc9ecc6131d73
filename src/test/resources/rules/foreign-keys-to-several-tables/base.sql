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
CREATE TABLE products (
    id bigint PRIMARY KEY
);
CREATE TABLE order_lines (
    id bigint PRIMARY KEY,
    order_id bigint,
    product_id bigint
);
