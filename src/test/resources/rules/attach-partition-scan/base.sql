CREATE TABLE measurements (
    id bigint,
    taken date
) PARTITION BY RANGE (taken);
CREATE TABLE measurements_2025 (
    id bigint,
    taken date
);
