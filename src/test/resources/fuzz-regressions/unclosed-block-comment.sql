/* the legacy table /* nested */
DROP TABLE legacy;
CREATE INDEX legacy_idx ON orders (a);
