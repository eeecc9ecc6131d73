SET SESSION lock_wait_timeout = 5;
CREATE TABLE imports (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY
) ENGINE=InnoDB;
RENAME TABLE imports TO import_batches;
-- copy and swap: the name the running code uses never disappears
RENAME TABLE customers TO customers_old;
CREATE TABLE customers (
    id BIGINT NOT NULL AUTO_INCREMENT,
    email VARCHAR(191) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY customers_email_key (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO customers (id, email) SELECT id, email FROM customers_old;
