UPDATE orders SET note = '' WHERE id = 42;
