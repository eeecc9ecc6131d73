-- flyway:executeInTransaction=false
REINDEX INDEX CONCURRENTLY orders_created_idx;
