CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    total numeric(12, 2) NOT NULL,
    currency text NOT NULL DEFAULT 'EUR'
);
CREATE INDEX invoices_customer_idx ON invoices (customer_id);
