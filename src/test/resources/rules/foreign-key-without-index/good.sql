CREATE TABLE payments (
    id bigint PRIMARY KEY,
    order_id bigint REFERENCES orders (id)
);
CREATE INDEX payments_order_id_idx ON payments (order_id);
