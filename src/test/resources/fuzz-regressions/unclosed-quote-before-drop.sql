UPDATE orders SET note = 'customer''s request;
DROP TABLE orders;
