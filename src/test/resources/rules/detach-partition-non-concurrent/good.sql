-- flyway:executeInTransaction=false
ALTER TABLE measurements DETACH PARTITION measurements_2024 CONCURRENTLY;
