package dev.migrationreview.postgres;

import static dev.migrationreview.postgres.PostgresLockMode.ACCESS_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.ROW_SHARE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE_ROW_EXCLUSIVE;
import static dev.migrationreview.postgres.PostgresLockMode.SHARE_UPDATE_EXCLUSIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.analysis.RelationLock;
import dev.migrationreview.analysis.SessionState;
import dev.migrationreview.analysis.StatementContext;
import dev.migrationreview.analysis.StatementEffects;
import dev.migrationreview.analysis.TransactionUse;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.schema.Column;
import dev.migrationreview.schema.Constraint;
import dev.migrationreview.schema.Index;
import dev.migrationreview.schema.Schema;
import dev.migrationreview.schema.Table;
import dev.migrationreview.sql.ParsedStatement;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.RawStatement;
import dev.migrationreview.sql.SourceSpan;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import dev.migrationreview.sql.statement.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The model on hand-built statements and schemas; the real-server suite checks the same against PostgreSQL. */
class PostgresEffectsModelTest {
    private static final QualifiedName ORDERS = new QualifiedName("public", "orders");
    private static final QualifiedName CUSTOMERS = new QualifiedName("public", "customers");
    private static final TypeName BIGINT = new TypeName("bigint", List.of(), 0, "bigint");

    private static TypeName varchar(int n) {
        return new TypeName("character varying", List.of(n), 0, "varchar(" + n + ")");
    }

    private static final Schema SCHEMA = new Schema(
            Map.of(
                    ORDERS, new Table(ORDERS, List.of(
                            new Column("id", BIGINT, true, null, null, null),
                            new Column("customer_id", BIGINT, false, null, null, null),
                            new Column("email", varchar(20), false, null, null, null),
                            new Column("placed", new TypeName("timestamp without time zone", List.of(), 0, "timestamp"), false, null, null, null)),
                            List.of(new Constraint("orders_pkey", ConstraintType.PRIMARY_KEY, List.of("id"), null, List.of(), null, true),
                                    new Constraint("orders_customer_fk", ConstraintType.FOREIGN_KEY, List.of("customer_id"), CUSTOMERS,
                                            List.of("id"), null, true),
                                    new Constraint("orders_email_nn", ConstraintType.CHECK, List.of("email"), null, List.of(),
                                            "(email IS NOT NULL)", true)),
                            null, null, false),
                    CUSTOMERS, new Table(CUSTOMERS, List.of(new Column("id", BIGINT, true, null, null, null)),
                            List.of(new Constraint("customers_pkey", ConstraintType.PRIMARY_KEY, List.of("id"), null, List.of(), null, true)),
                            null, null, false)),
            Map.of(new QualifiedName("public", "orders_email_idx"),
                    new Index(new QualifiedName("public", "orders_email_idx"), ORDERS, false, List.of("email"), null, "btree", true),
                    new QualifiedName("public", "orders_placed_idx"),
                    new Index(new QualifiedName("public", "orders_placed_idx"), ORDERS, false, List.of("placed"), null, "btree", true)),
            Map.of(), Map.of(), Map.of());

    private final PostgresEffectsModel model = new PostgresEffectsModel();

    private StatementEffects effects(Statement statement, int version) {
        ReviewConfig d = ReviewConfig.defaults();
        ReviewConfig config = new ReviewConfig(d.dialect(), version, d.migrations(), d.schemaFile(), d.deploy(), d.failOn(),
                d.largeTableRows(), d.tables(), d.rules(), d.ignorePaths());
        ParsedStatement parsed = new ParsedStatement(new RawStatement(0, "-", new SourceSpan(1, 1, 1, 2), List.of(), false), "TEST",
                statement, ParsedStatement.Recogniser.PARSER, null);
        return model.effects(new StatementContext(config, null, parsed, SCHEMA, Set.of(), List.of(), SessionState.INITIAL, true,
                StatementEffects.UNKNOWN));
    }

    private static Statement alter(AlterTableAction... actions) {
        return new Statement.AlterTable(QualifiedName.of("orders"), false, false, List.of(actions));
    }

    private static Map<String, PostgresLockMode> locks(StatementEffects e) {
        Map<String, PostgresLockMode> out = new TreeMap<>();
        for (RelationLock l : e.locks()) {
            out.put(l.relation().name(), (PostgresLockMode) l.mode());
        }
        return out;
    }

    private static List<String> names(List<QualifiedName> names) {
        return names.stream().map(QualifiedName::name).sorted().toList();
    }

    private static ColumnDefinition column(String name, TypeName type, String defaultExpression) {
        return new ColumnDefinition(name, type, false, defaultExpression, null, null, false, List.of());
    }

    @Test
    void constantDefaultIsCatalogOnlyButVolatileDefaultRewritesTableAndIndexes() {
        StatementEffects constant = effects(alter(new AlterTableAction.AddColumn(column("n", BIGINT, "0"), false)), 14);
        assertEquals(Map.of("orders", ACCESS_EXCLUSIVE), locks(constant));
        assertTrue(constant.rewrites().isEmpty());

        StatementEffects random = effects(alter(new AlterTableAction.AddColumn(
                column("token", new TypeName("uuid", List.of(), 0, "uuid"), "gen_random_uuid()"), false)), 14);
        assertEquals(List.of("orders", "orders_email_idx", "orders_pkey", "orders_placed_idx"), names(random.rewrites()));
        assertEquals(ACCESS_EXCLUSIVE, locks(random).get("orders_pkey"));
    }

