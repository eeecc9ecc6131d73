-- The online-DDL catalogue: each case runs on every real server the suite starts (OnlineDdlOnRealServersTest),
-- after base.sql in a fresh database. Format: see OnlineDdlCase.

-- case: add-column-last
-- statement
ALTER TABLE t ADD COLUMN extra int;

-- case: add-column-middle
-- statement
ALTER TABLE t ADD COLUMN extra int AFTER name;

-- case: add-column-first
-- statement
ALTER TABLE t ADD COLUMN extra int FIRST;

-- case: add-column-default
-- statement
ALTER TABLE t ADD COLUMN extra int NOT NULL DEFAULT 5;

-- case: add-column-not-null-without-default
-- statement
ALTER TABLE t ADD COLUMN extra int NOT NULL;

-- case: add-column-varchar-default
-- statement
ALTER TABLE t ADD COLUMN label varchar(20) NOT NULL DEFAULT '';

-- case: add-column-json
-- statement
ALTER TABLE t ADD COLUMN doc json;

-- case: add-column-auto-increment
-- table: u
-- history
CREATE TABLE u (id bigint NOT NULL PRIMARY KEY, v int) ENGINE=InnoDB;
INSERT INTO u VALUES (1, 1), (2, 2);
-- statement
ALTER TABLE u ADD COLUMN seq bigint NOT NULL AUTO_INCREMENT UNIQUE;

-- case: add-column-generated-virtual
-- statement
ALTER TABLE t ADD COLUMN name_length int AS (char_length(name)) VIRTUAL;

-- case: add-column-generated-stored
-- statement
ALTER TABLE t ADD COLUMN name_length int AS (char_length(name)) STORED;

-- case: add-column-and-index
-- statement
ALTER TABLE t ADD COLUMN extra int, ADD INDEX t_extra_idx (extra);

-- case: drop-column
-- statement
ALTER TABLE t DROP COLUMN note;

-- case: drop-indexed-column
-- statement
ALTER TABLE t DROP COLUMN name;

-- case: rename-column
-- servers: mysql-8.0, mariadb
-- statement
ALTER TABLE t RENAME COLUMN note TO remark;

-- case: change-column-same-type
-- statement
ALTER TABLE t CHANGE note remark text;

-- case: reorder-column
-- statement
ALTER TABLE t MODIFY note text AFTER id;

-- case: modify-int-to-bigint
-- statement
ALTER TABLE t MODIFY qty bigint NOT NULL DEFAULT 0;

-- case: modify-decimal-precision
-- statement
ALTER TABLE t MODIFY amount decimal(12,2);

-- case: modify-comment-only
-- statement
ALTER TABLE t MODIFY qty int NOT NULL DEFAULT 0 COMMENT 'units ordered';

-- case: varchar-utf8mb4-grow-within-255-bytes
-- statement
ALTER TABLE t MODIFY name varchar(63) NOT NULL;

-- case: varchar-utf8mb4-grow-across-255-bytes
-- statement
ALTER TABLE t MODIFY name varchar(64) NOT NULL;

-- case: varchar-latin1-grow-within-255-bytes
-- statement
ALTER TABLE t MODIFY code varchar(255) CHARACTER SET latin1 NOT NULL;

-- case: varchar-latin1-grow-across-255-bytes
-- statement
ALTER TABLE t MODIFY code varchar(256) CHARACTER SET latin1 NOT NULL;

-- case: varchar-shrink
-- statement
ALTER TABLE t MODIFY name varchar(30) NOT NULL;

-- case: varchar-change-charset
-- statement
ALTER TABLE t MODIFY name varchar(40) CHARACTER SET latin1 NOT NULL;

-- case: enum-append-value
-- statement
ALTER TABLE t MODIFY status enum('new','paid','shipped','refunded') NOT NULL DEFAULT 'new';

-- case: enum-insert-value-mid-list
-- statement
ALTER TABLE t MODIFY status enum('new','pending','paid','shipped') NOT NULL DEFAULT 'new';

-- case: enum-reorder-values
-- statement
ALTER TABLE t MODIFY status enum('paid','new','shipped') NOT NULL DEFAULT 'new';

-- case: set-append-value
-- statement
ALTER TABLE t MODIFY tags set('a','b','c','d') NOT NULL DEFAULT '';

-- case: set-insert-value-mid-list
-- statement
ALTER TABLE t MODIFY tags set('a','x','b','c') NOT NULL DEFAULT '';

-- case: set-default
-- statement
ALTER TABLE t ALTER COLUMN qty SET DEFAULT 7;

-- case: drop-default
-- statement
ALTER TABLE t ALTER COLUMN qty DROP DEFAULT;

