package dev.migrationreview.postgres.rules;

import dev.migrationreview.migrations.MigrationTool;

/** How each migration tool runs one migration outside a transaction block, for fix text. */
final class TransactionOptOut {

    private TransactionOptOut() {}

    static String forTool(MigrationTool tool) {
        return switch (tool) {
            case FLYWAY -> "Flyway: put it in a migration of its own and set `executeInTransaction=false` in that script's"
                    + " `.sql.conf` file (Flyway 9+ also detects CONCURRENTLY and runs such a script without a transaction"
                    + " when it holds only non-transactional statements).";
            case LIQUIBASE -> "Liquibase: put it in a changeset of its own with `runInTransaction:false`.";
            case GOOSE -> "goose: put it in a migration of its own that starts with `-- +goose NO TRANSACTION`.";
            case DBMATE -> "dbmate: put it in a migration of its own with `-- migrate:up transaction:false`.";
            case GOLANG_MIGRATE -> "golang-migrate: keep it out of any BEGIN ... COMMIT and in a migration of its own"
                    + " (with the PostgreSQL driver, a file with several statements runs as one multi-statement transaction"
                    + " unless `x-multi-statement` is enabled).";
            case DIESEL -> "Diesel: put it in a migration of its own with `run_in_transaction = false` in its metadata.toml.";
            case PRISMA -> "Prisma Migrate: put it in a migration of its own containing only this statement.";
            case SQITCH -> "Sqitch: keep it out of the change's BEGIN ... COMMIT, in a change of its own.";
            case PLAIN -> "Run it on its own, outside BEGIN ... COMMIT.";
        };
    }
}
