package dev.migrationreview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@link Statement} and {@link AlterTableAction} record is handled wherever statements are dispatched, or
 * is listed here as left to the dispatcher's default on purpose, with the reason. A record added to the model
 * fails this test until each dispatcher decides about it (Java 21's exhaustive switches will make this the
 * compiler's job). A record listed here that the dispatcher handles after all fails too: the list stays true.
 * "Handled" means the dispatcher's source names the record ({@code instanceof Statement.CreateIndex}).
 */
class StatementDispatchTest {

    /** A dispatcher: its source, and the records it leaves to its default branch on purpose, with the reason. */
    record Dispatcher(String source, Map<String, String> statementsByDefault, Map<String, String> actionsByDefault) {
        @Override
        public String toString() {
            return source.substring(source.lastIndexOf('/') + 1);
        }
    }

    private static final String NO_LOCK = "takes no lock on an existing relation";
    private static final String NO_SCHEMA_CHANGE = "changes nothing the schema model records";
    private static final String SUBCOMMAND_DEFAULT = "the lock of an ALTER TABLE subcommand the model does not list by name";
    private static final String MYSQL_SYNTAX = "MySQL/MariaDB syntax: PostgreSQL's parser never produces it";

    static final Dispatcher[] DISPATCHERS = {
        new Dispatcher("src/main/java/dev/migrationreview/schema/StatementApplier.java",
                Map.of("CreateType", "a composite or range type is not part of the schema model"),
                Map.ofEntries(
                        Map.entry("AlterColumnStorage", NO_SCHEMA_CHANGE),
                        Map.entry("AlterTrigger", NO_SCHEMA_CHANGE),
                        Map.entry("ClusterOn", NO_SCHEMA_CHANGE),
                        Map.entry("Inherit", "inheritance is not part of the schema model"),
                        Map.entry("OfType", "typed tables are not part of the schema model"),
                        Map.entry("OwnerTo", NO_SCHEMA_CHANGE),
                        Map.entry("ReplicaIdentity", NO_SCHEMA_CHANGE),
                        Map.entry("RowLevelSecurity", NO_SCHEMA_CHANGE),
                        Map.entry("SetAccessMethod", NO_SCHEMA_CHANGE),
                        Map.entry("SetStorageParameters", NO_SCHEMA_CHANGE),
                        Map.entry("SetTablespace", NO_SCHEMA_CHANGE),
                        Map.entry("SetWithoutOids", NO_SCHEMA_CHANGE))),
        new Dispatcher("src/main/java/dev/migrationreview/postgres/PostgresEffectsModel.java",
                Map.ofEntries(
                        Map.entry("AlterEnumRenameValue", NO_LOCK),
                        Map.entry("AlterFunction", NO_LOCK),
                        Map.entry("AlterType", NO_LOCK),
                        Map.entry("CreateEnumType", NO_LOCK),
                        Map.entry("CreateExtension", NO_LOCK),
                        Map.entry("CreateFunction", NO_LOCK),
                        Map.entry("CreateSchema", NO_LOCK),
                        Map.entry("CreateType", NO_LOCK),
                        Map.entry("DropFunction", NO_LOCK),
                        Map.entry("DropType", NO_LOCK),
                        Map.entry("MetaCommand", "a psql meta-command is not SQL"),
                        Map.entry("SetParameter", NO_LOCK)),
                Map.ofEntries(
                        Map.entry("AddIndex", MYSQL_SYNTAX),
                        Map.entry("ChangeColumn", MYSQL_SYNTAX),
                        Map.entry("ConvertCharset", MYSQL_SYNTAX),
                        Map.entry("DropIndex", MYSQL_SYNTAX),
                        Map.entry("OnlineDdlClause", MYSQL_SYNTAX),
                        Map.entry("RenameIndex", MYSQL_SYNTAX),
                        Map.entry("TableOption", MYSQL_SYNTAX),
                        Map.entry("AlterColumnStorage", SUBCOMMAND_DEFAULT),
                        Map.entry("AlterTrigger", SUBCOMMAND_DEFAULT),
                        Map.entry("Other", SUBCOMMAND_DEFAULT),
                        Map.entry("OwnerTo", SUBCOMMAND_DEFAULT),
                        Map.entry("RenameTable", SUBCOMMAND_DEFAULT),
                        Map.entry("RowLevelSecurity", SUBCOMMAND_DEFAULT),
                        Map.entry("SetLogged", SUBCOMMAND_DEFAULT),
                        Map.entry("SetSchema", SUBCOMMAND_DEFAULT),
                        Map.entry("SetStorageParameters", SUBCOMMAND_DEFAULT),
                        Map.entry("SetTablespace", SUBCOMMAND_DEFAULT),
                        Map.entry("SetWithoutOids", SUBCOMMAND_DEFAULT)))
    };

    static Dispatcher[] dispatchers() {
        return DISPATCHERS;
    }

    @ParameterizedTest
    @MethodSource("dispatchers")
    void everyStatementRecordIsDispatchedOrLeftToTheDefaultOnPurpose(Dispatcher dispatcher) throws IOException {
        String source = Files.readString(Path.of(dispatcher.source()));
        check(dispatcher, source, Statement.class, "Statement", dispatcher.statementsByDefault());
        check(dispatcher, source, AlterTableAction.class, "AlterTableAction", dispatcher.actionsByDefault());
    }

    private static void check(Dispatcher dispatcher, String source, Class<?> sealed, String prefix, Map<String, String> byDefault) {
        Set<String> all = new TreeSet<>(Arrays.stream(sealed.getPermittedSubclasses()).map(Class::getSimpleName).toList());
        Set<String> handled = new TreeSet<>();
        Matcher m = Pattern.compile("\\b" + prefix + "\\.([A-Z]\\w*)\\b").matcher(source);
        while (m.find()) {
            handled.add(m.group(1));
        }
        handled.retainAll(all);
        Set<String> unhandled = new TreeSet<>(all);
        unhandled.removeAll(handled);
        assertEquals(new TreeSet<>(byDefault.keySet()), unhandled, dispatcher + ": " + prefix + " records neither dispatched nor"
                + " listed as left to the default on purpose (or listed but dispatched after all)");
    }
}
