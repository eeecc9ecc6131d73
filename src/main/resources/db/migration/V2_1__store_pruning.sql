-- Pruning (docs/github-app.md, "What the store keeps"): deliveries are deleted once GitHub can no
-- longer redeliver them, and the blob cache is bounded by age and size, least recently used first.
create index deliveries_received_at_idx on deliveries (received_at);

alter table blob_cache add column size_bytes bigint;
alter table blob_cache add column last_used_at timestamp with time zone;
update blob_cache set size_bytes = octet_length(content), last_used_at = current_timestamp;
alter table blob_cache alter column size_bytes set not null;
alter table blob_cache alter column last_used_at set not null;
create index blob_cache_last_used_at_idx on blob_cache (last_used_at);

-- Why a review was given up, for the operator's status page.
alter table review_requests add column last_error varchar(1000);
create index review_requests_requested_at_idx on review_requests (requested_at);
