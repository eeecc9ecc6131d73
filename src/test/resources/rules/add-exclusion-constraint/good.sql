CREATE TABLE desk_bookings (
    id bigint PRIMARY KEY,
    desk integer,
    during tstzrange
);
ALTER TABLE desk_bookings ADD CONSTRAINT desk_bookings_no_overlap EXCLUDE USING gist (desk WITH =, during WITH &&);
