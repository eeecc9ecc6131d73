SET SESSION lock_wait_timeout = 5;
RENAME TABLE orders TO purchases;