    @Test
    void wideningVarcharKeepsStorageButLocksTheIndexOnTheColumn() {
        StatementEffects e = effects(alter(new AlterTableAction.AlterColumnType("email", varchar(50), null)), 14);
        assertTrue(e.rewrites().isEmpty());
        assertEquals(Map.of("orders", ACCESS_EXCLUSIVE, "orders_email_idx", ACCESS_EXCLUSIVE), locks(e));

        StatementEffects narrowed = effects(alter(new AlterTableAction.AlterColumnType("email", varchar(10), null)), 14);
        assertTrue(names(narrowed.rewrites()).contains("orders"));
    }

    @Test
    void timestampToTimestamptzRebuildsOnlyTheIndexFrom12() {
        TypeName tz = new TypeName("timestamp with time zone", List.of(), 0, "timestamptz");
        StatementEffects on11 = effects(alter(new AlterTableAction.AlterColumnType("placed", tz, null)), 11);
        assertTrue(names(on11.rewrites()).contains("orders"));
        StatementEffects on14 = effects(alter(new AlterTableAction.AlterColumnType("placed", tz, null)), 14);
        assertEquals(List.of("orders_placed_idx"), names(on14.rewrites()));
        assertEquals(List.of("orders"), names(on14.scans()));
        assertTrue(on14.notes().contains(TypeChange.UTC_NOTE));
    }

    @Test
    void setNotNullSkipsTheScanWithAValidatedCheckFrom12() {
        Statement set = alter(new AlterTableAction.SetNotNull("email"));
        assertEquals(List.of("orders"), names(effects(set, 11).scans()));
        assertTrue(effects(set, 12).scans().isEmpty());
    }

    @Test
    void foreignKeysLockTheReferencedTable() {
        ConstraintDefinition fk = new ConstraintDefinition("orders_customer_fk2", ConstraintType.FOREIGN_KEY, List.of("customer_id"),
                QualifiedName.of("customers"), List.of("id"), null, false, null, null);
        StatementEffects add = effects(alter(new AlterTableAction.AddConstraint(fk)), 14);
        assertEquals(SHARE_ROW_EXCLUSIVE, locks(add).get("orders"));
        assertEquals(SHARE_ROW_EXCLUSIVE, locks(add).get("customers"));
        assertEquals(List.of("customers", "orders"), names(add.scans()));

        StatementEffects validate = effects(alter(new AlterTableAction.ValidateConstraint("orders_customer_fk")), 14);
        assertEquals(SHARE_UPDATE_EXCLUSIVE, locks(validate).get("orders"));
        assertEquals(ROW_SHARE, locks(validate).get("customers"));

        StatementEffects drop = effects(alter(new AlterTableAction.DropConstraint("orders_customer_fk", false, false)), 14);
        assertEquals(ACCESS_EXCLUSIVE, locks(drop).get("customers"));
    }

    @Test
    void indexStatements() {
        Statement plain = new Statement.CreateIndex(QualifiedName.of("orders_x"), QualifiedName.of("orders"), false, false, false, false,
                List.of("email"), null, "btree", List.of());
        assertEquals(Map.of("orders", SHARE), locks(effects(plain, 14)));
        Statement concurrent = new Statement.CreateIndex(QualifiedName.of("orders_x"), QualifiedName.of("orders"), false, true, false, false,
                List.of("email"), null, "btree", List.of());
        StatementEffects c = effects(concurrent, 14);
        assertEquals(TransactionUse.NOT_IN_TRANSACTION, c.transactionUse());
        assertEquals(Map.of("orders", SHARE_UPDATE_EXCLUSIVE), locks(c));

        Statement rename = new Statement.AlterIndex(QualifiedName.of("orders_email_idx"), false, "RENAME TO orders_mail_idx",
                "orders_mail_idx", null);
        assertEquals(ACCESS_EXCLUSIVE, locks(effects(rename, 11)).get("orders_email_idx"));
        assertEquals(SHARE_UPDATE_EXCLUSIVE, locks(effects(rename, 12)).get("orders_email_idx"));
    }

    @Test
    void enumValuesOutsideTransactionsBefore12() {
        Statement add = new Statement.AlterEnumAddValue(QualifiedName.of("mood"), "happy", false, null, null);
        assertEquals(TransactionUse.NOT_IN_TRANSACTION, effects(add, 11).transactionUse());
        assertEquals(TransactionUse.ANY, effects(add, 12).transactionUse());
    }

    @Test
    void unknownStatementsAreNotModelled() {
        assertFalse(effects(new Statement.DoBlock("BEGIN END", List.of()), 14).modelled());
        assertTrue(effects(new Statement.SetParameter("lock_timeout", "'2s'", false), 14).locks().isEmpty());
    }
}
