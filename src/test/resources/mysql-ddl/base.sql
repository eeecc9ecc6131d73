-- The tables every case of catalogue.sql starts from, in a fresh database. Rows are there so that a change that
-- must check or convert data (NOT NULL, a narrower type) does so; charsets are explicit, as servers' defaults differ.
CREATE TABLE parent (
  id bigint NOT NULL PRIMARY KEY,
  name varchar(40) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE t (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id bigint NOT NULL,
  name varchar(40) NOT NULL,
  code varchar(60) CHARACTER SET latin1 NOT NULL,
  note text,
  status enum('new','paid','shipped') NOT NULL DEFAULT 'new',
  tags set('a','b','c') NOT NULL DEFAULT '',
  qty int NOT NULL DEFAULT 0,
  amount decimal(10,2),
  created datetime NOT NULL,
  KEY t_name_idx (name),
  KEY t_parent_idx (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
INSERT INTO t (parent_id, name, code, note, status, tags, qty, amount, created) VALUES
  (1, 'a', 'c1', 'x', 'new', 'a', 1, 1.00, '2024-01-01 00:00:00'),
  (2, 'b', 'c2', NULL, 'paid', '', 2, 2.00, '2024-01-02 00:00:00');
