CREATE TABLE events (
    id bigint,
    payload text
);
CREATE UNIQUE INDEX events_id_key ON events (id);
CREATE TABLE visits (
    id bigint NOT NULL,
    page text
);
CREATE UNIQUE INDEX visits_id_key ON visits (id);
