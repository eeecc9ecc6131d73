SET SESSION lock_wait_timeout = 5;
CREATE TABLE imports (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY
) ENGINE=InnoDB;
RENAME TABLE imports TO import_batches;
