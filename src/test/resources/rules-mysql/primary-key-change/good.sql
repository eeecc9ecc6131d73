SET SESSION lock_wait_timeout = 5;
CREATE TABLE order_lines (
    order_id BIGINT NOT NULL,
    line_no INT NOT NULL,
    sku VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE order_lines ADD PRIMARY KEY (order_id, line_no);
