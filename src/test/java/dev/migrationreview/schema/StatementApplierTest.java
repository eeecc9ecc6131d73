package dev.migrationreview.schema;

import static dev.migrationreview.schema.Statements.alter;
import static dev.migrationreview.schema.Statements.check;
import static dev.migrationreview.schema.Statements.column;
import static dev.migrationreview.schema.Statements.createTable;
import static dev.migrationreview.schema.Statements.foreignKey;
import static dev.migrationreview.schema.Statements.index;
import static dev.migrationreview.schema.Statements.name;
import static dev.migrationreview.schema.Statements.notNullColumn;
import static dev.migrationreview.schema.Statements.parsed;
import static dev.migrationreview.schema.Statements.primaryKey;
import static dev.migrationreview.schema.Statements.serial;
import static dev.migrationreview.schema.Statements.type;
import static dev.migrationreview.schema.Statements.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.postgres.PostgresNames;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.sql.statement.AlterTableAction;
import dev.migrationreview.sql.statement.ColumnDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition;
import dev.migrationreview.sql.statement.ConstraintDefinition.ConstraintType;
import dev.migrationreview.sql.statement.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatementApplierTest {
    private final StatementApplier applier = new StatementApplier();

    private Schema apply(Schema schema, Statement statement) {
        SchemaReplay.Step step = applier.apply(schema, parsed("-- hand-built", statement));
        assertNull(step.unmodelled(), () -> "expected " + statement + " to be modelled");
        return step.after();
    }

    private Schema apply(Schema schema, String sql, Statement statement) {
        SchemaReplay.Step step = applier.apply(schema, parsed(sql, statement));
        assertNull(step.unmodelled(), () -> "expected " + sql + " to be modelled");
        return step.after();
    }

    /** customers(id bigserial PK); orders(id serial PK, email UNIQUE, customer_id FK, amount CHECK). */
    private Schema shop() {
        Schema s = apply(Schema.EMPTY, createTable("customers", List.of(serial("id", "bigserial")), List.of(primaryKey("id"))));
        return apply(s, createTable("orders",
                List.of(serial("id", "serial"),
                        column("email", "text", unique(null, "email")),
                        column("customer_id", "bigint", foreignKey(null, List.of("customer_id"), "customers", List.of(), false)),
                        column("amount", "numeric")),
                List.of(primaryKey("id"), check(null, "amount > 0", false))));
    }

    @Test
    void unnamedConstraintsIndexesAndSequencesGetPostgresNames() {
        Schema s = shop();
        Table orders = s.table(name("orders")).orElseThrow();
        assertEquals(List.of("id", "email", "customer_id", "amount"), orders.columns().stream().map(Column::name).toList());
        assertEquals(Set.of("orders_pkey", "orders_email_key", "orders_customer_id_fkey", "orders_amount_check"),
                Set.copyOf(orders.constraints().stream().map(Constraint::name).toList()));
        Column id = orders.column("id").orElseThrow();
        assertEquals("integer", id.type().name());
        assertTrue(id.notNull(), "a primary key column is NOT NULL");
        assertEquals("nextval('orders_id_seq'::regclass)", id.defaultExpression());
        assertEquals("bigint", s.table(name("customers")).orElseThrow().column("id").orElseThrow().type().name());
        assertEquals("public.orders.id", s.sequences().get(name("public.orders_id_seq")).ownedBy());
        assertTrue(s.index(name("orders_pkey")).orElseThrow().unique());
        assertTrue(s.index(name("orders_email_key")).orElseThrow().unique());
        Constraint fk = orders.constraint("orders_customer_id_fkey").orElseThrow();
        assertEquals(name("public.customers"), fk.referencedTable());
        assertEquals(List.of("id"), fk.referencedColumns(), "an FK without columns references the primary key");
        assertEquals(List.of("amount"), orders.constraint("orders_amount_check").orElseThrow().columns());
        assertEquals(1, s.foreignKeysReferencing(name("customers")).size());
    }

    @Test
    void checkMentioningSeveralColumnsIsNamedAfterTheTableAndClashesAreNumbered() {
        Schema s = shop();
        s = apply(s, alter("orders", new AlterTableAction.AddConstraint(check(null, "amount > 0 AND customer_id IS NOT NULL", false)),
                new AlterTableAction.AddConstraint(check(null, "amount < 1000", false))));
        Table orders = s.table(name("orders")).orElseThrow();
        assertTrue(orders.constraint("orders_check").isPresent());
        assertTrue(orders.constraint("orders_amount_check1").isPresent());
    }

    @Test
    void addDropRenameAndAlterColumnsCarryDependentObjects() {
        Schema s = shop();
        s = apply(s, alter("orders", new AlterTableAction.AddColumn(notNullColumn("status", "text"), false)));
        s = apply(s, index(null, "orders", false, "status <> 'done'", "status"));
        s = apply(s, index(null, "orders", false, null, "lower(email)"));
        assertTrue(s.index(name("orders_status_idx")).isPresent());
        assertTrue(s.index(name("orders_lower_idx")).isPresent());

        s = apply(s, alter("orders", new AlterTableAction.RenameColumn("email", "contact_email")));
        Table orders = s.table(name("orders")).orElseThrow();
        assertEquals(List.of("contact_email"), orders.constraint("orders_email_key").orElseThrow().columns(),
                "renaming a column keeps the constraint's name but follows the column");
        assertEquals(List.of("lower(contact_email)"), s.index(name("orders_lower_idx")).orElseThrow().elements());
        assertEquals(List.of("contact_email"), s.index(name("orders_email_key")).orElseThrow().elements());

        s = apply(s, alter("orders", new AlterTableAction.AlterColumnType("amount", type("bigint"), null),
                new AlterTableAction.SetDefault("amount", "0"), new AlterTableAction.SetNotNull("amount")));
        Column amount = s.table(name("orders")).orElseThrow().column("amount").orElseThrow();
        assertEquals("bigint", amount.type().name());
        assertEquals("0", amount.defaultExpression());
        assertTrue(amount.notNull());
        s = apply(s, alter("orders", new AlterTableAction.DropDefault("amount"), new AlterTableAction.DropNotNull("amount")));
        amount = s.table(name("orders")).orElseThrow().column("amount").orElseThrow();
        assertNull(amount.defaultExpression());
        assertFalse(amount.notNull());

        s = apply(s, alter("orders", new AlterTableAction.DropColumn("status", false, false),
                new AlterTableAction.DropColumn("amount", false, false)));
        orders = s.table(name("orders")).orElseThrow();
        assertTrue(orders.column("status").isEmpty());
        assertTrue(s.index(name("orders_status_idx")).isEmpty(), "an index on a dropped column goes with it");
        assertTrue(orders.constraint("orders_amount_check").isEmpty(), "a CHECK on a dropped column goes with it");

        s = apply(s, alter("orders", new AlterTableAction.DropColumn("contact_email", false, false)));
        assertTrue(s.index(name("orders_email_key")).isEmpty());
        assertTrue(s.index(name("orders_lower_idx")).isEmpty(), "an expression index mentioning the column goes with it");
        assertTrue(s.table(name("orders")).orElseThrow().constraint("orders_email_key").isEmpty());
    }

    @Test
    void droppingAReferencedColumnDropsForeignKeysAndRenamingFollowsThem() {
        Schema s = shop();
        s = apply(s, alter("customers", new AlterTableAction.RenameColumn("id", "customer_no")));
        assertEquals(List.of("customer_no"), s.table(name("orders")).orElseThrow().constraint("orders_customer_id_fkey").orElseThrow().referencedColumns());
        assertEquals("public.customers.customer_no", s.sequences().get(name("public.customers_id_seq")).ownedBy());
        s = apply(s, alter("customers", new AlterTableAction.DropColumn("customer_no", false, true)));
        assertTrue(s.foreignKeysReferencing(name("customers")).isEmpty());
        assertTrue(s.sequences().get(name("public.customers_id_seq")) == null, "the serial's sequence is dropped with its column");
    }

    @Test
    void constraintsAddedNotValidAreValidatedLater() {
        Schema s = shop();
        s = apply(s, alter("orders", new AlterTableAction.AddColumn(column("referrer_id", "bigint"), false)));
        s = apply(s, alter("orders", new AlterTableAction.AddConstraint(foreignKey(null, List.of("referrer_id"), "customers", List.of("id"), true))));
        Constraint fk = s.table(name("orders")).orElseThrow().constraint("orders_referrer_id_fkey").orElseThrow();
        assertFalse(fk.validated());
        s = apply(s, alter("orders", new AlterTableAction.ValidateConstraint("orders_referrer_id_fkey")));
        assertTrue(s.table(name("orders")).orElseThrow().constraint("orders_referrer_id_fkey").orElseThrow().validated());
        s = apply(s, alter("orders", new AlterTableAction.DropConstraint("orders_referrer_id_fkey", false, false)));
        assertTrue(s.table(name("orders")).orElseThrow().constraint("orders_referrer_id_fkey").isEmpty());
        SchemaReplay.Step again = applier.apply(s, parsed("ALTER TABLE orders DROP CONSTRAINT orders_referrer_id_fkey",
                alter("orders", new AlterTableAction.DropConstraint("orders_referrer_id_fkey", false, false))));
        assertNotNull(again.unmodelled());
        assertNull(applier.apply(s, parsed("-", alter("orders", new AlterTableAction.DropConstraint("orders_referrer_id_fkey", true, false)))).unmodelled());
    }

    @Test
    void constraintUsingIndexTakesTheIndexOver() {
        Schema s = apply(Schema.EMPTY, createTable("accounts", List.of(column("id", "bigint"), column("login", "text")), List.of()));
        s = apply(s, new Statement.CreateIndex(name("accounts_id_new"), name("accounts"), true, true, false, false, List.of("id"), null, null, List.of()));
        s = apply(s, alter("accounts", new AlterTableAction.AddConstraint(new ConstraintDefinition("accounts_pkey", ConstraintType.PRIMARY_KEY,
                List.of(), null, List.of(), null, false, "accounts_id_new", null))));
        assertTrue(s.index(name("accounts_id_new")).isEmpty());
        Index pk = s.index(name("accounts_pkey")).orElseThrow();
        assertTrue(pk.unique() && pk.valid());
        Table accounts = s.table(name("accounts")).orElseThrow();
        assertEquals(List.of("id"), accounts.primaryKey().orElseThrow().columns());
        assertTrue(accounts.column("id").orElseThrow().notNull());
    }

    @Test
    void renamingATableCarriesReferencesIndexesViewsAndSequences() {
        Schema s = shop();
        s = apply(s, new Statement.CreateView(name("big_customers"), false, false, true, "SELECT * FROM customers", List.of(name("customers"))));
        s = apply(s, alter("customers", new AlterTableAction.RenameTable("clients")));
        assertTrue(s.table(name("customers")).isEmpty());
        assertTrue(s.table(name("clients")).isPresent());
        assertEquals(name("public.clients"), s.table(name("orders")).orElseThrow().constraint("orders_customer_id_fkey").orElseThrow().referencedTable());
        assertEquals(name("public.clients"), s.index(name("customers_pkey")).orElseThrow().table(), "PostgreSQL keeps index names on rename");
        assertEquals(List.of(name("public.clients")), s.view(name("big_customers")).orElseThrow().baseTables());
        assertEquals("public.clients.id", s.sequences().get(name("public.customers_id_seq")).ownedBy());

        s = apply(s, new Statement.CreateSchema("billing", false));
        s = apply(s, alter("clients", new AlterTableAction.SetSchema("billing")));
        assertTrue(s.table(name("billing.clients")).isPresent());
        assertTrue(s.index(name("billing.customers_pkey")).isPresent());
        assertEquals(name("billing.clients"), s.table(name("orders")).orElseThrow().constraint("orders_customer_id_fkey").orElseThrow().referencedTable());
    }

    @Test
    void droppingATableDropsItsIndexesSequencesAndReferencingForeignKeys() {
        Schema s = shop();
        s = apply(s, new Statement.DropTable(List.of(name("customers")), false, true));
        assertTrue(s.table(name("customers")).isEmpty());
        assertTrue(s.index(name("customers_pkey")).isEmpty());
        assertTrue(s.sequences().get(name("public.customers_id_seq")) == null);
        assertTrue(s.table(name("orders")).orElseThrow().constraint("orders_customer_id_fkey").isEmpty());
        assertNull(applier.apply(s, parsed("DROP TABLE IF EXISTS customers", new Statement.DropTable(List.of(name("customers")), true, false))).unmodelled());
    }

    @Test
    void indexesGetDefaultNamesAndCollisionsAreNumbered() {
        Schema s = shop();
        s = apply(s, index(null, "orders", false, null, "customer_id"));
        s = apply(s, index(null, "orders", false, null, "customer_id DESC"));
        s = apply(s, index(null, "orders", true, null, "customer_id", "amount"));
        s = apply(s, index(null, "orders", false, null, "(amount * 2)"));
        assertTrue(s.index(name("orders_customer_id_idx")).isPresent());
        assertTrue(s.index(name("orders_customer_id_idx1")).isPresent());
        Index composite = s.index(name("orders_customer_id_amount_idx")).orElseThrow();
        assertTrue(composite.unique());
        assertEquals(List.of("customer_id", "amount"), composite.elements());
        assertTrue(s.index(name("orders_expr_idx")).isPresent());
        s = apply(s, new Statement.AlterIndex(name("orders_customer_id_idx1"), false, "RENAME TO", "orders_by_customer", null));
        assertTrue(s.index(name("orders_by_customer")).isPresent());
        s = apply(s, new Statement.DropIndex(List.of(name("orders_by_customer")), true, false, false));
        assertTrue(s.index(name("orders_by_customer")).isEmpty());
        SchemaReplay.Step duplicate = applier.apply(s, parsed("CREATE INDEX orders_customer_id_idx ON orders (id)",
                index("orders_customer_id_idx", "orders", false, null, "id")));
        assertNotNull(duplicate.unmodelled());
        assertNull(applier.apply(s, parsed("-", new Statement.CreateIndex(name("orders_customer_id_idx"), name("orders"), false, false, true, false,
                List.of("id"), null, null, List.of()))).unmodelled(), "IF NOT EXISTS on an existing index is fine");
    }

    @Test
    void renamingAConstraintIndexRenamesTheConstraint() {
        Schema s = shop();
        s = apply(s, new Statement.AlterIndex(name("orders_email_key"), false, "RENAME TO", "orders_email_unique", null));
        assertTrue(s.table(name("orders")).orElseThrow().constraint("orders_email_unique").isPresent());
    }

    @Test
    void longNamesAreTruncatedTheWayPostgresTruncatesThem() {
        String table = "a_really_long_table_name_for_testing_identifier_truncation";
        Schema s = apply(Schema.EMPTY, createTable(table, List.of(column("another_quite_long_column_name", "int")), List.of()));
        s = apply(s, index(null, table, false, null, "another_quite_long_column_name"));
        String expected = PostgresNames.makeObjectName(table, "another_quite_long_column_name", "idx");
        assertEquals(63, expected.length());
        // both parts are cut to 29 characters, the longer one first, as makeObjectName does
        assertEquals("a_really_long_table_name_for__another_quite_long_column_nam_idx", expected);
        assertTrue(s.index(name(expected)).isPresent());
    }

    @Test
    void enumValuesAreAddedRenamedAndTypesDropped() {
        Schema s = apply(Schema.EMPTY, new Statement.CreateEnumType(name("status"), List.of("new", "done")));
        s = apply(s, new Statement.AlterEnumAddValue(name("status"), "paid", false, "done", null));
        s = apply(s, new Statement.AlterEnumAddValue(name("status"), "shipped", false, null, "paid"));
        s = apply(s, new Statement.AlterEnumAddValue(name("status"), "refunded", false, null, null));
        s = apply(s, new Statement.AlterEnumAddValue(name("status"), "paid", true, null, null));
        assertEquals(List.of("new", "paid", "shipped", "done", "refunded"), s.enumType(name("status")).orElseThrow().values());
        assertNotNull(applier.apply(s, parsed("-", new Statement.AlterEnumAddValue(name("status"), "paid", false, null, null))).unmodelled());
        s = apply(s, new Statement.AlterEnumRenameValue(name("status"), "done", "delivered"));
        assertEquals(List.of("new", "paid", "shipped", "delivered", "refunded"), s.enumType(name("status")).orElseThrow().values());
        s = apply(s, createTable("parcels", List.of(column("state", "status")), List.of()));
        s = apply(s, new Statement.AlterType(name("status"), "RENAME TO", "parcel_status"));
        assertEquals("parcel_status", s.table(name("parcels")).orElseThrow().column("state").orElseThrow().type().name());
        s = apply(s, new Statement.DropType(List.of(name("parcel_status")), false, false));
        assertTrue(s.enums().isEmpty());
    }

    @Test
    void statementsOnUnknownObjectsAreReportedAndLeaveTheSchemaAlone() {
        Schema s = shop();
        SchemaReplay.Step step = applier.apply(s, parsed("ALTER TABLE ghosts ADD COLUMN x int",
                alter("ghosts", new AlterTableAction.AddColumn(column("x", "int"), false))));
        assertEquals(s, step.after());
        assertTrue(step.unmodelled().contains("ghosts"), step.unmodelled());
        assertNull(applier.apply(s, parsed("-", new Statement.AlterTable(name("ghosts"), true, false,
                List.of(new AlterTableAction.DropColumn("x", false, false))))).unmodelled(), "ALTER TABLE IF EXISTS on a missing table is fine");
        assertNotNull(applier.apply(s, parsed("CREATE INDEX ON ghosts (x)", index(null, "ghosts", false, null, "x"))).unmodelled());
        assertNotNull(applier.apply(s, parsed("DO $$ BEGIN END $$", new Statement.DoBlock("BEGIN END", List.of()))).unmodelled());
        assertNotNull(applier.apply(s, parsed("FOO", new Statement.Unrecognised("no idea"))).unmodelled());
        SchemaReplay.Step insert = applier.apply(s, parsed("INSERT INTO orders VALUES (1)", new Statement.Insert(name("orders"), false, List.of())));
        assertSame(s, insert.after());
        assertNull(insert.unmodelled());
        SchemaReplay.Step other = applier.apply(s, parsed("-", alter("orders", new AlterTableAction.Other("SOMETHING NEW"))));
        assertTrue(other.unmodelled().contains("SOMETHING NEW"));
    }

    @Test
    void createTableIfNotExistsKeepsTheExistingTable() {
        Schema s = shop();
        Statement.CreateTable again = new Statement.CreateTable(name("orders"), true, false, false, List.of(column("x", "int")), List.of(),
                null, null, null, false, List.of());
        Schema after = apply(s, again);
        assertEquals(s.table(name("orders")), after.table(name("orders")));
        assertNotNull(applier.apply(s, parsed("-", createTable("orders", List.of(column("x", "int")), List.of()))).unmodelled());
    }

    @Test
    void searchPathDecidesWhereUnqualifiedNamesGo() {
        Schema s = apply(Schema.EMPTY, new Statement.CreateSchema("app", false));
        s = apply(s, new Statement.SetParameter("search_path", "app, public", false));
        assertEquals("app", s.defaultSchema());
        s = apply(s, createTable("things", List.of(column("id", "int")), List.of()));
        assertTrue(s.tables().containsKey(name("app.things")));
        s = apply(s, "SELECT pg_catalog.set_config('search_path', '', false)", new Statement.Select(List.of()));
        assertEquals("public", s.defaultSchema());
        assertTrue(s.table(name("things")).isEmpty());
        assertTrue(s.table(name("app.things")).isPresent());
    }

    @Test
    void partitionsInheritColumnsAndAttachAndDetach() {
        Statement.CreateTable events = new Statement.CreateTable(name("events"), false, false, false,
                List.of(notNullColumn("id", "bigint"), notNullColumn("created_at", "timestamp with time zone")),
                List.of(primaryKey("id", "created_at")), "RANGE (created_at)", null, null, false, List.of());
        Schema s = apply(Schema.EMPTY, events);
        s = apply(s, index(null, "events", false, null, "created_at"));
        s = apply(s, new Statement.CreateTable(name("events_2024"), false, false, false, List.of(), List.of(), null, name("events"),
                "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", false, List.of()));
        Table partition = s.table(name("events_2024")).orElseThrow();
        assertEquals(name("public.events"), partition.partitionOf());
        assertEquals(List.of("id", "created_at"), partition.columns().stream().map(Column::name).toList());
        assertEquals("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", partition.partitionBound());
        assertTrue(partition.constraint("events_2024_pkey").isPresent());
        assertTrue(s.index(name("events_2024_created_at_idx")).isPresent());
        assertTrue(s.table(name("events")).orElseThrow().partitioned());

        s = apply(s, alter("events", new AlterTableAction.AddColumn(column("kind", "text"), false),
                new AlterTableAction.RenameColumn("id", "event_id")));
        assertEquals(List.of("event_id", "created_at", "kind"),
                s.table(name("events_2024")).orElseThrow().columns().stream().map(Column::name).toList(), "column changes reach partitions");
        s = apply(s, alter("events", new AlterTableAction.AddConstraint(check(null, "length(kind) < 10", false)),
                new AlterTableAction.AddConstraint(unique(null, "event_id", "created_at"))));
        Table p2024 = s.table(name("events_2024")).orElseThrow();
        assertTrue(p2024.constraint("events_kind_check").isPresent(), "a CHECK keeps the parent's name on partitions");
        assertTrue(p2024.constraint("events_2024_event_id_created_at_key").isPresent(), "a UNIQUE gets the partition's own name");
        assertTrue(s.index(name("events_2024_event_id_created_at_key")).isPresent());
        s = apply(s, alter("events", new AlterTableAction.DropColumn("kind", false, false)));
        assertTrue(s.table(name("events_2024")).orElseThrow().column("kind").isEmpty());

        s = apply(s, alter("events", new AlterTableAction.DetachPartition(name("events_2024"), true, false)));
        assertNull(s.table(name("events_2024")).orElseThrow().partitionOf());
        s = apply(s, alter("events", new AlterTableAction.AttachPartition(name("events_2024"), "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")));
        assertEquals(name("public.events"), s.table(name("events_2024")).orElseThrow().partitionOf());
        assertEquals(1, s.indexesOn(name("events_2024")).stream().filter(i -> i.elements().equals(List.of("created_at"))).count(),
                "re-attaching reuses the partition's matching index");

        s = apply(s, createTable("events_2025", List.of(notNullColumn("event_id", "bigint"), notNullColumn("created_at", "timestamptz")), List.of()));
        s = apply(s, alter("events", new AlterTableAction.AttachPartition(name("events_2025"), "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")));
        assertTrue(s.table(name("events_2025")).orElseThrow().constraint("events_2025_pkey").isPresent(), "attaching clones the primary key");
        assertTrue(s.index(name("events_2025_created_at_idx")).isPresent(), "and the parent's indexes");
        s = apply(s, new Statement.DropTable(List.of(name("events")), false, false));
        assertTrue(s.tables().isEmpty(), "dropping a partitioned table drops its partitions");
        assertTrue(s.indexes().isEmpty());
    }

    @Test
    void identityAndGeneratedColumns() {
        ColumnDefinition id = new ColumnDefinition("id", type("bigint"), false, null, "ALWAYS", null, false, List.of());
        ColumnDefinition total = new ColumnDefinition("total", type("numeric"), false, null, null, "price * qty", false, List.of());
        Schema s = apply(Schema.EMPTY, createTable("lines", List.of(id, column("price", "numeric"), column("qty", "int"), total), List.of()));
        Table lines = s.table(name("lines")).orElseThrow();
        assertEquals("ALWAYS", lines.column("id").orElseThrow().identity());
        assertTrue(lines.column("id").orElseThrow().notNull());
        assertTrue(s.sequences().containsKey(name("public.lines_id_seq")));
        assertEquals("price * qty", lines.column("total").orElseThrow().generatedExpression());
        s = apply(s, alter("lines", new AlterTableAction.RenameColumn("qty", "quantity")));
        assertEquals("price * quantity", s.table(name("lines")).orElseThrow().column("total").orElseThrow().generatedExpression());
        s = apply(s, alter("lines", new AlterTableAction.AlterIdentity("id", "DROP IDENTITY"), new AlterTableAction.AlterIdentity("total", "DROP EXPRESSION")));
        lines = s.table(name("lines")).orElseThrow();
        assertNull(lines.column("id").orElseThrow().identity());
        assertNull(lines.column("total").orElseThrow().generatedExpression());
        s = apply(s, alter("lines", new AlterTableAction.AlterIdentity("id", "ADD GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME public.lines_id_seq START WITH 1)")));
        assertEquals("BY DEFAULT", s.table(name("lines")).orElseThrow().column("id").orElseThrow().identity());
        assertEquals("public.lines.id", s.sequences().get(name("public.lines_id_seq")).ownedBy());
    }

    @Test
    void viewsAndSequences() {
        Schema s = shop();
        s = apply(s, new Statement.CreateView(name("totals"), false, true, true, "SELECT customer_id, sum(amount) FROM orders GROUP BY 1",
                List.of(name("orders"))));
        s = apply(s, index(null, "totals", true, null, "customer_id"));
        assertTrue(s.index(name("totals_customer_id_idx")).isPresent());
        assertTrue(s.view(name("totals")).orElseThrow().materialized());
        s = apply(s, new Statement.DropView(List.of(name("totals")), true, false, false));
        assertTrue(s.view(name("totals")).isEmpty());
        assertTrue(s.index(name("totals_customer_id_idx")).isEmpty());

        s = apply(s, new Statement.CreateSequence(name("invoice_numbers"), false, null));
        s = apply(s, new Statement.AlterSequence(name("invoice_numbers"), "OWNED BY", null, "public.orders.id"));
        assertEquals("public.orders.id", s.sequences().get(name("public.invoice_numbers")).ownedBy());
        s = apply(s, new Statement.AlterSequence(name("invoice_numbers"), "RENAME TO", "invoice_no", null));
        assertTrue(s.sequence(name("invoice_no")).isPresent());
        s = apply(s, new Statement.DropSequence(List.of(name("invoice_no")), false));
        assertTrue(s.sequence(name("invoice_no")).isEmpty());
    }

    @Test
    void dropCascadeTakesDependentViewsAlong() {
        Schema s = shop();
        s = apply(s, new Statement.CreateView(name("order_view"), false, false, true, "SELECT * FROM orders", List.of(name("orders"))));
        s = apply(s, new Statement.CreateView(name("order_mview"), false, true, true, "SELECT * FROM order_view", List.of(name("order_view"))));
        s = apply(s, index(null, "order_mview", false, null, "id"));
        s = apply(s, new Statement.DropView(List.of(name("order_view")), false, false, true));
        assertTrue(s.views().isEmpty(), "the materialized view built on the view went too");
        assertTrue(s.index(name("order_mview_id_idx")).isEmpty());
    }

    @Test
    void identifiersLongerThan63BytesAreCutAsPostgresCutsThem() {
        Schema s = shop();
        String longName = "idx_orders_customer_id_and_amount_for_the_monthly_reporting_job_x";
        s = apply(s, index(longName, "orders", false, null, "customer_id"));
        assertTrue(s.index(name(longName.substring(0, 63))).isPresent());
        s = apply(s, new Statement.DropIndex(List.of(name(longName)), false, false, false));
        assertTrue(s.index(name(longName.substring(0, 63))).isEmpty(), "dropping by the full name finds the cut one");
    }

    @Test
    void deferrabilityChangesNeedNoModelling() {
        Schema s = shop();
        SchemaReplay.Step step = applier.apply(s, parsed("-", alter("orders", new AlterTableAction.Other("ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE"))));
        assertNull(step.unmodelled());
    }

    @Test
    void schemaRecordsKeepTheirOlderConstructors() {
        Schema old = new Schema(java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of());
        assertEquals(Schema.EMPTY, old);
        assertEquals(QualifiedName.DEFAULT_SCHEMA, old.defaultSchema());
        Table t = new Table(name("public.t"), List.of(), List.of(), null, null, false);
        assertNull(t.partitionBound());
    }
}
