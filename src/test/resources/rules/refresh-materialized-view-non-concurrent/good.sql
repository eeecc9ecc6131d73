-- flyway:executeInTransaction=false
REFRESH MATERIALIZED VIEW CONCURRENTLY customer_totals;
