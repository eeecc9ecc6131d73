DROP TABLE orders;
-- created by a Java migration, so the SQL history never shows it
DROP TABLE IF EXISTS legacy_sessions;
