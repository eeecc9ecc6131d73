ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
ALTER TABLE order_lines ADD CONSTRAINT order_lines_product_fk FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;
