ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
