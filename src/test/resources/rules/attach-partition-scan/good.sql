CREATE TABLE measurements_2026 (
    id bigint,
    taken date
);
ALTER TABLE measurements ATTACH PARTITION measurements_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
