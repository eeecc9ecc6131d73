package dev.migrationreview.report;

import dev.migrationreview.analysis.Finding;
import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.Risk;
import dev.migrationreview.postgres.PostgresLockMode;
import dev.migrationreview.sql.QualifiedName;
import java.util.List;

/** Reports built by hand, as the engine would build them, for the renderers' tests. */
final class SampleReports {
    private SampleReports() {
    }

    static Report orderStatus() {
        Finding addColumn = new Finding("add-column-not-null-default", Risk.LOW, 3, 4, "Adds a NOT NULL column with a default",
                "adds `status_code` to `public.orders` under an ACCESS EXCLUSIVE lock: reads and writes wait while it runs",
                "set lock_timeout first so that the statement gives up instead of queueing traffic behind it", null);
        Finding index = new Finding("create-index-non-concurrent", Risk.HIGH, 6, 6, "Index built without CONCURRENTLY",
                "builds `orders_status_idx` under a SHARE lock on `public.orders`: writes wait until the whole table is indexed",
                "build it with CONCURRENTLY, in a migration that does not run in a transaction",
                "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status_code);");
        StatementReport alter = new StatementReport(0, 3, 4,
                "ALTER TABLE orders\n  ADD COLUMN status_code varchar(255) NOT NULL DEFAULT 'pending'", "ALTER TABLE", true,
                List.of(new RelationLock(QualifiedName.of("orders"), RelationLock.RelationKind.TABLE, PostgresLockMode.ACCESS_EXCLUSIVE)),
                List.of(), List.of(), List.of(addColumn));
        StatementReport create = new StatementReport(1, 6, 6, "CREATE INDEX orders_status_idx ON orders (status_code)", "CREATE INDEX", true,
                List.of(new RelationLock(new QualifiedName("public", "orders"), RelationLock.RelationKind.TABLE, PostgresLockMode.SHARE)),
                List.of(), List.of(QualifiedName.of("orders")), List.of(index));
        StatementReport unknown = new StatementReport(2, 8, 10, "CREATE FOO bar", "CREATE FOO", false, List.of(), List.of(), List.of(),
                List.of(new Finding("statement-not-understood", Risk.INFO, 8, 10, "Statement not understood",
                        "migration-review could not work out what this CREATE FOO statement does", "check it by hand", null)));
        FileReport file = new FileReport("db/migration/V7__order_status.sql", "flyway", true, Risk.HIGH, List.of(alter, create, unknown));
        FileReport quiet = new FileReport("db/migration/V8__comment.sql", "flyway", true, Risk.NONE,
                List.of(new StatementReport(0, 1, 1, "COMMENT ON TABLE orders IS 'x'", "COMMENT", true, List.of(), List.of(), List.of(), List.of())));
        return new Report("postgresql", "16", Risk.HIGH, List.of(file, quiet), List.of("Table sizes unknown for public.orders."));
    }
}
