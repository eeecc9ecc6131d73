package dev.migrationreview.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.migrationreview.format.MigrationScript;
import dev.migrationreview.format.MigrationTool;
import dev.migrationreview.sql.QualifiedName;
import dev.migrationreview.postgres.sql.PostgresStatementParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay through the real parser: SQL text in, schema out. */
class HistoryReplayTest {
    private final HistoryReplay replay = new HistoryReplay(new PostgresStatementParser());

    private static MigrationScript flyway(String path, String sql) {
        int lines = sql.split("\n", -1).length;
        return new MigrationScript(path, MigrationTool.FLYWAY, null, sql, List.of(new MigrationScript.Section(1, lines, true)));
    }

    private static QualifiedName n(String name) {
        return QualifiedName.parse(name);
    }

    @Test
    void multiFileHistoryEvolvesTablesColumnsIndexesConstraintsAndEnums() {
        List<MigrationScript> history = List.of(
                flyway("db/migration/V1__init.sql", """
                        CREATE TYPE order_status AS ENUM ('new', 'shipped');
                        CREATE TABLE customers (
                            id bigserial PRIMARY KEY,
                            email varchar(255) NOT NULL UNIQUE
                        );
                        CREATE TABLE orders (
                            id serial PRIMARY KEY,
                            customer_id bigint NOT NULL REFERENCES customers,
                            status order_status NOT NULL DEFAULT 'new',
                            amount numeric(10,2) CHECK (amount >= 0),
                            note text
                        );
                        CREATE INDEX ON orders (customer_id);
                        """),
                flyway("db/migration/V2__changes.sql", """
                        ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                        ALTER TABLE orders RENAME COLUMN note TO remark;
                        ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);
                        ALTER TABLE orders ALTER COLUMN remark SET DEFAULT '';
                        ALTER TYPE order_status ADD VALUE 'paid' BEFORE 'shipped';
                        ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'paid';
                        CREATE UNIQUE INDEX CONCURRENTLY orders_remark_idx ON orders (lower(remark)) WHERE remark <> '';
                        ALTER TABLE orders ADD CONSTRAINT orders_shipped_check CHECK (shipped_at IS NULL OR status = 'shipped') NOT VALID;
                        """),
                flyway("db/migration/V3__more.sql", """
                        -- a comment between statements
                        ALTER TABLE orders VALIDATE CONSTRAINT orders_shipped_check;
                        ALTER TABLE orders DROP COLUMN remark;
                        ALTER TABLE customers RENAME TO clients;
                        ALTER INDEX orders_customer_id_idx RENAME TO orders_by_client;
                        ALTER TYPE order_status RENAME VALUE 'new' TO 'created';
                        DO $$ BEGIN PERFORM 1; END $$;
                        """));
        SchemaReplay.Result result = replay.replay(Schema.EMPTY, history);
        Schema s = result.schema();

        assertEquals(List.of("db/migration/V3__more.sql:7: DO block: what it changes in the schema is not modelled"), result.unmodelled());
        Table orders = s.table(n("orders")).orElseThrow();
        assertEquals(List.of("id", "customer_id", "status", "amount", "shipped_at"), orders.columns().stream().map(Column::name).toList());
        assertEquals(List.of(12, 2), orders.column("amount").orElseThrow().type().modifiers());
        assertEquals("timestamp with time zone", orders.column("shipped_at").orElseThrow().type().name());
        assertTrue(s.index(n("orders_remark_idx")).isEmpty(), "dropping remark dropped its expression index");
        assertTrue(orders.constraint("orders_shipped_check").orElseThrow().validated());
        assertTrue(orders.constraint("orders_amount_check").isPresent());
        assertTrue(orders.constraint("orders_pkey").isPresent());
        assertEquals(n("public.clients"), orders.constraint("orders_customer_id_fkey").orElseThrow().referencedTable());
        assertEquals(List.of("id"), orders.constraint("orders_customer_id_fkey").orElseThrow().referencedColumns());
        assertEquals(n("public.orders"), s.index(n("orders_by_client")).orElseThrow().table());
        assertTrue(s.table(n("clients")).orElseThrow().constraint("customers_email_key").isPresent(), "constraint names survive a table rename");
        assertEquals(List.of("created", "paid", "shipped"), s.enumType(n("order_status")).orElseThrow().values());
        assertEquals("nextval('orders_id_seq'::regclass)", orders.column("id").orElseThrow().defaultExpression());
    }

