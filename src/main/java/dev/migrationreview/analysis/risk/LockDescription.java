package dev.migrationreview.analysis.risk;

import dev.migrationreview.analysis.LockImpact;
import dev.migrationreview.analysis.LockMode;
import java.util.Locale;

/** A lock in reviewer's words: {@code ACCESS EXCLUSIVE lock (AccessExclusiveLock), which blocks reads and writes}. */
public final class LockDescription {

    private LockDescription() {}

    /** {@code AccessExclusiveLock} -> {@code ACCESS EXCLUSIVE}, the name the PostgreSQL docs and LOCK TABLE use. */
    public static String sqlName(LockMode mode) {
        String n = mode.databaseName();
        if (n.endsWith("Lock")) {
            n = n.substring(0, n.length() - 4);
        }
        return n.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /** {@code an ACCESS EXCLUSIVE lock (AccessExclusiveLock)}. */
    public static String named(LockMode mode) {
        String name = sqlName(mode);
        return (name.startsWith("A") || name.startsWith("E") ? "an " : "a ") + name + " lock (" + mode.databaseName() + ")";
    }

    public static String of(LockMode mode) {
        String name = sqlName(mode);
        return (name.startsWith("A") || name.startsWith("E") ? "an " : "a ") + name + " lock (" + mode.databaseName() + "), which blocks " + blocks(mode.impact());
    }

    public static String blocks(LockImpact impact) {
        return switch (impact) {
            case NOTHING -> "no ordinary traffic";
            case SCHEMA_CHANGES -> "only schema changes and maintenance (VACUUM, other DDL); reads and writes continue";
            case WRITES -> "writes (INSERT, UPDATE, DELETE) while reads continue";
            case READS_AND_WRITES -> "every read and write";
        };
    }
}
