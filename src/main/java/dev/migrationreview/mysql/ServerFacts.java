package dev.migrationreview.mysql;

import dev.migrationreview.analysis.OnlineDdl.Algorithm;
import dev.migrationreview.analysis.OnlineDdl.LockLevel;
import dev.migrationreview.dialect.DatabaseVersion;
import dev.migrationreview.sql.Dialect;
import dev.migrationreview.sql.statement.AlterTableAction;
import java.util.List;
import java.util.Optional;

/**
 * One server family's online-DDL behaviour by version: for each {@link DdlChange}, from which release on the server
 * runs it with which algorithm, lock level and rebuild when the statement leaves ALGORITHM and LOCK at DEFAULT. Each
 * fact carries its source (the reference manual's section). docs/locks-mysql.md is generated from these tables.
 */
public abstract class ServerFacts {

    /**
     * From {@code since} on (until a later fact for the same change), the server runs {@code change} like this.
     *
     * @param citation the manual section the fact comes from
     */
    public record Fact(DdlChange change, DatabaseVersion since, Algorithm algorithm, LockLevel lock, boolean rebuilds, String citation) {}

    public abstract Dialect dialect();

    /** The server's name in messages ({@code MySQL}, {@code MariaDB}). */
    public abstract String serverName();

    /** Every fact, in version order per change. */
    public abstract List<Fact> facts();

    /** Whether ALGORITHM=NOCOPY exists (MariaDB 10.3+); MySQL rejects the word. */
    public abstract boolean knowsNocopy();

    /**
     * How many INSTANT column changes a table may have had before INSTANT is refused and the table must be rebuilt (MySQL
     * 8.0.29+: 64 row versions), or 0 when the version keeps no such count.
     */
    public abstract int rowVersionLimit(DatabaseVersion version);

    /** Whether ALGORITHM=COPY permits concurrent writes (LOCK=NONE): MariaDB 11.2's online COPY. */
    public boolean onlineCopy(DatabaseVersion version) {
        return false;
    }

    /**
     * The metadata lock a foreign key change takes on the referenced (parent) table: the server updates the parent's
     * definition too (MySQL 8.0's data dictionary: EXCLUSIVE).
     */
    public MysqlLockMode parentLockForForeignKey(DatabaseVersion version) {
        return MysqlLockMode.SHARED_UPGRADABLE;
    }

    /**
     * Whether dropping a column that an index covers runs as the index change (MariaDB 10.4+, where dropping a column is
     * otherwise instant: NOCOPY, no rebuild).
     */
    public boolean dropsIndexedColumnLikeAnIndex(DatabaseVersion version) {
        return false;
    }

    /** Whether an explicit LOCK= other than DEFAULT is refused with ALGORITHM=INSTANT. */
    public abstract boolean instantRefusesLockClause();

    /**
     * Why this version cannot even parse the subcommand (it came in a later release), in one sentence naming the release
     * that added it; empty when the version has it. Such a statement fails with a syntax error before it changes anything.
     */
    public Optional<String> missingSyntax(AlterTableAction action, DatabaseVersion version) {
        return Optional.empty();
    }

    /** The sentence {@link #missingSyntax} gives when {@code version} is older than {@code since}. */
    protected Optional<String> addedIn(String syntax, String since, DatabaseVersion version) {
        return version.atLeast(DatabaseVersion.parse(since)) ? Optional.empty()
                : Optional.of(syntax + " exists from " + serverName() + " " + since + "; " + serverName() + " " + version
                        + " rejects it as a syntax error (1064).");
    }

    /** The fact for a change on a version: the latest one whose {@code since} the version has reached. */
    public Fact fact(DdlChange change, DatabaseVersion version) {
        Fact found = null;
        for (Fact f : facts()) {
            if (f.change() == change && version.atLeast(f.since()) && (found == null || f.since().atLeast(found.since()))) {
                found = f;
            }
        }
        if (found == null) {
            throw new IllegalStateException(serverName() + " has no fact for " + change + " at " + version);
        }
        return found;
    }

    protected static Fact fact(DdlChange change, String since, Algorithm algorithm, LockLevel lock, boolean rebuilds, String citation) {
        return new Fact(change, DatabaseVersion.parse(since), algorithm, lock, rebuilds, citation);
    }
}
