CREATE TABLE customers (
    id BIGINT NOT NULL AUTO_INCREMENT,
    email VARCHAR(191) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY customers_email_key (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE orders (
    id BIGINT NOT NULL AUTO_INCREMENT,
    customer_id BIGINT NOT NULL,
    amount INT NOT NULL,
    status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new',
    note VARCHAR(50) NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (id),
    KEY orders_customer_id_idx (customer_id),
    KEY orders_created_idx (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
