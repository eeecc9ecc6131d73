-- versions: 10-18
-- history
CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 (id bigint NOT NULL, at date NOT NULL);
INSERT INTO events VALUES (1, '2024-05-01');
INSERT INTO events_2025 VALUES (2, '2025-05-01');
-- statement
ALTER TABLE events DETACH PARTITION events_2024;
