-- varchar(200) -> varchar(500) is binary-coercible: catalog only, no rewrite
ALTER TABLE orders ALTER COLUMN note TYPE varchar(500);
