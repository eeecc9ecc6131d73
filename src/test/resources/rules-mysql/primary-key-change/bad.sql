SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (customer_id, id), ADD KEY orders_id_idx (id);
