-- The server's own tables. Written in the SQL subset that both H2 (the embedded default) and
-- PostgreSQL (shared by several instances) accept, so one migration serves both stores.

-- Every signed delivery that was acted on; the key de-duplicates GitHub's redeliveries.
create table deliveries (
    delivery_id varchar(100) primary key,
    event varchar(60) not null,
    action varchar(60),
    received_at timestamp with time zone not null,
    outcome varchar(30) not null
);

create table installations (
    installation_id bigint primary key,
    account_login varchar(255) not null,
    account_type varchar(30),
    repository_selection varchar(20),
    suspended boolean not null,
    updated_at timestamp with time zone not null
);

create table installation_repositories (
    installation_id bigint not null,
    full_name varchar(255) not null,
    primary key (installation_id, full_name)
);

-- The latest review asked for per pull request. A job reads the newest request when it runs, so a
-- push that arrives while an older head is queued replaces it instead of adding a second review.
create table review_requests (
    pull_request varchar(250) primary key,
    installation_id bigint not null,
    owner_login varchar(100) not null,
    repository_name varchar(100) not null,
    pr_number integer not null,
    head_sha varchar(64),
    generation bigint not null,
    done_generation bigint not null,
    requested_at timestamp with time zone not null,
    done_at timestamp with time zone,
    last_outcome varchar(30)
);

-- Git blobs by SHA for the GitHub reader: content-addressed, so an entry never goes stale.
create table blob_cache (
    sha varchar(64) primary key,
    content bytea not null
);

-- db-scheduler's table, as its documentation gives it for PostgreSQL (bytea and timestamptz also
-- work on H2).
create table scheduled_tasks (
    task_name varchar(100) not null,
    task_instance varchar(250) not null,
    task_data bytea,
    execution_time timestamp with time zone not null,
    picked boolean not null,
    picked_by varchar(50),
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat timestamp with time zone,
    version bigint not null,
    priority smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority, execution_time);
