CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE bookings (
    id bigint PRIMARY KEY,
    room integer,
    during tstzrange
);
