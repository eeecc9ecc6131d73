CREATE TABLE staging_orders (
    id bigint PRIMARY KEY
);
TRUNCATE staging_orders;
