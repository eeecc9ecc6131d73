CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY,
    happened_at timestamptz,
    message text
);
ALTER TABLE audit_log ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);
