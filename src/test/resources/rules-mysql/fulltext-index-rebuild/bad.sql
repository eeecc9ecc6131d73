SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD FULLTEXT INDEX orders_note_ft (note);
