-- history
CREATE TABLE parent (id bigint PRIMARY KEY, name varchar(20));
CREATE TABLE t (id bigint PRIMARY KEY, parent_id bigint, name varchar(20), amount numeric(10,2), created timestamp,
                note text, addr cidr, qty int NOT NULL DEFAULT 0, code text);
CREATE INDEX t_name_idx ON t (name);
CREATE INDEX t_created_idx ON t (created);
INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 10) g;
INSERT INTO t SELECT g, g, 'n' || g, g, now(), 'x', '10.0.0.0/8', g, 'c' || g FROM generate_series(1, 10) g;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE touch();
-- statement
ALTER TABLE t DISABLE TRIGGER t_touch;
