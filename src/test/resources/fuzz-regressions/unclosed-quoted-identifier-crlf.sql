ALTER TABLE "Orders ADD COLUMN b text;
DROP TABLE orders;
