CREATE TABLE order_statuses (
    code text PRIMARY KEY
);