    @Test
    void downSectionsAreNeverApplied() {
        String sql = """
                -- migrate:up
                CREATE TABLE things (id int);
                -- migrate:down
                DROP TABLE things;
                """;
        MigrationScript script = new MigrationScript("db/migrations/1_things.sql", MigrationTool.DBMATE, "1", sql,
                List.of(new MigrationScript.Section(1, 2, true)));
        Schema s = replay.replay(Schema.EMPTY, List.of(script)).schema();
        assertTrue(s.table(n("things")).isPresent());
    }

    @Test
    void searchPathAndTemporaryTablesDoNotOutliveTheirFile() {
        SchemaReplay.Result r = replay.replay(Schema.EMPTY, List.of(
                flyway("V1.sql", "CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TABLE a (id int);\nCREATE TEMP TABLE scratch (x int);"),
                flyway("V2.sql", "CREATE TABLE b (id int);")));
        Schema s = r.schema();
        assertTrue(s.table(n("app.a")).isPresent());
        assertTrue(s.table(n("public.b")).isPresent());
        assertTrue(s.table(n("scratch")).isEmpty() && s.table(n("app.scratch")).isEmpty());
        assertEquals("public", s.defaultSchema());
        assertEquals(List.of(), r.unmodelled());
    }

    @Test
    void pgDumpIdiomsLoad() {
        String dump = """
                SET statement_timeout = 0;
                SELECT pg_catalog.set_config('search_path', '', false);
                CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
                COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';
                CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
                SET default_table_access_method = heap;
                CREATE TABLE public.users (
                    id bigint NOT NULL,
                    email character varying NOT NULL,
                    account_id bigint
                );
                CREATE SEQUENCE public.users_id_seq
                    START WITH 1
                    INCREMENT BY 1
                    NO MINVALUE
                    NO MAXVALUE
                    CACHE 1;
                ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;
                CREATE TABLE public.accounts (id bigint NOT NULL);
                ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);
                ALTER TABLE ONLY public.users
                    ADD CONSTRAINT users_pkey PRIMARY KEY (id);
                ALTER TABLE ONLY public.accounts
                    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);
                CREATE UNIQUE INDEX index_users_on_email ON public.users USING btree (email);
                CREATE INDEX index_users_on_lower_email ON public.users USING btree (lower((email)::text)) WHERE (account_id IS NOT NULL);
                CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION public.touch();
                ALTER TABLE ONLY public.users
                    ADD CONSTRAINT fk_rails_0123456789 FOREIGN KEY (account_id) REFERENCES public.accounts(id);
                COMMENT ON TABLE public.users IS 'people';
                SET search_path TO "$user", public;
                INSERT INTO "schema_migrations" (version) VALUES
                ('20240101000000'),
                ('20240102000000');
                """;
        SchemaReplay.Result r = replay.replay(Schema.EMPTY, List.of(flyway("db/structure.sql", dump)));
        assertEquals(List.of(), r.unmodelled());
        Schema s = r.schema();
        Table users = s.table(n("users")).orElseThrow();
        assertEquals("nextval('public.users_id_seq'::regclass)", users.column("id").orElseThrow().defaultExpression());
        assertEquals("public.users.id", s.sequence(n("users_id_seq")).orElseThrow().ownedBy());
        assertTrue(users.column("id").orElseThrow().notNull());
        Index lower = s.index(n("index_users_on_lower_email")).orElseThrow();
        assertFalse(lower.unique());
        assertEquals("btree", lower.method());
        assertTrue(lower.where().contains("account_id"));
        assertTrue(s.index(n("index_users_on_email")).orElseThrow().unique());
        assertEquals(1, s.foreignKeysReferencing(n("accounts")).size());
        assertNull(s.table(n("schema_migrations")).orElse(null), "INSERT creates nothing");
    }
}