-- case: null-to-not-null
-- statement
ALTER TABLE t MODIFY amount decimal(10,2) NOT NULL;

-- case: not-null-to-null
-- statement
ALTER TABLE t MODIFY qty int NULL DEFAULT 0;

-- case: add-index
-- statement
ALTER TABLE t ADD INDEX t_created_idx (created);

-- case: create-index
-- statement
CREATE INDEX t_created_idx ON t (created);

-- case: add-unique-index
-- statement
ALTER TABLE t ADD UNIQUE KEY t_code_key (code);

-- case: add-index-on-virtual-column
-- history
ALTER TABLE t ADD COLUMN name_length int AS (char_length(name)) VIRTUAL;
-- statement
ALTER TABLE t ADD INDEX t_name_length_idx (name_length);

-- case: drop-index
-- statement
ALTER TABLE t DROP INDEX t_name_idx;

-- case: drop-index-statement
-- statement
DROP INDEX t_name_idx ON t;

-- case: rename-index
-- statement
ALTER TABLE t RENAME INDEX t_name_idx TO t_name_index;

-- case: add-fulltext-first
-- statement
ALTER TABLE t ADD FULLTEXT INDEX t_note_ft (note);

-- case: add-fulltext-second
-- history
ALTER TABLE t ADD FULLTEXT INDEX t_note_ft (note);
-- statement
ALTER TABLE t ADD FULLTEXT INDEX t_name_ft (name);

-- case: add-spatial-index
-- table: g
-- history
CREATE TABLE g (id bigint NOT NULL PRIMARY KEY, location point NOT NULL) ENGINE=InnoDB;
INSERT INTO g VALUES (1, POINT(1, 1)), (2, POINT(2, 2));
-- statement
ALTER TABLE g ADD SPATIAL INDEX g_location_idx (location);

-- case: add-foreign-key-checks-on
-- statement
ALTER TABLE t ADD CONSTRAINT t_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id);

-- case: add-foreign-key-checks-off
-- history
SET SESSION foreign_key_checks = 0;
-- statement
ALTER TABLE t ADD CONSTRAINT t_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id);

-- case: drop-foreign-key
-- history
ALTER TABLE t ADD CONSTRAINT t_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id);
-- statement
ALTER TABLE t DROP FOREIGN KEY t_parent_fk;

-- case: add-primary-key
-- table: u
-- history
CREATE TABLE u (id bigint NOT NULL, v int) ENGINE=InnoDB;
INSERT INTO u VALUES (1, 1), (2, 2);
-- statement
ALTER TABLE u ADD PRIMARY KEY (id);

-- case: drop-primary-key
-- table: u
-- history
CREATE TABLE u (id bigint NOT NULL PRIMARY KEY, v int) ENGINE=InnoDB;
INSERT INTO u VALUES (1, 1), (2, 2);
-- statement
ALTER TABLE u DROP PRIMARY KEY;

-- case: replace-primary-key
-- statement
ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, parent_id);

-- case: convert-to-character-set
-- statement
ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4;

-- case: table-default-charset
-- statement
ALTER TABLE t DEFAULT CHARACTER SET latin1;

-- case: table-collation
-- statement
ALTER TABLE t COLLATE utf8mb4_bin;

-- case: row-format
-- statement
ALTER TABLE t ROW_FORMAT=COMPACT;

-- case: force-rebuild
-- statement
ALTER TABLE t FORCE;

-- case: engine-null-rebuild
-- statement
ALTER TABLE t ENGINE=InnoDB;

-- case: auto-increment-value
-- statement
ALTER TABLE t AUTO_INCREMENT = 1000;

-- case: optimize-table
-- statement
OPTIMIZE TABLE t;

-- case: rename-table
-- statement
RENAME TABLE t TO t_old;

-- case: alter-rename-table
-- statement
ALTER TABLE t RENAME TO t_old;

-- case: truncate-table
-- statement
TRUNCATE TABLE t;

-- case: explicit-instant-add-column-first
-- statement
ALTER TABLE t ADD COLUMN extra int FIRST, ALGORITHM=INSTANT;

-- case: explicit-inplace-lock-none-type-change
-- statement
ALTER TABLE t MODIFY qty bigint NOT NULL DEFAULT 0, ALGORITHM=INPLACE, LOCK=NONE;

-- case: explicit-inplace-lock-none-add-index
-- statement
ALTER TABLE t ADD INDEX t_created_idx (created), ALGORITHM=INPLACE, LOCK=NONE;

-- case: explicit-copy-add-column
-- statement
ALTER TABLE t ADD COLUMN extra int, ALGORITHM=COPY;

-- case: explicit-lock-none-fulltext
-- statement
ALTER TABLE t ADD FULLTEXT INDEX t_note_ft (note), LOCK=NONE;
