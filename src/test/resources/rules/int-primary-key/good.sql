CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    total numeric(12, 2)
);
