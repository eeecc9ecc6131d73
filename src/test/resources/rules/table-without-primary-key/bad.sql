CREATE TABLE audit_log (
    happened_at timestamptz,
    message text
);
